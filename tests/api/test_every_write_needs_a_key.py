"""Every API write requires an Idempotency-Key: a new write operation without
``@idempotent_write`` fails here, whoever sends it."""

import re

import pytest

pytestmark = pytest.mark.django_db

UNSAFE = ("post", "put", "patch", "delete")
# The token endpoint takes a client's credentials and changes no case.
NOT_A_CASE_WRITE = {"/api/token"}


def test_every_write_operation_refuses_a_request_without_a_key(cast, client):
    schema = client.get("/api/openapi.json").json()
    client.force_login(cast.caseworker)
    wrong, seen = [], 0
    for path, operations in schema["paths"].items():
        if path in NOT_A_CASE_WRITE:
            continue
        url = re.sub(r"\{[^}]+\}", "1", path)
        for method in operations:
            if method not in UNSAFE:
                continue
            seen += 1
            response = getattr(client, method)(url, {}, content_type="application/json")
            if response.status_code != 428:
                wrong.append(f"{method.upper()} {path}: {response.status_code}")
            elif "428" not in operations[method]["responses"]:
                wrong.append(f"{method.upper()} {path}: 428 not documented")
    assert seen >= 10
    assert wrong == []
