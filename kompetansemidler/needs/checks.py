"""From a needs report (saved, or as typed in the form) to the pure rules' findings.

The rules live in ``kompetansemidler.rules.needs``; this module only gathers
the facts they need and turns findings into text in the user's language.
"""

from dataclasses import dataclass
from decimal import Decimal

from kompetansemidler.core.ids import is_id
from kompetansemidler.registry.models import Organisation
from kompetansemidler.rules import Finding
from kompetansemidler.rules.needs import MeasureFacts, NeedsReportFacts, needs_report_findings
from kompetansemidler.schemes.messages import finding_text

from .models import MAX_YEARS, NeedsReport


@dataclass(frozen=True)
class ShownFinding:
    """A finding ready for a page: its code, whether it blocks, its text and its field."""

    code: str
    is_error: bool
    text: str
    target: str
    field_id: str


def _field_id(target: str) -> str:
    """The HTML id of the field a finding is tied to (the form's auto ids)."""
    if target.startswith("measures."):
        _prefix, key, name = target.split(".", 2)
        return f"id_measure-{key}-{name}"
    return f"id_{target}" if target else ""


def report_facts(report: NeedsReport) -> NeedsReportFacts:
    """The facts of a saved report."""
    measures = tuple(
        MeasureFacts(
            key=str(index),
            title=m.title,
            category=m.category,
            individual_further_education=m.individual_further_education,
            amounts=(m.amount_year1, m.amount_year2, m.amount_year3),
            co_financing=m.co_financing,
            local_plan=bool(m.local_plan_id or report.local_plan_id),
            plan_priority=bool(m.local_plan_priority.strip()),
            team_around_child=tuple(m.team_around_child or ()),
        )
        for index, m in enumerate(report.measures.all())
    )
    return NeedsReportFacts(
        units=report.units.count(),
        uh_dialogue=bool(report.uh_dialogue.strip()),
        staff_involvement=bool(report.staff_involvement.strip()),
        leader_involvement=bool(report.leader_involvement.strip()),
        partner_kinds=_partner_kinds(report.uh_partners.all(), report.partnership),
        sami_perspectives=bool(report.sami_perspectives.strip()),
        target_groups=tuple(report.target_groups or ()),
        coordinator_requested=report.coordinator_requested,
        measures=measures,
    )


def _partner_kinds(partners, partnership) -> tuple[str, ...]:
    kinds = {p.kind for p in partners}
    if partnership is not None:
        kinds |= set(partnership.institutions.values_list("kind", flat=True))
    return tuple(sorted(kinds))


def _decimal(raw) -> Decimal | None:
    """A typed amount as Decimal; anything unreadable counts as not given (the form says why)."""
    try:
        value = Decimal(str(raw).replace(" ", "").replace("\u00a0", ""))
    except (ArithmeticError, ValueError):
        return None
    return value if value.is_finite() else None


def posted_facts(data, *, partnership_qs, prefix: str = "measure") -> NeedsReportFacts:
    """The facts as typed, from raw POST data, so the check works on half-filled forms."""
    partner_ids = [pk for pk in data.getlist("uh_partners") if is_id(pk)]
    partners = Organisation.objects.filter(pk__in=partner_ids)
    partnership_id = data.get("partnership", "")
    partnership = (
        partnership_qs.filter(pk=partnership_id).first() if is_id(partnership_id) else None
    )
    try:
        total = int(data.get(f"{prefix}-TOTAL_FORMS", 0))
    except ValueError:
        total = 0
    report_plan = is_id(data.get("local_plan", ""))
    measures = []
    for index in range(min(total, 100)):
        key = f"{prefix}-{index}-"
        title = data.get(key + "title", "").strip()
        if not title or data.get(key + "DELETE"):
            continue
        measures.append(
            MeasureFacts(
                key=str(index),
                title=title,
                category=data.get(key + "category", "general"),
                individual_further_education=bool(data.get(key + "individual_further_education")),
                amounts=tuple(
                    _decimal(data.get(f"{key}amount_year{y}", "")) for y in range(1, MAX_YEARS + 1)
                ),
                co_financing=_decimal(data.get(key + "co_financing", "")),
                local_plan=is_id(data.get(key + "local_plan", "")) or report_plan,
                plan_priority=bool(data.get(key + "local_plan_priority", "").strip()),
                team_around_child=tuple(data.getlist(key + "team_around_child")),
            )
        )
    return NeedsReportFacts(
        units=len([pk for pk in data.getlist("units") if is_id(pk)]),
        uh_dialogue=bool(data.get("uh_dialogue", "").strip()),
        staff_involvement=bool(data.get("staff_involvement", "").strip()),
        leader_involvement=bool(data.get("leader_involvement", "").strip()),
        partner_kinds=_partner_kinds(partners, partnership),
        sami_perspectives=bool(data.get("sami_perspectives", "").strip()),
        target_groups=tuple(data.getlist("target_groups")),
        coordinator_requested=bool(data.get("coordinator_requested")),
        measures=tuple(measures),
    )


def findings_for(facts: NeedsReportFacts, report: NeedsReport) -> list[Finding]:
    return needs_report_findings(facts, report.round.rule_set.params)


def report_findings(report: NeedsReport) -> list[Finding]:
    """The findings on the report as saved."""
    return findings_for(report_facts(report), report)


def shown(findings: list[Finding]) -> list[ShownFinding]:
    return [
        ShownFinding(
            code=f.code,
            is_error=f.is_error,
            text=finding_text(f),
            target=f.target,
            field_id=_field_id(f.target),
        )
        for f in findings
    ]
