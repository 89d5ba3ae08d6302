from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import api_client_views, two_factor_views, views

app_name = "accounts"

urlpatterns = [
    path("logg-inn/", views.LoginView.as_view(), name="login"),
    path("logg-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("oidc/start/", views.OIDCStartView.as_view(), name="oidc_start"),
    path("oidc/callback/", views.OIDCCallbackView.as_view(), name="oidc_callback"),
    path("passord/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "passord/sendt/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "passord/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "passord/ferdig/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("brukere/", views.user_list, name="user_list"),
    path("brukere/ny/", views.user_create, name="user_create"),
    path("brukere/<int:pk>/", views.user_detail, name="user_detail"),
    path("brukere/<int:pk>/roller/ny/", views.grant_create, name="grant_create"),
    path("roller/<int:pk>/trekk-tilbake/", views.grant_revoke, name="grant_revoke"),
    path("brukere/<int:pk>/innloggingslenke/", views.invitation_new, name="invitation_new"),
    path(
        "brukere/<int:pk>/tofaktor/nullstill/",
        views.user_two_factor_reset,
        name="user_two_factor_reset",
    ),
    path("invitasjon/<str:token>/", views.invitation_open, name="invitation"),
    path("api-klienter/", api_client_views.api_client_list, name="api_client_list"),
    path("api-klienter/ny/", api_client_views.api_client_create, name="api_client_create"),
    path("api-klienter/<int:pk>/", api_client_views.api_client_detail, name="api_client_detail"),
    path(
        "api-klienter/<int:pk>/ny-hemmelighet/",
        api_client_views.api_client_rotate,
        name="api_client_rotate",
    ),
    path(
        "api-klienter/<int:pk>/trekk-tilbake/",
        api_client_views.api_client_revoke_view,
        name="api_client_revoke",
    ),
    path("tofaktor/", two_factor_views.overview, name="two_factor"),
    path("tofaktor/ta-i-bruk/", two_factor_views.enrol, name="two_factor_enrol"),
    path("tofaktor/bekreft/", two_factor_views.verify, name="two_factor_verify"),
    path("tofaktor/gjenoppretting/", two_factor_views.recovery, name="two_factor_recovery"),
    path("tofaktor/nye-koder/", two_factor_views.regenerate_codes, name="two_factor_codes"),
    path("tofaktor/fjern/", two_factor_views.remove, name="two_factor_remove"),
]
