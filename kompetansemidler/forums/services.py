"""Changing a forum's records. Every change is a named verb that checks its
source state, writes a history event and runs in one transaction.

Services never see the request: views and the API translate HTTP and call
these with the acting user.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kompetansemidler.accounts.models import Representation
from kompetansemidler.accounts.policy import ensure
from kompetansemidler.accounts.separation import check_forum_seat, lock_user
from kompetansemidler.core.workflow import ServiceRefused, Transition, Workflow, locked
from kompetansemidler.history.services import event_record
from kompetansemidler.registry.models import Forum, OrganisationKind

from .composition import forum_composition_findings
from .models import (
    ConflictOfInterest,
    ForumMember,
    ForumScheme,
    LongTermPlan,
    PlanFrame,
    Priority,
)
from .permissions import can_create_forum_at, can_edit_forum
from .selectors import municipalities_for, organisations_for

ERROR_SECRETARIAT_VOTES = _("The secretariat (the state administrator) never has a vote.")
ERROR_AUTHORITY_MUNICIPALITY = _(
    "Choose the municipality whose kindergarten authority is represented."
)
ERROR_MUNICIPALITY_ONLY_AUTHORITY = _(
    "A municipality is given only for a member representing the kindergarten authority."
)
ERROR_ORGANISATION_OUTSIDE = _(
    "%(organisation)s is neither in the forum's counties nor a national organisation."
)
ERROR_MUNICIPALITY_OUTSIDE = _("%(municipality)s is not in the forum's counties.")
ERROR_ORGANISATION_REQUIRED = _("Choose the organisation the member represents.")
ERROR_ORGANISATION_KIND = _("%(organisation)s cannot be represented as %(representation)s.")
ERROR_PERIOD = _("The period cannot end before it starts.")
ERROR_ALREADY_ENDED = _("This membership has already ended.")
ERROR_END_BEFORE_START = _("A membership cannot end before it started.")
ERROR_PLAN_YEARS = _("The plan's last year cannot come before its first year.")
ERROR_PLAN_STALE = _(
    "Someone saved a newer version of the plan (version %(current)s) while you were editing. "
    "Your changes are not saved: compare with the newest version and make them again."
)
ERROR_FRAME_YEAR = _("The frame for %(year)s is outside the plan's period.")
ERROR_PRIORITY_DUPLICATE = _("The priority code %(code)s is used twice.")
ERROR_CONFLICT_NOT_CURRENT = _("Conflicts of interest are declared only for current members.")
ERROR_FORUM_NAME = _("Give the forum's name.")
ERROR_FORUM_NAME_TAKEN = _("%(office)s already has a forum named %(name)s.")
ERROR_FORUM_NO_COUNTY = _("Choose at least one county the forum covers.")
ERROR_FORUM_COUNTY_OFFICE = _(
    "%(county)s is not one of the counties of %(office)s; a forum covers only its office's "
    "counties."
)
ERROR_FORUM_SCHEME_TWICE = _("%(scheme)s is chosen more than once; choose each scheme once.")

# The organisation kinds each representation may name; None: no organisation needed.
REPRESENTED_KINDS = {
    Representation.PUBLIC_OWNER: {
        OrganisationKind.MUNICIPALITY,
        OrganisationKind.COUNTY_MUNICIPALITY,
        OrganisationKind.STATE_OWNER,
    },
    Representation.PRIVATE_OWNER: {OrganisationKind.PRIVATE_OWNER},
    Representation.UH: {OrganisationKind.UH},
    Representation.KS: {OrganisationKind.KS},
    Representation.PBL: {OrganisationKind.PBL},
    Representation.UNION: {OrganisationKind.UNION},
    Representation.KINDERGARTEN_AUTHORITY: None,
    Representation.SECRETARIAT: None,
}

# Membership states, derived from the dates, and the one transition table the verbs read.
ACTIVE, ENDED = "active", "ended"


def member_state(member: ForumMember, *, today: date | None = None) -> str:
    """Ended once a caseworker ended it, or once its fixed period has run out."""
    today = today or timezone.localdate()
    if member.ended_by_id is not None or (member.period_to and member.period_to < today):
        return ENDED
    return ACTIVE


# A membership has no state field: it is read from the end date and who ended it.
MEMBER_WORKFLOW = Workflow(
    refused=ERROR_ALREADY_ENDED,
    state=member_state,
    labels={ACTIVE: _("current"), ENDED: _("ended")},
    transitions={
        "end": Transition((ACTIVE,), ENDED, "forum.member_ended", _("ended")),
        "declare_conflict": Transition(
            (ACTIVE,),
            None,
            "forum.conflict_declared",
            _("declared a conflict of interest"),
            refused=ERROR_CONFLICT_NOT_CURRENT,
        ),
    },
)


def _member_snapshot(member: ForumMember) -> dict:
    return {
        "name": member.name,
        "representation": member.representation,
        "organisation": member.organisation_id,
        "municipality": member.municipality_id,
        "votes": member.votes,
        "is_deputy": member.is_deputy,
        "period_from": member.period_from.isoformat(),
        "period_to": member.period_to.isoformat() if member.period_to else None,
    }


def _composition_codes(forum) -> list[str]:
    return [f.code for f in forum_composition_findings(forum)]


def _validate_member(
    *,
    forum,
    representation,
    organisation,
    municipality,
    votes,
    period_from,
    period_to,
):
    errors: dict[str, str | Promise] = {}
    # The same limits the member form offers, for callers that pass objects
    # of their own (the API takes organisation and municipality numbers).
    if (
        organisation is not None
        and not organisations_for(forum).filter(pk=organisation.pk).exists()
    ):
        errors["organisation"] = ERROR_ORGANISATION_OUTSIDE % {"organisation": organisation.name}
    if (
        municipality is not None
        and not municipalities_for(forum).filter(pk=municipality.pk).exists()
    ):
        errors["municipality"] = ERROR_MUNICIPALITY_OUTSIDE % {"municipality": municipality.name}
    if errors:
        raise ValidationError(errors)
    allowed_kinds = REPRESENTED_KINDS[Representation(representation)]
    if allowed_kinds is not None:
        if organisation is None:
            errors["organisation"] = ERROR_ORGANISATION_REQUIRED
        elif organisation.kind not in allowed_kinds:
            errors["organisation"] = ERROR_ORGANISATION_KIND % {
                "organisation": organisation.name,
                "representation": Representation(representation).label,
            }
    if representation == Representation.KINDERGARTEN_AUTHORITY:
        if municipality is None:
            errors["municipality"] = ERROR_AUTHORITY_MUNICIPALITY
    elif municipality is not None:
        errors["municipality"] = ERROR_MUNICIPALITY_ONLY_AUTHORITY
    if representation == Representation.SECRETARIAT and votes:
        errors["votes"] = ERROR_SECRETARIAT_VOTES
    if period_to is not None and period_to < period_from:
        errors["period_to"] = ERROR_PERIOD
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def forum_member_add(
    *,
    actor,
    forum,
    name: str,
    representation: str,
    period_from: date,
    organisation=None,
    municipality=None,
    user=None,
    votes: bool = True,
    is_deputy: bool = False,
    period_to: date | None = None,
) -> ForumMember:
    """Approve a new member of ``forum``; the actor is the approving caseworker.

    Raises ValidationError (keyed by field) when the member cannot sit as
    described. The event records the composition findings after the change.
    A member linked to a user account is never the approving actor, and a
    caseworker of the forum's office sits only without a vote (checked with
    the account locked, as role grants are).
    """
    if user is not None:
        user = lock_user(user)
    check_forum_seat(actor=actor, user=user, forum=forum, votes=votes)
    _validate_member(
        forum=forum,
        representation=representation,
        organisation=organisation,
        municipality=municipality,
        votes=votes,
        period_from=period_from,
        period_to=period_to,
    )
    member = ForumMember.objects.create(
        forum=forum,
        name=" ".join(name.split()),
        representation=representation,
        organisation=organisation,
        municipality=municipality,
        user=user,
        votes=votes,
        is_deputy=is_deputy,
        period_from=period_from,
        period_to=period_to,
        approved_by=actor,
    )
    event_record(
        actor=actor,
        kind="forum.member_added",
        obj=member,
        summary=f"{member} – {forum}",
        after={**_member_snapshot(member), "composition": _composition_codes(forum)},
        office=forum.office,
    )
    return member


@transaction.atomic
def forum_member_end(*, actor, member: ForumMember, on: date) -> ForumMember:
    """End a membership on the day ``on`` (the member's last day).

    Refused (ServiceRefused) for a membership that has already ended, and for
    a day before it started (on ``period_to``).
    """
    member = locked(member)
    transition = MEMBER_WORKFLOW.check(member, "end")
    if on < member.period_from:
        raise ServiceRefused("end_before_start", ERROR_END_BEFORE_START, field="period_to")
    before = _member_snapshot(member)
    member.period_to = on
    member.ended_by = actor
    member.save(update_fields=["period_to", "ended_by"])
    event_record(
        actor=actor,
        kind=transition.event,
        obj=member,
        summary=f"{member} – {member.forum}",
        before=before,
        after={**_member_snapshot(member), "composition": _composition_codes(member.forum)},
        office=member.forum.office,
    )
    return member


def _set_schemes(forum, schemes) -> tuple[list[str], list[str]]:
    """Make the forum cover exactly ``schemes``; the codes before and after."""
    before = sorted(forum.schemes.values_list("scheme__code", flat=True))
    wanted = {scheme.code: scheme for scheme in schemes}
    after = sorted(wanted)
    if before != after:
        forum.schemes.exclude(scheme__code__in=after).delete()
        for code in set(after) - set(before):
            ForumScheme.objects.create(forum=forum, scheme=wanted[code])
    return before, after


@transaction.atomic
def forum_schemes_set(*, actor, forum, schemes) -> None:
    """Set the schemes (``schemes.Scheme`` rows) the forum covers."""
    before, after = _set_schemes(forum, schemes)
    if before == after:
        return
    event_record(
        actor=actor,
        kind="forum.schemes_changed",
        obj=forum,
        summary=str(forum),
        before={"schemes": before},
        after={"schemes": after, "composition": _composition_codes(forum)},
        office=forum.office,
    )


@transaction.atomic
def conflict_declare(
    *,
    actor,
    member: ForumMember,
    organisation,
    declared_on: date,
    description: str,
) -> ConflictOfInterest:
    """Record that ``member`` has a conflict of interest for ``organisation``."""
    member = locked(member)
    transition = MEMBER_WORKFLOW.check(member, "declare_conflict")
    conflict = ConflictOfInterest.objects.create(
        member=member,
        organisation=organisation,
        declared_on=declared_on,
        description=description.strip(),
        recorded_by=actor,
    )
    event_record(
        actor=actor,
        kind=transition.event,
        obj=member,
        summary=f"{member.name} – {organisation}",
        after={
            "organisation": organisation.pk,
            "declared_on": declared_on.isoformat(),
            "description": conflict.description,
        },
        office=member.forum.office,
        organisation=organisation,
    )
    return conflict


def _plan_snapshot(plan: LongTermPlan) -> dict:
    return {
        "version": plan.version,
        "from_year": plan.from_year,
        "to_year": plan.to_year,
        "adopted_on": plan.adopted_on.isoformat() if plan.adopted_on else None,
        "priorities": [[p.code, p.text] for p in plan.priorities.all()],
        "frames": [[f.year, f.scheme.code, str(f.amount)] for f in plan.frames.all()],
    }


@transaction.atomic
def long_term_plan_save_version(
    *,
    actor,
    forum,
    based_on_version: int | None,
    from_year: int,
    to_year: int,
    adopted_on: date | None = None,
    summary: str = "",
    change_note: str = "",
    priorities: list[tuple[str, str]] | None = None,
    frames: dict[tuple, Decimal] | None = None,
) -> LongTermPlan:
    """Save the forum's long-term plan as a new version; earlier versions stay as they were.

    ``based_on_version`` is the version the editor started from (None for the
    first plan). If someone saved a newer one meanwhile, the save is refused
    (ValidationError) rather than silently overwriting their work.
    ``frames`` maps (year, Scheme) to whole kroner. ``priorities`` and
    ``frames`` left as None are copied from the version
    the new one is based on.
    """
    # Lock the forum row so two saves at once cannot both take the same number.
    locked(forum)
    current = LongTermPlan.objects.filter(forum=forum).aggregate(v=Max("version"))["v"]
    if current != based_on_version:
        raise ValidationError({"__all__": ERROR_PLAN_STALE % {"current": current}})
    if to_year < from_year:
        raise ValidationError({"to_year": ERROR_PLAN_YEARS})
    previous = (
        LongTermPlan.objects.get(forum=forum, version=current) if current is not None else None
    )
    if priorities is None:
        priorities = [(p.code, p.text) for p in previous.priorities.all()] if previous else []
    if frames is None:
        frames = {(f.year, f.scheme): f.amount for f in previous.frames.all()} if previous else {}
    codes = [code for code, _text in priorities]
    for code in codes:
        if codes.count(code) > 1:
            raise ValidationError({"priorities": ERROR_PRIORITY_DUPLICATE % {"code": code}})
    for year, _scheme in frames:
        if not from_year <= year <= to_year:
            raise ValidationError({"frames": ERROR_FRAME_YEAR % {"year": year}})

    plan = LongTermPlan.objects.create(
        forum=forum,
        version=(current or 0) + 1,
        from_year=from_year,
        to_year=to_year,
        adopted_on=adopted_on,
        summary=summary.strip(),
        change_note=change_note.strip(),
        created_by=actor,
    )
    Priority.objects.bulk_create(
        Priority(plan=plan, code=code, text=text, position=index)
        for index, (code, text) in enumerate(priorities)
    )
    PlanFrame.objects.bulk_create(
        PlanFrame(plan=plan, year=year, scheme=scheme, amount=amount)
        for (year, scheme), amount in sorted(frames.items(), key=lambda i: (i[0][0], i[0][1].pk))
    )
    event_record(
        actor=actor,
        kind="forum.plan_version_saved",
        obj=plan,
        summary=str(plan),
        before=_plan_snapshot(previous) if previous else None,
        after=_plan_snapshot(plan),
        office=forum.office,
    )
    return plan


def _forum_snapshot(forum) -> dict:
    return {
        "name": forum.name,
        "office": forum.office.slug,
        "counties": sorted(forum.counties.values_list("number", flat=True)),
        "schemes": sorted(forum.schemes.values_list("scheme__code", flat=True)),
    }


def _validate_forum(*, office, name: str, counties, schemes, exclude_pk=None) -> None:
    """Every problem with a forum's name, counties and schemes at once (ValidationError)."""
    errors: dict[str, list[str | Promise]] = {}
    if not name:
        errors["name"] = [ERROR_FORUM_NAME]
    elif Forum.objects.filter(office=office, name__iexact=name).exclude(pk=exclude_pk).exists():
        errors["name"] = [ERROR_FORUM_NAME_TAKEN % {"office": office, "name": name}]
    if not counties:
        errors["counties"] = [ERROR_FORUM_NO_COUNTY]
    for county in counties:
        if county.office_id != office.pk:
            errors.setdefault("counties", []).append(
                ERROR_FORUM_COUNTY_OFFICE % {"county": county.name, "office": office}
            )
    codes = [scheme.code for scheme in schemes]
    for code in sorted({code for code in codes if codes.count(code) > 1}):
        scheme = next(s for s in schemes if s.code == code)
        errors.setdefault("schemes", []).append(ERROR_FORUM_SCHEME_TWICE % {"scheme": scheme})
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def forum_create(*, actor, office, name: str, counties, schemes=()) -> Forum:
    """Create a collaboration forum of ``office`` covering ``counties`` and ``schemes``.

    Raises PermissionDenied unless the actor is a caseworker of ``office`` or
    the national administrator, and ValidationError (keyed by field) for an
    empty or already used name, no county, a county of another office, or a
    scheme given twice.
    """
    ensure(can_create_forum_at(actor, office))
    name = " ".join((name or "").split())
    counties, schemes = list(counties), list(schemes)
    _validate_forum(office=office, name=name, counties=counties, schemes=schemes)
    forum = Forum.objects.create(name=name, office=office)
    forum.counties.set(counties)
    _set_schemes(forum, schemes)
    event_record(
        actor=actor,
        kind="forum.created",
        obj=forum,
        summary=str(forum),
        after={**_forum_snapshot(forum), "composition": _composition_codes(forum)},
        office=office,
    )
    return forum


@transaction.atomic
def forum_change(*, actor, forum, name: str, counties, schemes) -> Forum:
    """Change the forum's name, counties and schemes; its office never changes.

    Refused as ``forum_create`` is; an edit that changes nothing records nothing.
    """
    forum = locked(forum, "office")
    ensure(can_edit_forum(actor, forum))
    name = " ".join((name or "").split())
    counties, schemes = list(counties), list(schemes)
    _validate_forum(
        office=forum.office, name=name, counties=counties, schemes=schemes, exclude_pk=forum.pk
    )
    before = _forum_snapshot(forum)
    forum.name = name
    forum.save(update_fields=["name"])
    forum.counties.set(counties)
    _set_schemes(forum, schemes)
    after = _forum_snapshot(forum)
    if after == before:
        return forum
    event_record(
        actor=actor,
        kind="forum.changed",
        obj=forum,
        summary=str(forum),
        before=before,
        after={**after, "composition": _composition_codes(forum)},
        office=forum.office,
    )
    return forum
