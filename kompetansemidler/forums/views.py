"""Forum pages. Views translate HTTP: fetch through a scoped selector, check
the permission, call one service, render."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kompetansemidler.accounts.policy import ensure, permission_required
from kompetansemidler.core.idempotency import idempotent
from kompetansemidler.core.workflow import ServiceRefused, refusal_to_form
from kompetansemidler.registry.models import Forum, GovernorOffice
from kompetansemidler.schemes.messages import finding_text

from . import services
from .composition import forum_composition_findings
from .forms import (
    ConflictForm,
    ForumForm,
    FrameFormSet,
    MemberEndForm,
    MemberForm,
    PlanForm,
    PriorityFormSet,
    SchemesForm,
)
from .models import ForumMember
from .permissions import (
    can_create_forums,
    can_declare_conflict,
    can_edit_forum,
    can_edit_plan,
    can_manage_members,
    can_view_forum,
    can_view_forums,
)
from .selectors import (
    forum_conflicts,
    forum_former_members,
    forum_members,
    forums_visible_to,
    long_term_plan_current,
    long_term_plan_version,
    long_term_plan_versions,
    offices_to_create_forums_at,
)


def _forum(user, pk):
    # Fetched unscoped so that a forum of another office answers 403 with its
    # reason rather than 404; the check right after decides.
    forum = get_object_or_404(Forum.objects.select_related("office"), pk=pk)
    ensure(can_view_forum(user, forum))
    return forum


def _member(user, pk):
    member = get_object_or_404(ForumMember.objects.select_related("forum__office"), pk=pk)
    ensure(can_view_forum(user, member.forum))
    return member


def _add_errors(form, error: ValidationError):
    for field, messages_ in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages_)


def error_forms(*forms) -> list:
    """The forms (formsets' forms included) that have errors, for the error summary."""
    found = []
    for form in forms:
        members = form.forms if hasattr(form, "forms") else [form]
        found.extend(f for f in members if f.errors)
    return found


def findings_for_display(findings):
    return [
        {
            "code": f.code,
            "severity": f.severity.value,
            "is_error": f.is_error,
            "text": finding_text(f),
            "target": f.target,
        }
        for f in findings
    ]


@permission_required(can_view_forums)
def forum_list(request):
    forums = forums_visible_to(request.user).order_by("name")
    return render(
        request,
        "forums/forum_list.html",
        {"forums": forums, "can_create": can_create_forums(request.user).allowed},
    )


@permission_required(can_view_forums)
def forum_detail(request, pk):
    forum = _forum(request.user, pk)
    findings = forum_composition_findings(forum)
    return render(
        request,
        "forums/forum_detail.html",
        {
            "forum": forum,
            "members": forum_members(forum),
            "former_members": forum_former_members(forum),
            "conflicts": forum_conflicts(forum),
            "findings": findings_for_display(findings),
            "plan": long_term_plan_current(forum),
            "can_manage": can_manage_members(request.user, forum).allowed,
            "can_edit": can_edit_forum(request.user, forum).allowed,
            "schemes_form": SchemesForm(
                initial={"schemes": list(forum.schemes.values_list("scheme_id", flat=True))}
            ),
        },
    )


@permission_required(can_view_forums)
def forum_schemes(request, pk):
    forum = _forum(request.user, pk)
    ensure(can_edit_forum(request.user, forum))
    if request.method != "POST":
        return redirect("forums:detail", pk=forum.pk)
    form = SchemesForm(request.POST)
    if form.is_valid():
        services.forum_schemes_set(
            actor=request.user, forum=forum, schemes=form.cleaned_data["schemes"]
        )
        messages.success(request, _("The schemes the forum covers are saved."))
    else:
        messages.error(request, _("Choose among the listed schemes."))
    return redirect("forums:detail", pk=forum.pk)


@permission_required(can_create_forums)
@idempotent
def forum_create(request):
    form = ForumForm(request.POST or None, offices=offices_to_create_forums_at(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            forum = services.forum_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("%(name)s is created.") % {"name": forum.name})
            return redirect("forums:detail", pk=forum.pk)
    return render(
        request,
        "forums/forum_form.html",
        {"form": form, "forum": None, "error_forms": error_forms(form)},
    )


@permission_required(can_view_forums)
def forum_edit(request, pk):
    forum = _forum(request.user, pk)
    ensure(can_edit_forum(request.user, forum))
    initial = {
        "office": forum.office_id,
        "name": forum.name,
        "counties": list(forum.counties.values_list("pk", flat=True)),
        "schemes": list(forum.schemes.values_list("scheme_id", flat=True)),
    }
    form = ForumForm(
        request.POST or None,
        initial=initial,
        offices=GovernorOffice.objects.filter(pk=forum.office_id),
    )
    if request.method == "POST" and form.is_valid():
        cleaned = form.cleaned_data
        try:
            services.forum_change(
                actor=request.user,
                forum=forum,
                name=cleaned["name"],
                counties=cleaned["counties"],
                schemes=cleaned["schemes"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The changes to the forum are saved."))
            return redirect("forums:detail", pk=forum.pk)
    return render(
        request,
        "forums/forum_form.html",
        {"form": form, "forum": forum, "error_forms": error_forms(form)},
    )


@permission_required(can_view_forums)
@idempotent
def member_add(request, pk):
    forum = _forum(request.user, pk)
    ensure(can_manage_members(request.user, forum))
    form = MemberForm(request.POST or None, forum=forum)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.forum_member_add(actor=request.user, forum=forum, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("%(name)s is added to the forum.") % {"name": member.name})
            return redirect("forums:detail", pk=forum.pk)
    return render(
        request,
        "forums/member_form.html",
        {
            "forum": forum,
            "form": form,
            "error_forms": error_forms(form),
        },
    )


@permission_required(can_view_forums)
def member_detail(request, pk):
    member = _member(request.user, pk)
    return render(
        request,
        "forums/member_detail.html",
        {
            "member": member,
            "forum": member.forum,
            "conflicts": member.conflicts.select_related("organisation"),
            "can_manage": can_manage_members(request.user, member.forum).allowed,
            "can_declare": can_declare_conflict(request.user, member).allowed,
            "is_current": "end" in services.MEMBER_WORKFLOW.allowed(member),
        },
    )


@permission_required(can_view_forums)
def member_end(request, pk):
    member = _member(request.user, pk)
    ensure(can_manage_members(request.user, member.forum))
    form = MemberEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.forum_member_end(actor=request.user, member=member, on=form.cleaned_data["on"])
        except ServiceRefused as refused:
            refusal_to_form(form, refused, {"period_to": "on"})
        else:
            messages.success(
                request, _("The membership of %(name)s is ended.") % {"name": member.name}
            )
            return redirect("forums:detail", pk=member.forum_id)
    return render(
        request,
        "forums/member_end.html",
        {
            "member": member,
            "forum": member.forum,
            "form": form,
            "error_forms": error_forms(form),
        },
    )


@permission_required(can_view_forums)
def conflict_add(request, pk):
    member = _member(request.user, pk)
    ensure(can_declare_conflict(request.user, member))
    form = ConflictForm(request.POST or None, forum=member.forum)
    if request.method == "POST" and form.is_valid():
        try:
            services.conflict_declare(actor=request.user, member=member, **form.cleaned_data)
        except ServiceRefused as refused:
            refusal_to_form(form, refused)
        else:
            messages.success(request, _("The conflict of interest is recorded."))
            return redirect("forums:member_detail", pk=member.pk)
    return render(
        request,
        "forums/conflict_form.html",
        {
            "member": member,
            "forum": member.forum,
            "form": form,
            "error_forms": error_forms(form),
        },
    )


def _plan_context(request, forum, plan):
    frames_by_year = {}
    for frame in plan.frames.all():
        frames_by_year.setdefault(frame.year, []).append(frame)
    return {
        "forum": forum,
        "plan": plan,
        "frames_by_year": sorted(frames_by_year.items()),
        "is_current": plan.version
        == long_term_plan_versions(forum).values_list("version", flat=True).first(),
        "can_edit": can_edit_plan(request.user, forum).allowed,
    }


@permission_required(can_view_forums)
def plan_detail(request, pk):
    forum = _forum(request.user, pk)
    plan = long_term_plan_current(forum)
    if plan is None:
        return render(
            request,
            "forums/plan_missing.html",
            {
                "forum": forum,
                "can_edit": can_edit_plan(request.user, forum).allowed,
            },
        )
    return render(request, "forums/plan_detail.html", _plan_context(request, forum, plan))


@permission_required(can_view_forums)
def plan_version(request, pk, version):
    forum = _forum(request.user, pk)
    plan = long_term_plan_version(forum, version)
    if plan is None:
        raise Http404
    return render(request, "forums/plan_detail.html", _plan_context(request, forum, plan))


@permission_required(can_view_forums)
def plan_history(request, pk):
    forum = _forum(request.user, pk)
    return render(
        request,
        "forums/plan_history.html",
        {
            "forum": forum,
            "versions": long_term_plan_versions(forum),
        },
    )


def _initial_from(plan):
    if plan is None:
        return {}, [], []
    initial = {
        "based_on_version": plan.version,
        "from_year": plan.from_year,
        "to_year": plan.to_year,
        "adopted_on": plan.adopted_on,
        "summary": plan.summary,
    }
    priorities = [{"code": p.code, "text": p.text} for p in plan.priorities.all()]
    frames = [{"year": f.year, "scheme": f.scheme, "amount": f.amount} for f in plan.frames.all()]
    return initial, priorities, frames


@permission_required(can_view_forums)
def plan_edit(request, pk):
    """Edit the plan as a new version; the form starts as a copy of the newest one."""
    forum = _forum(request.user, pk)
    ensure(can_edit_plan(request.user, forum))
    current = long_term_plan_current(forum)
    initial, priority_rows, frame_rows = _initial_from(current)
    data = request.POST if request.method == "POST" else None
    form = PlanForm(data, initial=initial)
    priority_forms = PriorityFormSet(data, initial=priority_rows, prefix="priority")
    frame_forms = FrameFormSet(data, initial=frame_rows, prefix="frame")
    all_valid = form.is_valid() & priority_forms.is_valid() & frame_forms.is_valid()
    if data is not None and all_valid:
        cleaned = form.cleaned_data
        try:
            plan = services.long_term_plan_save_version(
                actor=request.user,
                forum=forum,
                based_on_version=cleaned["based_on_version"],
                from_year=cleaned["from_year"],
                to_year=cleaned["to_year"],
                adopted_on=cleaned["adopted_on"],
                summary=cleaned["summary"],
                change_note=cleaned["change_note"],
                priorities=[
                    (row["code"], row["text"])
                    for row in priority_forms.cleaned_data
                    if row.get("code")
                ],
                frames={
                    (row["year"], row["scheme"]): row["amount"]
                    for row in frame_forms.cleaned_data
                    if row.get("scheme")
                },
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("Version %(version)s of the long-term plan is saved.")
                % {"version": plan.version},
            )
            return redirect("forums:plan", pk=forum.pk)
    return render(
        request,
        "forums/plan_form.html",
        {
            "forum": forum,
            "form": form,
            "priority_forms": priority_forms,
            "frame_forms": frame_forms,
            "current": current,
            "error_forms": error_forms(form, priority_forms, frame_forms)
            if data is not None
            else [],
        },
    )
