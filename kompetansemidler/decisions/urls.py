from django.urls import path, re_path

from . import appeal_views, set_aside_views, views

app_name = "decisions"

urlpatterns = [
    path("", views.index, name="index"),
    re_path(r"^eksport\.(?P<fmt>csv|xlsx)$", views.decision_list_export, name="export"),
    path("runde/<int:pk>/", views.round_overview, name="round"),
    path("runde/<int:pk>/utkast/", views.round_draft, name="round_draft"),
    path("runde/<int:pk>/brev/", views.round_letters, name="round_letters"),
    path(
        "runde/<int:pk>/brev/framdrift/",
        views.round_letters_progress,
        name="round_letters_progress",
    ),
    path("runde/<int:pk>/brev/prov-igjen/", views.round_letter_retry, name="round_letter_retry"),
    path("runde/<int:pk>/godkjenn/", views.round_approve, name="round_approve"),
    re_path(
        r"^runde/(?P<pk>[0-9]+)/utbetalingar\.(?P<fmt>csv|xlsx)$",
        views.payments_export,
        name="payments_export",
    ),
    path("<int:pk>/", views.decision_detail, name="detail"),
    path("<int:pk>/endre/", views.decision_update_view, name="update"),
    path("<int:pk>/utbetaling/", views.payment_add, name="payment_add"),
    path(
        "<int:pk>/utbetaling/<int:payment_pk>/anvis/",
        views.payment_approve_view,
        name="payment_approve",
    ),
    path(
        "<int:pk>/tilbakebetaling/<int:claim_pk>/mottatt/",
        views.repayment_receive_view,
        name="repayment_receive",
    ),
    path("<int:pk>/klage/", views.appeal_add, name="appeal_add"),
    path("<int:pk>/klage/<int:appeal_pk>/utfall/", views.appeal_outcome, name="appeal_outcome"),
    path("<int:pk>/ubrukte-midlar/", views.unused_add, name="unused_add"),
    path("brev/<int:pk>/", views.letter_pdf, name="letter"),
    path("avsetning/<int:pk>/", set_aside_views.set_aside_distribute, name="set_aside"),
    path("klager/", appeal_views.appeal_list, name="appeals"),
    path("<int:pk>/klage/<int:appeal_pk>/udir/", appeal_views.appeal_udir, name="appeal_udir"),
    path(
        "<int:pk>/klage/<int:appeal_pk>/gjennomfor/",
        appeal_views.appeal_carry,
        name="appeal_carry_out",
    ),
    path("<int:pk>/omgjoring/", appeal_views.decision_reversal, name="reverse"),
    path("<int:pk>/takk-nei/", appeal_views.decision_declined, name="decline"),
    path("melding/<int:pk>/", appeal_views.notice_pdf, name="notice"),
]
