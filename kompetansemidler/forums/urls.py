from django.urls import path

from . import views

app_name = "forums"

urlpatterns = [
    path("", views.forum_list, name="list"),
    path("ny/", views.forum_create, name="create"),
    path("<int:pk>/", views.forum_detail, name="detail"),
    path("<int:pk>/endre/", views.forum_edit, name="edit"),
    path("<int:pk>/ordninger/", views.forum_schemes, name="schemes"),
    path("<int:pk>/medlemmer/ny/", views.member_add, name="member_add"),
    path("medlem/<int:pk>/", views.member_detail, name="member_detail"),
    path("medlem/<int:pk>/avslutt/", views.member_end, name="member_end"),
    path("medlem/<int:pk>/habilitet/ny/", views.conflict_add, name="conflict_add"),
    path("<int:pk>/plan/", views.plan_detail, name="plan"),
    path("<int:pk>/plan/endre/", views.plan_edit, name="plan_edit"),
    path("<int:pk>/plan/versjoner/", views.plan_history, name="plan_history"),
    path("<int:pk>/plan/versjoner/<int:version>/", views.plan_version, name="plan_version"),
]
