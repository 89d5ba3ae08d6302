"""The needs process as the scheme describes it, through the services and pages:
C1–C3 and the local plan checked when the owner submits, an accepted report
returned with a reason until the forum adopts, late reports accepted only for
a reason, plans read by the round's office through a report's link only, and
the team around the child asked for in Kompetanseløftet."""

import pytest
from django.urls import reverse

from kompetansemidler.core.workflow import ServiceRefused
from kompetansemidler.history.models import Event
from kompetansemidler.needs.models import LocalPlan, NeedsReport, ProposedMeasure, ReportState
from kompetansemidler.needs.services import (
    MEASURE_FIELDS,
    REFUSED_ADOPTED,
    REFUSED_ERRORS,
    REFUSED_NO_LATE_REASON,
    REPORT_FIELDS,
    needs_report_accept,
    needs_report_continue,
    needs_report_reopen,
    needs_report_return,
    needs_report_submit,
    needs_report_update,
)
from kompetansemidler.recommendations.models import Recommendation, RecommendationState
from tests.recommendations.objects import draft_recommendation

from .conftest import AFTER_DEADLINE, BEFORE_DEADLINE, fill_report, make_round


def refused_codes(refused) -> list[str]:
    return [f.code for f in refused.value.findings]


# C1–C3 and the local plan on submission ---------------------------------------


def test_a_report_anchored_in_no_unit_cannot_be_submitted(cast, owner_report):
    owner_report.units.clear()
    with pytest.raises(ServiceRefused) as refused:
        needs_report_submit(actor=cast.owner_rep, report=owner_report, today=BEFORE_DEADLINE)
    assert refused.value.message == REFUSED_ERRORS
    assert refused_codes(refused) == ["NEEDS_NO_UNITS"]
    assert NeedsReport.objects.get(pk=owner_report.pk).state == ReportState.DRAFT


def test_a_report_without_the_uh_dialogue_cannot_be_submitted(cast, owner_report):
    NeedsReport.objects.filter(pk=owner_report.pk).update(uh_dialogue="  ")
    with pytest.raises(ServiceRefused) as refused:
        needs_report_submit(actor=cast.owner_rep, report=owner_report, today=BEFORE_DEADLINE)
    assert refused_codes(refused) == ["NEEDS_NO_UH_DIALOGUE"]


def test_a_measure_anchored_in_no_local_plan_cannot_be_submitted(cast, owner_report):
    owner_report.measures.update(local_plan=None)
    with pytest.raises(ServiceRefused) as refused:
        needs_report_submit(actor=cast.owner_rep, report=owner_report, today=BEFORE_DEADLINE)
    assert refused_codes(refused) == ["NEEDS_NO_LOCAL_PLAN"]


def test_the_reports_own_plan_anchors_a_measure_that_names_only_its_priority(
    cast, owner_report, plan
):
    owner_report.measures.update(local_plan=None)
    NeedsReport.objects.filter(pk=owner_report.pk).update(local_plan=plan)
    report = needs_report_submit(actor=cast.owner_rep, report=owner_report, today=BEFORE_DEADLINE)
    assert report.state == ReportState.SUBMITTED


def test_a_measure_without_the_priority_it_follows_cannot_be_submitted(cast, owner_report):
    owner_report.measures.update(local_plan_priority="")
    with pytest.raises(ServiceRefused) as refused:
        needs_report_submit(actor=cast.owner_rep, report=owner_report, today=BEFORE_DEADLINE)
    assert refused_codes(refused) == ["NEEDS_NO_PLAN_PRIORITY"]


def test_the_owner_sees_the_findings_while_writing(cast, client_for, owner_report):
    owner_report.units.clear()
    owner_report.measures.update(local_plan=None)
    page = client_for(cast.owner_rep).get(reverse("needs:report_edit", args=[owner_report.pk]))
    body = page.content.decode()
    assert 'data-code="NEEDS_NO_UNITS"' in body
    assert 'data-code="NEEDS_NO_LOCAL_PLAN"' in body
    # The finding links to the measure's plan field, which the form has.
    assert 'href="#id_measure-0-local_plan"' in body and 'id="id_measure-0-local_plan"' in body


# Returning an accepted report ------------------------------------------------


