"""The demo data set: Vestland, with its owners, units, UH institutions, a forum
and the cast of demo users. Each capability adds its part in ``STEPS``."""

from dataclasses import dataclass, field

from kompetansemidler.accounts.models import Role

from .cast import DEMO_PASSWORD, PEOPLE, make_cast


@dataclass
class DemoResult:
    lines: list[str] = field(default_factory=list)

    def summary(self) -> str:
        logins = "\n".join(
            f"  {username:<8} {first} {last:<14} {Role(role).label if role else 'ingen rolle'}"
            for username, first, last, role, _scope, _rep in PEOPLE
        )
        return (
            "\n".join(self.lines)
            + f"\n\nDemo logins (password for all: {DEMO_PASSWORD}):\n{logins}\n"
            + "Open http://127.0.0.1:8000/ and log in.\n"
        )


def build_demo() -> DemoResult:
    result = DemoResult()
    make_cast()
    for step in STEPS:
        line = step()
        if line:
            result.lines.append(line)
    return result


# Each capability appends a function that adds its demo data and returns a
# one-line summary; they run in order, after the cast exists.
STEPS: list = []
