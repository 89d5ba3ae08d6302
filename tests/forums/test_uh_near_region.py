"""The forum must include a university or university college near its region
(the seed: "med geografisk nærhet til regionen"): one located, or with a
campus, in one of the forum's counties."""

from kompetansemidler.forums.composition import forum_composition_findings
from kompetansemidler.forums.models import ForumMember
from kompetansemidler.forums.services import forum_member_add
from kompetansemidler.registry.models import OrganisationKind
from tests.factories import OrganisationFactory, county, municipality

from .conftest import START


def codes(forum):
    return {f.code for f in forum_composition_findings(forum)}


def far_university():
    return OrganisationFactory(
        name="Universitetet i Stavanger",
        kind=OrganisationKind.UH,
        municipality=municipality("1103"),
    )


def seat_only(forum, cast, organisation):
    """Make ``organisation`` the forum's only UH member."""
    ForumMember.objects.filter(forum=forum, representation="uh").update(
        period_to=START, ended_by=cast.caseworker
    )
    return forum_member_add(
        actor=cast.caseworker,
        forum=forum,
        name="Ola Universitet",
        representation="uh",
        organisation=organisation,
        period_from=START,
    )


def test_a_forum_with_a_university_in_its_county_has_no_finding(full_forum):
    assert codes(full_forum) == set()


def test_a_forum_whose_only_university_is_far_away_gets_the_finding(cast, full_forum):
    seat_only(full_forum, cast, far_university())
    findings = forum_composition_findings(full_forum)
    assert [f.code for f in findings] == ["FORUM_UH_NOT_NEAR"]
    assert findings[0].is_error
    assert findings[0].params["names"] == "Ola Universitet"


def test_a_campus_in_the_forums_county_makes_it_near(cast, full_forum):
    university = far_university()
    university.campus_counties.add(county("46"))
    seat_only(full_forum, cast, university)
    assert codes(full_forum) == set()


def test_one_near_university_is_enough(cast, full_forum):
    forum_member_add(
        actor=cast.caseworker,
        forum=full_forum,
        name="Ola Universitet",
        representation="uh",
        organisation=far_university(),
        period_from=START,
    )
    assert codes(full_forum) == set()


def test_a_near_deputy_does_not_make_up_for_a_far_member(cast, full_forum):
    seat_only(full_forum, cast, far_university())
    forum_member_add(
        actor=cast.caseworker,
        forum=full_forum,
        name="Vara Vestland",
        representation="uh",
        organisation=cast.uh,
        is_deputy=True,
        period_from=START,
    )
    assert "FORUM_UH_NOT_NEAR" in codes(full_forum)


def test_the_forum_page_shows_the_finding_in_words(cast, full_forum, client_for):
    seat_only(full_forum, cast, far_university())
    page = client_for(cast.caseworker).get(f"/forum/{full_forum.pk}/").content.decode()
    assert "Ingen universiteter eller høgskoler i eller nær forumets region" in page