def accepted(cast, report):
    report = needs_report_submit(actor=cast.owner_rep, report=report, today=BEFORE_DEADLINE)
    return needs_report_accept(actor=cast.caseworker, report=report)


def test_an_accepted_report_is_returned_with_a_reason_the_owner_sees(
    cast, client_for, owner_report
):
    report = accepted(cast, owner_report)
    client = client_for(cast.caseworker)
    page = client.get(reverse("needs:report_detail", args=[report.pk])).content.decode()
    assert "return-accepted-heading" in page
    client.post(reverse("needs:report_return", args=[report.pk]), {"reason": "Manglar einingane"})
    report.refresh_from_db()
    assert report.state == ReportState.RETURNED and report.return_reason == "Manglar einingane"
    event = Event.objects.for_object(report).filter(kind="needs_report.returned").get()
    assert event.before == {"state": "accepted"} and event.summary == "Manglar einingane"
    owner_page = client_for(cast.owner_rep).get(reverse("needs:report_detail", args=[report.pk]))
    assert "Manglar einingane" in owner_page.content.decode()


def test_an_accepted_report_is_not_returned_once_the_forum_has_adopted(cast, owner_report):
    report = accepted(cast, owner_report)
    Recommendation.objects.create(
        round=report.round, forum=cast.forum, name="Vedteken", state=RecommendationState.ADOPTED
    )
    with pytest.raises(ServiceRefused) as refused:
        needs_report_return(actor=cast.caseworker, report=report, reason="For seint")
    assert refused.value.message == REFUSED_ADOPTED
    assert NeedsReport.objects.get(pk=report.pk).state == ReportState.ACCEPTED


def test_a_draft_recommendation_does_not_stop_the_return(cast, owner_report):
    report = accepted(cast, owner_report)
    Recommendation.objects.create(round=report.round, forum=cast.forum, name="Utkast")
    report = needs_report_return(actor=cast.caseworker, report=report, reason="Rett beløpa")
    assert report.state == ReportState.RETURNED


# Late reports ------------------------------------------------------------------


def test_a_late_report_is_reopened_only_with_a_reason_the_history_keeps(cast, owner_report):
    with pytest.raises(ServiceRefused) as refused:
        needs_report_reopen(actor=cast.caseworker, report=owner_report, reason="  ")
    assert refused.value.message == REFUSED_NO_LATE_REASON
    assert not NeedsReport.objects.get(pk=owner_report.pk).reopened
    needs_report_reopen(actor=cast.caseworker, report=owner_report, reason="Sjukdom i staben")
    event = Event.objects.for_object(owner_report).get(kind="needs_report.reopened")
    assert event.summary == "Sjukdom i staben"
    report = needs_report_submit(actor=cast.owner_rep, report=owner_report, today=AFTER_DEADLINE)
    assert report.state == ReportState.SUBMITTED


def test_reopening_from_the_overview_without_a_reason_changes_nothing(
    cast, client_for, owner_report
):
    client_for(cast.caseworker).post(reverse("needs:report_reopen", args=[owner_report.pk]))
    assert not NeedsReport.objects.get(pk=owner_report.pk).reopened


# Plans read through a report's link ------------------------------------------


def test_the_rounds_office_reads_a_plan_its_reports_link_to_and_only_then(
    cast, client_for, plan, rogaland_round
):
    url = reverse("needs:plan_detail", args=[plan.pk])
    rogaland = client_for(cast.other_caseworker)
    assert rogaland.get(url).status_code == 403
    report = NeedsReport.objects.create(round=rogaland_round, owner=cast.owner, local_plan=plan)
    # A draft is its author's: the link counts once the report is sent.
    assert rogaland.get(url).status_code == 403
    NeedsReport.objects.filter(pk=report.pk).update(state=ReportState.SUBMITTED)
    assert rogaland.get(url).status_code == 200
    # Outsiders still see nothing.
    assert client_for(cast.other_owner_rep).get(url).status_code == 403
    assert client_for(cast.outsider).get(url).status_code == 403


def test_a_measure_link_also_opens_the_plan_to_the_rounds_office(
    cast, client_for, plan, rogaland_round
):
    report = NeedsReport.objects.create(
        round=rogaland_round, owner=cast.owner, state=ReportState.SUBMITTED
    )
    url = reverse("needs:plan_detail", args=[plan.pk])
    assert client_for(cast.other_caseworker).get(url).status_code == 403
    ProposedMeasure.objects.create(report=report, title="Språk", local_plan=plan)
    assert client_for(cast.other_caseworker).get(url).status_code == 200


