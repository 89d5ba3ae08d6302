"""Expected access to the start page, the health check and the language switch."""

from . import PERSONAS, Rule

RULES = {
    # Everyone logged in has a start page; without a role it says so.
    "core:home": Rule(PERSONAS),
    "healthz": Rule(PERSONAS, public=True),
    "metrics": Rule(
        frozenset(),
        skip="guarded by a token or an allowed network, not by a login: "
        "tests/core/test_observability.py",
    ),
    "set_language": Rule(
        PERSONAS, method="post", public=True, data=lambda cast: {"language": "nn", "next": "/"}
    ),
    # Static files are served by whitenoise (no URL pattern), i18n only by set_language.
}
