"""The scheme's rules as pure functions: frozen dataclasses in, findings out.

Nothing in this package imports Django, so every rule runs and is tested
without a database. Translation happens at the edge: each finding carries a
machine-readable ``code`` and ``params``; the Django side looks up the
translated template for the code (``kompetansemidler.schemes.messages``).
"""

from .findings import CATALOGUE, Finding, FindingKind, Severity, define
from .parameters import RuleSetParameters
from .runner import run_checks

__all__ = [
    "CATALOGUE",
    "Finding",
    "FindingKind",
    "RuleSetParameters",
    "Severity",
    "define",
    "run_checks",
]
