import importlib
import pkgutil
from decimal import Decimal

from django.utils import translation

import kompetansemidler.rules
from kompetansemidler.rules import CATALOGUE
from kompetansemidler.rules.money import check_frame
from kompetansemidler.schemes.messages import finding_text, translations


def test_every_finding_in_the_catalogue_has_a_translation_with_the_same_text():
    for module in pkgutil.iter_modules(kompetansemidler.rules.__path__):
        importlib.import_module(f"kompetansemidler.rules.{module.name}")
    known = translations()
    missing = sorted(
        code for code in CATALOGUE if code not in known and not code.startswith("TEST_")
    )
    assert missing == []
    # In English the msgid shows, and it must be the catalogue's template, so the
    # two cannot drift apart.
    with translation.override("en"):
        drifted = [
            code
            for code, kind in CATALOGUE.items()
            if code in known and str(known[code]) != kind.message
        ]
    assert drifted == []


def test_a_finding_is_shown_in_the_users_language_with_norwegian_numbers():
    [finding] = check_frame(
        total=Decimal(45_000_000), frame=Decimal(53_400_000), committed=Decimal(9_550_000)
    )
    with translation.override("nn"):
        text = finding_text(finding).replace("\xa0", " ")
    assert text == (
        "Summen på 45 000 000 kroner er 1 150 000 kroner meir enn dei 43 850 000 kronene som er "
        "tilgjengelege (tildelinga på 53 400 000 kroner minus 0 kroner avsett og 9 550 000 "
        "kroner som alt er bundne)."
    )
    with translation.override("en"):
        assert finding_text(finding).startswith("The total of 45,000,000 kroner")
