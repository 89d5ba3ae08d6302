"""The API fuzzed against its own OpenAPI schema (schemathesis, in process).

Every operation gets a handful of generated requests, valid and invalid
(schemathesis' positive and negative modes), as a logged-in caseworker. Each
response must: not be a server error, have a status code the operation
documents, and have a body that matches the documented schema; invalid input
must be refused with a 4xx. Hypothesis is derandomized, so a run is repeatable.
"""

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

# Only the schema is fetched here; no database is needed for it.
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


@pytest.fixture(autouse=True)
def keep_test_connection_open():
    """Keep the test's database connection through each in-process request.

    Django closes the connection when a request starts and finishes; Django's
    own test client switches that off, and so must we, or on PostgreSQL the
    test's transaction is gone after the first request.
    """
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def session_cookie(cast, client):
    """The session cookie of a logged-in caseworker: name and value."""
    client.force_login(cast.caseworker)
    name = django_settings.SESSION_COOKIE_NAME
    return name, client.cookies[name].value


@schema.parametrize()
@settings(
    max_examples=5,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_own_schema(case, session_cookie):
    name, value = session_cookie
    # The schema documents the session cookie, so schemathesis fills it with
    # a random value (replaced here by a real session) or, to test refusal,
    # leaves it out (then the request goes without one and must get 401).
    if case.cookies and name in case.cookies:
        case.cookies = {**case.cookies, name: value}
    case.call_and_validate(checks=CHECKS)
