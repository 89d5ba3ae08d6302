"""The national registry: offices, counties, municipalities, organisations and units.

Offices, counties and municipalities are the 2024 structure, loaded from the
CSV files in ``data/`` by a data migration. Organisations and units come from
Udir's registers (NBR, NSR) through the importer, or are added by caseworkers.
"""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .validators import validate_organisation_number


class GovernorOffice(models.Model):
    """A state administrator office (Statsforvalteren); one may cover several counties."""

    slug = models.SlugField(_("identifier"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["name"]
        verbose_name = _("state administrator office")
        verbose_name_plural = _("state administrator offices")

    def __str__(self):
        return self.name


class County(models.Model):
    number = models.CharField(
        _("county number"),
        max_length=2,
        unique=True,
        validators=[RegexValidator(r"^[0-9]{2}$")],
    )
    name = models.CharField(_("name"), max_length=100)
    office = models.ForeignKey(
        GovernorOffice,
        on_delete=models.PROTECT,
        related_name="counties",
        verbose_name=_("state administrator office"),
    )

    class Meta:
        ordering = ["number"]
        verbose_name = _("county")
        verbose_name_plural = _("counties")

    def __str__(self):
        return self.name


class Municipality(models.Model):
    number = models.CharField(
        _("municipality number"),
        max_length=4,
        unique=True,
        validators=[RegexValidator(r"^[0-9]{4}$")],
    )
    name = models.CharField(_("name"), max_length=100)
    official_name = models.CharField(_("official name"), max_length=150)
    county = models.ForeignKey(
        County,
        on_delete=models.PROTECT,
        related_name="municipalities",
        verbose_name=_("county"),
    )

    class Meta:
        ordering = ["number"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.name


class LanguageForm(models.TextChoices):
    """Målform: the written standard a recipient wants letters in."""

    BOKMAAL = "nb", _("Bokmål")
    NYNORSK = "nn", _("Nynorsk")


class RegisterSource(models.TextChoices):
    NBR = "nbr", _("Kindergarten register (NBR)")
    NSR = "nsr", _("School register (NSR)")
    MANUAL = "manual", _("Registered by hand")


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    COUNTY_MUNICIPALITY = "county_municipality", _("County municipality")
    PRIVATE_OWNER = "private_owner", _("Private owner")
    STATE_OWNER = "state_owner", _("State owner")
    UH = "uh", _("University or university college")
    KS = "ks", _("KS")
    PBL = "pbl", _("PBL")
    UNION = "union", _("Teachers' union")
    OTHER = "other", _("Other organisation")


OWNER_KINDS = (
    OrganisationKind.MUNICIPALITY,
    OrganisationKind.COUNTY_MUNICIPALITY,
    OrganisationKind.PRIVATE_OWNER,
    OrganisationKind.STATE_OWNER,
)
PUBLIC_KINDS = (
    OrganisationKind.MUNICIPALITY,
    OrganisationKind.COUNTY_MUNICIPALITY,
    OrganisationKind.STATE_OWNER,
)
# The kinds registered and kept by hand on the registry's pages: every kind but
# the owners, whom the national registers (NBR, NSR) bring through the import.
# This covers every partner kind a rule set may admit besides the owners.
HAND_KEPT_KINDS = tuple(kind for kind in OrganisationKind if kind not in OWNER_KINDS)


class Organisation(models.Model):
    """An owner, a university or college, or another organisation in the forums."""

    organisation_number = models.CharField(
        _("organisation number"),
        max_length=9,
        unique=True,
        validators=[validate_organisation_number],
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKind.choices)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("municipality"),
        help_text=_("For a municipality: the municipality itself. Otherwise where it is located."),
    )
    county = models.ForeignKey(
        County,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("county"),
    )
    language_form = models.CharField(
        _("language form"),
        max_length=2,
        choices=LanguageForm.choices,
        default=LanguageForm.BOKMAAL,
    )
    email = models.EmailField(_("e-mail"), blank=True)
    # A private university college (NLA, VID, DMMH, Kristiania …) is a partner,
    # recipient and forum member like any university or college, so it keeps
    # the kind ``uh`` every rule reads; this says who owns it.
    privately_owned = models.BooleanField(
        _("private university college"),
        default=False,
        help_text=_("A university college owned privately rather than by the state."),
    )
    campus_counties = models.ManyToManyField(
        County,
        related_name="campus_organisations",
        blank=True,
        verbose_name=_("counties with a campus"),
        help_text=_(
            "For a university or university college: the counties where it has a campus or "
            "study centre besides its own. It counts as near the region of a forum in its own "
            "county and in these."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)
    source = models.CharField(
        _("source"),
        max_length=10,
        choices=RegisterSource.choices,
        default=RegisterSource.MANUAL,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "organisation_number"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [
            models.Index(fields=["kind", "is_active"]),
            # The lists' default order; without it every page sorts the table.
            models.Index(fields=["name", "organisation_number"]),
        ]

    def __str__(self):
        return self.name

    @property
    def is_owner(self) -> bool:
        return self.kind in OWNER_KINDS

    @property
    def is_public(self) -> bool:
        return self.kind in PUBLIC_KINDS

    @property
    def is_imported(self) -> bool:
        """Kept by the import from a national register, not on the registry's pages."""
        return self.source != RegisterSource.MANUAL

    @property
    def kind_label(self) -> str:
        """The kind in words; a privately owned university college says so."""
        if self.kind == OrganisationKind.UH and self.privately_owned:
            return str(_("Private university college"))
        return str(self.get_kind_display())


class UnitKind(models.TextChoices):
    KINDERGARTEN = "kindergarten", _("Kindergarten")
    SCHOOL = "school", _("School")


class Unit(models.Model):
    """A kindergarten or a school, with the organisation that owns it."""

    organisation_number = models.CharField(
        _("organisation number"),
        max_length=9,
        unique=True,
        validators=[validate_organisation_number],
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="units",
        verbose_name=_("owner"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="units",
        verbose_name=_("municipality"),
    )
    is_public = models.BooleanField(_("public"))
    is_active = models.BooleanField(_("active"), default=True)
    is_primary = models.BooleanField(_("primary and lower secondary"), default=False)
    is_upper_secondary = models.BooleanField(_("upper secondary"), default=False)
    children = models.PositiveIntegerField(_("children or pupils"), null=True, blank=True)
    staff = models.PositiveIntegerField(_("staff"), null=True, blank=True)
    language_form = models.CharField(
        _("language form"),
        max_length=2,
        choices=LanguageForm.choices,
        default=LanguageForm.BOKMAAL,
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=4, blank=True)
    postal_place = models.CharField(_("postal place"), max_length=100, blank=True)
    source = models.CharField(
        _("source"),
        max_length=10,
        choices=RegisterSource.choices,
        default=RegisterSource.MANUAL,
    )
    register_changed_at = models.DateTimeField(_("changed in the register"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "organisation_number"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        indexes = [
            models.Index(fields=["kind", "is_active"]),
            models.Index(fields=["municipality", "kind"]),
            models.Index(fields=["name", "organisation_number"]),
            # On PostgreSQL also a trigram index on upper(name) for the search:
            # migration 0004, not here, as SQLite has no GIN.
        ]

    def __str__(self):
        return self.name


class Forum(models.Model):
    """A collaboration forum (samarbeidsforum); one or more per county.

    Composition, members and the forum's plans belong to the forum app; the
    registry holds the forum itself so that roles can be scoped to it.
    """

    name = models.CharField(_("name"), max_length=200)
    office = models.ForeignKey(
        GovernorOffice,
        on_delete=models.PROTECT,
        related_name="forums",
        verbose_name=_("state administrator office"),
    )
    counties = models.ManyToManyField(County, related_name="forums", verbose_name=_("counties"))
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("collaboration forum")
        verbose_name_plural = _("collaboration forums")

    def __str__(self):
        return self.name


class NetworkKind(models.TextChoices):
    REGIONAL = "regional", _("Regional")
    THEMATIC = "thematic", _("Thematic")


class Network(models.Model):
    """A competence network of owners that report needs jointly."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=NetworkKind.choices)
    office = models.ForeignKey(
        GovernorOffice,
        on_delete=models.PROTECT,
        related_name="networks",
        verbose_name=_("state administrator office"),
    )
    members = models.ManyToManyField(
        Organisation,
        related_name="networks",
        blank=True,
        verbose_name=_("member owners"),
    )
    coordinator = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="coordinated_networks",
        verbose_name=_("coordinating organisation"),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("competence network")
        verbose_name_plural = _("competence networks")

    def __str__(self):
        return self.name
