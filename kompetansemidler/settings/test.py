"""Fast, deterministic settings for the test suite (SQLite or DATABASE_URL)."""

from .base import env
from .development import *  # noqa: F403
from .storage import file_storage

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["*"]
LANGUAGE_COOKIE_SECURE = False
# Uploaded and generated files (letters, agreements, journal documents) stay
# in memory, so a test run leaves nothing on disk; a test of the worker or of
# S3 sets DJANGO_FILE_STORAGE for the process it starts.
STORAGES = {**STORAGES, "default": file_storage(env, default="memory")}  # noqa: F405
# The queue beside the immediate default, for the tests that run a real worker
# (`manage.py run_worker --backend queue`) against PostgreSQL.
TASKS = {**TASKS, "queue": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # noqa: F405
