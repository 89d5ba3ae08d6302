"""Writes: starting, editing, copying, adopting and sending a recommendation.

Only a draft changes. Adopting and sending are named verbs that check the
source state against the one transition table below and write a history
event, in one transaction; every other service refuses a recommendation that
is no longer a draft, so an adopted recommendation stays exactly as adopted.
"""

from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.db import transaction
from django.db.models import F, Max, Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kompetansemidler.core.workflow import (
    RefusalFinding,
    ServiceRefused,
    StaleEdit,
    Transition,
    Workflow,
)
from kompetansemidler.forums.composition import forum_composition_findings
from kompetansemidler.forums.models import ConflictOfInterest
from kompetansemidler.forums.selectors import forum_members
from kompetansemidler.history.services import event_record
from kompetansemidler.rules.distribution import distribute
from kompetansemidler.rules.findings import Finding
from kompetansemidler.schemes.extensions import round_decided
from kompetansemidler.schemes.messages import as_refusal_findings
from kompetansemidler.schemes.models import Round
from kompetansemidler.schemes.workflow import NEEDS_PHASES, REFUSED_STILL_OPEN

from .facts import adoption_reasons
from .models import (
    AdoptionMethod,
    RecipientKind,
    Recommendation,
    RecommendationKind,
    RecommendationLine,
    RecommendationState,
    Vote,
    VoteChoice,
)
from .selectors import accepted_reports, funded_in_round, left_over_in_round, lines_for

EDITABLE_FIELDS = (
    "rank",
    "amount_year1",
    "amount_year2",
    "amount_year3",
    "co_financing",
    "is_coordinator",
    "coordinator_decision",
    "priority_id",
    "justification",
)

REFUSED_STATE = _("A recommendation in the state “%(state)s” cannot be %(action)s.")
REFUSED_FROZEN = _("The recommendation has been adopted and can no longer be changed.")
REFUSED_FINDINGS = _(
    "The recommendation cannot be adopted yet: fix the errors and justify the warnings listed."
)
REFUSED_COMPOSITION = _(
    "The forum's composition does not meet the rules; fix the membership before adopting."
)
REFUSED_NO_VOTES = _("Record the vote of every member with a vote.")
REFUSED_NOT_VOTING = _("%(name)s has no vote in the forum.")
REFUSED_MAJORITY = _("The vote did not give a majority for the recommendation.")
REFUSED_LINE_MAJORITY = _(
    "Line %(rank)s, “%(title)s”, did not get a majority among the members who vote on it."
)
REFUSED_NO_REPORTS = _("The round has no accepted needs reports to rank yet.")
REFUSED_EXISTS = _("The forum has already adopted a recommendation for this round.")
REFUSED_SUPPLEMENT_NO_ORDINARY = _(
    "A supplementary recommendation follows the forum's ordinary recommendation for the round: "
    "adopt and send that first."
)
REFUSED_SUPPLEMENT_NOT_SENT = _(
    "The ordinary recommendation is “%(state)s”: a supplementary recommendation can be started "
    "once it has been sent to the state administrator."
)
REFUSED_SUPPLEMENT_UNDECIDED = _(
    "The decisions on the recommendations already sent must all be issued first: only then is "
    "it known what is left in the round."
)
REFUSED_SUPPLEMENT_NOTHING_LEFT = _(
    "Nothing is left in the round after the decisions: %(left)s kroner is available."
)
REFUSED_SUPPLEMENT_PENDING = _(
    "Another supplementary recommendation of the forum is adopted and not yet sent: send it "
    "first, so this one is checked against what is left after it."
)
REFUSED_NOT_SUPPLEMENTARY = _("Only a supplementary recommendation is started here.")
REFUSED_SPLIT = _("Split a sum between networks only, each with a weight above zero.")
REFUSED_SPLIT_KEY = _("Split by the number of staff or of children.")
REFUSED_SPLIT_NETWORK = _(
    "Split only between active networks of the round's state administrator office."
)
REFUSED_LINE_GONE = _("The line is no longer in this recommendation; reload the editor.")
# The keys a sum may be shared by between networks (pro rata), and their labels.
PRO_RATA_KEYS = {"staff": _("number of staff"), "children": _("number of children")}


