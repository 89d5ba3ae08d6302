"""What the benchmark measures: the key pages and API routes, by URL name.

A target whose URL name does not resolve (its capability is not built yet),
whose object does not exist in the data, or that answers 404 is reported as
"not available", never a crash. When a capability lands, check that its URL
names below match and add its pages. ``persona`` is a name from the cast
(``kompetansemidler.demo.cast``); the benchmark logs in as that person.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

# The trivial view of the same server that every page is compared with.
FLOOR_URL = "/healthz"


class Unavailable(Exception):
    """The target cannot be measured in this build or data set; the message says why."""


@dataclass(frozen=True)
class Target:
    key: str  # stable identifier in the JSON results
    url_name: str
    kind: str = "page"  # "page", "api" or "export"
    persona: str = "caseworker"
    kwargs: Callable[[], dict] = field(default=lambda: {})
    query: str = ""
    # Fewer repetitions for targets that are heavy by nature (whole-country exports).
    repeat_share: float = 1.0


def _largest_owner() -> dict:
    from django.db.models import Count

    from kompetansemidler.registry.models import Organisation

    owner = (
        Organisation.objects.annotate(n=Count("units"))
        .order_by("-n", "pk")
        .values_list("organisation_number", flat=True)
        .first()
    )
    if owner is None:
        raise Unavailable("no organisations in the data")
    return {"organisation_number": owner}


def _first_unit() -> dict:
    from kompetansemidler.registry.models import Unit

    number = Unit.objects.order_by("pk").values_list("organisation_number", flat=True).first()
    if number is None:
        raise Unavailable("no units in the data")
    return {"organisation_number": number}


def _largest_round() -> dict:
    """Vestland's round with the most needs reports (or its newest, before needs exist).

    Vestland is the cast's office, so its caseworker and forum member may open it.
    """
    from django.apps import apps
    from django.db.models import Count

    try:
        round_model = apps.get_model("schemes", "Round")
    except LookupError as error:
        raise Unavailable("no rounds yet") from error
    rounds = round_model.objects.filter(office__slug="vestland").order_by("-pk")
    if "needs_reports" in {f.name for f in round_model._meta.get_fields()}:
        rounds = rounds.annotate(n=Count("needs_reports")).order_by("-n", "-pk")
    pk = rounds.values_list("pk", flat=True).first()
    if pk is None:
        raise Unavailable("no rounds in the data")
    return {"pk": pk}


def _largest_recommendation(**filters) -> Callable[[], dict]:
    """The recommendation with the most lines among Vestland's rounds (matching
    ``filters``: the editor opens only a draft; a sent one is locked)."""

    def kwargs() -> dict:
        from django.apps import apps
        from django.db.models import Count

        try:
            model = apps.get_model("recommendations", "Recommendation")
        except LookupError as error:
            raise Unavailable("no recommendations yet") from error
        pk = (
            model.objects.filter(round__office__slug="vestland", **filters)
            .annotate(n=Count("lines"))
            .order_by("-n", "pk")
            .values_list("pk", flat=True)
            .first()
        )
        if pk is None:
            raise Unavailable("no such recommendation in the data")
        return {"pk": pk}

    return kwargs


def _largest_decided_round() -> dict:
    """Vestland's round with the most decisions."""
    from django.apps import apps
    from django.db.models import Count

    try:
        model = apps.get_model("decisions", "Decision")
    except LookupError as error:
        raise Unavailable("no decisions yet") from error
    row = (
        model.objects.filter(round__office__slug="vestland")
        .values("round")
        .annotate(n=Count("id"))
        .order_by("-n", "round")
        .first()
    )
    if row is None:
        raise Unavailable("no decisions in Vestland's rounds")
    return {"pk": row["round"]}


def _first_of(label: str, **filters) -> Callable[[], dict]:
    """The first row of ``label`` in Vestland (the cast's office) matching ``filters``."""

    def kwargs() -> dict:
        from django.apps import apps

        try:
            model = apps.get_model(label)
        except LookupError as error:
            raise Unavailable(f"no {label} yet") from error
        pk = model.objects.filter(**filters).order_by("pk").values_list("pk", flat=True).first()
        if pk is None:
            raise Unavailable(f"no {label} in Vestland in the data")
        return {"pk": pk}

    return kwargs


def _vestland_office_report() -> dict:
    from kompetansemidler.registry.models import GovernorOffice

    return {"pk": GovernorOffice.objects.get(slug="vestland").pk, "year": 2025}


def _cast_forum() -> dict:
    from kompetansemidler.registry.models import Forum

    pk = Forum.objects.filter(name="Samarbeidsforum Vestland").values_list("pk", flat=True).first()
    if pk is None:
        raise Unavailable("no Samarbeidsforum Vestland in the data")
    return {"pk": pk}


