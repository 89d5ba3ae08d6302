"""From the forum's members in the database to the pure composition rules.

A UH member is near the forum's region when the institution's county (the
county of its address) or one of its campus counties (``Organisation.
campus_counties``, kept on the registry's page) is one of the forum's counties.
"""

from kompetansemidler.accounts.models import Representation
from kompetansemidler.registry.models import OrganisationKind
from kompetansemidler.rules.findings import Finding
from kompetansemidler.rules.forum import ForumFacts, MemberFacts, check_composition

from .selectors import forum_members


def _person(member) -> object:
    # A person without an account is recognised by name, so the same person
    # added twice under two representations is still caught.
    if member.user_id:
        return ("user", member.user_id)
    return ("name", " ".join(member.name.casefold().split()))


def _municipality_id(member):
    if member.representation == Representation.KINDERGARTEN_AUTHORITY:
        return member.municipality_id
    organisation = member.organisation
    if organisation is not None and organisation.kind == OrganisationKind.MUNICIPALITY:
        return organisation.municipality_id
    return None


def _near_region(member, forum_county_ids: frozenset) -> bool:
    organisation = member.organisation
    if member.representation != Representation.UH or organisation is None:
        return True
    # .all() reads the prefetched rows: no query per member.
    counties = {organisation.county_id} | {c.pk for c in organisation.campus_counties.all()}
    return bool(counties & forum_county_ids)


def member_facts(member, forum_county_ids: frozenset = frozenset()) -> MemberFacts:
    return MemberFacts(
        member_id=member.pk,
        person=_person(member),
        name=member.name,
        representation=member.representation,
        votes=member.votes,
        is_deputy=member.is_deputy,
        organisation_id=member.organisation_id,
        municipality_id=_municipality_id(member),
        near_region=_near_region(member, forum_county_ids),
    )


def forum_facts(forum, *, on=None) -> ForumFacts:
    county_ids = frozenset(forum.counties.values_list("pk", flat=True))
    members = forum_members(forum, on=on).prefetch_related("organisation__campus_counties")
    return ForumFacts(
        schemes=frozenset(forum.schemes.values_list("scheme__code", flat=True)),
        members=tuple(member_facts(m, county_ids) for m in members),
    )


def forum_composition_findings(forum, *, on=None) -> list[Finding]:
    """Every composition finding for the forum's members on the day ``on`` (today)."""
    return check_composition(forum_facts(forum, on=on))
