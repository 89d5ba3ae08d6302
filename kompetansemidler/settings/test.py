"""Fast, deterministic settings for the test suite (SQLite or DATABASE_URL)."""

from .development import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["*"]
LANGUAGE_COOKIE_SECURE = False
# Uploaded and generated files (letters, agreements, journal documents) stay
# in memory, so a test run leaves nothing on disk.
STORAGES = {**STORAGES, "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}  # noqa: F405
