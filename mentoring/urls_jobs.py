from django.urls import path

from mentoring import views_jobs as views

app_name = "jobs"

urlpatterns = [
    path("", views.job_list, name="list"),
    path("<int:pk>/", views.job_detail, name="detail"),
    path("<int:pk>/file/", views.job_file, name="file"),
    path("<int:pk>/restart/", views.job_restart, name="restart"),
]
