"""Expected access to the statistics: the national page and its exports for
Udir and every office's caseworkers (their own data), the public page open to
all."""

from . import PERSONAS, STAFF, Rule

RULES = {
    "statistics:national": Rule(STAFF, query="scheme=rekom&year_from=2025&group=county"),
    "statistics:national_export": Rule(
        STAFF, kwargs=lambda cast: {"dimension": "scheme", "fmt": "xlsx"}
    ),
    "statistics:public": Rule(PERSONAS, public=True, query="year=2026"),
    "statistics:public_export": Rule(
        PERSONAS, public=True, kwargs=lambda cast: {"dimension": "recipient", "fmt": "csv"}
    ),
    "api:statistics_national": Rule(STAFF, query="group=office"),
    "api:statistics_public": Rule(PERSONAS, public=True, query="group=scheme"),
}
