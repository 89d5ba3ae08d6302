"""Real parallel requests against Django's live server, for the tests that two
presses at the same moment have one effect. PostgreSQL only: SQLite serialises
every write by locking the whole file, so it cannot show a race."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from django.conf import settings
from django.db import connection
from django.test import Client

# Any 32 letters: the CSRF check compares the cookie with the form field.
CSRF_TOKEN = "parallelrequeststestcsrftoken012"

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite serialises writers, so parallel requests prove nothing",
)


def session_cookies(user) -> dict[str, str]:
    """The cookies of a browser where ``user`` is logged in."""
    client = Client()
    client.force_login(user)
    return {
        settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value,
        settings.CSRF_COOKIE_NAME: CSRF_TOKEN,
    }


def post_in_parallel(url: str, user, payloads: list[dict]) -> list[requests.Response]:
    """POST each payload at the same moment (one thread each, released together by a
    barrier) as ``user``; the answers are not followed."""
    cookies = session_cookies(user)
    barrier = threading.Barrier(len(payloads))

    def post(data):
        with requests.Session() as session:
            session.cookies.update(cookies)
            barrier.wait(timeout=10)
            return session.post(
                url,
                data={**data, "csrfmiddlewaretoken": CSRF_TOKEN},
                allow_redirects=False,
                timeout=30,
            )

    with ThreadPoolExecutor(max_workers=len(payloads)) as pool:
        return list(pool.map(post, payloads))
