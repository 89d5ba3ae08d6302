"""From the forum's members in the database to the pure composition rules."""

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


def member_facts(member) -> MemberFacts:
    return MemberFacts(
        member_id=member.pk,
        person=_person(member),
        name=member.name,
        representation=member.representation,
        votes=member.votes,
        is_deputy=member.is_deputy,
        organisation_id=member.organisation_id,
        municipality_id=_municipality_id(member),
    )


def forum_facts(forum, *, on=None) -> ForumFacts:
    return ForumFacts(
        schemes=frozenset(forum.schemes.values_list("scheme__code", flat=True)),
        members=tuple(member_facts(m) for m in forum_members(forum, on=on)),
    )


def forum_composition_findings(forum, *, on=None) -> list[Finding]:
    """Every composition finding for the forum's members on the day ``on`` (today)."""
    return check_composition(forum_facts(forum, on=on))
