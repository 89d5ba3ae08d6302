"""Decisions on "Mine oppgaver": for the recipient its grant letters, for the
caseworker the draft decisions still to issue and the repayment claims past
their due date, for the approver the payments others prepared."""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kompetansemidler.accounts.policy import (
    approver_office_ids,
    caseworker_office_ids,
    is_national_admin,
)
from kompetansemidler.core.tasks import TaskLink, TaskPanel, task_panel

from .appeals import handling_due
from .models import AppealOutcome, DecisionState, Letter
from .permissions import coordinated_network_ids, recipient_organisation_ids
from .selectors import (
    appeals_open_for,
    decisions_visible_to,
    overdue_claims_for,
    payments_to_approve_by,
)


def _recipient_panel(user) -> TaskPanel | None:
    # Only the recipient's own letters: Udir reads every decision but receives none.
    own = Q(
        recipient_organisation__in=recipient_organisation_ids(user),
        recipient_network__isnull=True,
    ) | Q(recipient_network__in=coordinated_network_ids(user))
    letters = Letter.objects.filter(
        decision__in=decisions_visible_to(user).filter(own)
    ).select_related("decision__round__scheme", "decision__round__office")[:10]
    links = tuple(
        TaskLink(
            _("Grant letter %(version)s: %(round)s")
            % {"version": letter.version, "round": letter.decision.round},
            reverse("decisions:letter", args=[letter.pk]),
            deadline=letter.appeal_deadline,
        )
        for letter in letters
    )
    return task_panel(
        _("Your grant letters"),
        links,
        _("Read the decision and its conditions; you may appeal within three weeks."),
    )


def _caseworker_panel(user) -> TaskPanel | None:
    drafts = decisions_visible_to(user).filter(
        round__office__in=caseworker_office_ids(user), state=DecisionState.DRAFT
    )
    links = tuple(
        TaskLink(
            _("Decide: %(recipient)s, %(round)s")
            % {"recipient": d.recipient_label, "round": d.round},
            reverse("decisions:detail", args=[d.pk]),
            deadline=d.round.decision_deadline,
        )
        for d in drafts[:10]
    )
    return task_panel(
        _("Draft decisions to issue"),
        links,
        _("Confirm the criteria, justify any deviation and issue the decision."),
    )


def _appeal_link(appeal) -> TaskLink:
    url = reverse("decisions:detail", args=[appeal.decision_id]) + f"#appeal-{appeal.pk}"
    params = {"recipient": appeal.decision.recipient_label, "round": appeal.decision.round}
    if appeal.outcome == AppealOutcome.UDIR_DECIDED:
        return TaskLink(_("Carry out Udir's outcome: %(recipient)s, %(round)s") % params, url)
    if appeal.outcome == AppealOutcome.SENT_ON:
        return TaskLink(_("Appeal sent on: %(recipient)s, %(round)s") % params, url)
    due = handling_due(appeal)
    label = (
        _("Overdue since %(due)s: appeal from %(recipient)s, %(round)s")
        if due < timezone.localdate()
        else _("Handle by %(due)s: appeal from %(recipient)s, %(round)s")
    )
    return TaskLink(label % {**params, "due": due.strftime("%d.%m.%Y")}, url)


def _appeals_panel(user) -> TaskPanel | None:
    """The office's appeals to handle within three weeks and Udir's outcomes to carry
    out; for Udir, the appeals sent on to it."""
    appeals = list(appeals_open_for(user)[:10])
    if is_national_admin(user):
        title, text = _("Appeals sent on to Udir"), _("Record Udir's outcome of each appeal.")
    else:
        title = _("Appeals to handle")
        text = _(
            "Dismiss, change or send each appeal on to Udir within three weeks of receiving "
            "it, and carry out Udir's outcomes."
        )
    return task_panel(title, (_appeal_link(a) for a in appeals), text)


def _overdue_claims_panel(user) -> TaskPanel | None:
    claims = overdue_claims_for(user, timezone.localdate())
    links = tuple(
        TaskLink(
            _("Repayment of %(amount)s kroner from %(recipient)s (due %(due)s)")
            % {
                "amount": claim.amount,
                "recipient": claim.decision.recipient_label,
                "due": claim.due_on.strftime("%d.%m.%Y"),
            },
            reverse("decisions:detail", args=[claim.decision_id]),
        )
        for claim in claims[:10]
    )
    return task_panel(
        _("Repayments past their due date"),
        links,
        _("Remind the recipient, or register the repayment once it is received."),
    )


def _approval_panel(user) -> TaskPanel | None:
    payments = payments_to_approve_by(user)
    links = tuple(
        TaskLink(
            _("Approve %(amount)s kroner to %(recipient)s for %(year)s")
            % {
                "amount": payment.amount,
                "recipient": payment.decision.recipient_label,
                "year": payment.budget_year,
            },
            reverse("decisions:detail", args=[payment.decision_id]),
        )
        for payment in payments[:10]
    )
    return task_panel(
        _("Payments to approve"),
        links,
        _("Another caseworker prepared these payments; check and approve them."),
    )


def panels_for(user) -> list[TaskPanel]:
    panels = []
    if recipient_organisation_ids(user) or coordinated_network_ids(user):
        panels.append(_recipient_panel(user))
    if caseworker_office_ids(user):
        panels += [_caseworker_panel(user), _overdue_claims_panel(user)]
    if caseworker_office_ids(user) or is_national_admin(user):
        panels.append(_appeals_panel(user))
    if approver_office_ids(user):
        panels.append(_approval_panel(user))
    return [p for p in panels if p]
