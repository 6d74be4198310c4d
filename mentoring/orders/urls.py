from django.urls import path

from mentoring.orders import views

app_name = "orders"

urlpatterns = [
    path("", views.order_list, name="list"),
    path("new/", views.order_create, name="create"),
    path("<int:pk>/", views.order_detail, name="detail"),
    path("<int:pk>/edit/", views.order_edit, name="edit"),
    path("<int:pk>/people/", views.order_subject_add, name="subject_add"),
    path("<int:pk>/people/<int:subject_pk>/remove/", views.order_subject_remove, name="subject_remove"),
    path("<int:pk>/sign/", views.order_sign, name="sign"),
    path("<int:pk>/delete/", views.order_delete, name="delete"),
    path("<int:pk>/cancel/", views.order_cancel, name="cancel"),
    path("<int:pk>/pdf/", views.order_pdf, name="pdf"),
    path("<int:pk>/docx/", views.order_docx, name="docx"),
    path("<int:pk>/extract/", views.order_extract, name="extract"),
    path("<int:pk>/extract/docx/", views.order_extract_docx, name="extract_docx"),
    path("<int:pk>/scan/", views.order_scan, name="scan"),
    path("<int:pk>/scan/upload/", views.order_scan_upload, name="scan_upload"),
    path("signatories/", views.signatory_list, name="signatories"),
    path("signatories/<int:pk>/end/", views.signatory_end, name="signatory_end"),
    path("wording/", views.wording_list, name="wordings"),
    path("wording/<slug:kind>/", views.wording_edit, name="wording_edit"),
    path("wording/<slug:kind>/reset/", views.wording_reset, name="wording_reset"),
]
