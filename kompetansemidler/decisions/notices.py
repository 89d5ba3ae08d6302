"""The letters of a decision's case beside the grant letter itself: the
dismissal of an appeal (with its own appeal information), the notice that an
appeal is sent on to Udir with the office's assessment, Udir's outcome, the
answer to a request for reconsideration, and the confirmation of a declined
grant.

Each is rendered as PDF/A in the recipient's written standard (as the grant
letter is), journalled as an outgoing document with its PDF, and the recipient
is told by e-mail once the transaction commits. The PDF is stored once, as the
journalled document; ``NoticeLetter`` points to it.
"""

import datetime
import functools

from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from kompetansemidler.accounts.policy import caseworker_office_ids
from kompetansemidler.archive.models import EntryType
from kompetansemidler.archive.services import Party, registry_entry_record
from kompetansemidler.core.dates import appeal_deadline
from kompetansemidler.core.pdf import html_to_pdf
from kompetansemidler.history.services import event_record

from .letters import _case_file, _person, decision_url, office_name, recipient_users
from .models import NoticeKind, NoticeLetter

# The journal's title of each letter, in the office's journal language (Bokmål).
JOURNAL_TITLE: dict[str, str] = {
    NoticeKind.DISMISSAL: "Vedtak om avvisning av klage fra {recipient}",
    NoticeKind.SENT_ON: "Klage fra {recipient} oversendt Udir – orientering til klager",
    NoticeKind.UDIR_OUTCOME: "Udirs avgjørelse i klagesak fra {recipient} – melding til klager",
    NoticeKind.RECONSIDERATION: "Svar på anmodning om ny vurdering fra {recipient}",
    NoticeKind.DECLINED: "Bekreftelse på at {recipient} takker nei til tilskudd",
}
FILE_NAME: dict[str, str] = {
    NoticeKind.DISMISSAL: "avvisning.pdf",
    NoticeKind.SENT_ON: "oversendelse.pdf",
    NoticeKind.UDIR_OUTCOME: "klageavgjorelse.pdf",
    NoticeKind.RECONSIDERATION: "ny-vurdering.pdf",
    NoticeKind.DECLINED: "takket-nei.pdf",
}
SUBJECT = _("New letter: %(kind)s (%(round)s)")
BODY = _(
    "The state administrator has sent you a letter in the case of the grant to "
    "%(recipient)s for %(round)s: %(kind)s. Read it after logging in to Kompetansemidler: "
    "%(path)s"
)


def notice_pdf(
    decision, *, kind: str, language: str, reference: str, actor, context: dict
) -> tuple[bytes, datetime.date | None]:
    """The letter as PDF/A in ``language`` and its appeal deadline (None when what it
    states cannot be appealed)."""
    today = timezone.localdate()
    deadline = appeal_deadline(today) if kind == NoticeKind.DISMISSAL else None
    with translation.override(language):
        html = render_to_string(
            "decisions/notice_letter.html",
            {
                "decision": decision,
                "round": decision.round,
                "kind": kind,
                "kind_label": str(NoticeKind(kind).label),
                "office_name": office_name(decision.round.office, language),
                "reference": reference,
                "language": language,
                "today": today,
                "deadline": deadline,
                "caseworker": _person(actor),
                **context,
            },
        )
    return html_to_pdf(html), deadline


def _notify(decision, notice) -> None:
    addresses = {u.email: u.preferred_language for u in recipient_users(decision) if u.email}
    if decision.recipient_organisation.email:
        addresses.setdefault(decision.recipient_organisation.email, notice.language)
    for address, language in sorted(addresses.items()):
        with translation.override(language or notice.language):
            params = {
                "kind": NoticeKind(notice.kind).label,
                "round": decision.round,
                "recipient": decision.recipient_label,
                "path": decision_url(decision),
            }
            subject, body = str(SUBJECT) % params, str(BODY) % params
        # robust: a mail server that is down never undoes the committed letter.
        transaction.on_commit(
            functools.partial(send_mail, subject, body, None, [address]), robust=True
        )


@transaction.atomic
def notice_send(*, actor, decision, kind: str, appeal=None, **context) -> NoticeLetter:
    """Render, journal (outgoing, with the PDF) and keep the letter, and notify the
    recipient once committed. ``context`` is what the letter's kind states (the
    reasons, Udir's outcome, the amounts)."""
    language = decision.recipient_organisation.language_form or "nb"
    case_file = _case_file(decision, actor=actor)
    # The letter names a caseworker of the office: the recipient declining its grant
    # itself is answered in the name of the one who prepared the decision.
    office_person = actor
    if decision.round.office_id not in caseworker_office_ids(actor):
        office_person = decision.prepared_by
    pdf, deadline = notice_pdf(
        decision,
        kind=kind,
        language=language,
        reference=case_file.case_number,
        actor=office_person,
        context={"appeal": appeal, **context},
    )
    organisation = decision.recipient_organisation
    entry = registry_entry_record(
        case_file=case_file,
        entry_type=EntryType.OUTGOING,
        title=JOURNAL_TITLE[kind].format(recipient=decision.recipient_label),
        parties=[
            Party(name=organisation.name, organisation_number=organisation.organisation_number)
        ],
        document_bytes=pdf,
        document_name=FILE_NAME[kind],
        document_title=str(JOURNAL_TITLE[kind].format(recipient=decision.recipient_label)),
        actor=actor,
    )
    notice = NoticeLetter.objects.create(
        decision=decision,
        appeal=appeal,
        kind=kind,
        language=language,
        registry_entry=entry,
        appeal_deadline=deadline,
        notified_at=timezone.now(),
    )
    _notify(decision, notice)
    event_record(
        actor=actor,
        kind="decision.notice_sent",
        obj=decision,
        summary=f"{entry.entry_number} {NoticeKind(kind).label}",
        office=decision.round.office,
        organisation=organisation,
        after={
            "kind": kind,
            "language": language,
            "appeal": appeal.pk if appeal is not None else None,
            "appeal_deadline": deadline.isoformat() if deadline else None,
        },
    )
    return notice


def notice_bytes(notice) -> bytes:
    """The PDF of ``notice``, read from its journalled document."""
    document = notice.registry_entry.documents.get()
    with document.file.open("rb") as stored:
        return stored.read()
