"""Rules on a forum's recommendation (innstilling), checked on every keystroke
and again before adoption (DOMAIN.md §4).

Pure: the editor describes the recommendation as ``RecommendationFacts`` (one
``Line`` per recipient and measure, amounts for the round's year in whole
kroner) with the round's money (``RoundMoney``) and the rule set's
``RuleSetParameters``, and gets every finding at once. A finding about one
line has the target ``line:<id>.<field>``; one about the whole recommendation
has ``total`` or ``earmarked``. The checks are linear in the number of lines.

Errors block adoption; a warning may be adopted with a written justification
(``can_adopt``).
"""

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .allocation import (
    ALLOCATION_OVERBOUND,
    CommitmentFact,
    MoneyFlow,
    SetAsideFact,
    check_earmark_cap_of_allocation,
)
from .findings import Finding, Severity, define
from .money import check_co_financing, check_frame
from .needs import GENERAL
from .parameters import RuleSetParameters

# Recipient kinds (DOMAIN.md §3 step 4).
OWNER = "owner"
NETWORK = "network"
JOINT_MEASURE = "joint_measure"  # fylkesdekkende fellestiltak
UH = "uh"
RECIPIENT_KINDS = (OWNER, NETWORK, JOINT_MEASURE, UH)

PUBLIC = "public"
PRIVATE = "private"

LEFT_OVER_EXCEEDED = define(
    "LEFT_OVER_EXCEEDED",
    Severity.ERROR,
    "The supplementary recommendation's total of %(total)s kroner is %(excess)s kroner more "
    "than the %(available)s kroner still available (the allocation of %(frame)s kroner less "
    "%(set_aside)s kroner set aside, %(committed)s kroner committed and %(decided)s kroner "
    "already decided).",
)
REC_UNKNOWN_RECIPIENT_KIND = define(
    "REC_UNKNOWN_RECIPIENT_KIND",
    Severity.ERROR,
    "“%(kind)s” is not a kind of recipient a recommendation can fund.",
)
REC_NEGATIVE_AMOUNT = define(
    "REC_NEGATIVE_AMOUNT",
    Severity.ERROR,
    "The amount cannot be negative: give 0 kr to leave the line unfunded.",
)
REC_NOT_WHOLE_KRONER = define(
    "REC_NOT_WHOLE_KRONER", Severity.ERROR, "Give the amount in whole kroner, without øre."
)
REC_UNKNOWN_CATEGORY = define(
    "REC_UNKNOWN_CATEGORY",
    Severity.ERROR,
    "“%(category)s” is not a category of this scheme: set the line to 0 kr or remove it.",
)
REC_COORDINATOR_NOT_ALLOWED = define(
    "REC_COORDINATOR_NOT_ALLOWED",
    Severity.ERROR,
    "This scheme does not fund a coordinator function this year: untick the coordinator "
    "function, or set the line to 0 kr.",
)
REC_COORDINATOR_NO_DECISION = define(
    "REC_COORDINATOR_NO_DECISION",
    Severity.ERROR,
    "Coordinator funds need a recorded forum decision that anchors the coordinator function: "
    "enter its reference.",
)
REC_PRO_RATA_OWNER = define(
    "REC_PRO_RATA_OWNER",
    Severity.ERROR,
    "An owner's amount must come from its assessed needs: a pro-rata split is allowed only "
    "between regions and networks, never between owners. Give the amount the owner's needs "
    "report asks for.",
)
REC_C1_NO_NEEDS_REPORT = define(
    "REC_C1_NO_NEEDS_REPORT",
    Severity.ERROR,
    "The measure does not trace to a submitted needs report (criterion C1): set the line to "
    "0 kr or remove it.",
)
REC_C1_NO_STAFF_INVOLVEMENT = define(
    "REC_C1_NO_STAFF_INVOLVEMENT",
    Severity.ERROR,
    "The needs report behind the measure did not involve staff and leaders (criterion C1): "
    "ask the secretariat to return the report to its owner, or set the line to 0 kr.",
)
REC_C1_NO_UH_DIALOGUE = define(
    "REC_C1_NO_UH_DIALOGUE",
    Severity.ERROR,
    "The needs report behind the measure had no dialogue with a university or university "
    "college (criterion C1): ask the secretariat to return the report to its owner, or set "
    "the line to 0 kr.",
)
REC_C2_INDIVIDUAL = define(
    "REC_C2_INDIVIDUAL",
    Severity.ERROR,
    "Individual further education cannot be funded in this category; measures must develop "
    "the unit as a whole (criterion C2): set the line to 0 kr or remove it.",
)
REC_C3_NO_PARTNER = define(
    "REC_C3_NO_PARTNER",
    Severity.ERROR,
    "The measure has no university or university college as partner (criterion C3): ask the "
    "secretariat to return the report to its owner, or set the line to 0 kr.",
)
REC_SAMI_NOT_ASSESSED = define(
    "REC_SAMI_NOT_ASSESSED",
    Severity.WARNING,
    "Sámi perspectives have not been assessed for this measure: write a justification, or "
    "set the line to 0 kr.",
)
REC_JUSTIFICATION_MISSING = define(
    "REC_JUSTIFICATION_MISSING",
    Severity.ERROR,
    "A warning needs a written justification before the recommendation can be adopted.",
)


