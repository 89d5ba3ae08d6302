from django.urls import path

from . import views

app_name = "statistics"

urlpatterns = [
    path("", views.national, name="national"),
    path("eksport/<str:dimension>.<str:fmt>", views.national_export, name="national_export"),
    path("offentlig/", views.public, name="public"),
    path("offentlig/eksport/<str:dimension>.<str:fmt>", views.public_export, name="public_export"),
]
