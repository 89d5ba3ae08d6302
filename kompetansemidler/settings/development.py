"""Local development and the demo: DEBUG on, SQLite, mail to the console."""

from .base import *  # noqa: F403
from .base import env
from .storage import file_storage

DEBUG = env.bool("DJANGO_DEBUG", default=True)
# An event kind without a readable sentence fails where it is recorded (see history.kinds).
HISTORY_REQUIRE_SENTENCES = True
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="development-only-not-secret-" + "x" * 32)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
STORAGES = {
    "default": file_storage(env, default="local"),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files straight from the apps, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
