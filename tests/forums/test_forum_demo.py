"""The demo forum keeps every composition rule and has a plan with history."""

from kompetansemidler.forums import demo
from kompetansemidler.forums.composition import forum_composition_findings
from kompetansemidler.forums.models import ConflictOfInterest, ForumMember, LongTermPlan
from kompetansemidler.history.models import Event
from kompetansemidler.registry.models import Organisation


def test_the_demo_forum_has_a_valid_composition_a_plan_and_a_conflict(cast):
    demo.build()
    assert forum_composition_findings(cast.forum) == []
    plans = LongTermPlan.objects.filter(forum=cast.forum).order_by("version")
    assert [(p.version, p.from_year, p.to_year) for p in plans] == [
        (1, 2024, 2027),
        (2, 2024, 2027),
    ]
    assert plans[1].priorities.count() == 4
    assert plans[1].frames.count() == 8
    assert ConflictOfInterest.objects.filter(member__forum=cast.forum).exists()
    count = ForumMember.objects.count()
    demo.build()
    assert ForumMember.objects.count() == count


def test_the_demo_registers_a_private_college_through_the_service_once(cast):
    demo.build()
    demo.build()
    college = Organisation.objects.get(name="NLA Høgskolen")
    assert college.privately_owned
    assert [c.number for c in college.campus_counties.all()] == ["03"]
    assert Event.objects.for_object(college).get().actor == cast.caseworker
    assert ForumMember.objects.get(organisation=college).is_deputy
