"""Point Django at one benchmark database with the benchmark settings.

Each benchmark process works on exactly one database: the generator, the
in-process query counter and the gunicorn server all get it through the
environment built here, so they cannot disagree about which data they see.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = ROOT / "bench" / "results"
SETTINGS_MODULE = "bench.settings"
# Not a secret: the benchmark server only listens on 127.0.0.1.
BENCH_SECRET_KEY = "benchmark-only-loopback-" + "k" * 40


def sqlite_url(label: str) -> str:
    """The default database of one scale, e.g. ``bench/bench_1x.sqlite3`` (gitignored)."""
    return f"sqlite:///{ROOT / 'bench' / f'bench_{label}.sqlite3'}"


def server_environment(database_url: str) -> dict[str, str]:
    """The environment variables a benchmark process (or gunicorn) needs."""
    environment = dict(os.environ)
    environment.update(
        {
            "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
            "DATABASE_URL": database_url,
            "DJANGO_SECRET_KEY": environment.get("DJANGO_SECRET_KEY") or BENCH_SECRET_KEY,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            # One machine: files on its disk, unless the caller names a store.
            "DJANGO_FILE_STORAGE": environment.get("DJANGO_FILE_STORAGE") or "local",
            "PYTHONPATH": str(ROOT),
        }
    )
    return environment


def setup(database_url: str) -> None:
    """Configure and start Django in this process for ``database_url``."""
    os.environ.update(server_environment(database_url))
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def ensure_postgres_database(database_url: str) -> None:
    """Create the PostgreSQL database of ``database_url`` if it does not exist yet.

    The role needs CREATEDB (as the project's ``app`` role has). SQLite URLs
    are left alone: SQLite creates its file on first use.
    """
    if not database_url.startswith(("postgres://", "postgresql://")):
        return
    from urllib.parse import urlsplit, urlunsplit

    import psycopg
    from psycopg import sql

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
