import datetime
from decimal import Decimal

import pytest

from kompetansemidler.needs.models import LocalPlan, NeedsReport, Partnership, ProposedMeasure
from kompetansemidler.registry.models import Unit
from kompetansemidler.schemes.models import Round, RuleSet, Scheme
from kompetansemidler.schemes.seed import ensure_seed
from kompetansemidler.schemes.workflow import RoundPhase

DEADLINE = datetime.date(2026, 3, 1)
BEFORE_DEADLINE = datetime.date(2026, 2, 20)
AFTER_DEADLINE = datetime.date(2026, 3, 2)


def make_round(
    office,
    scheme_code="rekom",
    year=2026,
    phase=RoundPhase.OPEN_FOR_NEEDS,
    frame=Decimal("20000000"),
    needs_deadline=None,
) -> Round:
    ensure_seed()
    scheme = Scheme.objects.get(code=scheme_code)
    round_, _created = Round.objects.get_or_create(
        scheme=scheme,
        year=year,
        office=office,
        defaults={
            "rule_set": RuleSet.objects.get(scheme=scheme, year=year),
            "frame": frame,
            "needs_deadline": needs_deadline or DEADLINE.replace(year=year),
            "recommendation_deadline": datetime.date(year, 4, 15),
            "decision_deadline": datetime.date(year, 5, 15),
            "annual_report_deadline": datetime.date(year + 1, 3, 1),
            "phase": phase,
        },
    )
    return round_


@pytest.fixture
def open_round(cast) -> Round:
    return make_round(cast.vestland)


@pytest.fixture
def rogaland_round(cast) -> Round:
    return make_round(cast.rogaland)


def fill_report(report: NeedsReport, uh, amounts=("300000", "250000", "200000")) -> NeedsReport:
    """A report that meets every rule."""
    report.staff_involvement = "Personalet drøfta behova på planleggingsdagar."
    report.leader_involvement = "Styrarane leia prosessen i kvar eining."
    report.needs = "Språkmiljø og inkluderande praksis."
    report.sami_perspectives = "Samisk språk og kultur i kvardagen, drøfta med personalet."
    report.uh_dialogue = "Fire møte med HVL hausten 2025."
    report.save()
    report.uh_partners.set([uh])
    report.units.set(Unit.objects.filter(owner__in=report.author_owners())[:1])
    values = [Decimal(a) if a else None for a in amounts]
    ProposedMeasure.objects.create(
        report=report,
        title="Språkløft i barnehagen",
        amount_year1=values[0],
        amount_year2=values[1],
        amount_year3=values[2],
        local_plan=anchoring_plan(report.author_owners()[0]),
        local_plan_priority="Språk",
    )
    return report


def anchoring_plan(owner) -> LocalPlan:
    """A plan the measures are anchored in; a version number of its own, so the
    ``plan`` fixture's version 1 can still be made."""
    plan, _created = LocalPlan.objects.get_or_create(
        owner=owner,
        version=90,
        defaults={
            "period_start": 2025,
            "period_end": 2028,
            "title": "Kompetanseplan",
            "priorities": "Språk",
        },
    )
    return plan


@pytest.fixture
def owner_report(cast, open_round) -> NeedsReport:
    return fill_report(NeedsReport.objects.create(round=open_round, owner=cast.owner), cast.uh)


@pytest.fixture
def plan(cast) -> LocalPlan:
    return LocalPlan.objects.create(
        owner=cast.owner,
        period_start=2025,
        period_end=2028,
        title="Kompetanseplan Bergen",
        priorities="Språk",
        target_groups="Tilsette",
        measures="Nettverk",
        participants="Alle",
        working_methods="Lærande møte",
        use_of_funds="Vikar og rettleiing",
        planned_evaluation="Årleg",
        goal_assessment="Saman med personalet",
        duration="4 år",
    )


@pytest.fixture
def partnership(cast) -> Partnership:
    partnership = Partnership.objects.create(name="Bergen–HVL", period_start=2025, period_end=2028)
    partnership.owners.set([cast.owner])
    partnership.institutions.set([cast.uh])
    return partnership
