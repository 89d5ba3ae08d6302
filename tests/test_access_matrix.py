"""The access matrix: every URL of the project against every persona.

Every URL pattern (pages and the API's routes under ``api:``) must have a
``Rule`` in some ``tests/access/<area>.py``; a URL without one fails, so no
page can be added without saying who may open it. Each rule is then checked
for every persona of the cast and for the anonymous visitor:

- allowed personas get 2xx, or a redirect that is not to the login page;
- every other persona gets 403;
- the anonymous visitor is sent to the login page (pages) or gets 401/403
  (API), unless the rule is ``public``.

Each request runs in a transaction that is rolled back, so a POST rule sees
the same data for every persona.
"""

import importlib
import pkgutil
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import transaction
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests.access as access_package
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


def _request(client: Client, rule: Rule, url: str, cast):
    with transaction.atomic():
        data = rule.data(cast)
        if rule.method == "get":
            response = client.get(url, data or None)
        else:
            content_type = "application/json" if url.startswith("/api/") else None
            kwargs = {"content_type": content_type} if content_type else {}
            if not content_type:
                data = with_key(data)  # as the rendered form would carry it
            response = getattr(client, rule.method)(url, data, **kwargs)
        transaction.set_rollback(True)
    return response


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


@pytest.mark.parametrize("name", sorted(n for n in URLS if n in RULES))
def test_access(name, cast):
    rule = RULES[name]
    if rule.skip:
        pytest.skip(rule.skip)
    with transaction.atomic():
        kwargs = rule.kwargs(cast)
        url = reverse(name, kwargs=kwargs) + (f"?{rule.query}" if rule.query else "")
        is_api = name.startswith("api:")
        wrong = []
        for persona, user in cast.users().items():
            client = Client()
            client.force_login(user)
            response = _request(client, rule, url, cast)
            expected_allowed = persona in rule.allowed
            if expected_allowed and not _is_allowed(response):
                wrong.append(f"{persona}: expected access, got {_outcome(response)}")
            if not expected_allowed and response.status_code != 403:
                wrong.append(f"{persona}: expected 403, got {_outcome(response)}")
        response = _request(Client(), rule, url, cast)
        if rule.public:
            if not _is_allowed(response):
                wrong.append(f"anonymous: expected access, got {_outcome(response)}")
        elif is_api:
            if response.status_code not in (401, 403):
                wrong.append(f"anonymous: expected 401 or 403, got {_outcome(response)}")
        elif not _went_to_login(response):
            wrong.append(f"anonymous: expected the login page, got {_outcome(response)}")
        transaction.set_rollback(True)
    assert wrong == [], f"{rule.method.upper()} {url}:\n  " + "\n  ".join(wrong)
