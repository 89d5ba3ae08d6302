"""The data migration that gives rule sets of years not yet decided the scheme's
reading of the earmarked Rekom categories and Kompetanseløftet's team around
the child; a year already decided keeps the rule set it was decided under."""

import copy
from importlib import import_module

import pytest
from django.apps import apps

from kompetansemidler.schemes.models import RuleSet
from kompetansemidler.schemes.seed import PARAMETERS, ensure_seed
from kompetansemidler.schemes.workflow import RoundPhase
from tests.needs.conftest import make_round

MIGRATION = import_module(
    "kompetansemidler.schemes.migrations.0004_earmarked_categories_individual_and_team_around_child"
)

pytestmark = pytest.mark.django_db

OLD_REKOM = {
    **copy.deepcopy(PARAMETERS["rekom"]),
    "individual_further_education_categories": ["facilitation"],
}
OLD_REKOM.pop("partner_exempt_categories")
OLD_LOFTET = copy.deepcopy(PARAMETERS["kompetanseloftet"])
OLD_LOFTET.pop("team_around_child")


def stored(code, year):
    return RuleSet.objects.get(scheme__code=code, year=year)


def test_undecided_years_are_updated_and_decided_years_keep_theirs(cast):
    ensure_seed()
    RuleSet.objects.filter(scheme__code="rekom").update(parameters=OLD_REKOM)
    RuleSet.objects.filter(scheme__code="kompetanseloftet").update(parameters=OLD_LOFTET)
    make_round(cast.vestland, "rekom", year=2025, phase=RoundPhase.DECIDING)
    make_round(cast.vestland, "rekom", year=2026, phase=RoundPhase.OPEN_FOR_NEEDS)
    make_round(cast.vestland, "kompetanseloftet", year=2024, phase=RoundPhase.CLOSED)

    MIGRATION.update(apps, None)

    rekom_2026 = stored("rekom", 2026).params
    assert rekom_2026.individual_further_education_categories == (
        "facilitation",
        "basic_competence",
        "craft_certificate",
    )
    assert rekom_2026.partner_exempt_categories == ("craft_certificate",)
    assert stored("rekom", 2027).params.partner_exempt_categories == ("craft_certificate",)
    assert stored("rekom", 2025).parameters == OLD_REKOM
    assert stored("kompetanseloftet", 2026).params.team_around_child
    assert stored("kompetanseloftet", 2024).parameters == OLD_LOFTET
    # Dekom has nothing to change.
    assert stored("dekom", 2026).parameters == PARAMETERS["dekom"]


def test_running_it_twice_changes_nothing_more(cast):
    ensure_seed()
    RuleSet.objects.filter(scheme__code="rekom").update(parameters=OLD_REKOM)
    MIGRATION.update(apps, None)
    once = stored("rekom", 2026).parameters
    MIGRATION.update(apps, None)
    assert stored("rekom", 2026).parameters == once
