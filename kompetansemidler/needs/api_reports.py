"""Needs reports in the JSON API (/api/needs/reports): the list and one report,
and, for its authors, starting one and changing a draft. The same forms check
the input as on the report's page, and the same services save it.

Both are writes: an ``Idempotency-Key`` is required (a repeated key gets the
first answer, so a retried start makes one report). A change names the version
it is based on in ``If-Match`` (the ``ETag`` of the report as read); one saved
in between is 412 with the current version. An API client needs the scope
``needs.write``.
"""

import datetime

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja import Field, Path, Query, Router, Schema, Status

from kompetansemidler.accounts.models import ApiScope
from kompetansemidler.accounts.policy import ensure
from kompetansemidler.api.auth import client_auth, idempotent_write
from kompetansemidler.api.errors import REFUSALS, WRITES, invalid_body, with_errors
from kompetansemidler.api.paging import PageQuery, api_page
from kompetansemidler.api.preconditions import etag, if_match_version
from kompetansemidler.core.access import visible_or_403
from kompetansemidler.registry.models import Organisation, Unit
from kompetansemidler.schemes.labels import category_label
from kompetansemidler.schemes.messages import finding_text
from kompetansemidler.schemes.selectors import rounds_visible_to
from kompetansemidler.schemes.workflow import RoundPhase

from . import services
from .checks import report_findings
from .forms import NeedsReportForm, ProposedMeasureForm
from .models import LocalPlan, MeasureCategory, NeedsReport, Partnership, ReportState
from .permissions import can_report_needs, can_use_needs, can_write_report
from .selectors import (
    needs_reports_visible_to,
    needs_reports_writable_by,
    networks_coordinated_by,
    owners_writable_by,
)

router = Router(tags=["needs"])

ID = Path(..., ge=1, le=2**62, description="The object's id.")
ORGANISATION_NUMBER = r"^[0-9]{9}$"
KRONER = Field(ge=0, le=10_000_000_000, description="Whole kroner.")
WRITE = client_auth(ApiScope.NEEDS_WRITE)

ERROR_ROUND = _("Choose a round that is open for needs reports and that you may see.")
ERROR_AUTHOR = _("Name one owner or one network you write for, not both.")
ERROR_UNKNOWN = _("No such organisation: %(number)s.")
ERROR_MEASURE = _("This measure does not belong to the report.")


class ReportOut(Schema):
    id: int
    round: int
    owner: str | None = Field(
        None, pattern=ORGANISATION_NUMBER, description="The owner's organisation number."
    )
    network: int | None = Field(None, description="The network's id, for a joint report.")
    state: ReportState
    submitted_at: datetime.datetime | None
    total: int
    version: int = Field(description="The report's version, also its ETag.")


def report_out(report: NeedsReport) -> dict:
    return {
        "id": report.pk,
        "round": report.round_id,
        "owner": report.owner.organisation_number if report.owner_id else None,
        "network": report.network_id,
        "state": report.state,
        "submitted_at": report.submitted_at,
        "total": int(report.total),
        "version": report.lock_version,
    }


class ReportFilters(PageQuery):
    round: int | None = Field(None, ge=1, le=2**62, description="Only this round's reports.")
    state: ReportState | None = None


class MeasureOut(Schema):
    title: str
    description: str
    category: str = Field(description='"general" or an earmarked category code.')
    individual_further_education: bool
    amounts: list[int] = Field(description="Year 1, 2 and 3, whole kroner (0 when none).")
    co_financing: int | None
    confirmed: bool
    local_plan: int | None = Field(
        description="The local plan the measure comes from; null: the report's own."
    )
    local_plan_priority: str = Field(description="The priority in the plan the measure follows.")
    team_around_child: list[str] = Field(
        description='Kompetanseløftet: who beyond the staff takes part ("ppt", "other_services").'
    )


class FindingOut(Schema):
    code: str
    severity: str
    message: str
    target: str


