from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.utils import DatabaseError
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from kompetansemidler.accounts.policy import active_grants

from .tasks import reachable_panel, task_panels_for

REASON_CSRF = _(
    "The form had expired or came from another page, so it was not saved. This happens "
    "when a page was open a long time, after you logged in again, or when cookies are "
    "blocked. Go back, reload the page and send the form again."
)


@require_GET
@never_cache
def healthz(request):
    """200 when the database answers, 503 when it does not. No login, no data."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@login_required
def home(request):
    """'Mine oppgaver': the start page of every role, with each app's task panels."""
    grants = sorted(active_grants(request.user), key=lambda g: (g.role, g.id))
    return render(
        request,
        "core/home.html",
        {
            "grants": grants,
            "panels": task_panels_for(request.user),
            "reachable": reachable_panel(request.user),
        },
    )


def csrf_failure(request, reason=""):
    """A refused form (CSRF) gets an accessible page that says why, never a bare 403."""
    if request.headers.get("HX-Request") or request.path.startswith("/api/"):
        return JsonResponse({"detail": str(REASON_CSRF)}, status=403)
    return render(request, "403_csrf.html", {"reason": REASON_CSRF}, status=403)


def server_error(request):
    """The 500 page, with the request id to quote (no other context: whatever
    failed must not be needed to say so)."""
    from django.http import HttpResponseServerError
    from django.template import loader

    from .observability import current_request_id

    body = loader.get_template("500.html").render({"request_id": current_request_id()})
    return HttpResponseServerError(body)
