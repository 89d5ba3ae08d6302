"""Forums in the JSON API, at /api/forums/: the same scoped reads as the pages,
member changes through the same services, and the same composition findings."""

from datetime import date

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from kompetansemidler.accounts.models import Representation
from kompetansemidler.accounts.policy import ensure
from kompetansemidler.api.auth import idempotent_write
from kompetansemidler.api.errors import REFUSALS, WRITES, with_errors
from kompetansemidler.registry.models import Forum, Municipality, Organisation
from kompetansemidler.schemes.messages import finding_text

from . import services
from .composition import forum_composition_findings
from .models import ForumMember
from .permissions import can_manage_members, can_view_forum, can_view_forums
from .selectors import (
    forum_conflicts,
    forum_members,
    forums_visible_to,
    long_term_plan_current,
    long_term_plan_versions,
)

PREFIX = "forums"
router = Router(tags=["forums"])


class ForumOut(Schema):
    id: int
    name: str
    office: str
    counties: list[str]
    schemes: list[str]
    is_active: bool


class FindingOut(Schema):
    code: str
    severity: str
    message: str
    target: str


class MemberOut(Schema):
    id: int
    name: str
    representation: str
    organisation_number: str | None
    municipality_number: str | None
    votes: bool
    is_deputy: bool
    period_from: date
    period_to: date | None


class ConflictOut(Schema):
    member_id: int
    organisation_number: str
    declared_on: date
    description: str


class ForumDetailOut(ForumOut):
    composition: list[FindingOut]
    members: list[MemberOut]
    conflicts: list[ConflictOut]


class PriorityOut(Schema):
    code: str
    text: str


class FrameOut(Schema):
    year: int
    scheme: str
    amount: int


class PlanOut(Schema):
    version: int
    from_year: int
    to_year: int
    adopted_on: date | None
    summary: str
    change_note: str
    priorities: list[PriorityOut]
    frames: list[FrameOut]


class PlanVersionOut(Schema):
    version: int
    from_year: int
    to_year: int
    change_note: str


class MemberIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    representation: Representation
    organisation_number: str | None = Field(None, pattern=r"^[0-9]{9}$")
    municipality_number: str | None = Field(None, pattern=r"^[0-9]{4}$")
    votes: bool = True
    is_deputy: bool = False
    period_from: date
    period_to: date | None = None


class MemberEndIn(Schema):
    on: date


def _forum_out(forum) -> dict:
    return {
        "id": forum.pk,
        "name": forum.name,
        "office": forum.office.slug,
        "counties": [c.number for c in forum.counties.all()],
        "schemes": [s.scheme.code for s in forum.schemes.all()],
        "is_active": forum.is_active,
    }


def _member_out(member) -> dict:
    return {
        "id": member.pk,
        "name": member.name,
        "representation": member.representation,
        "organisation_number": member.organisation.organisation_number
        if member.organisation
        else None,
        "municipality_number": member.municipality.number if member.municipality else None,
        "votes": member.votes,
        "is_deputy": member.is_deputy,
        "period_from": member.period_from,
        "period_to": member.period_to,
    }


def _invalid(error: ValidationError):
    return 422, {
        "detail": " ".join(error.messages),
        "code": "invalid",
        "errors": [
            {"loc": ["body", field], "msg": message, "type": "value_error"}
            for field, messages in error.message_dict.items()
            for message in messages
        ],
    }


def _visible_forum(user, forum_id: int):
    forum = get_object_or_404(Forum.objects.select_related("office"), pk=forum_id)
    ensure(can_view_forum(user, forum))
    return forum


@router.get("/", response=with_errors({200: list[ForumOut]}), url_name="forums_list")
def list_forums(request):
    """The forums the user may see."""
    ensure(can_view_forums(request.auth))
    return [_forum_out(f) for f in forums_visible_to(request.auth).order_by("name")]


