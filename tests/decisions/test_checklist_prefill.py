"""The draft's checklist is pre-filled from the rules: a criterion is ticked only
when every line of the recipient meets it; one line that does not leaves it open."""

from types import SimpleNamespace

from kompetansemidler.decisions import services

GOOD = SimpleNamespace(
    needs_report=SimpleNamespace(staff_and_leaders_involved=True, uh_dialogue=True),
    individual_further_education=False,
    partner_kinds=("uh",),
)
WEAK = SimpleNamespace(
    needs_report=SimpleNamespace(staff_and_leaders_involved=True, uh_dialogue=False),
    individual_further_education=True,
    partner_kinds=("school_owner",),
)
NO_FINDINGS = SimpleNamespace(findings=[])


def prefill(monkeypatch, *facts):
    by_pk = dict(enumerate(facts, start=1))
    monkeypatch.setattr(services, "line_facts", lambda line: by_pk[line.pk])
    lines = [SimpleNamespace(pk=pk) for pk in by_pk]
    return services._checklist_from(NO_FINDINGS, lines)


def test_every_criterion_is_ticked_when_every_line_meets_it(monkeypatch):
    assert prefill(monkeypatch, GOOD, GOOD) == {"c1": True, "c2": True, "c3": True, "money": True}


def test_one_line_that_misses_a_criterion_leaves_it_unticked(monkeypatch):
    assert prefill(monkeypatch, GOOD, WEAK) == {
        "c1": False,
        "c2": False,
        "c3": False,
        "money": True,
    }
