"""A URL whose view fails, for the test of the 500 page."""

from django.urls import path

from kompetansemidler.urls import urlpatterns as project_urls


def failing(request):
    raise RuntimeError("the view failed")


urlpatterns = [path("feiler/", failing), *project_urls]
handler500 = "kompetansemidler.core.views.server_error"
