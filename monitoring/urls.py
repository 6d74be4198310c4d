from django.urls import path

from monitoring import views

app_name = "monitoring"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("region/", views.region, name="region"),
    path("questionnaires/", views.questionnaires, name="questionnaires"),
    path("questionnaires/standard/", views.questionnaires_seed, name="questionnaires_seed"),
    path("questionnaires/new/", views.questionnaire_new, name="questionnaire_new"),
    path("questionnaires/<int:pk>/", views.questionnaire_detail, name="questionnaire"),
    path("questionnaires/<int:pk>/questions/", views.question_add, name="question_add"),
    path("questionnaires/<int:pk>/questions/<int:question_pk>/delete/", views.question_delete, name="question_delete"),
    path("questionnaires/<int:pk>/results/", views.questionnaire_results, name="results"),
    path("questionnaires/<int:pk>/links/", views.questionnaire_links, name="links"),
    path("my/", views.my_questionnaires, name="my"),
    path("my/<int:pk>/", views.fill, name="fill"),
    path("answers/<int:pk>/", views.response_detail, name="response"),
    path("a/<str:token>/", views.fill_token, name="fill_token"),
    path("efficiency/", views.assessments, name="assessments"),
    path("efficiency/new/", views.assessment_new, name="assessment_new"),
    path("efficiency/<int:pk>/", views.assessment_edit, name="assessment_edit"),
    path("efficiency/<int:pk>/pdf/", views.assessment_pdf, name="assessment_pdf"),
    path("efficiency/<int:pk>/docx/", views.assessment_docx, name="assessment_docx"),
    path("efficiency/<int:pk>/xlsx/", views.assessment_xlsx, name="assessment_xlsx"),
    path("kpi/", views.kpis, name="kpis"),
    path("kpi/target/", views.kpi_target, name="kpi_target"),
    path("kpi/preset/", views.kpi_preset, name="kpi_preset"),
    path("annual-report.pdf", views.school_annual, {"fmt": "pdf"}, name="school_annual_pdf"),
    path("annual-report.xlsx", views.school_annual, {"fmt": "xlsx"}, name="school_annual_xlsx"),
    path("annual-report.docx", views.school_annual, {"fmt": "docx"}, name="school_annual_docx"),
    path("region/report.xlsx", views.region_xlsx, name="region_xlsx"),
    path("programmes/<int:pk>/annual-report.pdf", views.annual_pdf, name="annual_pdf"),
    path("programmes/<int:pk>/annual-report.docx", views.annual_docx, name="annual_docx"),
    path("programmes/<int:pk>/annual-report.xlsx", views.annual_xlsx, name="annual_xlsx"),
]
