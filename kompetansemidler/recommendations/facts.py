"""From the database to the pure recommendation rules, and back to the page.

``line_facts`` reads one line (with its measure and needs report prefetched,
see ``selectors.lines_for``) into the rules' ``Line``, and ``row_facts`` the
same from a ``selectors.LineRow``; ``check`` runs every rule on a
recommendation as saved or as typed. All are linear in the number of lines:
no query per line, so the check can run on every keystroke.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from kompetansemidler.registry.models import OrganisationKind
from kompetansemidler.rules.findings import Finding
from kompetansemidler.rules.money import earmark_cap
from kompetansemidler.rules.recommendation import (
    OWNER,
    PRIVATE,
    PUBLIC,
    Line,
    NeedsReportRef,
    RecommendationFacts,
    RoundMoney,
    Totals,
    can_adopt,
    finding_key,
    recommendation_findings,
    totals,
)
from kompetansemidler.schemes.extensions import round_decided, round_decided_earmarked
from kompetansemidler.schemes.messages import finding_text
from kompetansemidler.schemes.selectors import round_money_flow

LINE_PREFIX = "line:"


def _report_ref(report) -> NeedsReportRef | None:
    """From a ``NeedsReport`` or a ``selectors.ReportRow``. A report the secretariat
    returned to its author carries no line until it is accepted again."""
    if report is None or report.state == "returned":
        return None
    return NeedsReportRef(
        report_id=report.pk,
        staff_and_leaders_involved=bool(
            report.staff_involvement.strip() and report.leader_involvement.strip()
        ),
        uh_dialogue=bool(report.uh_dialogue.strip()),
    )


def _partner_kinds(line) -> tuple[str, ...]:
    kinds = set()
    if line.partner is not None:
        kinds.add(line.partner.kind)
    report = line.measure.report if line.measure_id else line.basis_report
    if report is not None:
        # .all() reads the prefetched rows; no query per line.
        kinds.update(o.kind for o in report.uh_partners.all())
        if report.partnership is not None:
            kinds.update(o.kind for o in report.partnership.institutions.all())
    return tuple(sorted(kinds))


def _owner_kind(recipient_kind, organisation_kind: str | None) -> str | None:
    if recipient_kind != OWNER or organisation_kind is None:
        return None
    return PRIVATE if organisation_kind == OrganisationKind.PRIVATE_OWNER else PUBLIC


def _sami_assessed(report) -> bool:
    return bool(report is not None and report.sami_perspectives.strip())


def line_facts(line) -> Line:
    report = line.measure.report if line.measure_id else line.basis_report
    measure = line.measure
    organisation = line.recipient_organisation
    return Line(
        line_id=line.pk,
        recipient_kind=line.recipient_kind,
        recipient_id=line.recipient_organisation_id or line.recipient_network_id or line.pk,
        amount=line.amount_year1,
        later_amounts=(line.amount_year2 or 0) + (line.amount_year3 or 0),
        owner_kind=_owner_kind(
            line.recipient_kind, organisation.kind if organisation is not None else None
        ),
        category=line.category,
        co_financing=line.co_financing,
        is_coordinator=line.is_coordinator,
        coordinator_decision=line.coordinator_decision,
        pro_rata_key=line.pro_rata_key,
        needs_report=_report_ref(report),
        individual_further_education=bool(measure and measure.individual_further_education),
        partner_kinds=_partner_kinds(line),
        sami_assessed=_sami_assessed(report),
        measure_id=line.measure_id,
        priority_code=line.priority.code if line.priority_id else "",
    )


def row_facts(row) -> Line:
    """``line_facts`` for a ``selectors.LineRow``: the same ``Line`` for the same line."""
    report = row.report
    kinds = set(report.partner_kinds) if report is not None else set()
    if row.partner_kind is not None:
        kinds.add(row.partner_kind)
    return Line(
        line_id=row.pk,
        recipient_kind=row.recipient_kind,
        recipient_id=row.recipient_organisation_id or row.recipient_network_id or row.pk,
        amount=row.amount_year1,
        later_amounts=(row.amount_year2 or 0) + (row.amount_year3 or 0),
        owner_kind=_owner_kind(row.recipient_kind, row.organisation_kind),
        category=row.category,
        co_financing=row.co_financing,
        is_coordinator=row.is_coordinator,
        coordinator_decision=row.coordinator_decision,
        pro_rata_key=row.pro_rata_key,
        needs_report=_report_ref(report),
        individual_further_education=row.individual_further_education,
        partner_kinds=tuple(sorted(kinds)),
        sami_assessed=_sami_assessed(report),
        measure_id=row.measure_id,
        priority_code=row.priority_code,
    )


def round_money(round_) -> RoundMoney:
    """The round's money as the recommendation rules see it: allocation,
    set-asides and commitments, and the earmarked part of the last two."""
    flow = round_money_flow(round_)
    earmarked = set(round_.rule_set.params.earmarked_codes)
    return RoundMoney(
        frame=flow.allocation,
        committed=flow.committed,
        committed_earmarked=sum(
            (c.amount for c in flow.commitments if c.category in earmarked), Decimal(0)
        ),
        set_aside=flow.set_aside,
        set_aside_earmarked=sum(
            (a.amount for a in flow.set_asides if a.category in earmarked), Decimal(0)
        ),
    )


def left_over_money(money: RoundMoney, recommendation) -> RoundMoney:
    """``money`` as a supplementary ``recommendation`` sees it: what is left.

    Year 1 of the round's decisions (``schemes.extensions.round_decided``, the
    decisions app's one reader; frozen at adoption in ``decided_before``) is
    taken off, and the earmarked part of it (the decisions' earmarked rows, through
    ``schemes.extensions.round_decided_earmarked``) counts against the earmark cap.
    An ordinary recommendation's money is unchanged."""
    if recommendation is None or not recommendation.is_supplementary:
        return money
    round_ = recommendation.round
    decided = recommendation.decided_before
    if decided is None:
        decided = round_decided(round_)
    return replace(money, decided=decided, decided_earmarked=round_decided_earmarked(round_))


