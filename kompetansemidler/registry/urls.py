from django.urls import path, re_path

from . import views

app_name = "registry"

EXPORT = r"eksport\.(?P<fmt>csv|xlsx)$"

urlpatterns = [
    path("", views.index, name="index"),
    path("statsforvaltere/", views.office_list, name="office_list"),
    re_path(rf"^statsforvaltere/{EXPORT}", views.office_export, name="office_export"),
    path("statsforvaltere/<slug:slug>/", views.office_detail, name="office_detail"),
    path("fylker/", views.county_list, name="county_list"),
    re_path(rf"^fylker/{EXPORT}", views.county_export, name="county_export"),
    re_path(r"^fylker/(?P<number>[0-9]{2})/$", views.county_detail, name="county_detail"),
    path("kommuner/", views.municipality_list, name="municipality_list"),
    re_path(rf"^kommuner/{EXPORT}", views.municipality_export, name="municipality_export"),
    re_path(
        r"^kommuner/(?P<number>[0-9]{4})/$", views.municipality_detail, name="municipality_detail"
    ),
    path("organisasjoner/", views.organisation_list, name="organisation_list"),
    path(
        "organisasjoner/utenfor-registrene/",
        views.organisation_keep_list,
        name="organisation_keep_list",
    ),
    path("organisasjoner/ny/", views.organisation_create, name="organisation_create"),
    re_path(
        r"^organisasjoner/(?P<organisation_number>[0-9]{9})/endre/$",
        views.organisation_edit,
        name="organisation_edit",
    ),
    re_path(rf"^organisasjoner/{EXPORT}", views.organisation_export, name="organisation_export"),
    re_path(
        r"^organisasjoner/(?P<organisation_number>[0-9]{9})/$",
        views.organisation_detail,
        name="organisation_detail",
    ),
    path("enheter/", views.unit_list, name="unit_list"),
    re_path(rf"^enheter/{EXPORT}", views.unit_export, name="unit_export"),
    re_path(r"^enheter/(?P<organisation_number>[0-9]{9})/$", views.unit_detail, name="unit_detail"),
]
