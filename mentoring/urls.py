from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from mentoring import views, views_documents
from mentoring.forms import LoginForm
from mentoring.password_reset import RateLimitedPasswordResetView

admin.site.site_header = "Наставничество — администрирование"
admin.site.site_title = "Наставничество"
admin.site.index_title = "Управление порталом"

auth_patterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("password/change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path(
        "password/reset/",
        RateLimitedPasswordResetView.as_view(),
        name="password_reset",
    ),
    path("password/reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("password/reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("profile/", views.profile, name="profile"),
    path("organization/", views.organization_requisites, name="organization_requisites"),
    path("region/", views.region_organizations, name="region_organizations"),
    path("documents/", views_documents.documents, name="documents"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/", include(auth_patterns)),
    path("participants/", include("participants.urls")),
    path("programs/", include("programs.urls")),
    path("roadmap/", include("roadmap.urls")),
    path("monitoring/", include("monitoring.urls")),
    path("documents/local-acts/", include("monitoring.local_acts.urls")),
    path("orders/", include("mentoring.orders.urls")),
    path("notifications/", include("mentoring.urls_notifications")),
    path("jobs/", include("mentoring.urls_jobs")),
    path("personal-data/", include("mentoring.urls_audit")),
    path("o/<slug:slug>/", include("programs.urls_public")),
    path("admin/", admin.site.urls),
]

handler403 = "mentoring.views.error_403"
handler404 = "mentoring.views.error_404"
