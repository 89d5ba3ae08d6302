"""On PostgreSQL only: a trigram index for the unit search.

The search is ``UPPER(name) LIKE UPPER('%term%')`` (``icontains``), which no
btree index serves: every search read all units, and PostgreSQL, with no
statistics for the expression, guessed a handful of matches and joined every
match to its owner and place before sorting (0.3 s for "barnehage" at ten
times national scale). The GIN index on ``upper(name)`` finds rare terms
directly and gives the planner the expression's statistics, so a common term
walks the name index and stops after a page.

It is not in ``Unit.Meta.indexes`` because SQLite has neither GIN nor
pg_trgm; SQLite is left as it is. ``pg_trgm`` is a trusted extension
(PostgreSQL 13 and newer): the database's owner may create it; otherwise a
superuser must run ``CREATE EXTENSION pg_trgm`` before migrating.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEX = "registry_unit_name_upper_trgm"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON registry_unit "
            "USING gin (upper(name) gin_trgm_ops)")
        # The statistics of upper(name) come with the index, but only at the
        # next ANALYZE; until then the planner would still guess.
        schema_editor.execute("ANALYZE registry_unit")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):

    dependencies = [
        ("registry", "0003_list_order_indexes"),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
