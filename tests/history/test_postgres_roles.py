"""In production the application's database role cannot rewrite history.

``scripts/postgres-roles.sh`` makes an owner role (which runs ``migrate``)
and an application role. In a scratch database this test runs the script,
migrates the history as the owner, and then tries, as the application role,
every way around the append-only rule that the table's owner would have:
TRUNCATE, UPDATE, DELETE and disabling the trigger. PostgreSQL only; the
connecting role needs CREATEDB and CREATEROLE (``scripts/postgres-start.sh``).
"""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="database roles exist on PostgreSQL only"
)


def url(settings: dict, user: str, password: str, database: str) -> str:
    return (
        f"postgres://{user}:{password}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{database}"
    )


@pytest.fixture
def scratch():
    """A scratch database and two roles, dropped again afterwards."""
    settings = connection.settings_dict
    suffix = uuid.uuid4().hex[:8]
    names = {
        "db": f"km_roles_{suffix}",
        "owner": f"km_owner_{suffix}",
        "app": f"km_app_{suffix}",
    }
    admin_url = url(settings, settings["USER"], settings["PASSWORD"], "postgres")
    with psycopg.connect(admin_url, autocommit=True) as admin:
        can = admin.execute(
            "SELECT rolsuper OR (rolcreaterole AND rolcreatedb) FROM pg_roles "
            "WHERE rolname = current_user"
        ).fetchone()[0]
    if not can:
        pytest.skip("the test role needs CREATEDB and CREATEROLE (scripts/postgres-start.sh)")
    try:
        yield {**names, "admin_url": admin_url, "settings": settings}
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{names["db"]}" WITH (FORCE)')
            admin.execute(f'DROP ROLE IF EXISTS "{names["app"]}"')
            admin.execute(f'DROP ROLE IF EXISTS "{names["owner"]}"')


FORBIDDEN = (
    "TRUNCATE history_event",
    "UPDATE history_event SET summary = 'Forfalsket'",
    "DELETE FROM history_event",
    "ALTER TABLE history_event DISABLE TRIGGER history_event_append_only",
    "ALTER TABLE history_event DISABLE TRIGGER ALL",
)


def assert_append_only_for(app_url: str):
    with psycopg.connect(app_url, autocommit=True) as app:
        content_type = app.execute(
            "INSERT INTO django_content_type (app_label, model) VALUES ('x', %s) RETURNING id",
            [uuid.uuid4().hex],
        ).fetchone()[0]
        app.execute(
            "INSERT INTO history_event (occurred_at, kind, content_type_id, object_id, "
            "object_repr, summary) VALUES (now(), 'case.decided', %s, '1', 'Vedtak', 'Innvilget')",
            [content_type],
        )
        for statement in FORBIDDEN:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                app.execute(statement)
        summaries = {row[0] for row in app.execute("SELECT summary FROM history_event")}
        assert summaries == {"Innvilget"}
        # The rest of the application's tables stay writable.
        app.execute("UPDATE django_content_type SET app_label = 'z' WHERE id = %s", [content_type])


def test_the_application_role_can_only_insert_and_read_history(scratch):
    env = {
        **os.environ,
        "ADMIN_URL": scratch["admin_url"],
        "DB_NAME": scratch["db"],
        "OWNER_ROLE": scratch["owner"],
        "APP_ROLE": scratch["app"],
        "OWNER_PASSWORD": "owner-secret",
        "APP_PASSWORD": "app-secret",
    }
    roles_script = ["bash", ROOT / "scripts/postgres-roles.sh"]
    subprocess.run(roles_script, env=env, check=True, cwd=ROOT, capture_output=True)
    owner_url = url(scratch["settings"], scratch["owner"], "owner-secret", scratch["db"])
    migrate_env = {
        **os.environ,
        "DATABASE_URL": owner_url,
        "DJANGO_SETTINGS_MODULE": "kompetansemidler.settings.test",
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "history", "--no-input", "-v0"],
        env=migrate_env,
        check=True,
        cwd=ROOT,
    )
    app_url = url(scratch["settings"], scratch["app"], "app-secret", scratch["db"])
    # Right after migrate (the migration takes the default grant back) …
    assert_append_only_for(app_url)
    # … and after the script runs again, as the deployment does after migrate.
    subprocess.run(roles_script, env=env, check=True, cwd=ROOT, capture_output=True)
    assert_append_only_for(app_url)
