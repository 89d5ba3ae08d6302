from django.urls import path

from . import views

app_name = "reporting"

urlpatterns = [
    path("", views.index, name="index"),
    path("vedtak/<int:pk>/start/", views.start, name="start"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/returner/", views.return_view, name="return"),
    path("<int:pk>/godkjenn/", views.approve, name="approve"),
    path("embete/<int:pk>/<int:year>/", views.office_report, name="office"),
    path("embete/<int:pk>/<int:year>/rapport.pdf", views.office_report_pdf, name="office_pdf"),
    path("embete/<int:pk>/<int:year>/rapport.xlsx", views.office_report_xlsx, name="office_xlsx"),
]
