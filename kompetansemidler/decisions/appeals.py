"""The appeal chain (forvaltningsloven §§ 28–36), reversal without an appeal
(§ 35) and a declined grant.

An appeal is registered at the office with its received date. The office then
dismisses it (avvisning, § 33 second paragraph: too late with no grounds to
consider it anyway, or no legal interest; the dismissal is itself a decision the
recipient may appeal), changes the decision itself (§ 33 third paragraph), or
prepares it and sends it on to Udir with its assessment — upholding it at the
office is no final outcome. Udir records its outcome (upheld, changed, reversed,
sent back) and the office carries it out. A request for reconsideration (a
recipient without a right to appeal) ends at the office: changed or upheld.

Every step checks the appeal's state against ``APPEAL_WORKFLOW``, who may take
it (the decision's office; Udir for Udir's outcome), writes a history event on
the decision and a journal entry, and sends the recipient a letter.
"""

import datetime
from collections.abc import Sequence
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kompetansemidler.accounts.policy import caseworker_office_ids, is_national_admin
from kompetansemidler.archive.models import EntryType, PartyRole
from kompetansemidler.archive.services import Party
from kompetansemidler.core.money import kroner_problem
from kompetansemidler.core.workflow import ServiceRefused, Transition, Workflow

from .letters import letter_issue
from .models import (
    MAX_YEARS,
    Appeal,
    AppealOutcome,
    Decision,
    Declination,
    DismissalGround,
    NoticeKind,
    UdirOutcome,
)
from .notices import notice_send
from .permissions import coordinated_network_ids, recipient_organisation_ids
from .selectors import paid_total
from .services import (
    ISSUED,
    REFUSED_NO_APPEAL_RIGHT,
    REFUSED_NOT_ISSUED,
    WORKFLOW,
    _event,
    _journal,
    _locked,
    _set_amounts,
    decision_change,
)

UDIR = Party(name="Utdanningsdirektoratet", organisation_number="970018131")
# The office handles an appeal within three weeks of receiving it (or of Udir
# sending it back): later, it is overdue on "Mine oppgaver".
HANDLING_WEEKS = 3

REFUSED_APPEAL_STATE = _("An appeal in the state “%(state)s” cannot be %(action)s.")
REFUSED_NOT_OFFICE = _("Only the caseworkers at the decision's office handle its appeals.")
REFUSED_NOT_UDIR = _("Only Udir records the outcome of an appeal sent on to it.")
REFUSED_FUTURE = _("The appeal cannot be received after today (%(today)s).")
REFUSED_BEFORE_DECISION = _(
    "The appeal cannot be received before the decision was issued (%(issued)s)."
)
REFUSED_NO_GROUND = _("Choose the ground for dismissing the appeal.")
REFUSED_NOT_LATE = _(
    "The appeal was received within the deadline: it cannot be dismissed as too late."
)
REFUSED_DISMISS_RECONSIDERATION = _(
    "A request for reconsideration is not dismissed: change the decision or keep it."
)
REFUSED_UPHOLD_APPEAL = _(
    "Upholding an appeal at the office is not a final outcome: send it on to Udir with "
    "the office's assessment."
)
REFUSED_NO_REASONS = _("Write the reasons.")
REFUSED_UDIR_AMOUNTS = _("Give the amounts per year Udir decided.")
REFUSED_NOT_A_DISMISSAL = _("Only a dismissed appeal of this decision can be appealed as such.")
REFUSED_DECLINED = _("The recipient has declined the grant: the decision is no longer changed.")
REFUSED_UNCHANGED = _("The new amounts are the same as the decision's.")
REFUSED_DETRIMENT = _(
    "The change is to the recipient's detriment, and the office may make it only if the "
    "notice of the decision has not yet reached the recipient or the decision is invalid "
    "(forvaltningsloven § 35). Otherwise money is claimed back under the conditions of the "
    "grant letter."
)
REFUSED_NOT_RECIPIENT = _(
    "Only the recipient's representatives or the caseworkers at the decision's office "
    "record that a grant is declined."
)
REFUSED_ALREADY_DECLINED = _("The grant has already been declined.")