WORKFLOW = Workflow(
    refused=REFUSED_STATE,
    transitions={
        "adopt": Transition(
            (RecommendationState.DRAFT,),
            RecommendationState.ADOPTED,
            "recommendation.adopted",
            _("adopted"),
        ),
        "send": Transition(
            (RecommendationState.ADOPTED,),
            RecommendationState.SENT,
            "recommendation.sent",
            _("sent"),
        ),
        # Recorded on the ordinary recommendation when a supplementary one is
        # started from it; its state stays as it is.
        "supplement": Transition(
            (RecommendationState.SENT,),
            None,
            "recommendation.supplement_started",
            _("supplemented"),
            refused=REFUSED_SUPPLEMENT_NOT_SENT,
        ),
    },
)


def _locked(recommendation: Recommendation) -> Recommendation:
    return (
        Recommendation.objects.select_for_update()
        .select_related("round__rule_set", "round__scheme", "round__office", "forum")
        .get(pk=recommendation.pk)
    )


def _event(recommendation, *, actor, kind, before=None, after=None, summary=""):
    event_record(
        actor=actor,
        kind=kind,
        obj=recommendation,
        summary=summary,
        before=before,
        after=after,
        office=recommendation.round.office,
    )


def _ensure_draft(recommendation: Recommendation) -> None:
    if recommendation.state != RecommendationState.DRAFT:
        raise ServiceRefused("frozen", REFUSED_FROZEN)


def _line_from_measure(recommendation, measure, rank) -> RecommendationLine:
    report = measure.report
    return RecommendationLine(
        recommendation=recommendation,
        rank=rank,
        measure=measure,
        title=measure.title,
        category=measure.category,
        basis_report=report,
        recipient_kind=RecipientKind.OWNER if report.owner_id else RecipientKind.NETWORK,
        recipient_organisation=report.owner,
        recipient_network=report.network,
        amount_year1=measure.amount(1),
        amount_year2=measure.amount(2),
        amount_year3=measure.amount(3),
        co_financing=measure.co_financing or Decimal(0),
    )


@transaction.atomic
def recommendation_create(*, actor, round, forum, name: str) -> Recommendation:  # noqa: A002
    """A new draft with one line per proposed measure of every accepted needs report,
    at the amounts proposed, ranked in the order the reports are listed."""
    reports = list(accepted_reports(round))
    if not reports:
        raise ServiceRefused("no_reports", REFUSED_NO_REPORTS)
    recommendation = Recommendation.objects.create(
        round=round, forum=forum, name=name, created_by=actor
    )
    lines = [m for r in reports for m in r.measures.all()]
    RecommendationLine.objects.bulk_create(
        _line_from_measure(recommendation, measure, rank)
        for rank, measure in enumerate(lines, start=1)
    )
    _event(
        recommendation,
        actor=actor,
        kind="recommendation.created",
        after={"name": name, "lines": len(lines)},
    )
    return recommendation


def _ordinary_sent(round_, forum, *, lock: bool = False) -> Recommendation:
    """The forum's ordinary recommendation for the round, sent and with every
    decision on the round's sent recommendations issued: what a supplementary
    recommendation needs before it starts and again before it is adopted."""
    ordinaries = Recommendation.objects.filter(
        round=round_, forum=forum, kind=RecommendationKind.ORDINARY
    ).exclude(state=RecommendationState.DRAFT)
    if lock:
        ordinaries = ordinaries.select_for_update(of=("self",))
    ordinary = ordinaries.select_related("round__office").first()
    if ordinary is None:
        raise ServiceRefused("no_ordinary", REFUSED_SUPPLEMENT_NO_ORDINARY)
    WORKFLOW.check(ordinary, "supplement")
    # A sent recommendation is decided once its decisions are drafted and issued
    # (read through the reverse relation: decisions depend on recommendations).
    undecided = (
        Recommendation.objects.filter(round=round_, forum=forum, state=RecommendationState.SENT)
        .filter(Q(decisions__isnull=True) | Q(decisions__issued_at__isnull=True))
        .exists()
    )
    if undecided:
        raise ServiceRefused("undecided", REFUSED_SUPPLEMENT_UNDECIDED)
    return ordinary