def test_a_plan_missing_an_element_shows_a_warning_and_still_anchors(cast, client_for, plan):
    plan.duration = ""
    plan.save()
    page = client_for(cast.owner_rep).get(reverse("needs:plan_detail", args=[plan.pk]))
    body = page.content.decode()
    assert body.count('data-code="PLAN_ELEMENT_MISSING"') == 1


# The team around the child -----------------------------------------------------


def test_kompetanseloftet_asks_for_the_team_around_the_child_and_rekom_does_not(cast, client_for):
    loftet = make_round(cast.vestland, "kompetanseloftet")
    report = fill_report(NeedsReport.objects.create(round=loftet, owner=cast.owner), cast.uh)
    client = client_for(cast.owner_rep)
    body = client.get(reverse("needs:report_edit", args=[report.pk])).content.decode()
    assert 'name="measure-0-team_around_child"' in body
    assert 'data-code="NEEDS_NO_TEAM_AROUND_CHILD"' in body
    # A warning: the report is still submitted.
    submitted = needs_report_submit(actor=cast.owner_rep, report=report, today=BEFORE_DEADLINE)
    assert submitted.state == ReportState.SUBMITTED
    rekom = fill_report(
        NeedsReport.objects.create(round=make_round(cast.vestland), owner=cast.owner), cast.uh
    )
    body = client.get(reverse("needs:report_edit", args=[rekom.pk])).content.decode()
    assert "team_around_child" not in body


def test_continuing_a_report_keeps_each_measures_plan_and_team(cast, owner_report):
    owner_report.measures.update(team_around_child=["ppt"], amount_year2=250000)
    accepted(cast, owner_report)
    next_round = make_round(cast.vestland, year=2027)
    report = needs_report_continue(actor=cast.owner_rep, previous=owner_report, round_=next_round)
    measure = report.measures.get()
    old = owner_report.measures.get()
    assert (measure.local_plan, measure.local_plan_priority, measure.team_around_child) == (
        old.local_plan,
        old.local_plan_priority,
        ["ppt"],
    )


def test_the_forum_reads_the_plan_of_an_owner_seated_elsewhere_through_a_sent_report(
    cast, client_for, open_round
):
    plan = LocalPlan.objects.create(
        owner=cast.rogaland_owner, period_start=2026, period_end=2029, title="Stavangerplanen"
    )
    url = reverse("needs:plan_detail", args=[plan.pk])
    forum = client_for(cast.forum_member)
    assert forum.get(url).status_code == 403
    report = NeedsReport.objects.create(
        round=open_round, owner=cast.rogaland_owner, local_plan=plan, state=ReportState.SUBMITTED
    )
    assert forum.get(url).status_code == 200
    # A returned report is not the forum's to read, nor its plan through it.
    NeedsReport.objects.filter(pk=report.pk).update(state=ReportState.RETURNED)
    assert forum.get(url).status_code == 403


def test_a_returned_report_keeps_a_measure_the_forums_draft_funds(cast, client_for):
    recommendation = draft_recommendation(cast)
    report = NeedsReport.objects.get(round=recommendation.round, owner=cast.owner)
    needs_report_return(actor=cast.caseworker, report=report, reason="Rett einingane")
    report.refresh_from_db()
    kept = report.measures.order_by("position").first()
    with pytest.raises(ServiceRefused) as refused:
        needs_report_update(
            actor=cast.owner_rep,
            report=report,
            data={f: getattr(report, f) for f in REPORT_FIELDS},
            units=[cast.unit],
            uh_partners=[cast.uh],
            measures=[
                {**{f: getattr(kept, f) for f in MEASURE_FIELDS}, "id": kept.pk, "confirmed": True}
            ],
            lock_version=report.lock_version,
        )
    assert refused.value.code == "measure_recommended"
    assert "Grunnkompetanse" in str(refused.value.message)
    assert report.measures.count() == 2
    # The page says so instead of failing.
    client = client_for(cast.owner_rep)
    page = client.get(reverse("needs:report_edit", args=[report.pk]))
    assert page.status_code == 200
