"""Expected access per URL, for the access matrix test.

Each area declares, in ``tests/access/<area>.py``, a dict ``RULES`` from URL
name (``"registry:unit_list"``, ``"api:registry_units"``) to a ``Rule``. The
matrix test (tests/test_access_matrix.py) enumerates every URL pattern of the
project: one without a rule fails the test, and every rule is checked against
every persona of the cast, the anonymous visitor included, with GET and POST.

``world.py`` holds the case objects in each state and office and, per
object, the personas who may read it: the table the contents test
(tests/test_access_contents.py) checks every page, list, export and API list
against.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

PERSONAS = frozenset(
    {
        "udir",
        "caseworker",
        "other_caseworker",
        "forum_member",
        "owner_rep",
        "other_owner_rep",
        "network_coordinator",
        "uh_rep",
        "unit_leader",
        "outsider",
    }
)
WITH_ROLE = PERSONAS - {"outsider"}
STAFF = frozenset({"udir", "caseworker", "other_caseworker"})


@dataclass(frozen=True)
class Rule:
    # Personas (names of Cast.users()) that may use the URL; all others get
    # 403 (pages and API) and the anonymous visitor the login page (pages)
    # or 401/403 (API), unless ``public``.
    allowed: frozenset[str]
    # URL kwargs from the cast's objects, e.g. lambda cast: {"pk": cast.unit.pk}.
    kwargs: Callable = field(default=lambda cast: {})
    method: str = "get"
    # Form or JSON data for POST rules, from the cast.
    data: Callable = field(default=lambda cast: {})
    query: str = ""
    public: bool = False
    # Why a URL is left out of the matrix (e.g. an OIDC callback); says why.
    skip: str = ""
