from django.urls import path

from mentoring import views_audit as views

app_name = "audit"

urlpatterns = [
    path("", views.audit_log, name="log"),
    path("people/<int:pk>/", views.audit_person, name="person"),
    path("people/<int:pk>/data.xlsx", views.person_data_export, {"fmt": "xlsx"}, name="person_data_xlsx"),
    path("people/<int:pk>/data.json", views.person_data_export, {"fmt": "json"}, name="person_data_json"),
]
