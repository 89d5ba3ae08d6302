"""The annual report's money checks are findings like every other rule's: shown in
the user's language, with Norwegian numbers."""

from decimal import Decimal
from types import SimpleNamespace

from django.utils import translation

from kompetansemidler.reporting.services import money_messages


def test_money_used_beyond_what_was_paid_is_explained_in_nynorsk():
    report = SimpleNamespace(
        paid=Decimal(900_000),
        used=Decimal(950_000),
        unused=Decimal(-50_000),
        co_financing_required=Decimal(0),
        co_financing_documented=Decimal(0),
    )
    with translation.override("nn"):
        [message] = money_messages(report)
    assert message.replace("\xa0", " ") == (
        "Brukte midlar (950 000 kroner) er meir enn dei 900 000 kronene som er utbetalte."
    )


def test_a_sound_report_has_nothing_to_say():
    report = SimpleNamespace(
        paid=Decimal(900_000),
        used=Decimal(850_000),
        unused=Decimal(50_000),
        co_financing_required=Decimal(300_000),
        co_financing_documented=Decimal(300_000),
    )
    assert money_messages(report) == []
