"""Numbers stay unique when several caseworkers journal at the same moment
(PostgreSQL only: SQLite serialises writers by locking the whole file)."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from kompetansemidler.archive.models import CaseFile
from kompetansemidler.archive.services import case_file_for
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs row locks"),
]


def test_concurrent_case_files_get_distinct_sequential_numbers(cast):
    subjects = [UserFactory() for _ in range(12)]

    def create(subject):
        try:
            return case_file_for(
                obj=subject, office=cast.vestland, title=str(subject), actor=None
            ).sequence_number
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=6) as pool:
        numbers = sorted(pool.map(create, subjects))
    assert numbers == list(range(1, 13))
    assert CaseFile.objects.count() == 12
