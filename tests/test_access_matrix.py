"""The access matrix: every URL of the project against every persona.

Every URL pattern (pages and the API's routes under ``api:``) must have a
``Rule`` in some ``tests/access/<area>.py``; a URL without one fails, so no
page can be added without saying who may open it. Each rule is then checked
for every persona of the cast and for the anonymous visitor:

- allowed personas get 2xx, or a redirect that is not to the login page;
- every other persona gets 403;
- the anonymous visitor is sent to the login page (pages) or gets 401/403
  (API), unless the rule is ``public``.

Each rule is checked with its own method and with the other one (GET and
POST): a route that does not accept a method must refuse it (403 or 405) to
everyone it refuses, and must not fail for those it lets in. A POST by
someone refused must not write to any of the product's tables (no INSERT,
UPDATE or DELETE in its SQL), not only answer 403.

Each request runs in a transaction that is rolled back, so a POST rule sees
the same data for every persona.

The contents of lists, exports and API lists per persona, and the case
objects in each state and office, are checked in tests/test_access_contents.py.
"""

import importlib
import pkgutil
import re
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.shortcuts import resolve_url
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests.access as access_package
from kompetansemidler.core.idempotency import new_key
from kompetansemidler.core.models import IdempotencyKey
from tests.access import PERSONAS, Rule
from tests.support.keys import with_key


def url_names(patterns=None, namespace: str = ""):
    """(name, pattern) of every URL pattern, namespaces joined with ':'."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}{pattern.name}" if pattern.name else f"{namespace}<unnamed>"
            yield name, str(pattern.pattern)


def all_rules() -> dict[str, Rule]:
    """Every ``RULES`` dict in tests/access/, merged; a name declared twice is an error."""
    rules: dict[str, Rule] = {}
    for module_info in pkgutil.iter_modules(access_package.__path__):
        module = importlib.import_module(f"tests.access.{module_info.name}")
        for name, rule in getattr(module, "RULES", {}).items():
            assert name not in rules, f"{name} has rules in two files"
            rules[name] = rule
    return rules


RULES = all_rules()
URLS = dict(url_names())
LOGIN_PATH = resolve_url(settings.LOGIN_URL)


def test_every_url_has_an_access_rule():
    missing = sorted(f"{name}  ({pattern})" for name, pattern in URLS.items() if name not in RULES)
    assert missing == [], "URLs without a Rule in tests/access/*.py:\n  " + "\n  ".join(missing)


def test_every_rule_names_an_existing_url():
    stale = sorted(set(RULES) - set(URLS))
    assert stale == [], f"Rules for URLs that do not exist: {stale}"


def test_every_rule_names_only_known_personas():
    unknown = {
        name: rule.allowed - PERSONAS for name, rule in RULES.items() if rule.allowed - PERSONAS
    }
    assert unknown == {}


# The one-time key of a form is inserted in the same transaction as the work
# and rolled back with it when the request is refused (tests/core/
# test_idempotency.py), so its INSERT is no write of the product's data.
BOOKKEEPING_TABLES = frozenset({IdempotencyKey._meta.db_table})
PRODUCT_TABLES = (
    frozenset(
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model.__module__.startswith("kompetansemidler.")
    )
    - BOOKKEEPING_TABLES
)
WRITE = re.compile(r'^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?([A-Za-z0-9_]+)"?', re.I)


def written_tables(queries) -> list[str]:
    """The product's tables that the captured SQL wrote to (sessions and login
    throttling are not the product's data)."""
    tables = set()
    for query in queries:
        match = WRITE.match(query["sql"])
        if match and match.group(2) in PRODUCT_TABLES:
            tables.add(match.group(2))
    return sorted(tables)


def _request(client: Client, rule: Rule, url: str, cast, method: str, *, watch: bool = False):
    """The response, and when ``watch`` the product's tables it wrote to (an
    INSERT, UPDATE or DELETE, even one that wrote the same values: a refused
    request writes nothing)."""
    with transaction.atomic():
        data = rule.data(cast)
        with CaptureQueriesContext(connection) as queries:
            if method == "get":
                response = client.get(url, data or None)
            else:
                content_type = "application/json" if url.startswith("/api/") else None
                kwargs = {"content_type": content_type} if content_type else {}
                if content_type:
                    # Every API write carries its one-time key, as a client sends it.
                    kwargs["HTTP_IDEMPOTENCY_KEY"] = new_key()
                if not content_type:
                    data = with_key(data)  # as the rendered form would carry it
                response = getattr(client, method)(url, data, **kwargs)
        transaction.set_rollback(True)
    return response, written_tables(queries.captured_queries) if watch else []


