"""Findings: what a rule reports, with a code, a severity and message parameters.

Every kind of finding is declared once with ``define(code, severity, template)``;
the template is plain English with ``%(name)s`` placeholders and goes into
``CATALOGUE``. To add a rule's message, declare it here or in the rule's own
module, and add the same English text, wrapped in gettext, to a
``finding_messages.py`` of the Django app that shows it (see
``kompetansemidler.schemes.messages``). A test checks that every code in the
catalogue has a translation with the same placeholders.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any


class Severity(StrEnum):
    # Blocks adopting a recommendation or making a decision.
    ERROR = "error"
    # Allowed, but only with a written justification.
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One thing a rule found. ``target`` names the field or line it is tied to."""

    code: str
    severity: Severity
    message: str
    params: Mapping[str, Any] = field(default_factory=dict)
    target: str = ""

    def __post_init__(self) -> None:
        # Findings are values: a caller must not change the params afterwards.
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def text(self) -> str:
        """The message in English, parameters filled in."""
        return self.message % dict(self.params) if self.params else self.message


@dataclass(frozen=True)
class FindingKind:
    """A declared kind of finding: its code, default severity and English template."""

    code: str
    severity: Severity
    message: str

    def __call__(
        self, *, target: str = "", severity: Severity | None = None, **params: Any
    ) -> Finding:
        return Finding(
            code=self.code,
            severity=severity or self.severity,
            message=self.message,
            params=params,
            target=target,
        )


CATALOGUE: dict[str, FindingKind] = {}


def define(code: str, severity: Severity, message: str) -> FindingKind:
    """Declare a kind of finding; a code may be declared only once."""
    if code in CATALOGUE and CATALOGUE[code] != FindingKind(code, severity, message):
        raise ValueError(f"Finding code {code} is declared twice with different content.")
    kind = FindingKind(code, severity, message)
    CATALOGUE[code] = kind
    return kind