class ReportDetailOut(ReportOut):
    units: list[str]
    uh_partners: list[str]
    staff_involvement: str
    leader_involvement: str
    uh_dialogue: str
    needs: str
    sami_perspectives: str
    target_groups: list[str]
    coordinator_requested: bool
    return_reason: str
    measures: list[MeasureOut]
    findings: list[FindingOut] = Field(description="Only for the report's authors.")


class ReportPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[ReportOut]


class ReportStartIn(Schema):
    # Optional in the schema so that who may start a report is checked before
    # what was sent: a missing round is then 422 from the operation itself.
    round: int | None = Field(None, ge=1, le=2**62, description="A round open for needs reports.")
    owner: str | None = Field(
        None, pattern=ORGANISATION_NUMBER, description="The owner you write for."
    )
    network: int | None = Field(None, ge=1, le=2**62, description="Or the network you coordinate.")
    label: str = Field(
        "",
        max_length=100,
        description="A name of its own: needed for an author's second report to the round.",
    )


class MeasureIn(Schema):
    id: int | None = Field(None, ge=1, le=2**62, description="Keep this measure; none: new.")
    title: str = Field(min_length=1, max_length=200)
    description: str = Field("", max_length=10_000)
    category: str = Field(MeasureCategory.GENERAL, max_length=60)
    individual_further_education: bool = False
    amount_year1: int = KRONER
    amount_year2: int | None = Field(None, ge=0, le=10_000_000_000)
    amount_year3: int | None = Field(None, ge=0, le=10_000_000_000)
    co_financing: int | None = Field(None, ge=0, le=10_000_000_000)
    confirmed: bool = Field(True, description="For a measure carried over from last year.")
    local_plan: int | None = Field(
        None, ge=1, le=2**62, description="The local plan it comes from; none: the report's own."
    )
    local_plan_priority: str = Field(
        "", max_length=300, description="The plan's priority it follows (required to submit)."
    )
    team_around_child: list[str] = Field(
        default_factory=list,
        description='Kompetanseløftet: who beyond the staff takes part ("ppt", "other_services").',
    )
    team_around_child_description: str = Field("", max_length=10_000)


class ReportChangeIn(Schema):
    """The fields to change; those left out keep their value. ``measures``, when
    given, is the whole list: measures left out are removed."""

    local_plan: int | None = Field(None, ge=1, le=2**62)
    units: list[str] | None = Field(None, max_length=1000, description="Organisation numbers.")
    staff_involvement: str | None = Field(None, max_length=20_000)
    leader_involvement: str | None = Field(None, max_length=20_000)
    partnership: int | None = Field(None, ge=1, le=2**62)
    uh_partners: list[str] | None = Field(None, max_length=100, description="UH org. numbers.")
    uh_dialogue: str | None = Field(None, max_length=20_000)
    needs: str | None = Field(None, max_length=20_000)
    sami_perspectives: str | None = Field(None, max_length=20_000)
    target_groups: list[str] | None = Field(None, max_length=50)
    coordinator_requested: bool | None = None
    coordinator_description: str | None = Field(None, max_length=20_000)
    measures: list[MeasureIn] | None = Field(None, max_length=200)


def _with_etag(response: HttpResponse, report: NeedsReport) -> dict:
    response["ETag"] = etag(report.lock_version)
    return report_out(report)


@router.post(
    "/reports",
    auth=WRITE,
    response=with_errors({201: ReportOut}, 409, *WRITES),
    url_name="needs_report_create",
)
@idempotent_write
def report_create(request, response: HttpResponse, payload: ReportStartIn):
    """Start a needs report for a round open for reports, as one of your owners or
    networks: 409 ``already_reported`` when that author has one for the round."""
    ensure(can_report_needs(request.auth))
    round_ = (
        rounds_visible_to(request.auth)
        .filter(phase=RoundPhase.OPEN_FOR_NEEDS, pk=payload.round)
        .first()
    )
    if round_ is None:
        return Status(422, invalid_body({"round": [ERROR_ROUND]}))
    owner = network = None
    if (payload.owner is None) == (payload.network is None):
        return Status(422, invalid_body({"owner": [ERROR_AUTHOR]}))
    if payload.owner is not None:
        owner = visible_or_403(owners_writable_by(request.auth), _organisation_pk(payload.owner))
    else:
        network = visible_or_403(networks_coordinated_by(request.auth), payload.network)
    report = services.needs_report_create(
        actor=request.auth, round_=round_, owner=owner, network=network, label=payload.label
    )
    return Status(201, _with_etag(response, report))