@router.get(
    "/{forum_id}", response=with_errors({200: ForumDetailOut}, 404), url_name="forums_detail"
)
def forum_detail(request, forum_id: int):
    """One forum with its composition findings, current members and declared conflicts."""
    forum = _visible_forum(request.auth, forum_id)
    return {
        **_forum_out(forum),
        "composition": [
            {
                "code": f.code,
                "severity": f.severity.value,
                "message": finding_text(f),
                "target": f.target,
            }
            for f in forum_composition_findings(forum)
        ],
        "members": [_member_out(m) for m in forum_members(forum)],
        "conflicts": [
            {
                "member_id": c.member_id,
                "organisation_number": c.organisation.organisation_number,
                "declared_on": c.declared_on,
                "description": c.description,
            }
            for c in forum_conflicts(forum)
        ],
    }


@router.post(
    "/{forum_id}/members",
    response=with_errors({201: MemberOut}, 404, *WRITES),
    url_name="forums_member_add",
)
@idempotent_write
def member_add(request, forum_id: int, payload: MemberIn):
    """Approve a new member (caseworkers of the forum's office)."""
    forum = _visible_forum(request.auth, forum_id)
    ensure(can_manage_members(request.auth, forum))
    organisation = municipality = None
    if payload.organisation_number:
        organisation = get_object_or_404(
            Organisation, organisation_number=payload.organisation_number
        )
    if payload.municipality_number:
        municipality = get_object_or_404(Municipality, number=payload.municipality_number)
    try:
        member = services.forum_member_add(
            actor=request.auth,
            forum=forum,
            name=payload.name,
            representation=payload.representation,
            organisation=organisation,
            municipality=municipality,
            votes=payload.votes,
            is_deputy=payload.is_deputy,
            period_from=payload.period_from,
            period_to=payload.period_to,
        )
    except ValidationError as error:
        return _invalid(error)
    return 201, _member_out(member)


@router.post(
    "/members/{member_id}/end",
    response=with_errors({200: MemberOut}, 404, *REFUSALS, *WRITES),
    url_name="forums_member_end",
)
@idempotent_write
def member_end(request, member_id: int, payload: MemberEndIn):
    """End a membership on the given day (its last day)."""
    member = get_object_or_404(ForumMember.objects.select_related("forum"), pk=member_id)
    ensure(can_view_forum(request.auth, member.forum))
    ensure(can_manage_members(request.auth, member.forum))
    member = services.forum_member_end(actor=request.auth, member=member, on=payload.on)
    return 200, _member_out(member)


def _plan_out(plan) -> dict:
    return {
        "version": plan.version,
        "from_year": plan.from_year,
        "to_year": plan.to_year,
        "adopted_on": plan.adopted_on,
        "summary": plan.summary,
        "change_note": plan.change_note,
        "priorities": [{"code": p.code, "text": p.text} for p in plan.priorities.all()],
        "frames": [
            {"year": f.year, "scheme": f.scheme.code, "amount": int(f.amount)}
            for f in plan.frames.all()
        ],
    }


@router.get("/{forum_id}/plan", response=with_errors({200: PlanOut}, 404), url_name="forums_plan")
def plan(request, forum_id: int):
    """The long-term plan in force (its newest version); 404 when the forum has none."""
    forum = _visible_forum(request.auth, forum_id)
    current = long_term_plan_current(forum)
    if current is None:
        return 404, {"detail": _("The forum has no long-term plan yet."), "code": "not_found"}
    return 200, _plan_out(current)


@router.get(
    "/{forum_id}/plan/versions",
    response=with_errors({200: list[PlanVersionOut]}, 404),
    url_name="forums_plan_versions",
)
def plan_versions(request, forum_id: int):
    """Every version of the long-term plan, newest first."""
    forum = _visible_forum(request.auth, forum_id)
    return [
        {
            "version": p.version,
            "from_year": p.from_year,
            "to_year": p.to_year,
            "change_note": p.change_note,
        }
        for p in long_term_plan_versions(forum)
    ]
