from decimal import Decimal

import pytest

from kompetansemidler.rules import CATALOGUE, Finding, Severity, define, run_checks

EXAMPLE = define("TEST_EXAMPLE", Severity.WARNING, "%(name)s asks for %(amount)s kroner.")


def test_a_finding_renders_its_english_message_with_params():
    finding = EXAMPLE(target="measures-0-amount", name="Bergen kommune", amount=Decimal(1500))
    assert finding.code == "TEST_EXAMPLE"
    assert finding.severity is Severity.WARNING
    assert finding.target == "measures-0-amount"
    assert finding.text() == "Bergen kommune asks for 1500 kroner."


def test_findings_are_immutable_values():
    finding = EXAMPLE(name="A", amount=1)
    with pytest.raises(TypeError):
        finding.params["name"] = "B"
    assert finding == EXAMPLE(name="A", amount=1)


def test_a_code_cannot_be_declared_twice_with_different_text():
    with pytest.raises(ValueError):
        define("TEST_EXAMPLE", Severity.ERROR, "Something else.")
    assert CATALOGUE["TEST_EXAMPLE"] is not None


def test_the_runner_collects_every_finding_errors_first():
    error = define("TEST_ERROR", Severity.ERROR, "Blocked.")

    def first(subject):
        return [EXAMPLE(name=subject, amount=1)]

    def second(subject):
        return [error(), error(target="x")]

    def silent(subject):
        return []

    findings = run_checks([first, silent, second], "Voss herad")
    assert [f.code for f in findings] == ["TEST_ERROR", "TEST_ERROR", "TEST_EXAMPLE"]
    assert [f.is_error for f in findings] == [True, True, False]
    assert all(isinstance(f, Finding) for f in findings)
