"""Run a list of small checks and collect every finding, not just the first.

Modelled on django.contrib.auth.password_validation: each check is a callable
taking the subject (a frozen dataclass) and returning an iterable of findings;
the runner calls them all so the user sees everything at once.
"""

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from .findings import Finding, Severity

Check = Callable[..., Iterable[Finding]]


def run_checks(checks: Sequence[Check], subject: Any, **context: Any) -> list[Finding]:
    """Every finding of every check, errors first, in the order the checks are listed."""
    findings: list[Finding] = []
    for check in checks:
        findings.extend(check(subject, **context))
    return sorted(findings, key=lambda f: f.severity is not Severity.ERROR)