@dataclass(frozen=True)
class NeedsReportRef:
    """The needs report a line traces to, as far as criterion C1 asks."""

    report_id: Hashable
    staff_and_leaders_involved: bool
    uh_dialogue: bool


@dataclass(frozen=True)
class Line:
    """One recommendation line: an amount for one recipient and measure in the round's year."""

    line_id: Hashable
    recipient_kind: str
    recipient_id: Hashable
    amount: Decimal
    # The amounts of the later years together; a line at 0 kr in every year is unfunded.
    later_amounts: Decimal = Decimal(0)
    # For an owner: PUBLIC or PRIVATE. None for the other kinds.
    owner_kind: str | None = None
    # GENERAL, or one of the rule set's earmarked categories (Rekom).
    category: str = GENERAL
    # Dekom: what the owner finances from its own funds for this line.
    co_financing: Decimal = Decimal(0)
    is_coordinator: bool = False
    # The reference of the recorded forum decision anchoring the coordinator.
    coordinator_decision: str = ""
    # The key ("staff", "children") when the amount is a pro-rata share; "" when not.
    pro_rata_key: str = ""
    needs_report: NeedsReportRef | None = None
    individual_further_education: bool = False
    # Organisation kinds of the measure's partners ("uh", …).
    partner_kinds: tuple[str, ...] = ()
    sami_assessed: bool = False
    # Which measure and priority the line funds; not checked here, carried for the editor.
    measure_id: Hashable | None = None
    priority_code: str = ""


@dataclass(frozen=True)
class RecommendationFacts:
    scheme: str
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class RoundMoney:
    """The round's money. Available to the forum: the frame (the allocation)
    less what is set aside, less what earlier decisions committed
    (``rules.allocation.MoneyFlow`` computes these from the single items).

    The earmark cap is a share of the round's allocation; earmarked set-asides
    and what earlier multi-year decisions committed to earmarked categories
    (not paid from a set-aside) count against it together with this
    recommendation's earmarked lines.
    """

    frame: Decimal
    committed: Decimal = Decimal(0)
    committed_earmarked: Decimal = Decimal(0)
    set_aside: Decimal = Decimal(0)
    set_aside_earmarked: Decimal = Decimal(0)
    # A supplementary recommendation is checked against what is left after the
    # round's decisions (year 1) and the earmarked money the earlier
    # recommendations gave; an ordinary one has 0 here.
    decided: Decimal = Decimal(0)
    decided_earmarked: Decimal = Decimal(0)

    @property
    def available(self) -> Decimal:
        return self.frame - self.set_aside - self.committed - self.decided

    def earmarked_with(self, totals: "Totals") -> Decimal:
        """What counts against the earmark cap: the recommendation's earmarked
        lines, earmarked set-asides and earmarked commitments (and, for a
        supplementary recommendation, the earmarked money already given)."""
        return (
            totals.earmarked
            + self.committed_earmarked
            + self.set_aside_earmarked
            + self.decided_earmarked
        )

    def earmark_flow(self) -> MoneyFlow:
        """The round's money as ``allocation.MoneyFlow`` with its earmarked set-asides
        and commitments (under ``EARMARKED``): what the earmark cap rule reads."""
        return MoneyFlow(
            allocation=self.frame,
            set_asides=(SetAsideFact(amount=self.set_aside_earmarked, category=EARMARKED),),
            commitments=(CommitmentFact(amount=self.committed_earmarked, category=EARMARKED),),
        )


# The one category ``RoundMoney.earmark_flow`` files the earmarked money under.
EARMARKED = "earmarked"


def unfunded(line: Line) -> bool:
    """A line at 0 kr in every year funds nothing: no finding, no decision."""
    return line.amount == 0 and line.later_amounts == 0


def line_target(line: Line, field: str) -> str:
    return f"line:{line.line_id}.{field}"


@dataclass(frozen=True)
class Totals:
    total: Decimal
    earmarked: Decimal


def totals(rec: RecommendationFacts, params: RuleSetParameters) -> Totals:
    """The recommendation's total and its earmarked part, for the editor's running sums."""
    earmarked_codes = set(params.earmarked_codes)
    total = earmarked = Decimal(0)
    for line in rec.lines:
        total += line.amount
        if line.category in earmarked_codes:
            earmarked += line.amount
    return Totals(total=total, earmarked=earmarked)


