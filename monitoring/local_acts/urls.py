from django.urls import path

from monitoring.local_acts import views

app_name = "local_acts"

urlpatterns = [
    path("", views.index, name="index"),
    path("prepare/", views.prepare, name="prepare"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/document.pdf", views.act_document_pdf, name="act_pdf"),
    path("<int:pk>/document.docx", views.act_document_docx, name="act_docx"),
    path("sections/<int:pk>/edit/", views.section_edit, name="section_edit"),
    path("sections/<int:pk>/redraft/", views.section_redraft, name="section_redraft"),
    path("<slug:kind>.pdf", views.document_pdf, name="document_pdf"),
    path("<slug:kind>.docx", views.document_docx, name="document_docx"),
]
