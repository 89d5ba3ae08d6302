"""The demo data set: Vestland, with its owners, units, UH institutions, a forum,
rounds in each phase and the cast of demo users.

Each app that has demo data keeps it in its own ``demo.py`` with a function
``build() -> str`` (idempotent; returns a one-line summary). They run in the
order of INSTALLED_APPS, after the cast exists, so an app may rely on the
demo data of the apps it depends on.
"""

from dataclasses import dataclass, field

from kompetansemidler.accounts.models import Role
from kompetansemidler.core.contributions import collected

from .cast import DEMO_PASSWORD, PEOPLE, make_approver, make_cast


@dataclass
class DemoResult:
    lines: list[str] = field(default_factory=list)

    def summary(self) -> str:
        logins = "\n".join(
            f"  {username:<8} {first + ' ' + last:<22} {Role(role).label if role else '-'}"
            for username, first, last, role, _scope, _rep in PEOPLE
        )
        logins += f"\n  {'anna':<8} {'Anna Attestant':<22} {Role.CASEWORKER.label}, approver"
        return (
            "\n".join(self.lines)
            + f"\n\nDemo logins (password for all: {DEMO_PASSWORD}):\n{logins}\n"
            + "Open http://127.0.0.1:8000/ and log in.\n"
        )


def demo_builders():
    """The ``build`` function of every installed app that has a ``demo`` module."""
    return collected("demo", "build")


def build_demo() -> DemoResult:
    result = DemoResult()
    make_cast()
    make_approver()
    for build in demo_builders():
        line = build()
        if line:
            result.lines.append(line)
    return result
