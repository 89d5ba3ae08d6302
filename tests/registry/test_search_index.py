"""On PostgreSQL the unit search has a trigram index on upper(name), the
expression ``icontains`` compares; SQLite has none and searches as before."""

import pytest
from django.db import connection

from kompetansemidler.registry.models import Unit
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_postgresql_serves_the_unit_search_from_a_trigram_index():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = %s",
            ["registry_unit_name_upper_trgm"],
        )
        (definition,) = cursor.fetchone()
    assert "gin (upper((name)::text) gin_trgm_ops)" in definition
    UnitFactory(name="Trollskogen barnehage")
    query = Unit.objects.filter(name__icontains="skogen").order_by().values("pk").query
    sql, params = query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "registry_unit_name_upper_trgm" in plan


def test_the_search_finds_a_name_inside_another_word_whatever_the_case():
    UnitFactory(name="Trollskogen barnehage")
    assert list(Unit.objects.filter(name__icontains="SKOGEN").values_list("name", flat=True)) == [
        "Trollskogen barnehage"
    ]