def _organisation_pk(number: str) -> int:
    pk = Organisation.objects.filter(organisation_number=number).values_list("pk", flat=True)
    return pk.first() or 0


def _report_data(report: NeedsReport, changes: dict, version: int) -> dict:
    """The report form's data: the stored values, with ``changes`` over them."""
    data = {
        "local_plan": report.local_plan_id or "",
        "partnership": report.partnership_id or "",
        "units": [str(pk) for pk in report.units.values_list("pk", flat=True)],
        "uh_partners": [str(pk) for pk in report.uh_partners.values_list("pk", flat=True)],
        **{
            f: getattr(report, f)
            for f in services.REPORT_FIELDS
            if f not in ("local_plan", "partnership")
        },
        "lock_version": version,
    }
    for field, value in changes.items():
        if field in ("units", "uh_partners"):
            model = Unit if field == "units" else Organisation
            found = dict(
                model.objects.filter(organisation_number__in=value).values_list(
                    "organisation_number", "pk"
                )
            )
            missing = [n for n in value if n not in found]
            if missing:
                raise _Invalid({field: [ERROR_UNKNOWN % {"number": missing[0]}]})
            data[field] = [str(found[n]) for n in value]
        else:
            data[field] = "" if value is None else value
    return data


class _Invalid(Exception):
    def __init__(self, errors: dict):
        super().__init__("invalid")
        self.errors = errors


def _report_form(report: NeedsReport, data: dict) -> NeedsReportForm:
    params = report.round.rule_set.params
    owners = report.author_owners()
    return NeedsReportForm(
        data,
        report=report,
        target_group_choices=[(code, code) for code in params.target_groups],
        plans=LocalPlan.objects.filter(owner__in=owners),
        partnerships=Partnership.objects.filter(owners__in=owners).distinct(),
        units=Unit.objects.filter(owner__in=owners, is_active=True),
    )


def _measures(report: NeedsReport, given: list[dict]) -> list[dict]:
    """The measures as the service takes them, each checked by the page's form."""
    params = report.round.rule_set.params
    categories = [(MeasureCategory.GENERAL, "general")] + [
        (c.code, category_label(c)) for c in params.earmarked_categories
    ]
    existing = {m.pk: m for m in report.measures.all()}
    plans = LocalPlan.objects.filter(owner__in=report.author_owners())
    measures = []
    for position, values in enumerate(given):
        instance = existing.get(values["id"]) if values.get("id") else None
        if values.get("id") and instance is None:
            raise _Invalid({f"measures.{position}.id": [ERROR_MEASURE]})
        form = ProposedMeasureForm(
            {
                **{k: v for k, v in values.items() if v is not None and k != "id"},
                **{
                    k: str(values[k])
                    for k in ("amount_year1", "amount_year2", "amount_year3", "co_financing")
                    if values.get(k) is not None
                },
            },
            instance=instance,
            category_choices=categories,
            plans=plans,
        )
        if not params.team_around_child:
            form.fields.pop("team_around_child")
            form.fields.pop("team_around_child_description")
        if params.co_financing_share is None:
            form.fields.pop("co_financing")
        if not form.is_valid():
            raise _Invalid(
                {f"measures.{position}.{field}": errors for field, errors in form.errors.items()}
            )
        cleaned = {name: form.cleaned_data.get(name) for name in services.MEASURE_FIELDS}
        cleaned["id"] = instance.pk if instance else None
        # Only a measure carried over from last year waits for confirmation.
        carried = instance is not None and instance.carried_from_id
        cleaned["confirmed"] = bool(values.get("confirmed", True)) if carried else True
        measures.append(cleaned)
    return measures


