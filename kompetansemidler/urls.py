from django.urls import include, path
from django.views.i18n import set_language

from kompetansemidler.api.api import api
from kompetansemidler.core import observability
from kompetansemidler.core import views as core_views

# The error page names the request id, so a user can quote it.
handler500 = "kompetansemidler.core.views.server_error"

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("metrics", observability.metrics, name="metrics"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/", api.urls),
    path("konto/", include("kompetansemidler.accounts.urls")),
    path("register/", include("kompetansemidler.registry.urls")),
    path("import/", include("kompetansemidler.imports.urls")),
    path("ordninger/", include("kompetansemidler.schemes.urls")),
    path("behov/", include("kompetansemidler.needs.urls")),
    path("forum/", include("kompetansemidler.forums.urls")),
    path("innstilling/", include("kompetansemidler.recommendations.urls")),
    path("vedtak/", include("kompetansemidler.decisions.urls")),
    path("journal/", include("kompetansemidler.archive.urls")),
    path("rapport/", include("kompetansemidler.reporting.urls")),
    path("statistikk/", include("kompetansemidler.statistics.urls")),
    path("historikk/", include("kompetansemidler.history.urls")),
    path("", include("kompetansemidler.core.urls")),
]
