"""Findings in the user's language: the edge between the pure rules and Django.

The rules package keeps each finding's English template in its catalogue.
Every app that shows findings lists their translations in its own
``finding_messages.py`` as ``MESSAGES = {code: gettext_lazy(english)}`` (so
makemessages extracts them into that app's catalogue); this module collects
them all. Adding a rule's message is one ``define(...)`` in the rules package
and one entry in a ``finding_messages.py``.
"""

from decimal import Decimal
from functools import cache

from django.utils.formats import number_format
from django.utils.functional import lazy

from kompetansemidler.core.contributions import merged
from kompetansemidler.core.workflow import RefusalFinding
from kompetansemidler.rules import Finding


@cache
def translations() -> dict:
    """Every app's finding translations, by code."""
    return merged("finding_messages", "MESSAGES")


def _display(value):
    if isinstance(value, Decimal):
        places = 0 if value == value.to_integral_value() else None
        return number_format(value, decimal_pos=places, force_grouping=True)
    if isinstance(value, int) and not isinstance(value, bool):
        return number_format(value, force_grouping=value >= 10000)
    return value


def finding_text(finding: Finding) -> str:
    """The finding's message in the active language, parameters filled in.

    Falls back to the English template when no translation is registered.
    """
    template = str(translations().get(finding.code, finding.message))
    if not finding.params:
        return template
    return template % {name: _display(value) for name, value in finding.params.items()}


def as_refusal_findings(findings) -> list[RefusalFinding]:
    """Rule findings as the reasons of a refusal, each message rendered when read
    (so in the language of whoever reads it), tied to the finding's target."""
    return [
        RefusalFinding(
            code=f.code,
            message=lazy(finding_text, str)(f),
            severity=str(f.severity),
            field=f.target,
        )
        for f in findings
    ]
