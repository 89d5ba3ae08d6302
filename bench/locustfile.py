"""The bounded load run: staff users reading the key pages and API routes.

Started by ``run.py`` (never on its own against anything but 127.0.0.1) with
the server's sessions and the paths to read in the environment:
``BENCH_SESSIONS`` (comma-separated session keys, one per simulated user, in
turn) and ``BENCH_PATHS`` (a JSON list of paths). Anything but a 200 answer
counts as an error; redirects are not followed (a redirect to the login page
means the session was lost, which is an error).
"""

import itertools
import json
import os
import random

from locust import HttpUser, between, task

SESSIONS = os.environ.get("BENCH_SESSIONS", "").split(",")
PATHS = json.loads(os.environ.get("BENCH_PATHS", '["/healthz"]'))
_next_session = itertools.cycle(SESSIONS)


class StaffUser(HttpUser):
    # A person reading: one to two seconds between pages on average.
    wait_time = between(0.5, 1.5)

    def on_start(self):
        self.client.cookies.set("sessionid", next(_next_session))

    @task
    def read_a_page(self):
        path = random.choice(PATHS)
        with self.client.get(
            path, name=path, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
