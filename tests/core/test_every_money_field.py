"""Every form field that takes kroner reads it with the one parser: a new form
with a plain DecimalField for an amount fails here, before it can store "1,000"
as one krone."""

import importlib
import inspect
import re
from pathlib import Path

from django import forms

from kompetansemidler.core.money import KronerField

PACKAGE = Path(__file__).resolve().parents[2] / "kompetansemidler"
MONEY_NAME = re.compile(
    r"^(amount(_year\d)?|frame|co_financing(_documented|_required)?|used|unused|repaid"
    r"|carried_over|paid)$"
)


def form_classes():
    for path in sorted(PACKAGE.glob("*/forms.py")):
        module = importlib.import_module(f"kompetansemidler.{path.parent.name}.forms")
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                yield cls


def test_every_amount_field_of_every_form_is_a_kroner_field():
    money_fields = {
        f"{cls.__module__}.{cls.__name__}.{name}": field
        for cls in form_classes()
        for name, field in cls.base_fields.items()
        if MONEY_NAME.match(name)
    }
    assert len(money_fields) >= 20
    plain = [name for name, field in money_fields.items() if not isinstance(field, KronerField)]
    assert plain == []
