"""Login (local and OIDC) and the role administration pages."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from kompetansemidler.core.idempotency import idempotent
from kompetansemidler.core.paging import paginate
from kompetansemidler.core.workflow import ServiceRefused
from kompetansemidler.history.selectors import events_visible_to

from .forms import GrantForm, InviteForm, SetPasswordResetForm
from .invitations import SESSION_KEY as INVITATION_SESSION_KEY
from .invitations import invitation_create, invitation_from_token, user_invite_with_link
from .models import RoleGrant, User
from .permissions import can_administer_roles, can_revoke, can_view_user
from .policy import ensure, permission_required
from .selectors import grants_visible_to, users_visible_to, without_active_role
from .services import role_grant, role_revoke
from .two_factor import is_enrolled, two_factor_reset

PAGE_SIZE = 50


def oidc_enabled() -> bool:
    return bool(settings.OIDC_OP_AUTHORIZATION_ENDPOINT and settings.OIDC_RP_CLIENT_ID)


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "oidc_enabled": oidc_enabled(),
            "oidc_provider": settings.OIDC_PROVIDER_NAME,
            "oidc_refused": self.request.GET.get("oidc") == "refused",
        }


class OIDCStartView(OIDCAuthenticationRequestView):
    """Sends the browser to ID-porten or Feide; 404 while OIDC is not configured."""

    def dispatch(self, request, *args, **kwargs):
        if not oidc_enabled():
            raise Http404("OIDC login is not configured.")
        return super().dispatch(request, *args, **kwargs)


class OIDCCallbackView(OIDCAuthenticationCallbackView):
    def dispatch(self, request, *args, **kwargs):
        if not oidc_enabled():
            raise Http404("OIDC login is not configured.")
        return super().dispatch(request, *args, **kwargs)


class PasswordResetView(auth_views.PasswordResetView):
    form_class = SetPasswordResetForm
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


@permission_required(can_administer_roles)
def user_list(request):
    users = users_visible_to(request.user).order_by("last_name", "first_name", "username")
    query = request.GET.get("q", "").strip()
    if query:
        users = users.filter(
            Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
            | Q(email__icontains=query)
            | Q(username__icontains=query)
        )
    without_role = request.GET.get("uten-rolle") == "1"
    if without_role:
        users = without_active_role(users)
    paging = paginate(request, users, PAGE_SIZE)
    page = paging.page
    grants = {}
    for grant in (
        grants_visible_to(request.user)
        .active()
        .filter(user_id__in=[u.pk for u in page.object_list])
    ):
        grants.setdefault(grant.user_id, []).append(grant)
    rows = [(u, grants.get(u.pk, [])) for u in page.object_list]
    return render(
        request,
        "accounts/user_list.html",
        {
            "paging": paging,
            "page": page,
            "rows": rows,
            "query": query,
            "without_role": without_role,
        },
    )


@permission_required(can_administer_roles)
def user_create(request):
    form = InviteForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            user, _invitation, token = user_invite_with_link(
                actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            _send_invitation(request, user, token)
            messages.success(
                request,
                _(
                    "%(user)s is invited. They can log in with ID-porten or Feide, or set a "
                    "password through the link sent to %(email)s."
                )
                % {"user": user, "email": user.email},
            )
            return redirect("accounts:user_detail", pk=user.pk)
    return render(request, "accounts/user_form.html", {"form": form})


def _invitation_url(request, token: str) -> str:
    return request.build_absolute_uri(reverse("accounts:invitation", kwargs={"token": token}))


def _send_invitation(request, user, token: str) -> None:
    """E-mail the one-time login link and a link to set a password."""
    form = SetPasswordResetForm({"email": user.email})
    if form.is_valid():
        form.save(
            request=request,
            use_https=request.is_secure(),
            subject_template_name="accounts/email/invitation_subject.txt",
            email_template_name="accounts/email/invitation.txt",
            extra_email_context={
                "invitation_url": _invitation_url(request, token),
                "oidc_provider": settings.OIDC_PROVIDER_NAME,
            },
        )


@require_POST
@permission_required(can_administer_roles)
def invitation_new(request, pk):
    """A new one-time login link for an invited person, shown once and e-mailed."""
    person = get_object_or_404(User, pk=pk)
    ensure(can_view_user(request.user, person))
    try:
        invitation, token = invitation_create(actor=request.user, user=person)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("accounts:user_detail", pk=person.pk)
    if person.email:
        _send_invitation(request, person, token)
    return render(
        request,
        "accounts/invitation_created.html",
        {"person": person, "invitation": invitation, "url": _invitation_url(request, token)},
    )


def invitation_open(request, token):
    """The page an invited person lands on; logging in from it links their account.

    Opening the link changes nothing (mail scanners open links); the button
    posts, and only the login that follows uses the link up.
    """
    invitation = invitation_from_token(token)
    if request.method == "POST" and invitation is not None and oidc_enabled():
        request.session[INVITATION_SESSION_KEY] = invitation.pk
        return redirect("accounts:oidc_start")
    return render(
        request,
        "accounts/invitation.html",
        {
            "invitation": invitation,
            "oidc_enabled": oidc_enabled(),
            "oidc_provider": settings.OIDC_PROVIDER_NAME,
        },
    )


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@permission_required(can_administer_roles)
def user_detail(request, pk):
    person = get_object_or_404(User, pk=pk)
    ensure(can_view_user(request.user, person))
    grants = grants_visible_to(request.user).filter(user=person).order_by("-granted_at")
    active = [(g, can_revoke(request.user, g).allowed) for g in grants if not g.revoked_at]
    revoked = [g for g in grants if g.revoked_at]
    return render(
        request,
        "accounts/user_detail.html",
        {
            "person": person,
            "two_factor": is_enrolled(person),
            "active": active,
            "revoked": revoked,
            "events": events_visible_to(request.user)
            .for_object(person)
            .filter(kind__startswith="role.")
            .select_related("actor")[:100],
        },
    )


@permission_required(can_administer_roles)
@idempotent
def grant_create(request, pk):
    person = get_object_or_404(User, pk=pk)
    ensure(can_view_user(request.user, person))
    form = GrantForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            grant = role_grant(actor=request.user, user=person, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("%(user)s now has the role %(role)s.")
                % {"user": person, "role": grant.get_role_display()},
            )
            return redirect("accounts:user_detail", pk=person.pk)
    return render(request, "accounts/grant_form.html", {"form": form, "person": person})


@require_POST
@permission_required(can_administer_roles)
def grant_revoke(request, pk):
    grant = get_object_or_404(RoleGrant.objects.select_related("user"), pk=pk)
    try:
        role_revoke(actor=request.user, grant=grant)
    except ServiceRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(
            request,
            _("The role %(role)s is revoked from %(user)s.")
            % {"role": grant.get_role_display(), "user": grant.user},
        )
    return redirect("accounts:user_detail", pk=grant.user_id)


@require_POST
@permission_required(can_administer_roles)
def user_two_factor_reset(request, pk):
    """Remove a user's authenticator and recovery codes, when both are lost."""
    person = get_object_or_404(User, pk=pk)
    try:
        two_factor_reset(actor=request.user, user=person)
    except ValueError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Two-factor login for %(user)s is reset; they set it up again at the next login.")
            % {"user": person},
        )
    return redirect("accounts:user_detail", pk=person.pk)
