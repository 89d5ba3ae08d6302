"""What operations sees: a request id on every request (answered in the
``X-Request-ID`` header and shown on error pages, so a user can quote it), one
log line per request and per task (JSON in production), Prometheus metrics at
``/metrics`` and optional error reporting to a Sentry-compatible service.

A log line names the request id, the user's id (never a name, an e-mail or
anything typed), the view, the status and the duration.
"""

import contextvars
import ipaddress
import json
import logging
import os
import re
import time
import uuid

from django.conf import settings
from django.db.models import Count, Min
from django.http import HttpResponse, HttpResponseForbidden
from django.tasks.signals import task_finished, task_started
from django.utils import timezone
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily

from kompetansemidler.accounts.client_address import client_address

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")
REQUEST_ID_HEADER = "X-Request-ID"
# An id a proxy in front already gave the request is kept if it looks like one.
_INCOMING_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

request_log = logging.getLogger("kompetansemidler.request")
task_log = logging.getLogger("kompetansemidler.task")

REQUEST_SECONDS = Histogram(
    "km_request_duration_seconds",
    "Time to answer a request, per view",
    ["view", "method", "status"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2, 5, 10, 30),
)
TASKS_FINISHED = Counter(
    "km_tasks_finished_total", "Tasks finished in this process", ["task", "status"]
)


def current_request_id() -> str:
    return request_id_var.get()


class RequestIdMiddleware:
    """First in the chain: gives the request its id, times it, and logs one line
    when the answer goes out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        request.request_id = incoming if _INCOMING_ID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request.request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request.request_id
            self._record(request, response.status_code, time.perf_counter() - started)
            return response
        finally:
            request_id_var.reset(token)

    @staticmethod
    def _record(request, status: int, seconds: float) -> None:
        match = getattr(request, "resolver_match", None)
        view = (match.view_name or match._func_path) if match else "unresolved"
        REQUEST_SECONDS.labels(view=view, method=request.method, status=str(status)).observe(
            seconds
        )
        user = getattr(request, "user", None)
        request_log.info(
            "request",
            extra={
                "request_id": request.request_id,
                "user_id": user.pk if user is not None and user.is_authenticated else None,
                "view": view,
                "method": request.method,
                "status": status,
                "duration_ms": round(seconds * 1000, 1),
            },
        )


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, the request id of
    the request being answered, and the fields a log call passes in ``extra``."""

    _standard = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": timezone.now().isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if request_id_var.get():
            line["request_id"] = request_id_var.get()
        line.update({k: v for k, v in vars(record).items() if k not in self._standard})
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str, ensure_ascii=False)


def _task_started(sender, task_result, **kwargs) -> None:
    # On a worker the task's lines carry its own id; a task run at once inside
    # a request (the immediate backend) keeps the request's.
    if not request_id_var.get():
        request_id_var.set(f"task-{task_result.id}")


def _task_finished(sender, task_result, **kwargs) -> None:
    name = task_result.task.name
    status = str(task_result.status)
    TASKS_FINISHED.labels(task=name, status=status).inc()
    duration = None
    if task_result.started_at and task_result.finished_at:
        duration = round((task_result.finished_at - task_result.started_at).total_seconds(), 3)
    (task_log.error if status == "FAILED" else task_log.info)(
        "task",
        extra={
            "request_id": request_id_var.get(),
            "task_id": str(task_result.id),
            "task": name,
            "status": status,
            "duration_s": duration,
            "attempts": len(task_result.worker_ids),
        },
    )
    if request_id_var.get() == f"task-{task_result.id}":
        request_id_var.set("")


task_started.connect(_task_started, dispatch_uid="km_task_started")
task_finished.connect(_task_finished, dispatch_uid="km_task_finished")


class QueueCollector:
    """The task queue as the database has it, read at each scrape: tasks per
    status and the age of the oldest task waiting. Every app server gives the
    same figures, whichever one is scraped."""

    def collect(self):
        from django_tasks_db.models import DBTaskResult

        tasks = GaugeMetricFamily(
            "km_tasks", "Tasks in the queue's table by status", labels=["status"]
        )
        counts = dict(DBTaskResult.objects.values_list("status").annotate(n=Count("id")).order_by())
        for status in ("READY", "RUNNING", "SUCCESSFUL", "FAILED"):
            tasks.add_metric([status], counts.get(status, 0))
        yield tasks
        oldest = DBTaskResult.objects.ready().aggregate(oldest=Min("enqueued_at"))["oldest"]
        age = (timezone.now() - oldest).total_seconds() if oldest else 0.0
        yield GaugeMetricFamily(
            "km_task_queue_oldest_age_seconds", "Age of the oldest task waiting to run", value=age
        )


def _allowed(request) -> bool:
    token = settings.METRICS_TOKEN
    if token and request.headers.get("Authorization", "") == f"Bearer {token}":
        return True
    networks = settings.METRICS_ALLOWED_NETWORKS
    if networks:
        try:
            address = ipaddress.ip_address(client_address(request))
        except ValueError:
            return False
        return any(address in ipaddress.ip_network(n, strict=False) for n in networks)
    return False


def metrics(request):
    """Prometheus metrics for a bearer of ``METRICS_TOKEN`` or a client in
    ``METRICS_ALLOWED_NETWORKS``; refused to everyone else (neither set: to all)."""
    if not _allowed(request):
        return HttpResponseForbidden("metrics: token or network not allowed\n")
    process = REGISTRY
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        # Several gunicorn workers: the figures of all of them, from the
        # shared folder, whichever worker answers the scrape.
        process = CollectorRegistry()
        multiprocess.MultiProcessCollector(process)
    registry = CollectorRegistry()
    registry.register(QueueCollector())
    body = generate_latest(process) + generate_latest(registry)
    return HttpResponse(body, content_type=CONTENT_TYPE_LATEST)
