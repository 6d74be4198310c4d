"""URLs of notifications and of the personal-data access log, included by mentoring/urls.py."""

from django.urls import path

from mentoring import views_outreach as views

notification_patterns = [
    path("", views.notifications, name="list"),
    path("<int:pk>/", views.notification_open, name="open"),
    path("read-all/", views.notifications_read_all, name="read_all"),
    path("settings/", views.notification_settings, name="settings"),
]

audit_patterns = [
    path("", views.audit_log, name="log"),
    path("people/<int:pk>/", views.audit_person, name="person"),
    path("people/<int:pk>/data.xlsx", views.person_data_export, {"fmt": "xlsx"}, name="person_data_xlsx"),
    path("people/<int:pk>/data.json", views.person_data_export, {"fmt": "json"}, name="person_data_json"),
]