APPEAL_WORKFLOW = Workflow(
    refused=REFUSED_APPEAL_STATE,
    field="outcome",
    transitions={
        "dismiss": Transition(
            (AppealOutcome.PENDING,),
            AppealOutcome.DISMISSED,
            "decision.appeal_dismissed",
            _("dismissed"),
        ),
        "change": Transition(
            (AppealOutcome.PENDING,),
            AppealOutcome.CHANGED,
            "decision.appeal_changed",
            _("decided by changing the decision"),
        ),
        "uphold": Transition(
            (AppealOutcome.PENDING,),
            AppealOutcome.UPHELD,
            "decision.appeal_upheld",
            _("upheld"),
        ),
        "send_on": Transition(
            (AppealOutcome.PENDING,),
            AppealOutcome.SENT_ON,
            "decision.appeal_sent_on",
            _("sent on to Udir"),
        ),
        "udir_decide": Transition(
            (AppealOutcome.SENT_ON,),
            AppealOutcome.UDIR_DECIDED,
            "decision.appeal_udir_decided",
            _("decided by Udir"),
        ),
        "carry_out": Transition(
            (AppealOutcome.UDIR_DECIDED,),
            None,  # upheld, changed, or back at the office: as Udir decided
            "decision.appeal_carried_out",
            _("carried out"),
        ),
    },
)
# What carrying out Udir's outcome makes of the appeal.
CARRIED_OUT = {
    UdirOutcome.UPHELD: AppealOutcome.UPHELD,
    UdirOutcome.CHANGED: AppealOutcome.CHANGED,
    UdirOutcome.REVERSED: AppealOutcome.CHANGED,
    UdirOutcome.SENT_BACK: AppealOutcome.PENDING,
}

# The office's outcome of a registered appeal and its step in APPEAL_WORKFLOW.
OFFICE_STEP: dict[str, str] = {
    AppealOutcome.DISMISSED: "dismiss",
    AppealOutcome.CHANGED: "change",
    AppealOutcome.UPHELD: "uphold",
    AppealOutcome.SENT_ON: "send_on",
}

APPEAL_TITLE = {
    "dismiss": "Klage fra {recipient} – avvist",
    "change": "Klage fra {recipient} – vedtaket endres",
    "uphold": "Anmodning om ny vurdering fra {recipient} – vedtaket opprettholdes",
    "send_on": "Klage fra {recipient} – oversendt Udir",
    "udir_decide": "Udirs avgjørelse i klagesak fra {recipient}",
}


def _office_only(actor, decision) -> None:
    if decision.round.office_id not in caseworker_office_ids(actor):
        raise ServiceRefused("not_office", REFUSED_NOT_OFFICE)


def _locked_appeal(appeal) -> Appeal:
    return (
        Appeal.objects.select_for_update(of=("self",))
        .select_related(
            "decision__round__rule_set",
            "decision__round__office",
            "decision__round__scheme",
            "decision__recipient_organisation",
            "decision__recipient_network",
        )
        .get(pk=appeal.pk)
    )


def _not_declined(decision) -> None:
    if Declination.objects.filter(decision=decision).exists():
        raise ServiceRefused("declined", REFUSED_DECLINED)


def _record(appeal, name: str, *, actor, summary="", after=None) -> None:
    """The appeal's step as a history event of its decision (where the case's
    history is read)."""
    transition = APPEAL_WORKFLOW[name]
    _event(
        appeal.decision,
        actor=actor,
        kind=transition.event,
        summary=summary or str(AppealOutcome(appeal.outcome).label),
        after={"appeal": appeal.pk, "outcome": appeal.outcome, **(after or {})},
    )


def handling_due(appeal) -> datetime.date:
    """When the office should have handled ``appeal``: three weeks from receiving
    it, or from Udir sending it back."""
    start = appeal.received_on
    if appeal.carried_out_at is not None:
        start = max(start, timezone.localdate(appeal.carried_out_at))
    return start + datetime.timedelta(weeks=HANDLING_WEEKS)