def _went_to_login(response) -> bool:
    return (
        response.status_code in (301, 302, 303)
        and urlsplit(response["Location"]).path == LOGIN_PATH
    )


def _outcome(response) -> str:
    location = f" → {response['Location']}" if response.has_header("Location") else ""
    return f"{response.status_code}{location}"


def _is_allowed(response) -> bool:
    return 200 <= response.status_code < 300 or (
        300 <= response.status_code < 400 and not _went_to_login(response)
    )


OTHER_METHOD = {"get": "post", "post": "get"}
REFUSED = (403, 405)


def _cases():
    """(URL name, method): each rule with its own method and the other one."""
    for name in sorted(n for n in URLS if n in RULES):
        own = RULES[name].method
        yield pytest.param(name, own, id=f"{name}-{own}")
        other = OTHER_METHOD.get(own)
        if other:
            yield pytest.param(name, other, id=f"{name}-{other}")


@pytest.mark.parametrize(("name", "method"), list(_cases()))
def test_access(name, method, cast):
    rule = RULES[name]
    if rule.skip:
        pytest.skip(rule.skip)
    own_method = method == rule.method
    with transaction.atomic():
        kwargs = rule.kwargs(cast)
        url = reverse(name, kwargs=kwargs) + (f"?{rule.query}" if rule.query else "")
        is_api = name.startswith("api:")
        wrong = []
        for persona, user in cast.users().items():
            client = Client()
            client.force_login(user)
            expected_allowed = persona in rule.allowed
            response, changed = _request(
                client, rule, url, cast, method, watch=method != "get" and not expected_allowed
            )
            if changed:
                wrong.append(f"{persona}: refused, yet wrote to {changed}")
            if expected_allowed and own_method and not _is_allowed(response):
                wrong.append(f"{persona}: expected access, got {_outcome(response)}")
            if expected_allowed and not own_method and response.status_code >= 500:
                wrong.append(f"{persona}: expected no server error, got {_outcome(response)}")
            if not expected_allowed and own_method and response.status_code != 403:
                wrong.append(f"{persona}: expected 403, got {_outcome(response)}")
            if not expected_allowed and not own_method and response.status_code not in REFUSED:
                wrong.append(f"{persona}: expected 403 or 405, got {_outcome(response)}")
        response, changed = _request(
            Client(), rule, url, cast, method, watch=method != "get" and not rule.public
        )
        if changed:
            wrong.append(f"anonymous: refused, yet wrote to {changed}")
        if rule.public:
            if own_method and not _is_allowed(response):
                wrong.append(f"anonymous: expected access, got {_outcome(response)}")
            if response.status_code >= 500:
                wrong.append(f"anonymous: expected no server error, got {_outcome(response)}")
        elif is_api:
            if response.status_code not in (401, 403) + (() if own_method else (405,)):
                wrong.append(f"anonymous: expected 401 or 403, got {_outcome(response)}")
        elif not _went_to_login(response) and (own_method or response.status_code != 405):
            wrong.append(f"anonymous: expected the login page, got {_outcome(response)}")
        transaction.set_rollback(True)
    assert wrong == [], f"{method.upper()} {url}:\n  " + "\n  ".join(wrong)


def test_the_write_detector_sees_every_kind_of_write(cast):
    """The "refused, yet wrote" check reads this database's own SQL."""
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        forum = cast.forum
        forum.name = "Endra"
        forum.save()
        type(forum).objects.filter(pk=forum.pk).update(name="Endra igjen")
        type(forum).counties.through.objects.filter(forum=forum).delete()
        transaction.set_rollback(True)
    assert written_tables(queries.captured_queries) == sorted(
        {forum._meta.db_table, type(forum).counties.through._meta.db_table}
    )
