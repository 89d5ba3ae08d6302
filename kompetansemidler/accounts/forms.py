"""Forms of the role administration. Choices are limited to what the user may grant."""

from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.utils.translation import gettext_lazy as _

from kompetansemidler.core.ids import is_id
from kompetansemidler.core.widgets import Select
from kompetansemidler.registry.models import GovernorOffice

from .api_clients import CLIENT_ROLES
from .models import ApiScope, Representation, Role, User
from .scopes import SCOPE_MODELS
from .selectors import grantable_roles, grantable_scopes

SCOPE_GROUP_LABELS = {
    "office": _("State administrator offices"),
    "forum": _("Collaboration forums"),
    "network": _("Competence networks"),
    "organisation": _("Organisations"),
    "unit": _("Kindergartens and schools"),
}
ERROR_SCOPE_CHOICE = _("Choose a scope from the list.")


class ScopeField(forms.ChoiceField):
    """Choices are grouped for display; the form's clean_scope checks the value,
    so that a scope outside the user's reach gets our own message."""

    def validate(self, value):
        forms.Field.validate(self, value)


class InviteForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"))
    office = forms.ModelChoiceField(
        label=_("Office"),
        queryset=GovernorOffice.objects.none(),
        required=False,
        help_text=_("The office whose caseworkers administer the user."),
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        offices = grantable_scopes(actor)["office"]
        self.fields["office"].queryset = offices
        if offices.count() == 1:
            self.fields["office"].initial = offices.get()


class GrantForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"))
    scope = ScopeField(
        label=_("Scope"),
        required=False,
        widget=Select,
        help_text=_(
            "The office, forum, network, organisation or unit the role applies to. "
            "Leave empty for the national administrator."
        ),
    )
    representation = forms.ChoiceField(
        label=_("Representation"),
        required=False,
        choices=[("", _("None (not a forum member)")), *Representation.choices],
        help_text=_("Forum members only: whom the member represents."),
    )
    is_approver = forms.BooleanField(
        label=_("Approver (budget authority)"),
        required=False,
        help_text=_(
            "Caseworkers only: may approve and issue decisions another caseworker prepared."
        ),
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(r.value, r.label) for r in grantable_roles(actor)]
        self._scopes = grantable_scopes(actor)
        groups = [("", _("No scope"))]
        for field, queryset in self._scopes.items():
            groups.append(
                (
                    SCOPE_GROUP_LABELS[field],
                    [(f"{field}:{obj.pk}", str(obj)) for obj in queryset.order_by("name")],
                )
            )
        self.fields["scope"].choices = groups

    def clean_scope(self):
        value = self.cleaned_data.get("scope")
        if not value:
            return None
        field, _sep, pk = value.partition(":")
        if field not in SCOPE_MODELS or not is_id(pk):
            raise forms.ValidationError(ERROR_SCOPE_CHOICE)
        scope = self._scopes[field].filter(pk=pk).first()
        if scope is None:
            raise forms.ValidationError(ERROR_SCOPE_CHOICE)
        return scope

    def clean_role(self):
        return Role(self.cleaned_data["role"])


class SetPasswordResetForm(PasswordResetForm):
    """Password reset that also reaches invited users who never had a password.

    An invited account has an unusable password until its owner sets one
    through this link; Django's own form would silently skip it.
    """

    def get_users(self, email):
        return User.objects.filter(email__iexact=email, is_active=True).iterator()


class AuthenticatorCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the authenticator app"),
        max_length=10,
        help_text=_("Six digits; a new code appears every 30 seconds."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class RecoveryCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Recovery code"),
        max_length=20,
        help_text=_(
            "One of the codes you saved when you set up two-factor login. Each works once."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autofocus": True}),
    )


class ApiClientForm(forms.Form):
    """Register an API client: its name, its one role and scope, and what its tokens may do."""

    name = forms.CharField(
        label=_("Name"),
        max_length=120,
        help_text=_("The system that will call the API, e.g. “Bergen kommune sak/arkiv”."),
    )
    role = forms.ChoiceField(label=_("Role"))
    scope = ScopeField(
        label=_("Acts for"),
        required=False,
        widget=Select,
        help_text=_("The organisation or office; empty for Udir (national administrator)."),
    )
    scopes = forms.MultipleChoiceField(
        label=_("May use its tokens to"),
        choices=ApiScope.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    maskinporten_consumer = forms.CharField(
        label=_("Maskinporten consumer (organisation number)"),
        max_length=11,
        required=False,
        help_text=_(
            "Fill in to let the system use Maskinporten tokens: the organisation number "
            "Maskinporten names as consumer. Leave empty to use the client secret only."
        ),
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [
            (r.value, r.label) for r in grantable_roles(actor) if r in CLIENT_ROLES
        ]
        scopes = grantable_scopes(actor)
        self._scopes = {field: scopes[field] for field in ("office", "organisation")}
        groups = [("", _("Udir (no scope)"))]
        for field, queryset in self._scopes.items():
            groups.append(
                (
                    SCOPE_GROUP_LABELS[field],
                    [(f"{field}:{obj.pk}", str(obj)) for obj in queryset.order_by("name")],
                )
            )
        self.fields["scope"].choices = groups

    def clean_scope(self):
        value = self.cleaned_data.get("scope")
        if not value:
            return None
        field, _sep, pk = value.partition(":")
        if field not in self._scopes or not is_id(pk):
            raise forms.ValidationError(ERROR_SCOPE_CHOICE)
        scope = self._scopes[field].filter(pk=pk).first()
        if scope is None:
            raise forms.ValidationError(ERROR_SCOPE_CHOICE)
        return scope

    def clean_role(self):
        return Role(self.cleaned_data["role"])