@transaction.atomic
def appeal_register(
    *, actor, decision, received_on: datetime.date, summary: str, dismissal_of=None
) -> Appeal:
    """Register an appeal received on ``received_on`` (not before the decision was
    issued, not after today), journalled as an incoming document. One received
    after the deadline is flagged, not refused (the office may still consider it,
    § 31). For a recipient without a right to appeal it is a request for
    reconsideration, which has no deadline to be late for. ``dismissal_of``: an
    appeal of the office's dismissal of that earlier appeal, whose deadline runs
    from the dismissal letter."""
    current = _locked(decision)
    if current.state not in ISSUED:
        raise ServiceRefused("not_issued", REFUSED_NOT_ISSUED)
    _office_only(actor, current)
    today = timezone.localdate()
    if received_on > today:
        raise ServiceRefused(
            "future", REFUSED_FUTURE, {"today": today.strftime("%d.%m.%Y")}, field="received_on"
        )
    issued = timezone.localdate(current.issued_at) if current.issued_at else None
    if issued is not None and received_on < issued:
        raise ServiceRefused(
            "before_decision",
            REFUSED_BEFORE_DECISION,
            {"issued": issued.strftime("%d.%m.%Y")},
            field="received_on",
        )
    if dismissal_of is not None:
        dismissed = Appeal.objects.filter(
            pk=dismissal_of.pk, decision=current, outcome=AppealOutcome.DISMISSED
        ).first()
        if dismissed is None:
            raise ServiceRefused("not_a_dismissal", REFUSED_NOT_A_DISMISSAL)
        notice = dismissed.notices.filter(kind=NoticeKind.DISMISSAL).order_by("-id").first()
        deadline = notice.appeal_deadline if notice is not None else None
    else:
        letter = current.letters.filter(notified_at__isnull=False).order_by("version").last()
        deadline = letter.appeal_deadline if letter is not None else None
    is_late = current.has_appeal_right and deadline is not None and received_on > deadline
    appeal = Appeal.objects.create(
        decision=current,
        received_on=received_on,
        summary=summary,
        is_late=is_late,
        dismissal_of=dismissal_of,
    )
    _event(
        current,
        actor=actor,
        kind="decision.appeal_registered",
        summary=_("Appeal received %(date)s") % {"date": received_on.isoformat()},
        after={
            "appeal": appeal.pk,
            "received_on": received_on.isoformat(),
            "late": is_late,
            "dismissal_of": dismissal_of.pk if dismissal_of is not None else None,
        },
    )
    what = "avvisning av klage" if dismissal_of is not None else "vedtak om tilskudd"
    _journal(
        current,
        actor=actor,
        entry_type=EntryType.INCOMING,
        title=f"Klage fra {current.recipient_label} på {what}",
        role=PartyRole.SENDER,
    )
    return appeal


def _journal_step(appeal, name: str, *, actor, entry_type=EntryType.OUTGOING, to=None) -> None:
    _journal(
        appeal.decision,
        actor=actor,
        entry_type=entry_type,
        title=APPEAL_TITLE[name].format(recipient=appeal.decision.recipient_label),
        role=PartyRole.SENDER if entry_type == EntryType.INCOMING else PartyRole.RECIPIENT,
        to=to,
    )


