"""Load the shipped 2024 administrative structure (offices, counties, municipalities).

Used by the registry's data migration, so every database, the test databases
included, starts with the whole national structure. Idempotent.
"""

import csv
from pathlib import Path

from .models import County, GovernorOffice, Municipality

DATA_DIR = Path(__file__).resolve().parent / "data"


def read_rows(filename: str) -> list[dict[str, str]]:
    with open(DATA_DIR / filename, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_structure(office_model, county_model, municipality_model) -> None:
    """Create or update every office, county and municipality from the CSV files.

    Takes the model classes as arguments so a migration can pass its
    historical models.
    """
    offices = {}
    for row in read_rows("offices.csv"):
        offices[row["office_id"]], _ = office_model.objects.update_or_create(
            slug=row["office_id"], defaults={"name": row["name"]}
        )
    counties = {}
    for row in read_rows("counties.csv"):
        counties[row["county_number"]], _ = county_model.objects.update_or_create(
            number=row["county_number"],
            defaults={"name": row["name"], "office": offices[row["office_id"]]},
        )
    for row in read_rows("municipalities.csv"):
        municipality_model.objects.update_or_create(
            number=row["municipality_number"],
            defaults={
                "name": row["name"],
                "official_name": row["official_name"],
                "county": counties[row["county_number"]],
            },
        )


def ensure_structure() -> None:
    """Load the structure if it is missing (a flushed test database, say)."""
    if not Municipality.objects.exists():
        load_structure(GovernorOffice, County, Municipality)
