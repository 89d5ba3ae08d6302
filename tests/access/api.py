"""Expected access to the JSON API's registry endpoints and the schema."""

from . import PERSONAS, WITH_ROLE, Rule

RULES = {
    # The schema describes the API, not its data: open to all.
    "api:openapi-json": Rule(PERSONAS, public=True),
    "api:openapi-view": Rule(PERSONAS, public=True),
    "api:token": Rule(
        PERSONAS,
        method="post",
        public=True,
        skip="takes a client's credentials, not a session; tested in tests/clients/test_tokens.py",
    ),
    "api:api-root": Rule(
        frozenset(),
        skip="django-ninja's root view answers 404 to everyone; "
        "it exists so ninja can reverse the API's base path.",
    ),
    "api:registry_offices": Rule(WITH_ROLE),
    "api:registry_office": Rule(WITH_ROLE, kwargs=lambda cast: {"slug": cast.vestland.slug}),
    "api:registry_counties": Rule(WITH_ROLE, query="office=vestland"),
    "api:registry_county": Rule(WITH_ROLE, kwargs=lambda cast: {"number": "46"}),
    "api:registry_municipalities": Rule(WITH_ROLE, query="q=Unj%C3%A1rga"),
    "api:registry_municipality": Rule(WITH_ROLE, kwargs=lambda cast: {"number": "4601"}),
    "api:registry_organisations": Rule(WITH_ROLE, query="public=true&active=true"),
    "api:registry_organisation": Rule(
        WITH_ROLE, kwargs=lambda cast: {"organisation_number": cast.owner.organisation_number}
    ),
    "api:registry_units": Rule(WITH_ROLE, query="kind=kindergarten"),
    "api:registry_unit": Rule(
        WITH_ROLE, kwargs=lambda cast: {"organisation_number": cast.unit.organisation_number}
    ),
}
