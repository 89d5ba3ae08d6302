"""Forum composition (DOMAIN.md §4): each required representation present,
Rekom's kindergarten authority, owner and authority kept apart, and the
secretariat without a vote. Pure: no database."""

from hypothesis import given
from hypothesis import strategies as st

from kompetansemidler.rules.forum import ForumFacts, MemberFacts, check_composition

REQUIRED = ["public_owner", "private_owner", "uh", "ks", "pbl", "union"]
BERGEN, VOSS = 4601, 4621


def member(n, representation, *, person=None, votes=True, deputy=False, municipality=None):
    return MemberFacts(
        member_id=n,
        person=person or f"person-{n}",
        name=f"Person {n}",
        representation=representation,
        votes=votes,
        is_deputy=deputy,
        municipality_id=municipality,
    )


def valid_members():
    return (
        member(1, "public_owner", municipality=BERGEN),
        member(2, "private_owner"),
        member(3, "uh"),
        member(4, "ks"),
        member(5, "pbl"),
        member(6, "union"),
        member(7, "kindergarten_authority", municipality=VOSS),
        member(8, "secretariat", votes=False),
    )


def codes(findings):
    return sorted(f.code for f in findings)


def test_a_complete_forum_covering_rekom_has_no_findings():
    assert check_composition(ForumFacts(frozenset({"rekom", "dekom"}), valid_members())) == []


def test_an_empty_forum_reports_every_missing_representation_at_once():
    findings = check_composition(ForumFacts(frozenset({"rekom"}), ()))
    assert codes(findings) == sorted(
        [
            "FORUM_MISSING_PUBLIC_OWNER",
            "FORUM_MISSING_PRIVATE_OWNER",
            "FORUM_MISSING_UH",
            "FORUM_MISSING_KS",
            "FORUM_MISSING_PBL",
            "FORUM_MISSING_UNION",
            "FORUM_MISSING_KINDERGARTEN_AUTHORITY",
            "FORUM_MISSING_SECRETARIAT",
        ]
    )
    assert all(f.is_error for f in findings)


def test_the_kindergarten_authority_is_required_only_when_the_forum_covers_rekom():
    members = tuple(m for m in valid_members() if m.representation != "kindergarten_authority")
    assert codes(check_composition(ForumFacts(frozenset({"dekom"}), members))) == []
    assert codes(check_composition(ForumFacts(frozenset({"rekom"}), members))) == [
        "FORUM_MISSING_KINDERGARTEN_AUTHORITY"
    ]


@given(st.sampled_from(REQUIRED))
def test_removing_any_required_representation_is_reported_by_name(representation):
    members = tuple(m for m in valid_members() if m.representation != representation)
    findings = check_composition(ForumFacts(frozenset({"rekom"}), members))
    expected = f"FORUM_MISSING_{representation.upper()}"
    assert expected in codes(findings)


def test_a_deputy_alone_does_not_make_a_representation_present():
    members = tuple(m for m in valid_members() if m.representation != "ks") + (
        member(9, "ks", deputy=True),
    )
    assert codes(check_composition(ForumFacts(frozenset({"rekom"}), members))) == [
        "FORUM_MISSING_KS"
    ]


def test_one_person_may_not_represent_a_municipality_as_owner_and_as_authority():
    members = tuple(m for m in valid_members() if m.representation != "kindergarten_authority")
    same_person = member(7, "kindergarten_authority", person="person-1", municipality=BERGEN)
    findings = check_composition(ForumFacts(frozenset({"rekom"}), (*members, same_person)))
    assert codes(findings) == ["FORUM_OWNER_AND_AUTHORITY"]
    assert findings[0].target == "member:7"
    assert findings[0].params["name"] == "Person 7"


def test_the_same_person_may_be_authority_for_another_municipality_than_the_one_it_owns():
    members = tuple(m for m in valid_members() if m.representation != "kindergarten_authority")
    other = member(7, "kindergarten_authority", person="person-1", municipality=VOSS)
    assert check_composition(ForumFacts(frozenset({"rekom"}), (*members, other))) == []


def test_the_authority_does_not_replace_the_public_owners():
    members = tuple(m for m in valid_members() if m.representation != "public_owner")
    findings = check_composition(ForumFacts(frozenset({"rekom"}), members))
    assert codes(findings) == ["FORUM_AUTHORITY_REPLACES_OWNER", "FORUM_MISSING_PUBLIC_OWNER"]
    replaced = next(f for f in findings if f.code == "FORUM_AUTHORITY_REPLACES_OWNER")
    assert replaced.target == "member:7"


def test_an_authority_without_its_municipality_is_reported():
    members = tuple(m for m in valid_members() if m.representation != "kindergarten_authority")
    findings = check_composition(
        ForumFacts(frozenset({"rekom"}), (*members, member(7, "kindergarten_authority")))
    )
    assert codes(findings) == ["FORUM_AUTHORITY_WITHOUT_MUNICIPALITY"]


def test_the_secretariat_must_not_vote():
    members = tuple(m for m in valid_members() if m.representation != "secretariat") + (
        member(8, "secretariat", votes=True),
    )
    findings = check_composition(ForumFacts(frozenset({"rekom"}), members))
    assert codes(findings) == ["FORUM_SECRETARIAT_VOTES"]
    assert findings[0].target == "member:8"


@given(
    st.lists(st.sampled_from([*REQUIRED, "kindergarten_authority", "secretariat"]), max_size=12),
    st.booleans(),
)
def test_findings_are_exactly_the_missing_representations_for_well_formed_members(
    present,
    covers_rekom,
):
    """Whatever subset is present, the findings name exactly what is missing."""
    members = tuple(
        member(
            n,
            rep,
            votes=rep != "secretariat",
            municipality=VOSS if rep == "kindergarten_authority" else None,
        )
        for n, rep in enumerate(present)
    )
    schemes = frozenset({"rekom"} if covers_rekom else {"dekom"})
    found = set(codes(check_composition(ForumFacts(schemes, members))))
    required = {*REQUIRED, "secretariat"}
    if covers_rekom:
        required.add("kindergarten_authority")
    expected = {f"FORUM_MISSING_{rep.upper()}" for rep in required - set(present)}
    if "kindergarten_authority" in present and "public_owner" not in present:
        expected.add("FORUM_AUTHORITY_REPLACES_OWNER")
    assert found == expected


def test_a_forum_whose_uh_members_are_all_far_away_reports_it_once_naming_them():
    members = tuple(
        m if m.representation != "uh" else MemberFacts(**{**m.__dict__, "near_region": False})
        for m in valid_members()
    ) + (MemberFacts(9, "p9", "Person 9", "uh", True, near_region=False),)
    findings = check_composition(ForumFacts(frozenset({"dekom"}), members))
    assert codes(findings) == ["FORUM_UH_NOT_NEAR"]
    assert findings[0].params["names"] == "Person 3, Person 9"


def test_one_uh_member_near_the_region_is_enough():
    members = valid_members() + (MemberFacts(9, "p9", "Person 9", "uh", True, near_region=False),)
    assert check_composition(ForumFacts(frozenset({"dekom"}), members)) == []


def test_a_near_uh_deputy_does_not_count():
    members = tuple(
        m if m.representation != "uh" else MemberFacts(**{**m.__dict__, "near_region": False})
        for m in valid_members()
    ) + (MemberFacts(9, "p9", "Person 9", "uh", True, is_deputy=True),)
    assert codes(check_composition(ForumFacts(frozenset({"dekom"}), members))) == [
        "FORUM_UH_NOT_NEAR"
    ]
