"""History events through the base manager are append-only too; on PostgreSQL
only the table's owner keeps UPDATE, DELETE, TRUNCATE and TRIGGER on it.

With the production roles (``scripts/postgres-roles.sh``) ``migrate`` runs as
the owner role and the owner's default privileges give the application role
every table; here that grant is taken back for the history table, so the
application role may only insert and read events. Where the application
itself owns the database (development, the test databases) no other role
holds a grant and nothing changes.
"""

from django.db import migrations

REVOKE = """
DO $$
DECLARE
    grantee_oid oid;
BEGIN
    FOR grantee_oid IN
        SELECT DISTINCT acl.grantee
        FROM pg_class c, aclexplode(c.relacl) AS acl
        WHERE c.oid = 'history_event'::regclass
          AND acl.grantee <> c.relowner
          AND acl.privilege_type IN ('UPDATE', 'DELETE', 'TRUNCATE', 'TRIGGER', 'REFERENCES')
    LOOP
        EXECUTE format(
            'REVOKE UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON history_event FROM %s',
            CASE WHEN grantee_oid = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(grantee_oid)) END
        );
    END LOOP;
END
$$;
"""


def revoke(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(REVOKE, params=None)


class Migration(migrations.Migration):
    dependencies = [("history", "0002_append_only_trigger")]

    operations = [
        migrations.AlterModelOptions(
            name="event",
            options={
                "base_manager_name": "objects",
                "ordering": ["-occurred_at", "-id"],
                "verbose_name": "history event",
                "verbose_name_plural": "history events",
            },
        ),
        migrations.RunPython(revoke, migrations.RunPython.noop),
    ]
