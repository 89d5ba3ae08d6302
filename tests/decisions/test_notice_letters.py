"""The letters of the appeal chain, read back from their PDFs in Bokmål and
Nynorsk: each states what happened, the reasons, what the recipient may do next
(the dismissal's own appeal right and deadline; that Udir's decision is final),
our reference and the right to see the case documents; a Nynorsk letter has no
Bokmål word forms. Each is an archival PDF/A-2a."""

import re
import subprocess
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from kompetansemidler.decisions.appeals import (
    appeal_carry_out,
    appeal_decide,
    appeal_register,
    appeal_udir_decide,
    decision_decline,
)
from kompetansemidler.decisions.letters import letter_issue
from kompetansemidler.decisions.models import NoticeKind
from kompetansemidler.decisions.notices import notice_bytes
from kompetansemidler.registry.models import Organisation
from tests.core.test_pdf import assert_pdf_a_2a
from tests.decisions.objects import payment_made as payment_register

from .objects import issued_decision, notified_long_ago
from .test_letter_content import BOKMAAL_ONLY


def _text(pdf: bytes) -> str:
    out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(out.stdout.decode().split())


def _decision(cast, language, kind="private_owner"):
    Organisation.objects.filter(pk=cast.owner.pk).update(language_form=language, kind=kind)
    decision = issued_decision(cast)
    letter_issue(actor=cast.caseworker, decision=decision)
    return decision


def _appeal(cast, decision):
    return appeal_register(
        actor=cast.caseworker, decision=decision, received_on=timezone.localdate(), summary="Klage"
    )


def _read(notice) -> str:
    return _text(notice_bytes(notice))


def _letters(cast, language) -> dict[str, str]:
    """The text of every kind of letter of the chain, for Bergen in ``language``."""
    decision = _decision(cast, language)
    notified_long_ago(decision, days=40)
    texts = {}
    late = appeal_decide(
        actor=cast.caseworker,
        appeal=_appeal(cast, decision),
        outcome="dismissed",
        note="Klaga kom etter fristen utan grunn.",
        ground="late",
    )
    texts["dismissal"] = _read(late.notices.get())
    sent_on = appeal_decide(
        actor=cast.caseworker,
        appeal=_appeal(cast, decision),
        outcome="sent_on",
        note="Tildelinga følgjer innstillinga.",
    )
    texts["sent_on"] = _read(sent_on.notices.get())
    appeal_udir_decide(
        actor=cast.udir,
        appeal=sent_on,
        outcome="changed",
        note="Behovet er godt dokumentert.",
        amounts=(Decimal(1_000_000), Decimal(450_000), Decimal(0)),
    )
    carried = appeal_carry_out(actor=cast.caseworker, appeal=sent_on)
    texts["udir_changed"] = _read(carried.notices.get(kind=NoticeKind.UDIR_OUTCOME))
    upheld = appeal_decide(
        actor=cast.caseworker,
        appeal=_appeal(cast, decision),
        outcome="sent_on",
        note="Vurdering.",
    )
    appeal_udir_decide(actor=cast.udir, appeal=upheld, outcome="upheld", note="Rett vedtak.")
    upheld = appeal_carry_out(actor=cast.caseworker, appeal=upheld)
    texts["udir_upheld"] = _read(upheld.notices.get(kind=NoticeKind.UDIR_OUTCOME))
    payment_register(
        actor=cast.caseworker,
        decision=decision,
        paid_on=timezone.localdate(),
        amount=Decimal(400_000),
    )
    decision_decline(actor=cast.owner_rep, decision=decision, reason="Ikkje behov no.")
    texts["declined"] = _read(decision.notices.get(kind=NoticeKind.DECLINED))
    return texts


def _common(text):
    assert "Bergen kommune" in text
    assert re.search(r"Vår referanse: \d{4}/\d+", text)
    assert (
        "Saksbehandler: Siri Saksbehandler" in text or "Sakshandsamar: Siri Saksbehandler" in text
    ), text[:400]
    assert "§§ 18 og 27" in text


