"""Grant letters (tilskuddsbrev): rendered as PDF/A in the recipient's written
standard, journalled as an outgoing registry entry, stored with the decision,
and the recipient notified by e-mail once the letter is committed. Only a decision
approved by a second caseworker with budget authority gets a letter; it names both,
and states what forvaltningsloven §§ 24–27 asks of a grant decision (see
letter_base.html).

The letters of a whole round are made in the background (``letters_for_round``,
a Django task); a decision changed after an appeal gets its new letter at once
through ``letter_issue``, and the old letter stays.
"""

import functools
import logging
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max, Q
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from kompetansemidler.accounts.models import Role, RoleGrant
from kompetansemidler.archive.models import EntryType
from kompetansemidler.archive.services import Party, case_file_for, registry_entry_record
from kompetansemidler.core.dates import appeal_deadline
from kompetansemidler.core.pdf import html_to_pdf
from kompetansemidler.core.progress import (
    progress_finish,
    progress_item_done,
    progress_item_failed,
    progress_start,
)
from kompetansemidler.core.two_person import REFUSED_SAME_PERSON, SAME_PERSON
from kompetansemidler.core.workflow import ServiceRefused
from kompetansemidler.history.services import event_record
from kompetansemidler.rules.money import earmark_cap
from kompetansemidler.rules.parameters import percent

from .models import Decision, Letter
from .money import money_by_year
from .selectors import ISSUED

logger = logging.getLogger(__name__)

LETTER_FAILED = _("The letter could not be made; try again, or ask for help quoting the time.")
REFUSED_NOT_APPROVED = _("A letter is sent only for a decision an approver has issued.")


# The state administrator's own name in Nynorsk (Statsforvaltaren i Vestland).
_OFFICE_WORD = {"nn": ("Statsforvalteren", "Statsforvaltaren")}


def office_name(office, language: str) -> str:
    """The office's name in ``language``'s written standard."""
    name = str(office)
    if language in _OFFICE_WORD:
        bokmaal, other = _OFFICE_WORD[language]
        name = name.replace(bokmaal, other)
    return name


def _person(user) -> str:
    if user is None:
        return ""
    name = user.get_full_name() or user.get_username()
    return f"{name} ({user.email})" if user.email else name


def letter_pdf(
    decision, *, language: str, deadline, version: int = 1, reference: str = ""
) -> bytes:
    """The letter as PDF/A, every text in ``language`` (``nb`` or ``nn``)."""
    params = decision.round.rule_set.params
    years = [
        (decision.round.year + i, amount) for i, amount in enumerate(decision.amounts) if amount > 0
    ]
    earmark = None
    if params.earmark_cap_share is not None:
        earmark = {
            "percent": percent(params.earmark_cap_share),
            "categories": ", ".join(c.label for c in params.earmarked_categories),
            "years": [
                (year, earmark_cap(funds=amount, cap_share=params.earmark_cap_share))
                for year, amount in years
            ],
        }
    # Each budget year's grant, its parts per category, and (Dekom) the owner's own
    # financing required that year, as stored on the decision's rows.
    money = [row for row in money_by_year(decision) if row.decided > 0]
    co_financing_total = sum((row.co_financing for row in money), Decimal(0))
    with translation.override(language):
        html = render_to_string(
            f"decisions/letter_{decision.round.scheme.code}.html",
            {
                "decision": decision,
                "round": decision.round,
                "office_name": office_name(decision.round.office, language),
                "reference": reference,
                "deadline": deadline,
                "version": version,
                "language": language,
                "today": timezone.localdate(),
                "years": years,
                "money": money,
                "show_categories": decision.categories not in ((), ("general",)),
                "co_financing_total": co_financing_total,
                "earmark": earmark,
                "appeal_right": decision.has_appeal_right,
                "budget_chapter": params.budget_chapter,
                "budget_post": params.budget_post,
                "caseworker": _person(decision.prepared_by),
                "approver": _person(decision.issued_by),
            },
        )
    return html_to_pdf(html)


def recipient_users(decision):
    """Who reads the letter for the recipient: its owner or UH representatives, and for a
    network the network's coordinators."""
    scope = Q(
        role__in=(Role.OWNER_REPRESENTATIVE, Role.UH_REPRESENTATIVE),
        organisation=decision.recipient_organisation_id,
    )
    if decision.recipient_network_id:
        scope = Q(role=Role.NETWORK_COORDINATOR, network=decision.recipient_network_id)
    grants = RoleGrant.objects.active().filter(scope)
    return get_user_model().objects.filter(pk__in=grants.values("user_id"), is_active=True)


def _case_file(decision, *, actor):
    round_ = decision.round
    return case_file_for(
        obj=decision,
        office=round_.office,
        round=round_,
        actor=actor,
        title=f"Tilskudd {round_} – {decision.recipient_label}",
    )


def _journal(decision, *, case_file, pdf, actor):
    organisation = decision.recipient_organisation
    entry = registry_entry_record(
        case_file=case_file,
        entry_type=EntryType.OUTGOING,
        title=f"Tilskuddsbrev til {decision.recipient_label}",
        parties=[
            Party(name=organisation.name, organisation_number=organisation.organisation_number)
        ],
        document_bytes=pdf,
        document_name="tilskuddsbrev.pdf",
        document_title="Tilskuddsbrev",
        actor=actor,
        published=True,
    )
    return entry


