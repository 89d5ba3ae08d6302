"""Settings shared by every environment.

Values come from the environment, typed by django-environ. The development and
test modules give safe defaults; the production module requires every value
that must not have one, so a missing variable stops the server at start-up.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from .storage import IMMEDIATE_TASK_BACKEND, file_storage

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PACKAGE_DIR = BASE_DIR / "kompetansemidler"

env = environ.Env()

DEBUG = False
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
ALLOWED_HOSTS: list[str] = env.list("DJANGO_ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS: list[str] = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "axes",
    "mozilla_django_oidc",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks_db",
    "kompetansemidler.core",
    "kompetansemidler.registry",
    "kompetansemidler.accounts",
    "kompetansemidler.history",
    "kompetansemidler.imports",
    "kompetansemidler.schemes",
    "kompetansemidler.needs",
    "kompetansemidler.forums",
    "kompetansemidler.recommendations",
    "kompetansemidler.archive",
    "kompetansemidler.decisions",
    "kompetansemidler.reporting",
    "kompetansemidler.statistics",
    "kompetansemidler.api",
    "kompetansemidler.demo",
    # Last, so that core's widget templates (Designsystemet classes) win.
    "django.forms",
]

MIDDLEWARE = [
    # First: the request id and the request's log line and timing cover all below.
    "kompetansemidler.core.observability.RequestIdMiddleware",
    "kompetansemidler.core.middleware.UnknownHostMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kompetansemidler.core.language.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "kompetansemidler.core.middleware.PrivateCacheMiddleware",
    "kompetansemidler.core.middleware.NulCharacterMiddleware",
    "kompetansemidler.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kompetansemidler.urls"
WSGI_APPLICATION = "kompetansemidler.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kompetansemidler.core.context_processors.navigation",
            ],
        },
    },
]

# Widget templates are looked up through TEMPLATES, so core can give every
# form control Designsystemet's classes in one place.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite waits instead of failing at once when the test server and a
    # background writer meet; WAL lets readers go on while one writes.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "kompetansemidler.accounts.oidc.InvitedUserOIDCBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sessions end after a working day of inactivity and when the browser closes.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=int(timedelta(hours=8).total_seconds()))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Login throttling (django-axes): five failures for one username from one
# address lock that pair for fifteen minutes, so an attacker elsewhere cannot
# lock a user out. Behind reverse proxies, DJANGO_TRUSTED_PROXY_COUNT says how
# many of our own proxies append to X-Forwarded-For; the client address is read
# from that header only then (0: the header is ignored, it could be forged).
TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "kompetansemidler.accounts.client_address.client_address"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Two-factor login (django-otp): TOTP with recovery codes. Required at login
# for anyone who has set it up; with DJANGO_REQUIRE_2FA_FOR_STAFF, caseworkers
# and the national administrator must set it up (on in production, off in
# development and the demo).
REQUIRE_2FA_FOR_STAFF = env.bool("DJANGO_REQUIRE_2FA_FOR_STAFF", default=False)
OTP_TOTP_ISSUER = "Kompetansemidler"

# OpenID Connect (ID-porten, Feide). Unset endpoints leave OIDC login off.
OIDC_RP_CLIENT_ID = env.str("OIDC_RP_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env.str("OIDC_RP_CLIENT_SECRET", default="")
OIDC_RP_SIGN_ALGO = env.str("OIDC_RP_SIGN_ALGO", default="RS256")
OIDC_OP_AUTHORIZATION_ENDPOINT = env.str("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env.str("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env.str("OIDC_OP_USER_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env.str("OIDC_OP_JWKS_ENDPOINT", default="")
OIDC_RP_SCOPES = env.str("OIDC_RP_SCOPES", default="openid email profile")
OIDC_PROVIDER_NAME = env.str("OIDC_PROVIDER_NAME", default="ID-porten")
OIDC_CREATE_USER = False
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc_callback"
OIDC_USE_PKCE = env.bool("OIDC_USE_PKCE", default=True)
OIDC_TIMEOUT = env.int("OIDC_TIMEOUT", default=10)
LOGIN_REDIRECT_URL_FAILURE = "/konto/logg-inn/?oidc=refused"

# API clients (accounts.api_clients): how long a client-credentials token lives.
API_TOKEN_LIFETIME = env.int("API_TOKEN_LIFETIME_SECONDS", default=600)
# Maskinporten tokens accepted as bearer tokens (accounts.maskinporten); an
# empty issuer leaves them off.
MASKINPORTEN_ISSUER = env.str("MASKINPORTEN_ISSUER", default="")
MASKINPORTEN_JWKS_URL = env.str("MASKINPORTEN_JWKS_URL", default="")
MASKINPORTEN_AUDIENCE = env.str("MASKINPORTEN_AUDIENCE", default="")
MASKINPORTEN_SCOPE_PREFIX = env.str("MASKINPORTEN_SCOPE_PREFIX", default="udir:kompetansemidler/")

LANGUAGE_CODE = "nb"
LANGUAGES = [
    ("nb", _("Norwegian Bokmål")),
    ("nn", _("Norwegian Nynorsk")),
    ("en", _("English")),
]
LOCALE_PATHS: list[Path] = []
LANGUAGE_COOKIE_NAME = "km_language"
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": file_storage(env, default="local"),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Django's task framework. The immediate backend runs a task inside the call
# that enqueues it: the default for `make run` and the tests. Production sets
# the PostgreSQL queue (django-tasks-db) and refuses the immediate backend.
TASK_BACKEND = env.str("DJANGO_TASK_BACKEND", default=IMMEDIATE_TASK_BACKEND)
TASKS = {"default": {"BACKEND": TASK_BACKEND}}
# A worker holds a lease on the task it runs and renews it every third of this;
# a task whose lease ran out (its worker was killed) is put back in the queue,
# and failed after TASK_MAX_ATTEMPTS claims (a task that kills every worker).
TASK_LEASE_SECONDS = env.int("DJANGO_TASK_LEASE_SECONDS", default=60)
TASK_MAX_ATTEMPTS = env.int("DJANGO_TASK_MAX_ATTEMPTS", default=3)

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="kompetansemidler@example.no")

# A strict content security policy: only our own scripts, styles and fonts.
# htmx needs no inline script; styles from htmx's indicator are disabled.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
# A refused form gets a page that says why (and JSON for htmx and the API).
CSRF_FAILURE_VIEW = "kompetansemidler.core.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024
REGISTRY_PAGE_SIZE = 50

# /metrics (Prometheus) answers a bearer of METRICS_TOKEN or a client in one
# of METRICS_ALLOWED_NETWORKS (CIDR, comma-separated); with neither, nobody.
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")
METRICS_ALLOWED_NETWORKS: list[str] = env.list("METRICS_ALLOWED_NETWORKS", default=[])

# One line per request and per task (loggers kompetansemidler.request and
# kompetansemidler.task, at INFO); LOG_FORMAT=json writes each as JSON.
LOG_FORMAT = env.str("LOG_FORMAT", default="text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "kompetansemidler.core.observability.JsonFormatter"},
        "text": {"format": "%(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
    "loggers": {
        "kompetansemidler.request": {"level": env.str("REQUEST_LOG_LEVEL", default="WARNING")},
        "kompetansemidler.task": {"level": env.str("REQUEST_LOG_LEVEL", default="WARNING")},
    },
}