def _line_findings(
    line: Line,
    params: RuleSetParameters,
    categories: set[str],
    individual_ok: set[str],
    partner_kinds: set[str],
) -> Iterable[Finding]:
    if unfunded(line):
        return
    if line.recipient_kind not in RECIPIENT_KINDS:
        yield REC_UNKNOWN_RECIPIENT_KIND(
            target=line_target(line, "recipient"), kind=line.recipient_kind
        )
    if line.amount < 0:
        yield REC_NEGATIVE_AMOUNT(target=line_target(line, "amount"))
    elif line.amount != line.amount.to_integral_value():
        yield REC_NOT_WHOLE_KRONER(target=line_target(line, "amount"))
    if line.category not in categories:
        yield REC_UNKNOWN_CATEGORY(target=line_target(line, "category"), category=line.category)
    if line.pro_rata_key and line.recipient_kind == OWNER:
        yield REC_PRO_RATA_OWNER(target=line_target(line, "pro_rata_key"))

    if line.is_coordinator:
        if not params.coordinator_allowed:
            yield REC_COORDINATOR_NOT_ALLOWED(target=line_target(line, "is_coordinator"))
        elif not line.coordinator_decision.strip():
            yield REC_COORDINATOR_NO_DECISION(target=line_target(line, "coordinator_decision"))
        # A coordinator function is not a measure: criteria C1–C3 concern the measures.
        return

    report = line.needs_report
    if report is None:
        yield REC_C1_NO_NEEDS_REPORT(target=line_target(line, "needs_report"))
    else:
        if not report.staff_and_leaders_involved:
            yield REC_C1_NO_STAFF_INVOLVEMENT(target=line_target(line, "needs_report"))
        if not report.uh_dialogue:
            yield REC_C1_NO_UH_DIALOGUE(target=line_target(line, "needs_report"))
    if line.individual_further_education and line.category not in individual_ok:
        yield REC_C2_INDIVIDUAL(target=line_target(line, "individual_further_education"))
    partner_needed = line.category not in params.partner_exempt_categories
    if partner_needed and not partner_kinds.intersection(line.partner_kinds):
        yield REC_C3_NO_PARTNER(target=line_target(line, "partner"))
    if not line.sami_assessed:
        yield REC_SAMI_NOT_ASSESSED(target=line_target(line, "sami_assessed"))


def recommendation_findings(
    rec: RecommendationFacts,
    money: RoundMoney,
    params: RuleSetParameters,
) -> list[Finding]:
    """Every finding on the recommendation, errors first; one pass over the lines."""
    categories = {GENERAL, *params.earmarked_codes}
    individual_ok = set(params.individual_further_education_categories)
    partner_kinds = set(params.eligible_partner_kinds)
    findings: list[Finding] = []
    # Dekom co-financing is owed per owner, on the sum of its grants: one
    # owner may carry its own share on any of its lines.
    per_owner: dict[Hashable, list[Any]] = {}
    for line in rec.lines:
        findings.extend(_line_findings(line, params, categories, individual_ok, partner_kinds))
        if (
            line.recipient_kind == OWNER
            and params.co_financing_share is not None
            and not unfunded(line)
        ):
            entry = per_owner.setdefault(line.recipient_id, [line, Decimal(0), Decimal(0)])
            entry[1] += line.amount
            entry[2] += line.co_financing

    sums = totals(rec, params)
    if money.available < 0:
        # The allocation was cut below what is bound: say that, not "too much".
        findings.append(
            ALLOCATION_OVERBOUND(
                target="total",
                allocation=money.frame,
                shortfall=-money.available,
                set_aside=money.set_aside,
                committed=money.committed,
                decided=money.decided,
            )
        )
    elif money.decided:
        if sums.total > money.available:
            findings.append(
                LEFT_OVER_EXCEEDED(
                    target="total",
                    total=sums.total,
                    excess=sums.total - money.available,
                    available=money.available,
                    frame=money.frame,
                    set_aside=money.set_aside,
                    committed=money.committed,
                    decided=money.decided,
                )
            )
    else:
        findings.extend(
            check_frame(
                total=sums.total,
                frame=money.frame,
                committed=money.committed,
                set_aside=money.set_aside,
                target="total",
            )
        )
    findings.extend(
        check_earmark_cap_of_allocation(
            money.earmark_flow(),
            earmarked_codes=(EARMARKED,),
            cap_share=params.earmark_cap_share,
            earmarked_lines=sums.earmarked,
            target="earmarked",
        )
    )
    for first_line, grant, own in per_owner.values():
        findings.extend(
            check_co_financing(
                co_financing=own,
                grant=grant,
                share=params.co_financing_share,
                target=line_target(first_line, "co_financing"),
            )
        )
    return sorted(findings, key=lambda f: f.severity is not Severity.ERROR)


def finding_key(finding: Finding) -> str:
    """The key a justification is stored under: the same code on the same target."""
    return f"{finding.code}@{finding.target}"


def can_adopt(
    findings: Iterable[Finding],
    justifications: Mapping[str, str],
) -> tuple[bool, list[Finding]]:
    """Whether the recommendation may be adopted, and if not, every reason why.

    Errors block. A warning passes only with a written (non-blank)
    justification under ``finding_key(warning)``. The reasons are the errors
    themselves and one REC_JUSTIFICATION_MISSING per unjustified warning,
    tied to the warning's target.
    """
    reasons: list[Finding] = []
    for finding in findings:
        if finding.severity is Severity.ERROR:
            reasons.append(finding)
        elif not (justifications.get(finding_key(finding)) or "").strip():
            reasons.append(REC_JUSTIFICATION_MISSING(target=finding.target, code=finding.code))
    return not reasons, reasons
