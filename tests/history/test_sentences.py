"""The history reads as sentences in the reader's language, made when read: who did
what, and each change with the form's label and the value as the page shows it."""

import pathlib
import re

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation

from kompetansemidler.core.workflow import WORKFLOWS
from kompetansemidler.history.checks import check_every_event_kind_reads_as_a_sentence
from kompetansemidler.history.kinds import changes, event_sentence, sentences
from kompetansemidler.history.models import Event
from kompetansemidler.history.services import event_record
from kompetansemidler.needs.models import NeedsReport
from kompetansemidler.recommendations.models import RecommendationLine

SOURCE = pathlib.Path(__file__).resolve().parents[2] / "kompetansemidler"
THIN, NBSP = "\u202f", "\u00a0"


def event(kind, model, actor=None, before=None, after=None):
    return Event(
        kind=kind,
        actor=actor,
        content_type=ContentType.objects.get_for_model(model),
        object_id="1",
        before=before,
        after=after,
    )


def read(language, make):
    with translation.override(language):
        return make()


@pytest.mark.django_db
def test_a_submitted_report_reads_as_a_sentence_in_each_language(cast):
    submitted = event(
        "needs_report.submitted",
        NeedsReport,
        actor=cast.owner_rep,
        before={"state": "draft"},
        after={"state": "submitted"},
    )
    name = cast.owner_rep.get_full_name()
    assert read("nb", lambda: event_sentence(submitted)) == f"{name} sendte inn behovsmeldingen"
    assert read("nn", lambda: event_sentence(submitted)) == f"{name} sende inn behovsmeldinga"
    assert read("en", lambda: event_sentence(submitted)) == f"{name} submitted the needs report"
    # The state reads as the word the pages use, never the stored code.
    [state] = read("nn", lambda: [c.sentence for c in changes(submitted)])
    assert state == "Status endra frå Utkast til Sendt inn", state


@pytest.mark.django_db
def test_a_changed_amount_reads_with_its_label_and_in_kroner():
    changed = event(
        "recommendation.changed",
        RecommendationLine,
        before={"amount_year1": "1680000", "lock_version": 1},
        after={"amount_year1": "1800000", "lock_version": 2},
    )
    [amount] = read("nb", lambda: [c.sentence for c in changes(changed)])
    assert amount == (
        f"Beløp, år 1 endret fra 1{THIN}680{THIN}000{NBSP}kr til 1{THIN}800{THIN}000{NBSP}kr"
    )
    [amount] = read("en", lambda: [c.sentence for c in changes(changed)])
    assert amount == (f"Amount, year 1 changed from NOK{NBSP}1,680,000 to NOK{NBSP}1,800,000")
    # Bookkeeping (the version counter) is not a change a reader cares about.
    assert "version" not in amount.lower()


@pytest.mark.django_db
def test_what_the_system_did_says_so():
    closed = event("round.close", NeedsReport)
    assert read("nb", lambda: event_sentence(closed)) == "Systemet avsluttet runden"


def test_every_sentence_names_the_actor_and_is_translated():
    for kind, sentence in sentences().items():
        rendered = {
            language: read(language, lambda s=sentence: str(s) % {"actor": "Ola"})
            for language, _name in settings.LANGUAGES
        }
        assert all("Ola" in text for text in rendered.values()), kind
        assert rendered["nb"] != rendered["en"], f"{kind} is not translated to bokmål"
        assert rendered["nn"] != rendered["en"], f"{kind} is not translated to nynorsk"


def recorded_kinds() -> set[str]:
    """Every kind the code records: literal kinds and the transition tables' events."""
    kinds = set()
    for path in SOURCE.rglob("*.py"):
        if "migrations" in path.parts or path.name == "demo.py":
            continue
        kinds |= set(re.findall(r'\bkind="([a-z_]+\.[a-z_]+)"', path.read_text()))
        kinds |= set(re.findall(r'^EVENT_KIND = "([a-z_]+\.[a-z_]+)"', path.read_text(), re.M))
    check_every_event_kind_reads_as_a_sentence()  # imports every transition table
    kinds |= {t.event for workflow in WORKFLOWS for t in workflow.transitions.values()}
    return kinds


def test_every_kind_the_code_records_has_a_sentence():
    missing = sorted(kind for kind in recorded_kinds() if kind not in sentences())
    assert missing == []


def test_the_start_up_check_is_clean():
    assert check_every_event_kind_reads_as_a_sentence() == []


@pytest.mark.django_db
def test_an_event_without_a_sentence_is_refused_where_it_is_recorded(cast):
    with pytest.raises(ImproperlyConfigured, match="no sentence"):
        event_record(actor=cast.caseworker, kind="needs_report.vanished", obj=cast.owner)