def _current_measures(report: NeedsReport) -> list[dict]:
    return [
        {
            **{f: getattr(m, f) for f in services.MEASURE_FIELDS},
            "id": m.pk,
            "confirmed": m.confirmed,
        }
        for m in report.measures.all()
    ]


@router.patch(
    "/reports/{report_id}",
    auth=WRITE,
    response=with_errors({200: ReportOut}, 404, *REFUSALS, *WRITES),
    url_name="needs_report_update",
)
@idempotent_write
def report_update(request, response: HttpResponse, payload: ReportChangeIn, report_id: int = ID):
    """Change a draft (or returned) report. ``If-Match`` is required: 428 without
    it, 412 when the report was saved after that version."""
    ensure(can_report_needs(request.auth))
    report = visible_or_403(
        needs_reports_writable_by(request.auth).select_related("round__rule_set", "owner"),
        report_id,
    )
    ensure(can_write_report(request.auth, report))
    version = if_match_version(request)
    changes = payload.dict(exclude_unset=True)
    # Each measure whole, with its defaults (exclude_unset would drop them).
    changes.pop("measures", None)
    given = None if payload.measures is None else [m.dict() for m in payload.measures]
    try:
        form = _report_form(report, _report_data(report, changes, version))
        if not form.is_valid():
            return Status(422, invalid_body(form.errors))
        measures = _current_measures(report) if given is None else _measures(report, given)
    except _Invalid as invalid:
        return Status(422, invalid_body(invalid.errors))
    report = services.needs_report_update(
        actor=request.auth,
        report=report,
        data={f: form.cleaned_data[f] for f in services.REPORT_FIELDS},
        units=form.cleaned_data["units"],
        uh_partners=form.cleaned_data["uh_partners"],
        measures=measures,
        lock_version=version,
    )
    return _with_etag(response, report)


@router.get("/reports", response=with_errors({200: ReportPage}), url_name="needs_reports")
def report_list(request, filters: Query[ReportFilters]):
    ensure(can_use_needs(request.auth))
    rows = (
        needs_reports_visible_to(request.auth)
        .select_related("owner")
        .prefetch_related("measures")
        .order_by("-round__year", "id")
    )
    if filters.round:
        rows = rows.filter(round_id=filters.round)
    if filters.state:
        rows = rows.filter(state=filters.state)
    return api_page(rows, page=filters.page, page_size=filters.page_size, convert=report_out)


@router.get(
    "/reports/{report_id}",
    response=with_errors({200: ReportDetailOut}, 404),
    url_name="needs_report",
)
def report_detail(request, response: HttpResponse, report_id: int = ID):
    """The report; its ``ETag`` is the version a change sends back as ``If-Match``."""
    ensure(can_use_needs(request.auth))
    report = visible_or_403(
        needs_reports_visible_to(request.auth).select_related("owner", "round__rule_set"), report_id
    )
    response["ETag"] = etag(report.lock_version)
    findings = report_findings(report) if can_write_report(request.auth, report) else []
    return {
        **report_out(report),
        "units": [u.organisation_number for u in report.units.all()],
        "uh_partners": [o.organisation_number for o in report.uh_partners.all()],
        **{
            f: getattr(report, f)
            for f in (
                "staff_involvement",
                "leader_involvement",
                "uh_dialogue",
                "needs",
                "sami_perspectives",
                "target_groups",
                "coordinator_requested",
                "return_reason",
            )
        },
        "measures": [
            {
                "title": m.title,
                "description": m.description,
                "category": m.category,
                "individual_further_education": m.individual_further_education,
                "amounts": [int(a) for a in m.amounts],
                "co_financing": int(m.co_financing) if m.co_financing is not None else None,
                "confirmed": m.confirmed,
                "local_plan": m.local_plan_id,
                "local_plan_priority": m.local_plan_priority,
                "team_around_child": list(m.team_around_child or ()),
            }
            for m in report.measures.all()
        ],
        "findings": [
            {
                "code": f.code,
                "severity": str(f.severity),
                "message": finding_text(f),
                "target": f.target,
            }
            for f in findings
        ],
    }
