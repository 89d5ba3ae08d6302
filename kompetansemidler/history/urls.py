from django.urls import path

from . import views

app_name = "history"

urlpatterns = [
    path("<str:app_label>/<str:model>/<str:object_id>/", views.object_history, name="object"),
]
