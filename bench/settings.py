"""Production settings for the benchmark: the real stack, on loopback over plain HTTP.

Everything is the production module (DEBUG off, PostgreSQL connection reuse,
whitenoise's manifest storage, the same middleware), except what a server on
127.0.0.1 without TLS needs: no HTTPS redirect, no HSTS, cookies sent over
HTTP, and the Django test client's host allowed so queries can be counted
in-process against the same database. ``bench.environment.setup`` sets the
variables the production module requires.
"""

from kompetansemidler.settings.production import *  # noqa: F403
from kompetansemidler.settings.production import BASE_DIR, DATABASES

ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = False
SECURE_HSTS_PRELOAD = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False

# collectstatic writes here, not into the project's own staticfiles/.
STATIC_ROOT = BASE_DIR / "bench" / "results" / "static"

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The same SQLite tuning as the base settings, which production's
    # DATABASE_URL parsing replaces.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
