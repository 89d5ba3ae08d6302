"""Measuring one target: latency over repeated requests, and SQL queries per request.

Latency is taken through whatever ``fetch`` the caller gives (the real HTTP
stack in ``run.py``, the Django test client in the smoke test). Queries are
counted in-process with the Django test client against the same database,
because gunicorn's workers cannot report them.
"""

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass


@dataclass
class Timing:
    requests: int
    p50_ms: float
    p95_ms: float
    mean_ms: float
    max_ms: float
    statuses: dict[str, int]

    def as_dict(self) -> dict:
        return asdict(self)


def percentile(values: list[float], share: float) -> float:
    """The ``share`` (0..1) percentile of ``values``, interpolated between ranks."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    position = (len(ordered) - 1) * share
    lower = int(position)
    upper = min(lower + 1, len(ordered) - 1)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)


MIN_TIMED = 5


def time_requests(
    fetch: Callable[[], int], *, repeat: int, warmup: int, max_seconds: float | None = None
) -> Timing:
    """Call ``fetch`` (which returns the HTTP status) ``warmup`` times, then time ``repeat`` calls.

    With ``max_seconds``, stop early once that much time is spent on timed calls
    (after at least ``MIN_TIMED`` of them), so a slow target cannot stall the run.
    """
    for _ in range(warmup):
        fetch()
    durations, statuses = [], Counter()
    spent = 0.0
    for _ in range(repeat):
        started = time.perf_counter()
        status = fetch()
        elapsed = time.perf_counter() - started
        durations.append(elapsed * 1000)
        statuses[str(status)] += 1
        spent += elapsed
        if max_seconds is not None and spent > max_seconds and len(durations) >= MIN_TIMED:
            break
    return Timing(
        requests=len(durations),
        p50_ms=round(percentile(durations, 0.50), 2),
        p95_ms=round(percentile(durations, 0.95), 2),
        mean_ms=round(sum(durations) / len(durations), 2),
        max_ms=round(max(durations), 2),
        statuses=dict(statuses),
    )


def count_queries(client, url: str) -> tuple[int, int]:
    """(status, number of SQL queries) of one GET of ``url`` through the Django test client."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response.status_code, len(captured.captured_queries)
