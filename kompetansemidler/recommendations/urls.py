from django.urls import path, re_path

from . import views

app_name = "recommendations"

urlpatterns = [
    path("", views.index, name="index"),
    path("ny/", views.recommendation_start, name="start"),
    path("samanlikn/", views.recommendation_compare, name="compare"),
    path("<int:pk>/", views.recommendation_detail, name="detail"),
    path("<int:pk>/endre/", views.recommendation_edit, name="edit"),
    path("<int:pk>/sjekk/", views.recommendation_check, name="check"),
    path("<int:pk>/fellestiltak/", views.joint_measure_add, name="joint_measure_add"),
    path("<int:pk>/linjer/<int:line_pk>/fordel/", views.line_split, name="line_split"),
    path("<int:pk>/linjer/<int:line_pk>/fjern/", views.line_remove, name="line_remove"),
    path("<int:pk>/scenario/", views.recommendation_copy_view, name="copy"),
    path("<int:pk>/vedta/", views.recommendation_adopt_view, name="adopt"),
    path("<int:pk>/send/", views.recommendation_send_view, name="send"),
    path("<int:pk>/tilleggsinnstilling/", views.recommendation_supplement_view, name="supplement"),
    re_path(
        r"^(?P<pk>[0-9]+)/eksport\.(?P<fmt>pdf|xlsx)$", views.recommendation_export, name="export"
    ),
]