def test_the_bokmaal_letters_state_what_happened_and_what_the_recipient_may_do(cast):
    texts = _letters(cast, "nb")
    for text in texts.values():
        _common(text)
        assert "Statsforvalteren i Vestland" in text
    dismissal = texts["dismissal"]
    assert "Avvisning av klagen" in dismissal and "har avvist klagen" in dismissal
    assert (
        "Kom inn etter fristen" in dismissal and "Klaga kom etter fristen utan grunn." in dismissal
    )
    assert "Klagerett" in dismissal and "forvaltningsloven §§ 28 og 29" in dismissal
    assert re.search(r"Klagefristen er \d\d\.\d\d\.\d{4}", dismissal)
    sent_on = texts["sent_on"]
    assert "sendt videre til Utdanningsdirektoratet (Udir)" in sent_on
    assert "Embetets vurdering" in sent_on and "Tildelinga følgjer innstillinga." in sent_on
    changed = texts["udir_changed"]
    assert "Udir har endret vedtaket" in changed and "1 000 000 kroner" in changed, changed
    assert "nytt tilskuddsbrev" in changed and "kan ikke påklages" in changed
    assert "Udir har opprettholdt vedtaket" in texts["udir_upheld"]
    declined = texts["declined"]
    assert "har takket nei til tilskuddet" in declined
    # 1 000 000 + 450 000 decided, 400 000 paid: 1 050 000 not paid out.
    assert "1 050 000 kroner som ikke er utbetalt" in declined
    assert "400 000 kroner som alt er utbetalt" in declined


def test_the_nynorsk_letters_state_the_same_with_no_bokmaal_word_forms(cast):
    texts = _letters(cast, "nn")
    for name, text in texts.items():
        _common(text)
        assert "Statsforvaltaren i Vestland" in text, name
        words = set(re.findall(r"[a-zæøå]+", text.lower()))
        assert sorted(words & set(BOKMAAL_ONLY)) == [], name
    dismissal = texts["dismissal"]
    assert "Avvising av klaga" in dismissal and "forvaltningslova §§ 28 og 29" in dismissal
    assert "tre veker" in dismissal
    assert "Vurderinga til embetet" in texts["sent_on"]
    assert "Udir har endra vedtaket" in texts["udir_changed"]
    assert "kan ikkje påklagast" in texts["udir_changed"]
    assert "Udir har halde oppe vedtaket" in texts["udir_upheld"]
    assert "har takka nei til tilskotet" in texts["declined"]


def test_a_request_for_reconsideration_is_answered_by_a_letter(cast):
    decision = _decision(cast, "nn", kind="municipality")
    request = appeal_decide(
        actor=cast.caseworker,
        appeal=_appeal(cast, decision),
        outcome="upheld",
        note="Ingen nye opplysningar.",
    )
    text = _read(request.notices.get())
    assert "Svar på oppmodinga om ny vurdering" in text
    assert "står ved vedtaket" in text and "Ingen nye opplysningar." in text


@pytest.mark.django_db
def test_each_letter_is_pdf_a_and_the_recipient_is_told_by_e_mail(
    cast, django_capture_on_commit_callbacks
):
    decision = _decision(cast, "nb")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        appeal = appeal_decide(
            actor=cast.caseworker, appeal=_appeal(cast, decision), outcome="sent_on", note="V."
        )
    notice = appeal.notices.get()
    assert_pdf_a_2a(
        notice_bytes(notice),
        title=f"Klagen sendt videre til Udir – {decision.round.scheme.name} 2026 – Bergen kommune",
        language="nb",
        author="Statsforvalteren i Vestland",
    )
    assert [m.to for m in mail.outbox] == [[cast.owner_rep.email]]
    assert "Klagen sendt videre til Udir" in mail.outbox[0].subject