def _line_for_left_over(recommendation, measure, rank, funded) -> RecommendationLine | None:
    """A line for what an earlier recommendation did not fund of ``measure``; None
    when it was funded in full. ``funded`` is measure id → (year sums, co-financing)."""
    years, co = funded.get(measure.pk, ((Decimal(0),) * 3, Decimal(0)))
    left = [max(measure.amount(i) - years[i - 1], Decimal(0)) for i in (1, 2, 3)]
    if not any(left):
        return None
    line = _line_from_measure(recommendation, measure, rank)
    line.amount_year1, line.amount_year2, line.amount_year3 = left
    line.co_financing = max((measure.co_financing or Decimal(0)) - co, Decimal(0))
    return line


@transaction.atomic
def recommendation_supplement(*, actor, recommendation: Recommendation, name: str):
    """Start a supplementary recommendation for the money left in the round after
    the decisions on ``recommendation``, the forum's sent ordinary one.

    The new draft has a line for each proposed measure of the round's accepted
    needs reports that the recommendations sent so far did not fund in full, at
    what is left of it; the forum ranks and cuts as for the ordinary one, and
    the same rules check it against what is still available. Raises
    ServiceRefused when the ordinary recommendation is not sent, its decisions
    are not all issued, or nothing is left.
    """
    if recommendation.kind != RecommendationKind.ORDINARY:
        raise ServiceRefused("not_ordinary", REFUSED_SUPPLEMENT_NO_ORDINARY)
    ordinary = _ordinary_sent(recommendation.round_id, recommendation.forum, lock=True)
    # Read after the lock: the money left is what the decisions leave now.
    round_ = Round.objects.select_related("rule_set").get(pk=recommendation.round_id)
    left = left_over_in_round(round_)
    if left <= 0:
        raise ServiceRefused("nothing_left", REFUSED_SUPPLEMENT_NOTHING_LEFT, {"left": left})
    supplementary = Recommendation.objects.create(
        round=round_,
        forum=ordinary.forum,
        name=name,
        kind=RecommendationKind.SUPPLEMENTARY,
        copied_from=ordinary,
        created_by=actor,
    )
    funded = funded_in_round(round_)
    measures = [m for r in accepted_reports(round_) for m in r.measures.all()]
    lines: list[RecommendationLine] = []
    for measure in measures:
        line = _line_for_left_over(supplementary, measure, len(lines) + 1, funded)
        if line is not None:
            lines.append(line)
    RecommendationLine.objects.bulk_create(lines)
    _event(
        supplementary,
        actor=actor,
        kind="recommendation.created",
        after={"name": name, "kind": supplementary.kind, "lines": len(lines), "left": str(left)},
    )
    _transition(
        ordinary,
        "supplement",
        actor=actor,
        summary=name,
        after={"supplementary": supplementary.pk, "left": str(left)},
    )
    return supplementary


@transaction.atomic
def recommendation_copy(*, actor, recommendation: Recommendation, name: str) -> Recommendation:
    """A scenario: a new draft with the same lines, to change and compare."""
    copy = Recommendation.objects.create(
        round=recommendation.round,
        forum=recommendation.forum,
        name=name,
        kind=recommendation.kind,
        copied_from=recommendation,
        created_by=actor,
    )
    lines = list(RecommendationLine.objects.filter(recommendation=recommendation))
    for line in lines:
        line.pk = None
        line.recommendation = copy
    RecommendationLine.objects.bulk_create(lines)
    _event(
        copy,
        actor=actor,
        kind="recommendation.copied",
        after={"name": name, "copied_from": recommendation.pk},
    )
    return copy


def _snapshot(line: RecommendationLine) -> dict:
    return {
        field: (str(getattr(line, field)) if getattr(line, field) is not None else None)
        for field in EDITABLE_FIELDS
    }


