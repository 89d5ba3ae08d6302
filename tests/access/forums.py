"""Expected access to the forum pages: Udir reads and keeps every forum, the
forum's office keeps it, the forum's members read it and work on its plan;
other offices, owners, UH, units and outsiders get 403. Every caseworker and
Udir create forums (a caseworker for her own office)."""

from datetime import date

from . import STAFF, Rule

READERS = frozenset({"udir", "caseworker", "forum_member"})
KEEPERS = frozenset({"udir", "caseworker"})
PLANNERS = frozenset({"caseworker", "forum_member"})
# Every caseworker has a forum list (their own office's forums).
LISTERS = READERS | {"other_caseworker"}


def _member(cast):
    from kompetansemidler.forums.models import ForumMember

    member, _ = ForumMember.objects.get_or_create(
        forum=cast.forum,
        name="Frida Forum",
        defaults={
            "representation": "public_owner",
            "organisation": cast.owner,
            "user": cast.forum_member,
            "period_from": date(2024, 1, 1),
        },
    )
    return member


def _plan(cast):
    from kompetansemidler.forums.models import LongTermPlan

    plan, _ = LongTermPlan.objects.get_or_create(
        forum=cast.forum,
        version=1,
        defaults={"from_year": 2024, "to_year": 2027},
    )
    return plan


RULES = {
    "forums:list": Rule(LISTERS),
    "forums:create": Rule(STAFF),
    "forums:detail": Rule(READERS, kwargs=lambda cast: {"pk": cast.forum.pk}),
    "forums:edit": Rule(KEEPERS, kwargs=lambda cast: {"pk": cast.forum.pk}),
    "forums:schemes": Rule(
        KEEPERS,
        kwargs=lambda cast: {"pk": cast.forum.pk},
        method="post",
        data=lambda cast: {"schemes": []},
    ),
    "forums:member_add": Rule(KEEPERS, kwargs=lambda cast: {"pk": cast.forum.pk}),
    "forums:member_detail": Rule(READERS, kwargs=lambda cast: {"pk": _member(cast).pk}),
    "forums:member_end": Rule(KEEPERS, kwargs=lambda cast: {"pk": _member(cast).pk}),
    # The member's own user (frida) and the office's caseworkers.
    "forums:conflict_add": Rule(PLANNERS, kwargs=lambda cast: {"pk": _member(cast).pk}),
    "forums:plan": Rule(READERS, kwargs=lambda cast: {"pk": cast.forum.pk}),
    "forums:plan_edit": Rule(PLANNERS, kwargs=lambda cast: {"pk": cast.forum.pk}),
    "forums:plan_history": Rule(READERS, kwargs=lambda cast: {"pk": cast.forum.pk}),
    "forums:plan_version": Rule(
        READERS, kwargs=lambda cast: {"pk": cast.forum.pk, "version": _plan(cast).version}
    ),
}
RULES.update(
    {
        "api:forums_list": Rule(LISTERS),
        "api:forums_detail": Rule(READERS, kwargs=lambda cast: {"forum_id": cast.forum.pk}),
        "api:forums_member_add": Rule(
            KEEPERS,
            kwargs=lambda cast: {"forum_id": cast.forum.pk},
            method="post",
            data=lambda cast: {
                "name": "Kari KS",
                "representation": "secretariat",
                "votes": False,
                "period_from": "2025-01-01",
            },
        ),
        "api:forums_member_end": Rule(
            KEEPERS,
            kwargs=lambda cast: {"member_id": _member(cast).pk},
            method="post",
            data=lambda cast: {"on": "2030-12-31"},
        ),
        "api:forums_plan": Rule(READERS, kwargs=lambda cast: {"forum_id": _plan(cast).forum_id}),
        "api:forums_plan_versions": Rule(READERS, kwargs=lambda cast: {"forum_id": cast.forum.pk}),
    }
)