@dataclass(frozen=True)
class Check:
    """Everything the editor shows about a recommendation's state against the rules."""

    facts: RecommendationFacts
    money: RoundMoney
    totals: Totals
    earmark_cap: Decimal | None
    findings: list[Finding]
    by_category: dict[str, Decimal]

    @property
    def remaining(self) -> Decimal:
        return self.money.available - self.totals.total

    @property
    def earmarked(self) -> Decimal:
        """Earmarked money measured against the cap, the same sum the rule checks."""
        return self.money.earmarked_with(self.totals)

    @property
    def earmark_room(self) -> Decimal | None:
        """What earmarked categories may still take; negative when over the cap."""
        return None if self.earmark_cap is None else self.earmark_cap - self.earmarked

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]


def check(recommendation, lines: Iterable, *, changes: Mapping | None = None) -> Check:
    """Every finding and the running sums, for the saved ``lines`` with ``changes``
    (line id → field values as typed) applied on top."""
    return check_facts(recommendation, [line_facts(line) for line in lines], changes=changes)


def check_rows(recommendation, rows: Iterable, *, changes: Mapping | None = None) -> Check:
    """``check`` for ``selectors.LineRow`` rows."""
    return check_facts(recommendation, [row_facts(row) for row in rows], changes=changes)


def check_facts(recommendation, lines: Iterable[Line], *, changes: Mapping | None = None) -> Check:
    changes = changes or {}
    round_ = recommendation.round
    params = round_.rule_set.params
    line_list = []
    for facts in lines:
        typed = changes.get(facts.line_id)
        if typed:
            facts = replace(facts, **typed)
        line_list.append(facts)
    facts = RecommendationFacts(scheme=round_.scheme.code, lines=tuple(line_list))
    money = left_over_money(round_money(round_), recommendation)
    sums = totals(facts, params)
    by_category: dict[str, Decimal] = {}
    for line in facts.lines:
        by_category[line.category] = by_category.get(line.category, Decimal(0)) + line.amount
    cap = None
    if params.earmark_cap_share is not None:
        cap = earmark_cap(funds=money.frame, cap_share=params.earmark_cap_share)
    return Check(
        facts=facts,
        money=money,
        totals=sums,
        earmark_cap=cap,
        findings=recommendation_findings(facts, money, params),
        by_category=by_category,
    )


def justifications(lines: Iterable, findings: Iterable[Finding]) -> dict[str, str]:
    """Each warning's justification: the text written on the line it is tied to."""
    by_id = {str(line.pk): line.justification for line in lines}
    result = {}
    for finding in findings:
        line_id = target_line_id(finding.target)
        if line_id is not None and by_id.get(line_id, "").strip():
            result[finding_key(finding)] = by_id[line_id]
    return result


def adoption_reasons(recommendation, lines) -> list[Finding]:
    """What stands in the way of adopting: errors, and warnings without a justification."""
    lines = list(lines)
    result = check(recommendation, lines)
    _ok, reasons = can_adopt(result.findings, justifications(lines, result.findings))
    return reasons


def target_line_id(target: str) -> str | None:
    """``line:12.amount`` → ``"12"``; None for a finding about the whole recommendation."""
    if not target.startswith(LINE_PREFIX):
        return None
    return target[len(LINE_PREFIX) :].split(".", 1)[0]


def target_field(target: str) -> str:
    return target.split(".", 1)[1] if "." in target else ""


@dataclass(frozen=True)
class ShownFinding:
    code: str
    is_error: bool
    text: str
    line_id: str | None
    # The id of the element the summary links to.
    anchor: str
    # The page the element is on when it is not on the page shown; None when it is.
    page: int | None = None


# The rules name a line's fields; these are the editor's inputs for them.
FIELD_INPUTS = {
    "amount": "amount_year1",
    "co_financing": "co_financing",
    "coordinator_decision": "coordinator_decision",
    "is_coordinator": "is_coordinator",
    "sami_assessed": "justification",
}


def shown(
    findings: Iterable[Finding],
    *,
    inputs: set[str] | None = None,
    pages: Mapping[str, int] | None = None,
) -> list[ShownFinding]:
    """Findings in the user's language, each with the element to link to: the input to
    fix when the editor has one (``inputs`` holds the editable line ids), else the line;
    ``pages`` gives the page of each line that is on another page than the one shown."""
    pages = pages or {}
    result = []
    for finding in findings:
        line_id = target_line_id(finding.target)
        if line_id is None:
            anchor = "totals"
        else:
            field = FIELD_INPUTS.get(target_field(finding.target))
            anchor = (
                f"id_l{line_id}-{field}"
                if field and inputs is not None and line_id in inputs
                else f"line-{line_id}"
            )
        result.append(
            ShownFinding(
                code=finding.code,
                is_error=finding.is_error,
                text=finding_text(finding),
                line_id=line_id,
                anchor=anchor,
                page=pages.get(line_id),
            )
        )
    return result


def by_line(findings: Iterable[ShownFinding]) -> dict[str, list[ShownFinding]]:
    grouped: dict[str, list[ShownFinding]] = {}
    for finding in findings:
        if finding.line_id is not None:
            grouped.setdefault(finding.line_id, []).append(finding)
    return grouped