@transaction.atomic
def recommendation_update(
    *,
    actor,
    recommendation: Recommendation,
    lines: Mapping[int, dict],
    lock_version: int,
) -> Recommendation:
    """Save the typed values of the draft's lines (line id → field values).

    Raises StaleEdit when someone saved after ``lock_version`` was read, and
    ServiceRefused when the recommendation is no longer a draft.
    """
    current = _locked(recommendation)
    _ensure_draft(current)
    if current.lock_version != lock_version:
        raise StaleEdit(current)
    existing = {
        line.pk: line
        for line in RecommendationLine.objects.filter(recommendation=current, pk__in=list(lines))
    }
    before, after, changed = {}, {}, []
    for pk, values in lines.items():
        line = existing.get(pk)
        if line is None:
            continue
        old = _snapshot(line)
        for field, value in values.items():
            if field in EDITABLE_FIELDS:
                setattr(line, field, value)
        new = _snapshot(line)
        if new != old:
            changed.append(line)
            before[str(pk)] = {k: v for k, v in old.items() if old[k] != new[k]}
            after[str(pk)] = {k: v for k, v in new.items() if old[k] != new[k]}
    if changed:
        RecommendationLine.objects.bulk_update(changed, EDITABLE_FIELDS)
    current.lock_version = F("lock_version") + 1
    current.save(update_fields=["lock_version", "updated_at"])
    current.refresh_from_db()
    if changed:
        _event(
            current,
            actor=actor,
            kind="recommendation.changed",
            before=before,
            after=after,
            summary=str(_("%(count)s lines changed") % {"count": len(changed)}),
        )
    return current


def _bump(recommendation: Recommendation) -> None:
    Recommendation.objects.filter(pk=recommendation.pk).update(
        lock_version=F("lock_version") + 1, updated_at=timezone.now()
    )


@transaction.atomic
def recommendation_joint_measure_add(
    *,
    actor,
    recommendation: Recommendation,
    title: str,
    amount: Decimal,
    basis_report,
    partner,
    category: str = "general",
) -> RecommendationLine:
    """A county-wide joint measure (fellestiltak) created by the forum, ranked last."""
    current = _locked(recommendation)
    _ensure_draft(current)
    rank = (current.lines.aggregate(m=Max("rank"))["m"] or 0) + 1
    line = RecommendationLine.objects.create(
        recommendation=current,
        rank=rank,
        title=title,
        category=category,
        basis_report=basis_report,
        partner=partner,
        recipient_kind=RecipientKind.JOINT_MEASURE,
        amount_year1=amount,
    )
    _bump(current)
    _event(
        current,
        actor=actor,
        kind="recommendation.changed",
        after={"joint_measure": title, "amount": str(amount)},
    )
    return line


@transaction.atomic
def recommendation_line_split(
    *,
    actor,
    line: RecommendationLine,
    key: str,
    weights: Iterable[tuple],
) -> list[RecommendationLine]:
    """Split a line's amounts pro rata between networks by ``key`` (staff, children).

    ``weights`` is (network, weight) pairs. Each year's amount is distributed to the
    krone by the largest remainder, so the parts add up to the line's amounts exactly.
    A split between owners is never allowed, so only networks are accepted here.
    """
    current = _locked(line.recommendation)
    _ensure_draft(current)
    found = RecommendationLine.objects.filter(pk=line.pk, recommendation=current).first()
    if found is None:
        raise ServiceRefused("line_gone", REFUSED_LINE_GONE)
    line = found
    if key not in PRO_RATA_KEYS:
        raise ServiceRefused("split_key", REFUSED_SPLIT_KEY, field="key")
    pairs = list(weights)
    if not pairs or any(not isinstance(w, int) or w <= 0 for _n, w in pairs):
        raise ServiceRefused("split", REFUSED_SPLIT, field="weights")
    if len({network.pk for network, _w in pairs}) != len(pairs) or any(
        network.office_id != current.round.office_id or not network.is_active
        for network, _w in pairs
    ):
        raise ServiceRefused("split_network", REFUSED_SPLIT_NETWORK, field="networks")
    key_weights = [(network.pk, weight) for network, weight in pairs]
    shares = [distribute(line.amount(i), key_weights) for i in (1, 2, 3)]
    co = distribute(line.co_financing, key_weights)
    parts = []
    for network, _weight in pairs:
        parts.append(
            RecommendationLine(
                recommendation=current,
                rank=line.rank,
                measure=line.measure,
                title=line.title,
                category=line.category,
                basis_report=line.basis_report,
                partner=line.partner,
                recipient_kind=RecipientKind.NETWORK,
                recipient_network=network,
                amount_year1=shares[0][network.pk],
                amount_year2=shares[1][network.pk],
                amount_year3=shares[2][network.pk],
                co_financing=co[network.pk],
                priority=line.priority,
                pro_rata_key=key,
                justification=line.justification,
            )
        )
    RecommendationLine.objects.filter(pk=line.pk).delete()
    created = RecommendationLine.objects.bulk_create(parts)
    _bump(current)
    _event(
        current,
        actor=actor,
        kind="recommendation.changed",
        before={"line": line.title, "amount": str(line.amount_year1)},
        after={"split_by": key, "parts": [str(p.amount_year1) for p in created]},
    )
    return created


