"""The grant letter states everything forvaltningsloven §§ 24–27 and the grant rules
require, read back from the generated PDF, in Bokmål and in Nynorsk; and the
letter is an archival PDF/A-2a."""

import re
import subprocess

import pytest
from django.utils import timezone

from kompetansemidler.core.dates import appeal_deadline
from kompetansemidler.decisions.letters import letter_issue
from kompetansemidler.decisions.models import Decision
from kompetansemidler.registry.models import Organisation
from kompetansemidler.schemes.models import RuleSet
from tests.core.test_pdf import assert_pdf_a_2a

from .objects import approver, draft_decision, issued_decision, set_amount


def _text(pdf: bytes) -> str:
    out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(out.stdout.decode().split())


def _letter(cast, *, language="nb", kind="private_owner", budget=True):
    """Bergen's letter, Bergen made the given kind of recipient; the decision deviates
    from the recommendation (with a justification) and the rule set has an earmark
    cap, and, with ``budget``, the budget chapter and post Udir entered."""
    Organisation.objects.filter(pk=cast.owner.pk).update(language_form=language, kind=kind)
    decision = draft_decision(cast)
    rule_set = decision.round.rule_set
    parameters = dict(rule_set.parameters)
    parameters |= {
        "earmark_cap_share": "0.3",
        "earmarked_categories": [{"code": "facilitation", "label": "Tilretteleggingsmidler"}],
    }
    if budget:
        parameters |= {"budget_chapter": "226", "budget_post": "21"}
    RuleSet.objects.filter(pk=rule_set.pk).update(parameters=parameters)
    set_amount(decision, 800_000)
    Decision.objects.filter(pk=decision.pk).update(
        justification="Ett av tiltaka er allereie finansiert.",
        reasons="Tiltaket svarer på behovet for lesing i alle fag.",
        conditions="Midlane skal brukast i samsvar med planen.",
    )
    issued_decision(cast)
    letter = letter_issue(actor=cast.caseworker, decision=Decision.objects.get(pk=decision.pk))
    return letter, _text(bytes(letter.pdf))


def _common(text, letter, cast):
    deadline = appeal_deadline(timezone.localdate(letter.created_at))
    assert letter.appeal_deadline == deadline
    # Our reference (the case number), date, caseworker with contact, approver.
    assert "referanse: 2026/" in text
    assert timezone.localtime(letter.created_at).strftime("%d.%m.%Y") in text
    assert "Siri Saksbehandler (siri@example.no)" in text
    assert "Anna Attestant (anna@example.no)" in text
    # Amounts per budget year, co-financing per year (30 per cent), earmark in kroner.
    assert "2026 800 000 kroner 240 000 kroner" in text
    assert "2027 450 000 kroner 135 000 kroner" in text
    assert "Tilretteleggingsmidler" in text and "240 000 kroner (2026)" in text
    # Reasons, the deviation's justification, conditions, reporting date.
    assert "Samarbeidsforum Vestland" in text
    assert "Tiltaket svarer på behovet for lesing i alle fag." in text
    assert "Ett av tiltaka er allereie finansiert." in text
    assert "Midlane skal brukast i samsvar med planen." in text
    assert "01.03.2027" in text
    # Legal basis: the regulations and the budget chapter and post.
    assert "Kunnskapsdepartementet 26. januar 2021" in text
    assert "kapittel 226, post 21" in text
    # Control and repayment.
    assert "økonomiregelverket" in text and "Riksrevisjonen" in text
    # Appeal: deadline as a date, addressed to Udir, sent to the office.
    assert deadline.strftime("%d.%m.%Y") in text
    assert "Utdanningsdirektoratet (Udir)" in text
    return deadline


def test_a_bokmaal_letter_to_a_private_owner_states_every_element(cast):
    letter, text = _letter(cast, language="nb")
    _common(text, letter, cast)
    assert "Vedtak" in text and "Hjemmel" in text and "Begrunnelse" in text
    assert "Stortingets budsjettvedtak" in text
    assert "Krav om egenfinansiering" in text
    assert "Øremerkede kategorier" in text and "høyst 30 prosent" in text
    assert "Vilkår" in text and "Rapportering" in text and "Utbetaling" in text
    assert "betales tilbake" in text
    assert "Klagerett" in text and "tre uker" in text and "forvaltningsloven §§ 28 og 29" in text
    assert "sendes skriftlig til Statsforvalteren i Vestland" in text
    assert "forvaltningsloven §§ 18 og 27" in text
    assert "Vår referanse" in text and "Saksbehandler" in text and "Godkjent av" in text
    assert "godkjent elektronisk og har ingen signatur" in text
    assert "regelverkets andel" not in text


# Word forms that are Bokmål only: none may appear in a Nynorsk letter.
BOKMAAL_ONLY = (
    "ikke",
    "fra",
    "tilskudd",
    "tilskuddet",
    "tilskuddsbrev",
    "midlene",
    "utbetales",
    "hjemmel",
    "begrunnelse",
    "uker",
    "forvaltningsloven",
    "statsforvalteren",
    "dokumentene",
    "saken",
    "hvert",
    "senere",
    "beløpene",
    "sendes",
    "hvilket",
    "hvilken",
    "ønsker",
    "dere",
    "selv",
    "bare",
    "brukes",
    "betales",
    "høyst",
    "skoleeier",
    "øremerkede",
    "rettes",
    "mottok",
    "innen",
    "hilsen",
    "behovene",
    "tiltakene",
    "gis",
)


def test_a_nynorsk_letter_states_every_element_with_no_bokmaal_word_forms(cast):
    letter, text = _letter(cast, language="nn")
    _common(text, letter, cast)
    assert "Statsforvaltaren i Vestland" in text
    assert "Heimel" in text and "Grunngiving" in text and "Klagerett" in text
    assert "tre veker" in text and "forvaltningslova §§ 28 og 29" in text
    assert "forvaltningslova §§ 18 og 27" in text and "ingen underskrift" in text
    words = set(re.findall(r"[a-zæøå]+", text.lower()))
    assert sorted(words & set(BOKMAAL_ONLY)) == []


@pytest.mark.parametrize("kind", ["municipality", "county_municipality", "uh"])
def test_a_public_recipient_is_told_how_to_ask_for_reconsideration_not_to_appeal(cast, kind):
    letter, text = _letter(cast, kind=kind)
    assert "Ny vurdering" in text and "ikke et enkeltvedtak" in text
    assert "Klagerett" not in text and "Klagen rettes" not in text
    assert letter.appeal_deadline.strftime("%d.%m.%Y") in text


def test_without_a_budget_chapter_the_letter_names_none(cast):
    _letter_, text = _letter(cast, budget=False)
    assert "kapittel" not in text


def test_the_letter_is_an_archival_tagged_pdf(cast):
    letter, _text_ = _letter(cast, language="nn")
    assert_pdf_a_2a(
        bytes(letter.pdf),
        title=f"Tilskotsbrev – {letter.decision.round.scheme.name_nn} 2026 – Bergen kommune",
        language="nn",
        author="Statsforvaltaren i Vestland",
    )


def test_the_approver_is_on_record(cast):
    letter, _text_ = _letter(cast)
    assert letter.decision.issued_by == approver(cast)
