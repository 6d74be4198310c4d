"""The public page of an organization: /o/<slug>/ — no login, a stable address for the school's site."""

from django.urls import path

from programs import views_files, views_public

app_name = "public"

urlpatterns = [
    path("", views_public.organization_page, name="organization"),
    path("practices/<int:pk>/", views_public.practice, name="practice"),
    path("practices/<int:pk>/attachment/", views_files.public_practice_attachment, name="practice_attachment"),
]