@transaction.atomic
def recommendation_line_remove(*, actor, line: RecommendationLine) -> Recommendation:
    """Take a line out of the draft: the forum does not recommend the measure.

    The measure stays in its needs report; the history keeps what was removed.
    """
    current = _locked(line.recommendation)
    _ensure_draft(current)
    found = RecommendationLine.objects.filter(pk=line.pk, recommendation=current).first()
    if found is None:
        raise ServiceRefused("line_gone", REFUSED_LINE_GONE)
    removed = _snapshot(found)
    found.delete()
    _bump(current)
    _event(
        current,
        actor=actor,
        kind="recommendation.changed",
        before={str(line.pk): {"title": found.title, **removed}},
        after={str(line.pk): None},
        summary=str(_("Line “%(title)s” removed") % {"title": found.title}),
    )
    current.refresh_from_db()
    return current


def _transition(recommendation, name, *, actor, summary="", after=None, **changes):
    return WORKFLOW.apply(
        recommendation,
        name,
        actor=actor,
        summary=summary,
        after=after,
        office=recommendation.round.office,
        lock_version=F("lock_version") + 1,
        **changes,
    )


def concerns(line: RecommendationLine, organisation_id: int) -> bool:
    """Whether the line concerns the organisation: it receives, writes the needs
    report behind it, is its UH partner, or is a member of the receiving network."""
    report = line.basis_report
    if organisation_id in (line.recipient_organisation_id, line.partner_id):
        return True
    if report is not None and report.owner_id == organisation_id:
        return True
    network = line.recipient_network
    return network is not None and organisation_id in {o.pk for o in network.members.all()}


def recusals(recommendation, lines, members) -> dict[int, list[RecommendationLine]]:
    """Member id → the lines it does not vote on, from its declared conflicts of interest."""
    conflicts: dict[int, set[int]] = {}
    for conflict in ConflictOfInterest.objects.filter(member__in=members):
        conflicts.setdefault(conflict.member_id, set()).add(conflict.organisation_id)
    return {
        member_id: [line for line in lines if any(concerns(line, o) for o in organisations)]
        for member_id, organisations in conflicts.items()
    }


def _tally(choices: Iterable[str]) -> tuple[int, int]:
    choices = list(choices)
    return choices.count(VoteChoice.FOR), choices.count(VoteChoice.AGAINST)


def _vote_reasons(recommendation, lines, votes: Mapping[int, str]) -> tuple[list, dict]:
    """Refusals of a recorded vote, and each member's recused lines."""
    members = {m.pk: m for m in forum_members(recommendation.forum)}
    voters = {pk: m for pk, m in members.items() if m.votes and not m.is_deputy}
    reasons: list[str | Promise] = []
    for member_id in votes:
        member = members.get(member_id)
        if member is None or not member.votes:
            reasons.append(REFUSED_NOT_VOTING % {"name": member.name if member else str(member_id)})
    if reasons:
        return reasons, {}
    if set(voters) - set(votes):
        return [REFUSED_NO_VOTES], {}
    recused = recusals(recommendation, lines, list(members.values()))
    for_, against = _tally(votes.values())
    if for_ <= against:
        reasons.append(REFUSED_MAJORITY)
    for line in lines:
        line_votes = [
            choice for member_id, choice in votes.items() if line not in recused.get(member_id, ())
        ]
        line_for, line_against = _tally(line_votes)
        if line_for <= line_against:
            reasons.append(REFUSED_LINE_MAJORITY % {"rank": line.rank, "title": line.title})
    return reasons, recused