@transaction.atomic
def appeal_decide(
    *,
    actor,
    appeal,
    outcome: str,
    note: str,
    amounts: Sequence[Decimal] | None = None,
    ground: str = "",
) -> Appeal:
    """The office's outcome of a registered appeal, by a caseworker of the
    decision's office:

    - ``dismissed`` on ``ground`` (a ``DismissalGround``; "late" only for a late
      appeal): the recipient gets a dismissal letter with its own appeal right;
    - ``changed``: the decision changed to ``amounts`` (``note`` its
      justification), with a new grant letter; the old one is kept;
    - ``sent_on``: to Udir with the office's assessment (``note``); the recipient
      gets a copy of it;
    - ``upheld``: only a request for reconsideration (no right to appeal) ends so.
    """
    current = _locked_appeal(appeal)
    decision = current.decision
    _office_only(actor, decision)
    name = OFFICE_STEP.get(outcome)
    if name is None:
        raise ServiceRefused(
            "outcome",
            REFUSED_APPEAL_STATE,
            {"state": outcome, "action": _("recorded")},
            field="outcome",
        )
    APPEAL_WORKFLOW.check(current, name)
    appealable = decision.has_appeal_right
    now = timezone.now()
    if name == "dismiss":
        if not appealable:
            raise ServiceRefused("reconsideration", REFUSED_DISMISS_RECONSIDERATION)
        if ground not in DismissalGround.values:
            raise ServiceRefused("no_ground", REFUSED_NO_GROUND, field="ground")
        if ground == DismissalGround.LATE and not current.is_late:
            raise ServiceRefused("not_late", REFUSED_NOT_LATE, field="ground")
        current.dismissal_ground = ground
    elif name == "uphold" and appealable:
        raise ServiceRefused("uphold_appeal", REFUSED_UPHOLD_APPEAL, field="outcome")
    elif name == "send_on" and not appealable:
        raise ServiceRefused("no_appeal_right", REFUSED_NO_APPEAL_RIGHT, field="outcome")
    if not note.strip():
        raise ServiceRefused("no_reasons", REFUSED_NO_REASONS, field="note")
    if name == "change":
        _not_declined(decision)
        decision_change(
            actor=actor,
            decision=decision,
            amounts=amounts or (),
            justification=note,
            appeal=current,
        )
        letter_issue(actor=actor, decision=decision)
    current.outcome = APPEAL_WORKFLOW[name].target or current.outcome
    current.outcome_note, current.decided_at = note, now
    if name == "send_on":
        current.sent_on_at = now
    current.save()
    _record(current, name, actor=actor, after={"ground": current.dismissal_ground})
    _journal_step(current, name, actor=actor, to=UDIR if name == "send_on" else None)
    notice = {
        "dismiss": NoticeKind.DISMISSAL,
        "send_on": NoticeKind.SENT_ON,
        "uphold": NoticeKind.RECONSIDERATION,
    }.get(name)
    if notice is not None:
        notice_send(
            actor=actor,
            decision=decision,
            kind=notice,
            appeal=current,
            note=note,
            ground=DismissalGround(current.dismissal_ground).label
            if current.dismissal_ground
            else "",
        )
    return current


def _kroner(amounts: Sequence[Decimal] | None) -> list[Decimal]:
    values = list(amounts or ())
    if len(values) != MAX_YEARS:
        raise ServiceRefused("amounts", REFUSED_UDIR_AMOUNTS, field="amounts")
    for index, amount in enumerate(values, start=1):
        problem = kroner_problem(amount)
        if problem:
            raise ServiceRefused("amount", problem, field=f"amount_year{index}")
    return [Decimal(a) for a in values]


@transaction.atomic
def appeal_udir_decide(
    *, actor, appeal, outcome: str, note: str, amounts: Sequence[Decimal] | None = None
) -> Appeal:
    """Udir's outcome of an appeal sent on to it: ``upheld``, ``changed`` or
    ``reversed`` (with the ``amounts`` per year the decision is to have), or
    ``sent_back`` to the office for new handling. Journalled at the office as an
    incoming document from Udir; the office carries it out (``appeal_carry_out``)."""
    if not is_national_admin(actor):
        raise ServiceRefused("not_udir", REFUSED_NOT_UDIR)
    current = _locked_appeal(appeal)
    APPEAL_WORKFLOW.check(current, "udir_decide")
    if outcome not in UdirOutcome.values:
        raise ServiceRefused(
            "outcome",
            REFUSED_APPEAL_STATE,
            {"state": outcome, "action": _("recorded")},
            field="outcome",
        )
    if not note.strip():
        raise ServiceRefused("no_reasons", REFUSED_NO_REASONS, field="note")
    decided = []
    if outcome in (UdirOutcome.CHANGED, UdirOutcome.REVERSED):
        new = _kroner(amounts)
        if new == list(current.decision.amounts):
            raise ServiceRefused("unchanged", REFUSED_UNCHANGED, field="amounts")
        decided = [str(a) for a in new]
    current.outcome = AppealOutcome.UDIR_DECIDED
    current.udir_outcome, current.udir_note, current.udir_amounts = outcome, note, decided
    current.udir_decided_at, current.udir_decided_by = timezone.now(), actor
    current.save()
    _record(
        current,
        "udir_decide",
        actor=actor,
        summary=str(UdirOutcome(outcome).label),
        after={"udir_outcome": outcome, "amounts": decided},
    )
    _journal_step(
        current,
        "udir_decide",
        actor=actor,
        entry_type=EntryType.INCOMING,
        to=Party(name=UDIR.name, organisation_number=UDIR.organisation_number, role="sender"),
    )
    return current


