"""Reading forums. Every list starts from ``forums_visible_to(user)``."""

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from kompetansemidler.accounts.policy import caseworker_office_ids, is_national_admin
from kompetansemidler.registry.models import (
    Forum,
    GovernorOffice,
    Municipality,
    Organisation,
    OrganisationKind,
)

from .models import ConflictOfInterest, ForumMember, LongTermPlan, PlanFrame
from .permissions import member_forum_ids


def forums_visible_to(user) -> QuerySet[Forum]:
    """Forums the user may see: all for Udir, the office's for caseworkers, members their own."""
    forums = Forum.objects.select_related("office").prefetch_related("counties", "schemes__scheme")
    if is_national_admin(user):
        return forums
    return forums.filter(
        Q(office_id__in=caseworker_office_ids(user)) | Q(pk__in=member_forum_ids(user))
    )


def forum_members_visible_to(user) -> QuerySet[ForumMember]:
    """Members (with their declared conflicts) of the forums the user may see."""
    return ForumMember.objects.filter(forum__in=forums_visible_to(user).values("pk"))


def long_term_plans_visible_to(user) -> QuerySet[LongTermPlan]:
    return LongTermPlan.objects.filter(forum__in=forums_visible_to(user).values("pk"))


def forum_members(forum, *, on=None) -> QuerySet[ForumMember]:
    """The forum's members on the day ``on`` (today by default)."""
    on = on or timezone.localdate()
    return (
        ForumMember.objects.filter(forum=forum)
        .current(on)
        .select_related("organisation", "municipality", "user")
    )


def forum_former_members(forum, *, on=None) -> QuerySet[ForumMember]:
    on = on or timezone.localdate()
    return (
        ForumMember.objects.filter(forum=forum)
        .exclude(pk__in=forum_members(forum, on=on))
        .select_related("organisation", "municipality")
        .order_by("-period_to", "name")
    )


def forum_conflicts(forum) -> QuerySet[ConflictOfInterest]:
    return (
        ConflictOfInterest.objects.filter(member__forum=forum)
        .select_related("member", "organisation")
        .order_by("member__name", "-declared_on")
    )


def long_term_plan_current(forum) -> LongTermPlan | None:
    """The plan in force (the newest version), or None when the forum has none yet."""
    return _with_details(LongTermPlan.objects.filter(forum=forum)).order_by("-version").first()


def long_term_plan_version(forum, version: int) -> LongTermPlan | None:
    return _with_details(LongTermPlan.objects.filter(forum=forum, version=version)).first()


def long_term_plan_versions(forum) -> QuerySet[LongTermPlan]:
    return (
        LongTermPlan.objects.filter(forum=forum).select_related("created_by").order_by("-version")
    )


def _with_details(plans: QuerySet[LongTermPlan]) -> QuerySet[LongTermPlan]:
    return plans.select_related("created_by").prefetch_related(
        "priorities", Prefetch("frames", queryset=PlanFrame.objects.select_related("scheme"))
    )


# Organisations that sit in forums across counties: UH, KS, PBL and unions.
NATIONAL_KINDS = (
    OrganisationKind.UH,
    OrganisationKind.KS,
    OrganisationKind.PBL,
    OrganisationKind.UNION,
    OrganisationKind.OTHER,
)


def organisations_for(forum):
    """The organisations a forum's member can represent: local ones and national bodies."""
    county_ids = list(forum.counties.values_list("pk", flat=True))
    return (
        Organisation.objects.filter(is_active=True)
        .filter(Q(county_id__in=county_ids) | Q(kind__in=NATIONAL_KINDS))
        .order_by("name")
    )


def municipalities_for(forum) -> QuerySet[Municipality]:
    """The municipalities a kindergarten-authority member of the forum can represent."""
    return Municipality.objects.filter(county__in=forum.counties.all())


def offices_to_create_forums_at(user) -> QuerySet[GovernorOffice]:
    """Every office for the national administrator, her own for a caseworker, else none."""
    if is_national_admin(user):
        return GovernorOffice.objects.all()
    return GovernorOffice.objects.filter(pk__in=caseworker_office_ids(user))