@transaction.atomic
def recommendation_adopt(
    *,
    actor,
    recommendation: Recommendation,
    method: str,
    votes: Mapping[int, str] | None = None,
    note: str = "",
) -> Recommendation:
    """Adopt the draft: by consensus, or by a recorded vote (member id → choice).

    The recommendation must meet the rules (no errors, every warning justified)
    and the forum's composition too. In a vote the secretariat does not vote,
    and a member with a declared conflict of interest does not vote on the
    lines that concern that organisation: those are recorded as recused. Each
    line needs a majority of the votes cast on it, and so does the whole.
    Raises ServiceRefused with every reason.
    """
    current = _locked(recommendation)
    WORKFLOW.check(current, "adopt")
    if current.is_supplementary:
        # Locking the ordinary recommendation serialises the forum's supplementary adoptions.
        _ordinary_sent(current.round, current.forum, lock=True)
        if (
            Recommendation.objects.filter(
                round=current.round,
                forum=current.forum,
                kind=RecommendationKind.SUPPLEMENTARY,
                state=RecommendationState.ADOPTED,
            )
            .exclude(pk=current.pk)
            .exists()
        ):
            raise ServiceRefused("supplement_pending", REFUSED_SUPPLEMENT_PENDING)
    elif (
        Recommendation.objects.filter(
            round=current.round, forum=current.forum, kind=RecommendationKind.ORDINARY
        )
        .exclude(state=RecommendationState.DRAFT)
        .exists()
    ):
        raise ServiceRefused("exists", REFUSED_EXISTS)
    lines = list(lines_for(current).prefetch_related("recipient_network__members"))
    findings: list[Finding] = adoption_reasons(current, lines)
    if findings:
        raise ServiceRefused("findings", REFUSED_FINDINGS, findings=as_refusal_findings(findings))
    composition = [f for f in forum_composition_findings(current.forum) if f.is_error]
    if composition:
        raise ServiceRefused(
            "composition", REFUSED_COMPOSITION, findings=as_refusal_findings(composition)
        )
    votes = dict(votes or {})
    recused: dict = {}
    if method == AdoptionMethod.VOTE:
        reasons, recused = _vote_reasons(current, lines, votes)
        if reasons:
            raise ServiceRefused(
                "vote",
                reasons[0],
                findings=[RefusalFinding("vote", reason, field="votes") for reason in reasons],
            )
        Vote.objects.bulk_create(
            [Vote(recommendation=current, member_id=m, choice=c) for m, c in votes.items()]
            + [
                Vote(recommendation=current, member_id=m, line=line, choice=VoteChoice.RECUSED)
                for m, recused_lines in recused.items()
                if m in votes
                for line in recused_lines
            ]
        )
    elif method != AdoptionMethod.CONSENSUS:
        raise ServiceRefused(
            "method", REFUSED_STATE, {"state": method, "action": _("adopted")}, field="method"
        )
    total = sum((line.amount_year1 for line in lines), Decimal(0))
    if current.is_supplementary:
        # What was left when it was adopted is what it was checked against.
        current.decided_before = round_decided(current.round)
    return _transition(
        current,
        "adopt",
        actor=actor,
        adoption_method=method,
        adoption_note=note,
        adopted_at=timezone.now(),
        adopted_by=actor,
        summary=str(_("Adopted %(method)s") % {"method": AdoptionMethod(method).label}),
        after={
            "method": method,
            "total": str(total),
            "lines": len(lines),
            "votes": {str(m): c for m, c in votes.items()},
        },
    )


@transaction.atomic
def recommendation_send(*, actor, recommendation: Recommendation) -> Recommendation:
    """Send the adopted recommendation to the state administrator for decisions."""
    current = _locked(recommendation)
    WORKFLOW.check(current, "send")
    round_ = current.round
    if round_.phase in NEEDS_PHASES:
        raise ServiceRefused("phase", REFUSED_STILL_OPEN, {"round": str(round_)})
    return _transition(current, "send", actor=actor, sent_at=timezone.now())
