from django.urls import path

from roadmap import views, views_calendar, views_import

app_name = "roadmap"

urlpatterns = [
    path("", views.index, name="index"),
    path("load/", views.load, name="load"),
    path("calendar/", views_calendar.calendar_edit, name="calendar"),
    path("import/", views_import.import_upload, name="import"),
    path("import/confirm/", views_import.import_confirm, name="import_confirm"),
    path("my/", views.my_tasks, name="my_tasks"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/timeline/", views.timeline, name="timeline"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/activities/new/", views.activity_new, name="activity_new"),
    path("<int:pk>/annex.pdf", views.export_pdf, name="export_pdf"),
    path("<int:pk>/annex.docx", views.export_docx, name="export_docx"),
    path("<int:pk>/roadmap.xlsx", views.export_xlsx, name="export_xlsx"),
    path("events/<int:pk>/", views.event, name="event"),
    path("activities/<int:pk>/", views.activity, name="activity"),
    path("activities/<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("activities/<int:pk>/progress/", views.progress, name="progress"),
    path("activities/<int:pk>/comment/", views.comment, name="comment"),
    path("activities/<int:pk>/evidence/", views.evidence, name="evidence"),
]
