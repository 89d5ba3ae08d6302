"""Production: every secret and address comes from the environment.

A required variable that is missing raises ImproperlyConfigured at start-up,
naming the variable, instead of letting the server run half-configured.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import STORAGES, env
from .storage import DATABASE_TASK_BACKEND, IMMEDIATE_TASK_BACKEND, file_storage

DEBUG = False
SECRET_KEY = env.str("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
DATABASES = {"default": env.db_url("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

REQUIRE_2FA_FOR_STAFF = env.bool("DJANGO_REQUIRE_2FA_FOR_STAFF", default=True)

SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^metrics$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True

# Files live in the object store that every app server and worker shares
# (DJANGO_FILE_STORAGE=local only for a single server with its own disk).
STORAGES = {**STORAGES, "default": file_storage(env, default="s3")}

# Tasks go through the PostgreSQL queue and run on `manage.py run_worker`.
# The immediate backend would make a round's letters inside one request,
# past the proxy's and gunicorn's timeouts: refused.
TASK_BACKEND = env.str("DJANGO_TASK_BACKEND", default=DATABASE_TASK_BACKEND)
if TASK_BACKEND == IMMEDIATE_TASK_BACKEND:
    raise ImproperlyConfigured(
        "DJANGO_TASK_BACKEND: production refuses the immediate task backend; "
        f"use {DATABASE_TASK_BACKEND} and run `manage.py run_worker`"
    )
TASKS = {"default": {"BACKEND": TASK_BACKEND}}

# Structured logs: one JSON line per request and per task, on standard error.
LOGGING["formatters"]["json"] = {"()": "kompetansemidler.core.observability.JsonFormatter"}  # noqa: F405
LOGGING["handlers"]["console"]["formatter"] = env.str("LOG_FORMAT", default="json")  # noqa: F405
for _logger in ("kompetansemidler.request", "kompetansemidler.task"):
    LOGGING["loggers"][_logger]["level"] = env.str("REQUEST_LOG_LEVEL", default="INFO")  # noqa: F405

# Error reports to a Sentry-compatible service when its DSN is set.
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=env.str("SENTRY_ENVIRONMENT", default="production"),
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
    )