@transaction.atomic
def appeal_carry_out(*, actor, appeal) -> Appeal:
    """The office carries out Udir's outcome: a changed or reversed decision gets
    Udir's amounts and a new grant letter; sent back, the appeal is the office's
    to handle again. The recipient gets a letter of Udir's outcome in every case.

    A change below what is already paid is refused (``decision_change``): the
    money would have to be claimed back first."""
    current = _locked_appeal(appeal)
    decision = current.decision
    _office_only(actor, decision)
    APPEAL_WORKFLOW.check(current, "carry_out")
    outcome = UdirOutcome(current.udir_outcome)
    before = {"outcome": current.outcome}
    if outcome in (UdirOutcome.CHANGED, UdirOutcome.REVERSED):
        _not_declined(decision)
        # Where Udir's amounts fall below what is paid, decision_change refuses;
        # the repayment claim (receivables.claim_repayment) belongs here.
        decision_change(
            actor=actor,
            decision=decision,
            amounts=[Decimal(a) for a in current.udir_amounts],
            justification=current.udir_note,
            appeal=current,
        )
        letter_issue(actor=actor, decision=decision)
        decision.refresh_from_db()
    current.outcome = CARRIED_OUT[outcome]
    current.carried_out_at = timezone.now()
    current.save()
    _record(
        current,
        "carry_out",
        actor=actor,
        summary=str(UdirOutcome(outcome).label),
        after={**before, "carried_out": current.outcome, "udir_outcome": outcome},
    )
    notice_send(
        actor=actor,
        decision=decision,
        kind=NoticeKind.UDIR_OUTCOME,
        appeal=current,
        udir_outcome=outcome,
        note=current.udir_note,
        amounts=_years(decision) if outcome in (UdirOutcome.CHANGED, UdirOutcome.REVERSED) else [],
    )
    return current


def _years(decision) -> list[tuple[int, Decimal]]:
    """(budget year, amount) the decision grants, its years with money only."""
    return [
        (year, decision.amount_for_budget_year(year))
        for year in decision.budget_years
        if decision.amount_for_budget_year(year) > 0
    ]


class ReversalGround:
    """Why the office changes its own decision without an appeal (§ 35)."""

    FAVOUR = "favour"  # in the recipient's favour: at any time
    NOT_NOTIFIED = "not_notified"  # the notice has not yet reached the recipient
    INVALID = "invalid"  # the decision is invalid
    CHOICES = (
        (FAVOUR, _("In the recipient's favour")),
        (NOT_NOTIFIED, _("The notice of the decision has not yet reached the recipient")),
        (INVALID, _("The decision is invalid")),
    )


