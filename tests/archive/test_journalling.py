"""Case documents of the apps below the archive are journalled as they happen,
through the archive's transition effects (those apps never import the archive)."""

from unittest import mock

import pytest

from kompetansemidler.archive.journalling import needs_report_received
from kompetansemidler.archive.models import EntryType, RegistryEntry
from kompetansemidler.core.contributions import contributions
from kompetansemidler.core.workflow import transition_effects
from kompetansemidler.needs.models import NeedsReport, ReportState
from kompetansemidler.needs.services import needs_report_return, needs_report_submit
from kompetansemidler.recommendations.services import recommendation_send
from kompetansemidler.schemes.models import Round
from kompetansemidler.schemes.workflow import RoundPhase
from tests.needs.conftest import BEFORE_DEADLINE, fill_report
from tests.recommendations.objects import adopted_recommendation


def test_the_archive_contributes_its_effects_through_the_registry():
    names = [module.__name__ for module in contributions("transition_effects")]
    assert "kompetansemidler.archive.transition_effects" in names
    assert needs_report_received in transition_effects("needs_report.submitted")
    assert transition_effects("needs_report.returned") == []


def test_a_needs_report_is_journalled_each_time_it_is_received(cast, vestland_round):
    open_round = vestland_round
    report = fill_report(NeedsReport.objects.create(round=open_round, owner=cast.owner), cast.uh)
    report = needs_report_submit(actor=cast.owner_rep, report=report, today=BEFORE_DEADLINE)
    entry = RegistryEntry.objects.get()
    assert entry.entry_type == EntryType.INCOMING
    assert entry.case_file.office == open_round.office and entry.case_file.round == open_round
    assert entry.title.startswith(f"Behovsmelding fra {cast.owner.name}")
    assert [p.name for p in entry.parties.all()] == [cast.owner.name]
    assert not entry.documents.exists()
    # Returned and received again: a second entry in the same case file.
    report = needs_report_return(actor=cast.caseworker, report=report, reason="Mangler plan.")
    needs_report_submit(actor=cast.owner_rep, report=report, today=BEFORE_DEADLINE)
    assert list(RegistryEntry.objects.order_by("number").values_list("number", flat=True)) == [
        1,
        2,
    ]
    assert RegistryEntry.objects.values("case_file").distinct().count() == 1


def test_a_failed_journalling_undoes_the_submission(cast, vestland_round):
    open_round = vestland_round
    report = fill_report(NeedsReport.objects.create(round=open_round, owner=cast.owner), cast.uh)
    with (
        mock.patch(
            "kompetansemidler.archive.journalling.document_journal",
            side_effect=RuntimeError("storage down"),
        ),
        pytest.raises(RuntimeError),
    ):
        needs_report_submit(actor=cast.owner_rep, report=report, today=BEFORE_DEADLINE)
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT and not RegistryEntry.objects.exists()


def test_the_sent_recommendation_is_journalled_with_its_pdf(cast):
    recommendation = adopted_recommendation(cast)
    Round.objects.filter(pk=recommendation.round_id).update(phase=RoundPhase.FORUM_PRIORITISING)
    recommendation_send(actor=cast.forum_member, recommendation=recommendation)
    entry = RegistryEntry.objects.get(case_file__object_id=str(recommendation.pk))
    assert entry.entry_type == EntryType.INCOMING and entry.published
    assert entry.documents.get().file.read(5) == b"%PDF-"
