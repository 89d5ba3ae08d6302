"""Idempotent needs data for access tests: each call resets the object's state,
so every persona meets the same report whatever ran before."""

import datetime
from decimal import Decimal

REPORT_ROUNDS = {"draft": "rekom", "submitted": "dekom", "handled": "kompetanseloftet"}


def vestland_round(cast, scheme_code="rekom", year=2026):
    from kompetansemidler.schemes.models import Round, RuleSet, Scheme
    from kompetansemidler.schemes.seed import ensure_seed
    from kompetansemidler.schemes.workflow import RoundPhase

    ensure_seed()
    scheme = Scheme.objects.get(code=scheme_code)
    round_, _ = Round.objects.get_or_create(
        scheme=scheme,
        year=year,
        office=cast.vestland,
        defaults={
            "rule_set": RuleSet.objects.get(scheme=scheme, year=year),
            "frame": Decimal("20000000"),
            "needs_deadline": datetime.date(year, 3, 1),
            "recommendation_deadline": datetime.date(year, 4, 15),
            "decision_deadline": datetime.date(year, 5, 15),
            "annual_report_deadline": datetime.date(year + 1, 3, 1),
            "phase": RoundPhase.OPEN_FOR_NEEDS,
        },
    )
    return round_


def bergen_plan(cast):
    from kompetansemidler.needs.models import LocalPlan

    bergen_partnership(cast)
    plan, _ = LocalPlan.objects.get_or_create(
        owner=cast.owner,
        version=1,
        defaults={
            "period_start": 2025,
            "period_end": 2028,
            "title": "Kompetanseplan",
            "priorities": "Språk",
            "target_groups": "Tilsette",
            "measures": "Nettverk",
            "participants": "Alle",
            "working_methods": "Møte",
            "use_of_funds": "Vikar",
            "planned_evaluation": "Årleg",
            "goal_assessment": "Saman",
            "duration": "4 år",
        },
    )
    return plan


def bergen_partnership(cast):
    from kompetansemidler.needs.models import Partnership

    partnership, created = Partnership.objects.get_or_create(
        name="Bergen kommune og HVL", defaults={"period_start": 2025, "period_end": 2028}
    )
    if created:
        partnership.owners.set([cast.owner])
        partnership.institutions.set([cast.uh])
    return partnership


def bergen_report(cast, kind="draft"):
    """Bergen's report: ``draft`` (Rekom), ``submitted`` (Dekom) or ``handled``
    (Kompetanseløftet, submitted, for the caseworker's actions)."""
    from kompetansemidler.needs.models import NeedsReport, ReportState

    report, created = NeedsReport.objects.get_or_create(
        round=vestland_round(cast, REPORT_ROUNDS[kind]), owner=cast.owner
    )
    if created:
        report.units.set([cast.unit])
        report.uh_partners.set([cast.uh])
    state = ReportState.DRAFT if kind == "draft" else ReportState.SUBMITTED
    NeedsReport.objects.filter(pk=report.pk).update(state=state, reopened=False)
    return report
