import datetime
from decimal import Decimal

import pytest

from kompetansemidler.schemes.models import Round, Scheme
from kompetansemidler.schemes.seed import ensure_seed
from kompetansemidler.schemes.services import round_create


@pytest.fixture
def schemes(db) -> dict[str, Scheme]:
    ensure_seed()
    return {s.code: s for s in Scheme.objects.all()}


def deadlines(year: int) -> dict[str, datetime.date]:
    return {
        "needs_deadline": datetime.date(year - 1, 11, 1),
        "recommendation_deadline": datetime.date(year - 1, 12, 15),
        "decision_deadline": datetime.date(year, 2, 1),
        "annual_report_deadline": datetime.date(year + 1, 3, 1),
    }


@pytest.fixture
def make_round(cast, schemes):
    """A round of ``office`` (default Vestland), opened by that office's caseworker."""

    def make(code="rekom", year=2026, office=None, frame=Decimal(26_800_000)) -> Round:
        office = office or cast.vestland
        actor = cast.caseworker if office == cast.vestland else cast.other_caseworker
        return round_create(
            actor=actor,
            office=office,
            scheme=schemes[code],
            year=year,
            frame=frame,
            **deadlines(year),
        )

    return make
