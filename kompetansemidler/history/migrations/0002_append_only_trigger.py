"""On PostgreSQL the database itself refuses UPDATE and DELETE on history events."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION history_event_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'history events are append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER history_event_append_only
    BEFORE UPDATE OR DELETE ON history_event
    FOR EACH ROW EXECUTE FUNCTION history_event_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS history_event_append_only ON history_event;
DROP FUNCTION IF EXISTS history_event_append_only();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("history", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