def _notify(decision, letter) -> int:
    """E-mail the recipient that the letter is there, once the letter is committed:
    a transaction rolled back (a refused request, a crash) sends nothing, and a
    request answered from its one-time key does not run this again."""
    addresses = {u.email: u.preferred_language for u in recipient_users(decision) if u.email}
    if decision.recipient_organisation.email:
        addresses.setdefault(decision.recipient_organisation.email, letter.language)
    for address, language in sorted(addresses.items()):
        with translation.override(language or letter.language):
            context = {"decision": decision, "letter": letter, "path": decision_url(decision)}
            subject = render_to_string("decisions/email/letter_subject.txt", context).strip()
            body = render_to_string("decisions/email/letter.txt", context)
        # robust: a mail server that is down is logged, never undoes the letter
        # already committed nor turns the caseworker's answer into an error.
        transaction.on_commit(
            functools.partial(send_mail, subject, body, None, [address]), robust=True
        )
    return len(addresses)


def decision_url(decision) -> str:
    return reverse("decisions:detail", args=[decision.pk])


@transaction.atomic
def letter_issue(*, actor, decision) -> Letter:
    """Render, journal and store the letter of the decision's current revision and
    notify the recipient. The appeal deadline runs from today, the day the
    recipient is notified.

    Once per revision: asked again (a second press, a parallel request, a retried
    task) it returns the letter already made, with no new journal entry or e-mail.
    The decision's row lock makes a parallel call wait and then find that letter;
    the unique constraint on (decision, decision revision) backs it."""
    decision = (
        Decision.objects.select_for_update(of=("self",))
        .select_related(
            "round__scheme",
            "round__office",
            "round__rule_set",
            "recipient_organisation",
            "recipient_network",
            "prepared_by",
            "issued_by",
        )
        .get(pk=decision.pk)
    )
    existing = decision.letters.filter(decision_revision=decision.revision).first()
    if existing is not None:
        return existing
    if not decision.is_issued or decision.issued_by_id is None:
        raise ServiceRefused("not_approved", REFUSED_NOT_APPROVED)
    if decision.issued_by_id == decision.prepared_by_id:
        raise ServiceRefused(SAME_PERSON, REFUSED_SAME_PERSON)
    version = (decision.letters.aggregate(m=Max("version"))["m"] or 0) + 1
    language = decision.recipient_organisation.language_form or "nb"
    today = timezone.localdate()
    deadline = appeal_deadline(today)
    case_file = _case_file(decision, actor=actor)
    pdf = letter_pdf(
        decision,
        language=language,
        deadline=deadline,
        version=version,
        reference=case_file.case_number,
    )
    entry = _journal(decision, case_file=case_file, pdf=pdf, actor=actor)
    letter = Letter.objects.create(
        decision=decision,
        version=version,
        decision_revision=decision.revision,
        language=language,
        # The archive has just stored the PDF as the entry's document: the letter
        # names that same file rather than storing a second copy.
        pdf_file=entry.documents.get().file.name,
        appeal_deadline=deadline,
        registry_reference=entry.entry_number,
    )
    notified = _notify(decision, letter)
    letter.notified_at = timezone.now()
    letter.save(update_fields=["notified_at"])
    event_record(
        actor=actor,
        kind="decision.letter_sent",
        obj=decision,
        summary=f"{letter.registry_reference}",
        office=decision.round.office,
        organisation=decision.recipient_organisation,
        after={
            "version": version,
            "language": language,
            "appeal_deadline": deadline.isoformat(),
            "notified": notified,
        },
    )
    return letter


def letters_scope(round_id: int) -> str:
    """The progress scope of a round's letters, for the round's page."""
    return f"letters:round:{round_id}"


@task(takes_context=True)
def letters_for_round(
    context,
    round_id: int,
    actor_id: int | None = None,
    decision_ids: list[int] | None = None,
    progress_of: str | None = None,
) -> int:
    """Make the letter of every issued decision in the round that has none yet
    (or of ``decision_ids`` only: a failed letter retried from the page, counted
    on the progress of the run ``progress_of``). Returns the letters made.

    Each letter is one transaction together with its progress count, and a
    decision that already has its letter is skipped: the task may be run again
    after its worker died, and finishes what the first run left."""
    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    pending = Decision.objects.filter(round_id=round_id, state__in=ISSUED, letters__isnull=True)
    if decision_ids is not None:
        pending = pending.filter(pk__in=decision_ids)
    pending = list(pending.select_related("recipient_organisation").order_by("id"))
    progress = progress_start(
        task_id=progress_of or str(context.task_result.id),
        scope=letters_scope(round_id),
        total=len(pending),
    )
    made = 0
    for decision in pending:
        try:
            with transaction.atomic():
                letter_issue(actor=actor, decision=decision)
                progress_item_done(progress, decision.pk)
        except ServiceRefused as refused:
            progress_item_failed(
                progress, decision.pk, label=decision.recipient_label, reason=str(refused.message)
            )
        except Exception:
            # One letter that cannot be made (a template error, the archive away)
            # must not stop the rest of the round; the page offers a retry.
            logger.exception("letter for decision %s failed", decision.pk)
            progress_item_failed(
                progress, decision.pk, label=decision.recipient_label, reason=str(LETTER_FAILED)
            )
        else:
            made += 1
    progress_finish(progress)
    return made