TARGETS = [
    # Every role's start page ("Mine oppgaver"), which collects panels from the apps.
    Target("start page, caseworker", "core:home"),
    Target("start page, owner", "core:home", persona="owner_rep"),
    # Registry pages (60-row lists in the terms: the registry pages show 50).
    Target("registry index", "registry:index"),
    Target("office list", "registry:office_list"),
    Target("county list", "registry:county_list"),
    Target("municipality list", "registry:municipality_list"),
    Target("organisation list", "registry:organisation_list"),
    Target("organisation list, private", "registry:organisation_list", query="kind=private_owner"),
    Target("unit list", "registry:unit_list"),
    Target("unit list, filtered", "registry:unit_list", query="county=46&kind=kindergarten"),
    Target("unit list, search", "registry:unit_list", query="q=barnehage"),
    Target("unit list, page 40", "registry:unit_list", query="page=40"),
    Target(
        "municipality detail", "registry:municipality_detail", kwargs=lambda: {"number": "0301"}
    ),
    Target(
        "organisation detail, largest owner", "registry:organisation_detail", kwargs=_largest_owner
    ),
    Target("unit detail", "registry:unit_detail", kwargs=_first_unit),
    Target(
        "unit export csv",
        "registry:unit_export",
        kind="export",
        kwargs=lambda: {"fmt": "csv"},
        repeat_share=0.2,
    ),
    Target(
        "unit export xlsx",
        "registry:unit_export",
        kind="export",
        kwargs=lambda: {"fmt": "xlsx"},
        repeat_share=0.2,
    ),
    # Registry API.
    Target("api offices", "api:registry_offices", kind="api"),
    Target("api counties", "api:registry_counties", kind="api"),
    Target("api municipalities", "api:registry_municipalities", kind="api"),
    Target("api organisations", "api:registry_organisations", kind="api"),
    Target("api units", "api:registry_units", kind="api"),
    Target(
        "api units, filtered", "api:registry_units", kind="api", query="county=46&kind=kindergarten"
    ),
    Target("api unit detail", "api:registry_unit", kind="api", kwargs=_first_unit),
    # Role administration, imports, forums.
    Target("user list", "accounts:user_list"),
    Target("import history", "imports:index"),
    Target("forum list", "forums:list"),
    Target("forum page", "forums:detail", persona="forum_member", kwargs=_cast_forum),
    # Schemes and rounds.
    Target("schemes and rule sets", "schemes:index", persona="udir"),
    Target("round list", "schemes:round_list"),
    Target("round overview, largest round", "schemes:round_detail", kwargs=_largest_round),
    Target("api rounds", "api:schemes_rounds", kind="api"),
    # Needs reports.
    Target("needs start page", "needs:index", persona="owner_rep"),
    Target("needs overview of the largest round", "needs:round_overview", kwargs=_largest_round),
    Target("needs report form", "needs:report_create", persona="owner_rep"),
    Target("api needs reports", "api:needs_reports", kind="api"),
    # Recommendations, decisions, annual reports and statistics.
    Target(
        "recommendation editor, largest round",
        "recommendations:edit",
        persona="forum_member",
        kwargs=_largest_recommendation(state="draft"),
    ),
    Target(
        "recommendation page, largest round",
        "recommendations:detail",
        persona="forum_member",
        kwargs=_largest_recommendation(),
    ),
    Target("decision list", "decisions:index"),
    Target(
        "decisions of the largest decided round", "decisions:round", kwargs=_largest_decided_round
    ),
    Target(
        "decision page",
        "decisions:detail",
        kwargs=_first_of(
            "decisions.Decision", round__office__slug="vestland", payments__isnull=False
        ),
    ),
    Target("api decisions", "api:decisions_list", kind="api"),
    Target("annual reports", "reporting:index"),
    Target(
        "annual report page",
        "reporting:detail",
        kwargs=_first_of(
            "reporting.AnnualReport", decision__round__office__slug="vestland", state="submitted"
        ),
    ),
    Target("office report to Udir", "reporting:office", kwargs=_vestland_office_report),
    Target("api annual reports", "api:reporting_list", kind="api"),
    Target("national statistics", "statistics:national", persona="udir"),
    Target("api national statistics", "api:statistics_national", kind="api", persona="udir"),
    Target("public statistics", "statistics:public", persona="outsider"),
    Target("api public statistics", "api:statistics_public", kind="api", persona="outsider"),
]


def resolve(target: Target) -> str:
    """The URL of ``target`` in this build and data set, or raise ``Unavailable``."""
    from django.urls import NoReverseMatch, reverse

    try:
        url = reverse(target.url_name, kwargs=target.kwargs())
    except NoReverseMatch as error:
        raise Unavailable(f"no URL named {target.url_name} yet") from error
    return f"{url}?{target.query}" if target.query else url
