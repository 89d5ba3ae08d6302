"""Users and their scoped roles.

A user holds any number of role grants; each grant names one role and the one
scope it applies to (an office, an organisation, a unit, a forum or a
network). A revoked grant is kept, with who revoked it and when.
"""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kompetansemidler.registry.models import (
    Forum,
    GovernorOffice,
    Network,
    Organisation,
    Unit,
)


class User(AbstractUser):
    """A person. Rights come only from active role grants, never from the account itself."""

    email = models.EmailField(_("e-mail"), blank=True)
    # The subject identifier from ID-porten or Feide, set when an invited user
    # first logs in by OIDC; matching on it survives a change of e-mail.
    oidc_subject = models.CharField(_("OIDC subject"), max_length=255, blank=True, db_index=True)
    preferred_language = models.CharField(_("preferred language"), max_length=5, blank=True)
    # Another system acting through the API (an ``ApiClient``): it has no
    # password and never logs in; its name is the client's.
    is_service_account = models.BooleanField(_("API client"), default=False)
    # The office whose caseworker invited the user: its caseworkers administer
    # the account even before it holds a role scoped under the office.
    invited_by_office = models.ForeignKey(
        GovernorOffice,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invited_users",
        verbose_name=_("invited by office"),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            # One account per person at the provider: a subject is bound once.
            models.UniqueConstraint(
                fields=["oidc_subject"],
                condition=~Q(oidc_subject=""),
                name="user_oidc_subject_unique",
            ),
        ]

    def __str__(self):
        name = self.get_full_name() or self.username
        if self.is_service_account:
            return _("%(name)s (API client)") % {"name": name}
        return name


class Role(models.TextChoices):
    NATIONAL_ADMIN = "national_admin", _("National administrator (Udir)")
    CASEWORKER = "caseworker", _("Caseworker at the state administrator")
    FORUM_MEMBER = "forum_member", _("Forum member")
    OWNER_REPRESENTATIVE = "owner_representative", _("Owner representative")
    NETWORK_COORDINATOR = "network_coordinator", _("Network coordinator")
    UH_REPRESENTATIVE = "uh_representative", _("UH representative")
    UNIT_LEADER = "unit_leader", _("Unit leader")


class Representation(models.TextChoices):
    """Whom a forum member represents in the forum."""

    PUBLIC_OWNER = "public_owner", _("Public owner")
    PRIVATE_OWNER = "private_owner", _("Private owner")
    UH = "uh", _("University or university college")
    KS = "ks", _("KS")
    PBL = "pbl", _("PBL")
    UNION = "union", _("Teachers' union")
    KINDERGARTEN_AUTHORITY = "kindergarten_authority", _("Kindergarten authority")
    SECRETARIAT = "secretariat", _("Secretariat (state administrator)")


# Which scope field each role is bound to; the check constraint below and the
# grant service both read this table.
ROLE_SCOPE = {
    Role.NATIONAL_ADMIN: None,
    Role.CASEWORKER: "office",
    Role.FORUM_MEMBER: "forum",
    Role.OWNER_REPRESENTATIVE: "organisation",
    Role.NETWORK_COORDINATOR: "network",
    Role.UH_REPRESENTATIVE: "organisation",
    Role.UNIT_LEADER: "unit",
}
SCOPE_FIELDS = ("office", "organisation", "unit", "forum", "network")


def _scope_constraint() -> Q:
    """Exactly the role's own scope field is set, the others empty."""
    condition = Q()
    for role, field in ROLE_SCOPE.items():
        clause = Q(role=role)
        for other in SCOPE_FIELDS:
            clause &= Q(**{f"{other}__isnull": other != field})
        if role != Role.FORUM_MEMBER:
            clause &= Q(representation="")
        condition |= clause
    return condition


class RoleGrantQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class RoleGrant(models.Model):
    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="role_grants",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    office = models.ForeignKey(
        GovernorOffice,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_grants",
        verbose_name=_("state administrator office"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_grants",
        verbose_name=_("organisation"),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_grants",
        verbose_name=_("unit"),
    )
    forum = models.ForeignKey(
        Forum,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_grants",
        verbose_name=_("collaboration forum"),
    )
    network = models.ForeignKey(
        Network,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_grants",
        verbose_name=_("competence network"),
    )
    representation = models.CharField(
        _("representation"),
        max_length=30,
        choices=Representation.choices,
        blank=True,
    )
    # Budget authority: a caseworker who may approve (issue) decisions prepared by
    # another. Set by the office's administrators; see core.two_person.
    is_approver = models.BooleanField(_("approver (budget authority)"), default=False)
    granted_at = models.DateTimeField(_("granted"), auto_now_add=True)
    granted_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granted by"),
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )

    objects = RoleGrantQuerySet.as_manager()

    class Meta:
        ordering = ["user", "role", "granted_at"]
        verbose_name = _("role grant")
        verbose_name_plural = _("role grants")
        constraints = [
            models.CheckConstraint(
                condition=_scope_constraint(), name="rolegrant_scope_matches_role"
            ),
            # One active grant per person, role and scope, so a double-submitted
            # grant cannot create two. One constraint per scope field, because
            # the empty scope fields are NULL and NULLs never collide.
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(revoked_at__isnull=True, role=Role.NATIONAL_ADMIN),
                name="rolegrant_one_active_national",
            ),
            *(
                models.UniqueConstraint(
                    fields=["user", "role", field],
                    condition=Q(revoked_at__isnull=True, **{f"{field}__isnull": False}),
                    name=f"rolegrant_one_active_per_{field}",
                )
                for field in SCOPE_FIELDS
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()}"

    @property
    def scope(self):
        field = ROLE_SCOPE[Role(self.role)]
        return getattr(self, field) if field else None


class Invitation(models.Model):
    """A one-time, expiring login link that binds an invited person's OIDC subject.

    The link carries a signed token naming this row. Logging in with ID-porten
    or Feide from it stores the subject the provider vouches for on the user;
    after that, the subject alone matches. The link is void once used, once
    expired, and once a newer link is made for the same person.
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("user")
    )
    created_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("login invitation")
        verbose_name_plural = _("login invitations")

    def __str__(self):
        return f"{self.user} ({self.created_at:%Y-%m-%d})"


class ApiScope(models.TextChoices):
    """What an API client's token may be used for, on top of what its role allows."""

    READ = "read", _("Read cases and the registry")
    NEEDS_WRITE = "needs.write", _("Write needs reports")
    ANNUAL_REPORTS_WRITE = "annual_reports.write", _("Write annual reports")
    DECISIONS_READ = "decisions.read", _("Read decisions and payments")
    STATISTICS_READ = "statistics.read", _("Read statistics")
    PAYMENTS_CONFIRM = "payments.confirm", _("Confirm payments")


class ApiClient(models.Model):
    """Another system's access to the API: a service account of its own kind.

    The client acts through ``user`` (``is_service_account``), which holds the
    client's one role grant, ``grant``, so the policy layer decides for it as
    for a person with that role, and the history names it as the actor. Its
    ``scopes`` limit what its tokens may be used for. The secret is stored
    only as a SHA-256 hash; it is shown once when made.
    """

    name = models.CharField(_("name"), max_length=120)
    client_id = models.CharField(_("client id"), max_length=40, unique=True)
    user = models.OneToOneField(
        User, on_delete=models.PROTECT, related_name="api_client", verbose_name=_("user")
    )
    grant = models.OneToOneField(
        RoleGrant, on_delete=models.PROTECT, related_name="api_client", verbose_name=_("role")
    )
    scopes = models.JSONField(_("scopes"), default=list)
    secret_hash = models.CharField(max_length=64)
    secret_set_at = models.DateTimeField(_("secret made"))
    # The organisation number Maskinporten names in a token's ``consumer``
    # claim; such tokens act as this client (see accounts.maskinporten).
    maskinporten_consumer = models.CharField(
        _("Maskinporten consumer (organisation number)"), max_length=9, blank=True
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    created_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("registered by")
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("API client")
        verbose_name_plural = _("API clients")
        constraints = [
            # One active client per Maskinporten consumer, so a token names one client.
            models.UniqueConstraint(
                fields=["maskinporten_consumer"],
                condition=Q(revoked_at__isnull=True) & ~Q(maskinporten_consumer=""),
                name="apiclient_one_active_per_consumer",
            ),
        ]

    def __str__(self):
        return self.name


class ApiToken(models.Model):
    """A short-lived bearer token issued to a client; stored only as its SHA-256 hash."""

    client = models.ForeignKey(ApiClient, on_delete=models.CASCADE, related_name="tokens")
    token_hash = models.CharField(max_length=64, unique=True)
    scopes = models.JSONField(default=list)
    issued_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.client} ({self.expires_at:%Y-%m-%d %H:%M})"
