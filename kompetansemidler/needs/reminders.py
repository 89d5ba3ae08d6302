"""Reminders before each deadline of a round, to whoever must act.

``reminders_schedule`` finds who must act before a deadline that falls within
the next ``WINDOW_DAYS`` days, records one ``Reminder`` per deadline and
person (so running it again sends nothing twice), and enqueues the e-mail as
a background task. The start page shows the same reminders as tasks.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone, translation

from kompetansemidler.accounts.models import Role, RoleGrant, User
from kompetansemidler.registry.models import OWNER_KINDS, Network, Organisation
from kompetansemidler.schemes.models import Round
from kompetansemidler.schemes.workflow import RoundPhase

from .models import NeedsReport, Reminder, ReportState
from .selectors import SENT

WINDOW_DAYS = 14


def _owner_reps(organisations) -> Iterable[tuple[User, Organisation | None]]:
    for grant in (
        RoleGrant.objects.active()
        .filter(
            role=Role.OWNER_REPRESENTATIVE, organisation__in=organisations, user__is_active=True
        )
        .select_related("user", "organisation")
    ):
        yield grant.user, grant.organisation


def needs_deadline_recipients(round_: Round):
    """Owners in the office's counties, and its networks, that have sent nothing yet."""
    sent = NeedsReport.objects.filter(round=round_, state__in=SENT)
    covered = set(sent.filter(owner__isnull=False).values_list("owner_id", flat=True))
    covered |= set(
        Organisation.objects.filter(
            networks__needs_reports__in=sent.filter(network__isnull=False)
        ).values_list("pk", flat=True)
    )
    owners = Organisation.objects.filter(
        kind__in=OWNER_KINDS, is_active=True, county__office=round_.office
    ).exclude(pk__in=covered)
    yield from _owner_reps(owners)
    networks = Network.objects.filter(office=round_.office, is_active=True).exclude(
        needs_reports__in=sent
    )
    for grant in (
        RoleGrant.objects.active()
        .filter(role=Role.NETWORK_COORDINATOR, network__in=networks)
        .select_related("user")
    ):
        yield grant.user, grant.network.coordinator


def caseworker_recipients(round_: Round):
    for grant in (
        RoleGrant.objects.active()
        .filter(role=Role.CASEWORKER, office=round_.office)
        .select_related("user")
    ):
        yield grant.user, None


def forum_recipients(round_: Round):
    for grant in (
        RoleGrant.objects.active()
        .filter(role=Role.FORUM_MEMBER, forum__office=round_.office)
        .select_related("user")
    ):
        yield grant.user, None
    yield from caseworker_recipients(round_)


def annual_report_recipients(round_: Round):
    accepted = NeedsReport.objects.filter(round=round_, state=ReportState.ACCEPTED)
    yield from _owner_reps(Organisation.objects.filter(needs_reports__in=accepted))


@dataclass(frozen=True)
class Deadline:
    field: str
    phase: str
    recipients: Callable


# Which deadline, in which phase of the round, and who must act before it.
DEADLINES = (
    Deadline("needs_deadline", RoundPhase.OPEN_FOR_NEEDS, needs_deadline_recipients),
    Deadline("recommendation_deadline", RoundPhase.FORUM_PRIORITISING, forum_recipients),
    Deadline("decision_deadline", RoundPhase.DECIDING, caseworker_recipients),
    Deadline("annual_report_deadline", RoundPhase.REPORTING, annual_report_recipients),
)


def reminders_schedule(*, today: datetime.date) -> list[Reminder]:
    """Record and enqueue every reminder now due; returns the new ones only."""
    created = []
    horizon = today + datetime.timedelta(days=WINDOW_DAYS)
    for deadline in DEADLINES:
        rounds = Round.objects.filter(
            phase=deadline.phase,
            **{f"{deadline.field}__gte": today, f"{deadline.field}__lte": horizon},
        ).select_related("scheme", "office")
        for round_ in rounds:
            created += remind(round_, deadline.field, deadline.recipients(round_))
    return created


def remind(round_: Round, field: str, recipients) -> list[Reminder]:
    """Record and enqueue one reminder of ``field`` per (user, organisation) not yet
    reminded of it; returns the new ones only."""
    created = []
    for user, organisation in recipients:
        if not user.email:
            continue
        try:
            with transaction.atomic():
                reminder, is_new = Reminder.objects.get_or_create(
                    round=round_,
                    deadline=field,
                    recipient=user,
                    defaults={"due": getattr(round_, field), "organisation": organisation},
                )
        except IntegrityError:
            # Another run recorded it at the same moment: it sends it.
            continue
        if is_new:
            created.append(reminder)
            reminder_send.enqueue(reminder_id=reminder.pk)
    return created


@task()
def reminder_send(reminder_id: int) -> bool:
    """Send one reminder's e-mail, once, in the recipient's language."""
    reminder = Reminder.objects.select_related("round__scheme", "round__office", "recipient").get(
        pk=reminder_id
    )
    if reminder.sent_at:
        return False
    user = reminder.recipient
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        context = {
            "reminder": reminder,
            "round": reminder.round,
            "user": user,
            "deadline_label": Round._meta.get_field(reminder.deadline).verbose_name,
        }
        subject = render_to_string("needs/email/reminder_subject.txt", context).strip()
        body = render_to_string("needs/email/reminder.txt", context)
    send_mail(subject, body, None, [user.email])
    Reminder.objects.filter(pk=reminder.pk).update(sent_at=timezone.now())
    return True
