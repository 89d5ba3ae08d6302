from django.urls import path, re_path

from . import views

app_name = "schemes"

urlpatterns = [
    path("regelverk/", views.index, name="index"),
    path("regelverk/ny/", views.rule_set_create, name="rule_set_create"),
    path("regelverk/<int:pk>/", views.rule_set_detail, name="rule_set_detail"),
    path("regelverk/<int:pk>/endre/", views.rule_set_edit, name="rule_set_edit"),
    path("runder/", views.round_list, name="round_list"),
    re_path(r"^runder/eksport\.(?P<fmt>csv|xlsx)$", views.round_export, name="round_export"),
    path("runder/ny/", views.round_create, name="round_create"),
    path("runder/<int:pk>/", views.round_detail, name="round_detail"),
    re_path(
        r"^runder/(?P<pk>[0-9]+)/steg/(?P<verb>[a-z_]+)/$",
        views.round_transition,
        name="round_transition",
    ),
    path("runder/<int:pk>/frister/", views.round_deadlines_edit, name="round_deadlines_edit"),
    path("runder/<int:pk>/bindinger/", views.commitment_create, name="commitment_create"),
    path("runder/<int:pk>/avsetninger/", views.set_aside_list, name="set_aside_list"),
    path("avsetninger/<int:pk>/endre/", views.set_aside_edit, name="set_aside_edit"),
    path("avsetninger/<int:pk>/trekk/", views.set_aside_withdraw, name="set_aside_withdraw"),
    path("tildelinger/", views.allocation_list, name="allocation_list"),
    path("tildelinger/ny/", views.allocation_enter, name="allocation_enter"),
    path("tildelinger/<int:pk>/", views.allocation_detail, name="allocation_detail"),
]
