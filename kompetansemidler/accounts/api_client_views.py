"""Pages of the API clients: list, register, see one, replace its secret, revoke it.

A secret exists only in the answer to the request that made it: the service
returns it, the view keeps it in the session for the one page that shows it,
and that page takes it out again.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from kompetansemidler.core.access import visible_or_403
from kompetansemidler.core.idempotency import idempotent

from .api_clients import (
    WithSecret,
    api_client_register,
    api_client_revoke,
    api_client_rotate_secret,
    can_manage_client,
)
from .forms import ApiClientForm
from .models import ApiScope
from .permissions import can_administer_roles
from .policy import permission_required
from .selectors import api_clients_visible_to

SESSION_KEY = "api_client_secret"


def _keep_secret(request, made: WithSecret):
    request.session[SESSION_KEY] = {"client": made.client.pk, "secret": made.secret}
    return redirect("accounts:api_client_detail", pk=made.client.pk)


@permission_required(can_administer_roles)
def api_client_list(request):
    clients = api_clients_visible_to(request.user).order_by("revoked_at", "name")
    return render(request, "accounts/api_client_list.html", {"clients": clients})


@permission_required(can_administer_roles)
@require_http_methods(["GET", "POST"])
@idempotent
def api_client_create(request):
    form = ApiClientForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            made = api_client_register(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            return _keep_secret(request, made)
    return render(request, "accounts/api_client_form.html", {"form": form})


@permission_required(can_administer_roles)
def api_client_detail(request, pk):
    client = visible_or_403(api_clients_visible_to(request.user), pk)
    shown = request.session.get(SESSION_KEY)
    secret = None
    if shown and shown.get("client") == client.pk:
        secret = request.session.pop(SESSION_KEY)["secret"]
    labels = dict(ApiScope.choices)
    return render(
        request,
        "accounts/api_client_detail.html",
        {
            "client": client,
            "secret": secret,
            "scopes": [labels.get(s, s) for s in client.scopes],
            "can_manage": can_manage_client(request.user, client).allowed,
        },
    )


@require_POST
@permission_required(can_administer_roles)
@idempotent
def api_client_rotate(request, pk):
    client = visible_or_403(api_clients_visible_to(request.user), pk)
    return _keep_secret(request, api_client_rotate_secret(actor=request.user, client=client))


@require_POST
@permission_required(can_administer_roles)
@idempotent
def api_client_revoke_view(request, pk):
    client = visible_or_403(api_clients_visible_to(request.user), pk)
    api_client_revoke(actor=request.user, client=client)
    messages.success(request, _("The API client is revoked; its tokens no longer work."))
    return redirect("accounts:api_client_detail", pk=client.pk)
