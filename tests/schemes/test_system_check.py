from unittest import mock

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import OperationalError
from django.urls import reverse

from kompetansemidler.schemes.checks import check_rule_sets
from kompetansemidler.schemes.models import RuleSet


def test_valid_stored_rule_sets_pass(schemes):
    assert check_rule_sets() == []


def test_a_corrupt_stored_rule_set_stops_start_up_with_every_problem(schemes):
    rule_set = schemes["dekom"].rule_sets.get(year=2026)
    # Written past the model's validation, as a hand edit in the database would be.
    RuleSet.objects.filter(pk=rule_set.pk).update(
        parameters={**rule_set.parameters, "co_financing_share": "thirty", "max_duration_years": 12}
    )
    [error] = check_rule_sets()
    assert error.id == "schemes.E001"
    assert "Dekom 2026" in error.msg
    assert "co_financing_share" in error.msg and "max_duration_years" in error.msg
    with pytest.raises(SystemCheckError, match="schemes.E001"):
        call_command("check")


def test_the_check_does_not_crash_before_the_tables_exist():
    with mock.patch.object(
        RuleSet.objects,
        "select_related",
        side_effect=OperationalError("no such table: schemes_ruleset"),
    ):
        assert check_rule_sets() == []


def test_a_corrupt_rule_set_still_opens_so_udir_can_repair_it(cast, schemes, client_for):
    rule_set = schemes["dekom"].rule_sets.get(year=2026)
    RuleSet.objects.filter(pk=rule_set.pk).update(parameters={"max_duration_years": "tre"})
    client = client_for(cast.udir)
    detail = client.get(reverse("schemes:rule_set_detail", args=[rule_set.pk]))
    assert detail.status_code == 200
    assert "De lagrede parameterne er ikke gyldige" in detail.text
    assert "«tre» er ikke et helt tall." in detail.text
    assert client.get(reverse("schemes:rule_set_edit", args=[rule_set.pk])).status_code == 200
