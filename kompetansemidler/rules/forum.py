"""Forum composition (DOMAIN.md §4), checked when membership changes and
before a recommendation is adopted.

The caller describes the forum's current members as ``MemberFacts`` (only the
members whose period covers the day in question) and gets every finding at
once. Presence counts ordinary members only: a deputy stands in for someone,
so a representation held by deputies alone is still missing.

The seed asks for a university or university college "med geografisk nærhet
til regionen". Near means: located in one of the forum's counties, or with a
campus in one (the institution's campus counties are registry data, kept on
the organisation's page). The caller works that out per member
(``near_region``); a forum whose UH members are all far away gets a finding
naming them.
"""

from collections.abc import Hashable, Iterator
from dataclasses import dataclass

from .findings import Finding, Severity, define
from .runner import run_checks

# Representation codes, the same values as accounts.models.Representation.
PUBLIC_OWNER = "public_owner"
PRIVATE_OWNER = "private_owner"
UH = "uh"
KS = "ks"
PBL = "pbl"
UNION = "union"
KINDERGARTEN_AUTHORITY = "kindergarten_authority"
SECRETARIAT = "secretariat"

KINDERGARTEN_SCHEME = "rekom"

MISSING = {
    PUBLIC_OWNER: define(
        "FORUM_MISSING_PUBLIC_OWNER", Severity.ERROR, "No member represents the public owners."
    ),
    PRIVATE_OWNER: define(
        "FORUM_MISSING_PRIVATE_OWNER", Severity.ERROR, "No member represents the private owners."
    ),
    UH: define(
        "FORUM_MISSING_UH",
        Severity.ERROR,
        "No member represents a university or university college near the region.",
    ),
    KS: define("FORUM_MISSING_KS", Severity.ERROR, "No member represents KS."),
    PBL: define("FORUM_MISSING_PBL", Severity.ERROR, "No member represents PBL."),
    UNION: define(
        "FORUM_MISSING_UNION", Severity.ERROR, "No member represents the teachers' unions."
    ),
}
MISSING_AUTHORITY = define(
    "FORUM_MISSING_KINDERGARTEN_AUTHORITY",
    Severity.ERROR,
    "The forum covers Rekom, but no member represents a municipality as kindergarten authority.",
)
AUTHORITY_WITHOUT_MUNICIPALITY = define(
    "FORUM_AUTHORITY_WITHOUT_MUNICIPALITY",
    Severity.ERROR,
    "%(name)s represents the kindergarten authority but no municipality is given.",
)
OWNER_AND_AUTHORITY = define(
    "FORUM_OWNER_AND_AUTHORITY",
    Severity.ERROR,
    "%(name)s represents the same municipality both as owner and as kindergarten authority.",
)
AUTHORITY_NOT_OWNER = define(
    "FORUM_AUTHORITY_REPLACES_OWNER",
    Severity.ERROR,
    "%(name)s represents the kindergarten authority, which does not replace the public "
    "owners' representation: the forum needs its own public owner member.",
)
MISSING_SECRETARIAT = define(
    "FORUM_MISSING_SECRETARIAT",
    Severity.ERROR,
    "The state administrator has no member as the forum's secretariat.",
)
UH_NOT_NEAR = define(
    "FORUM_UH_NOT_NEAR",
    Severity.ERROR,
    "No university or university college in or near the forum's region is represented "
    "(UH members: %(names)s). An institution is near when it is located or has a campus in one "
    "of the forum's counties: add a member from one, or record the institution's campus "
    "counties in the registry.",
)
SECRETARIAT_VOTES = define(
    "FORUM_SECRETARIAT_VOTES",
    Severity.ERROR,
    "%(name)s is the secretariat and must not have a vote.",
)


@dataclass(frozen=True)
class MemberFacts:
    """One current member of the forum."""

    member_id: Hashable
    # Identifies the person across memberships (a user id, or the normalised name).
    person: Hashable
    name: str
    representation: str
    votes: bool
    is_deputy: bool = False
    organisation_id: Hashable | None = None
    # The municipality the member speaks for: for a public owner that is a
    # municipality, the municipality itself; for the kindergarten authority,
    # the municipality whose authority it is. None otherwise.
    municipality_id: Hashable | None = None
    # For a UH member: whether the institution is in or near the forum's
    # region (its county or a campus county is one of the forum's).
    near_region: bool = True


@dataclass(frozen=True)
class ForumFacts:
    schemes: frozenset[str]
    members: tuple[MemberFacts, ...]


def member_target(member: MemberFacts) -> str:
    return f"member:{member.member_id}"


def required_present(forum: ForumFacts) -> Iterator[Finding]:
    present = {m.representation for m in forum.members if not m.is_deputy}
    for representation, kind in MISSING.items():
        if representation not in present:
            yield kind()
    if KINDERGARTEN_SCHEME in forum.schemes and KINDERGARTEN_AUTHORITY not in present:
        yield MISSING_AUTHORITY()


def uh_near_region(forum: ForumFacts) -> Iterator[Finding]:
    """A UH seat counts only for an institution near the region (the seed's "nærhet")."""
    seats = [m for m in forum.members if m.representation == UH and not m.is_deputy]
    if seats and not any(m.near_region for m in seats):
        yield UH_NOT_NEAR(names=", ".join(sorted({m.name for m in seats})))


def authority_separate_from_owner(forum: ForumFacts) -> Iterator[Finding]:
    owner_roles = {
        (m.person, m.municipality_id)
        for m in forum.members
        if m.representation == PUBLIC_OWNER and m.municipality_id is not None
    }
    has_public_owner = any(
        m.representation == PUBLIC_OWNER and not m.is_deputy for m in forum.members
    )
    for member in forum.members:
        if member.representation != KINDERGARTEN_AUTHORITY:
            continue
        if member.municipality_id is None:
            yield AUTHORITY_WITHOUT_MUNICIPALITY(target=member_target(member), name=member.name)
        elif (member.person, member.municipality_id) in owner_roles:
            yield OWNER_AND_AUTHORITY(target=member_target(member), name=member.name)
        if not has_public_owner:
            yield AUTHORITY_NOT_OWNER(target=member_target(member), name=member.name)


def secretariat_without_vote(forum: ForumFacts) -> Iterator[Finding]:
    secretariat = [m for m in forum.members if m.representation == SECRETARIAT]
    if not any(not m.is_deputy for m in secretariat):
        yield MISSING_SECRETARIAT()
    for member in secretariat:
        if member.votes:
            yield SECRETARIAT_VOTES(target=member_target(member), name=member.name)


CHECKS = (
    required_present,
    uh_near_region,
    authority_separate_from_owner,
    secretariat_without_vote,
)


def check_composition(forum: ForumFacts) -> list[Finding]:
    """Every composition finding for the forum, errors first."""
    return run_checks(CHECKS, forum)
