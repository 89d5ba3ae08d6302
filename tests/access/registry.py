"""Expected access to the registry pages: everyone with a role, nobody else.

Organisations outside the registers are kept by Udir and the caseworkers;
one in Vestland (HVL) is changed by Udir and Vestland's caseworker only."""

from . import STAFF, WITH_ROLE, Rule

_FORMAT = {"fmt": "csv"}

RULES = {
    "registry:index": Rule(WITH_ROLE),
    "registry:office_list": Rule(WITH_ROLE, query="q=vest"),
    "registry:office_export": Rule(WITH_ROLE, kwargs=lambda cast: _FORMAT),
    "registry:office_detail": Rule(WITH_ROLE, kwargs=lambda cast: {"slug": cast.vestland.slug}),
    "registry:county_list": Rule(WITH_ROLE, query="office=vestland"),
    "registry:county_export": Rule(WITH_ROLE, kwargs=lambda cast: {"fmt": "xlsx"}),
    "registry:county_detail": Rule(WITH_ROLE, kwargs=lambda cast: {"number": "46"}),
    "registry:municipality_list": Rule(WITH_ROLE, query="county=46"),
    "registry:municipality_export": Rule(WITH_ROLE, kwargs=lambda cast: _FORMAT),
    "registry:municipality_detail": Rule(WITH_ROLE, kwargs=lambda cast: {"number": "4601"}),
    "registry:organisation_list": Rule(WITH_ROLE, query="public=true"),
    "registry:organisation_export": Rule(WITH_ROLE, kwargs=lambda cast: _FORMAT),
    "registry:organisation_detail": Rule(
        WITH_ROLE, kwargs=lambda cast: {"organisation_number": cast.owner.organisation_number}
    ),
    "registry:unit_list": Rule(WITH_ROLE, query="kind=kindergarten"),
    "registry:unit_export": Rule(WITH_ROLE, kwargs=lambda cast: _FORMAT),
    "registry:unit_detail": Rule(
        WITH_ROLE, kwargs=lambda cast: {"organisation_number": cast.unit.organisation_number}
    ),
    "registry:organisation_keep_list": Rule(STAFF),
    "registry:organisation_create": Rule(STAFF),
    "registry:organisation_edit": Rule(
        frozenset({"udir", "caseworker"}),
        kwargs=lambda cast: {"organisation_number": cast.uh.organisation_number},
    ),
}
