"""The demo's allocations add up to its rounds' frames, and Rekom 2027 has
exactly 30 % set aside for facilitation funds."""

from decimal import Decimal

from kompetansemidler.demo.build import build_demo
from kompetansemidler.schemes.demo import ROUNDS
from kompetansemidler.schemes.models import Allocation, Round, SetAside


def test_every_demo_round_has_its_frame_from_an_allocation(cast):
    build_demo()
    for office, code, year, frame, _phase in ROUNDS:
        round_ = Round.objects.get(office__slug=office, scheme__code=code, year=year)
        allocation = Allocation.objects.get(office__slug=office, scheme__code=code, year=year)
        assert round_.frame == allocation.amount == frame
        assert sum(e.amount for e in allocation.entries.all()) == frame
    revised = Allocation.objects.get(office__slug="vestland", scheme__code="dekom", year=2026)
    assert [e.kind for e in revised.entries.all()] == ["initial", "revised"]
    [set_aside] = SetAside.objects.all()
    assert set_aside.round.scheme.code == "rekom" and set_aside.round.year == 2027
    assert set_aside.category == "facilitation"
    assert set_aside.amount == set_aside.round.frame * Decimal("0.30") == Decimal(8_250_000)
    counts = (Allocation.objects.count(), SetAside.objects.count())
    build_demo()
    assert (Allocation.objects.count(), SetAside.objects.count()) == counts
