from django.urls import path

from mentoring import views_notifications as views

app_name = "notifications"

urlpatterns = [
    path("", views.notifications, name="list"),
    path("<int:pk>/", views.notification_open, name="open"),
    path("read-all/", views.notifications_read_all, name="read_all"),
    path("settings/", views.notification_settings, name="settings"),
]
