from django.urls import path, re_path

from . import views

app_name = "needs"

urlpatterns = [
    path("", views.index, name="index"),
    path("planar/ny/", views.plan_create, name="plan_create"),
    path("planar/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("planar/<int:pk>/endre/", views.plan_edit, name="plan_edit"),
    path("planar/<int:pk>/ny-versjon/", views.plan_new_version, name="plan_new_version"),
    path("partnarskap/ny/", views.partnership_create, name="partnership_create"),
    path("partnarskap/<int:pk>/", views.partnership_detail, name="partnership_detail"),
    path("partnarskap/<int:pk>/avtale/", views.partnership_agreement, name="partnership_agreement"),
    path("nettverk/<int:pk>/", views.network_detail, name="network_detail"),
    path("meldingar/ny/", views.report_create, name="report_create"),
    path("meldingar/<int:pk>/", views.report_detail, name="report_detail"),
    path("meldingar/<int:pk>/endre/", views.report_edit, name="report_edit"),
    path("meldingar/<int:pk>/sjekk/", views.report_check, name="report_check"),
    path("meldingar/<int:pk>/send/", views.report_submit, name="report_submit"),
    path("meldingar/<int:pk>/returner/", views.report_return, name="report_return"),
    path("meldingar/<int:pk>/godkjenn/", views.report_accept, name="report_accept"),
    path("meldingar/<int:pk>/opne/", views.report_reopen, name="report_reopen"),
    path("meldingar/<int:pk>/vidare/", views.report_continue, name="report_continue"),
    path("runde/<int:pk>/", views.round_overview, name="round_overview"),
    path("runde/<int:pk>/ikkje-meldt/", views.not_reported, name="not_reported"),
    re_path(
        r"^runde/(?P<pk>[0-9]+)/eksport\.(?P<fmt>csv|xlsx)$",
        views.round_overview_export,
        name="round_overview_export",
    ),
    re_path(
        r"^runde/(?P<pk>[0-9]+)/tildeling-(?P<table>money|counties)\.(?P<fmt>csv|xlsx)$",
        views.allocation_table_export,
        name="allocation_table_export",
    ),
]