@transaction.atomic
def decision_reverse(
    *, actor, decision, amounts: Sequence[Decimal], reason: str, ground: str
) -> Decision:
    """Change an issued decision without an appeal (omgjøring, § 35), by a
    caseworker of its office, with ``reason``. In the recipient's favour at any
    time; to its detriment (any year lower) only on ``ground`` "not_notified" or
    "invalid", which the caseworker states. The new grant letter replaces the old.

    Refused below what is already paid (``decision_change``): that money is
    claimed back under the letter's conditions, not by changing the decision."""
    current = _locked(decision)
    WORKFLOW.check(current, "change")
    _office_only(actor, current)
    _not_declined(current)
    if not reason.strip():
        raise ServiceRefused("no_reasons", REFUSED_NO_REASONS, field="reason")
    new = _kroner(amounts)
    old = list(current.amounts)
    if new == old:
        raise ServiceRefused("unchanged", REFUSED_UNCHANGED)
    detriment = any(n < o for n, o in zip(new, old, strict=True))
    if detriment and ground not in (ReversalGround.NOT_NOTIFIED, ReversalGround.INVALID):
        raise ServiceRefused("detriment", REFUSED_DETRIMENT, field="ground")
    changed = decision_change(actor=actor, decision=current, amounts=new, justification=reason)
    _event(
        changed,
        actor=actor,
        kind="decision.reversed",
        summary=_("Decision changed by the office (forvaltningsloven § 35)"),
        before={"amounts": [str(a) for a in old]},
        after={
            "amounts": [str(a) for a in new],
            "ground": ground,
            "detriment": detriment,
            "reason": reason,
        },
    )
    letter_issue(actor=actor, decision=changed)
    return changed


def _may_decline(actor, decision) -> bool:
    if decision.round.office_id in caseworker_office_ids(actor):
        return True
    if decision.recipient_network_id:
        return decision.recipient_network_id in coordinated_network_ids(actor)
    return decision.recipient_organisation_id in recipient_organisation_ids(actor)


def _keep_paid(amounts: Sequence[Decimal], paid: Decimal) -> list[Decimal]:
    """The amounts cut to what is paid, counted against the first year first."""
    kept = []
    for amount in amounts:
        part = min(amount, paid)
        kept.append(part)
        paid -= part
    return kept


def _kept_per_category(decision, paid: Decimal) -> dict[str, list[Decimal]]:
    """Each category's amounts per budget year once only ``paid`` is kept: the rows
    in order (first year first, ``general`` first within a year) keep what is paid."""
    years = decision.budget_years
    kept = {category: [Decimal(0)] * len(years) for category in decision.categories}
    for row in decision.amount_rows_list:
        part = min(row.amount, paid)
        kept[row.category][years.index(row.budget_year)] += part
        paid -= part
    return kept


@transaction.atomic
def decision_decline(*, actor, decision, reason: str = "") -> Declination:
    """The recipient declines the grant, recorded by its representative or, on its
    behalf, by a caseworker of the office. What is not paid goes back to the round:
    the decision keeps only what is paid (the first year's first), its later years'
    commitments shrink with it, and ``available_in_round`` counts the rest as
    available again. The recipient gets a confirmation letter."""
    current = _locked(decision)
    if current.state not in ISSUED:
        raise ServiceRefused("not_issued", REFUSED_NOT_ISSUED)
    if not _may_decline(actor, current):
        raise ServiceRefused("not_recipient", REFUSED_NOT_RECIPIENT)
    if Declination.objects.filter(decision=current).exists():
        raise ServiceRefused("declined", REFUSED_ALREADY_DECLINED)
    old = list(current.amounts)
    paid = paid_total(current)
    kept = _keep_paid(old, paid)
    released = [o - k for o, k in zip(old, kept, strict=True)]
    _set_amounts(current, _kept_per_category(current, paid))
    WORKFLOW.apply(
        current,
        "decline",
        actor=actor,
        summary=_("The recipient declines the grant"),
        before={"amounts": [str(a) for a in old]},
        after={"amounts": [str(a) for a in kept], "released": [str(r) for r in released]},
        office=current.round.office,
        organisation=current.recipient_organisation,
    )
    declination = Declination.objects.create(
        decision=current,
        reason=reason,
        released=[str(r) for r in released],
        declined_by=actor,
    )
    _journal(
        current,
        actor=actor,
        entry_type=EntryType.INCOMING,
        title=f"{current.recipient_label} takker nei til tilskudd",
        role=PartyRole.SENDER,
    )
    notice_send(
        actor=actor,
        decision=current,
        kind=NoticeKind.DECLINED,
        note=reason,
        paid=paid,
        released=sum(released, Decimal(0)),
    )
    return declination
