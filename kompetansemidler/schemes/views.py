"""Pages for schemes, rule sets and funding rounds. Views translate HTTP:
they check permission, read the form, call one service and render."""

import datetime
from decimal import Decimal

from django.contrib import messages
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kompetansemidler.accounts.policy import (
    caseworker_office_ids,
    ensure,
    is_national_admin,
    permission_required,
)
from kompetansemidler.core.access import visible_or_403
from kompetansemidler.core.exports import export_response
from kompetansemidler.core.idempotency import idempotent
from kompetansemidler.core.paging import paginate
from kompetansemidler.core.workflow import ServiceRefused, refusal_to_form
from kompetansemidler.history.models import Event
from kompetansemidler.registry.models import GovernorOffice
from kompetansemidler.rules import RuleSetParameters

from . import services
from .columns import ROUND_COLUMNS
from .extensions import round_figures, round_panels
from .forms import (
    FIELD_OF_TARGET,
    AllocationEntryForm,
    CommitmentForm,
    RoundCreateForm,
    RoundDeadlinesForm,
    RoundFilterForm,
    RuleSetCreateForm,
    RuleSetForm,
    SetAsideCorrectForm,
    SetAsideForm,
    SetAsideWithdrawForm,
    category_choices,
)
from .labels import RECIPIENT_KIND_LABELS, TARGET_GROUP_LABELS, category_label
from .messages import finding_text
from .models import Allocation, Round, RuleSet, Scheme, SetAside
from .permissions import (
    REASON_SET_ASIDES,
    can_enter_allocations,
    can_manage_round,
    can_manage_rule_sets,
    can_open_round,
    can_view_allocations,
    can_view_round,
    can_view_rounds,
    can_view_schemes,
    can_view_set_asides,
)
from .selectors import (
    allocations_visible_to,
    committed_items,
    round_office_scope,
    rounds_visible_to,
    rule_set_latest,
    schemes_with_rule_sets,
)
from .workflow import transitions_from

ROUND_PAGE_SIZE = 50


@permission_required(can_view_schemes)
def index(request):
    return render(
        request,
        "schemes/index.html",
        {
            "schemes": schemes_with_rule_sets(),
            "can_manage": can_manage_rule_sets(request.user).allowed,
        },
    )


def _parameter_rows(rule_set: RuleSet) -> tuple[list[tuple[str, str]], list[str]]:
    """The parameters as (label, value) rows, or the problems if they do not parse."""
    params, findings = RuleSetParameters.from_dict(rule_set.parameters)
    if params is None:
        return [], [finding_text(f) for f in findings]
    yes, no = _("Yes"), _("No")
    categories = {c.code: category_label(c) for c in params.earmarked_categories}

    def share(value):
        return (
            _("%(percent)s %%") % {"percent": (value * 100).normalize() + 0}
            if value is not None
            else _("Not used")
        )

    rows = [
        (_("Earmark cap"), share(params.earmark_cap_share)),
        (_("Earmarked categories"), ", ".join(categories.values()) or _("None")),
        (
            _("Individual further education fundable under"),
            ", ".join(categories.get(c, c) for c in params.individual_further_education_categories)
            or _("Never"),
        ),
        (
            _("Categories without a UH partnership (criterion C3)"),
            ", ".join(categories.get(c, c) for c in params.partner_exempt_categories) or _("None"),
        ),
        (_("Co-financing (share of the grant)"), share(params.co_financing_share)),
        (
            _("Who may receive grants"),
            ", ".join(
                str(RECIPIENT_KIND_LABELS.get(k, k)) for k in params.eligible_recipient_kinds
            ),
        ),
        (
            _("Partners a measure needs (one of)"),
            ", ".join(str(RECIPIENT_KIND_LABELS.get(k, k)) for k in params.eligible_partner_kinds),
        ),
        (
            _("Target groups"),
            ", ".join(str(TARGET_GROUP_LABELS.get(k, k)) for k in params.target_groups),
        ),
        (
            _("Longest duration of a measure"),
            _("%(years)s years") % {"years": params.max_duration_years},
        ),
        (
            _("Kindergarten authority represented in the forum"),
            yes if params.requires_kindergarten_authority else no,
        ),
        (_("Coordinator function allowed"), yes if params.coordinator_allowed else no),
        (
            _("Repayments reused in the office's round"),
            yes if params.repayments_reusable else no,
        ),
        (
            _("Measures should include the team around the child"),
            yes if params.team_around_child else no,
        ),
        (
            _("Budget chapter and post"),
            f"{params.budget_chapter}.{params.budget_post}"
            if params.budget_chapter
            else _("Not entered"),
        ),
        (
            _("Recipients with a right to appeal"),
            ", ".join(str(RECIPIENT_KIND_LABELS.get(k, k)) for k in params.appeal_right_kinds)
            or _("None"),
        ),
    ]
    return rows, []


@permission_required(can_view_schemes)
def rule_set_detail(request, pk):
    rule_set = get_object_or_404(RuleSet.objects.select_related("scheme", "updated_by"), pk=pk)
    rows, problems = _parameter_rows(rule_set)
    return render(
        request,
        "schemes/rule_set_detail.html",
        {
            "rule_set": rule_set,
            "rows": rows,
            "problems": problems,
            "events": Event.objects.for_object(rule_set).select_related("actor")[:20],
            "can_manage": can_manage_rule_sets(request.user).allowed,
        },
    )


@permission_required(can_manage_rule_sets)
def rule_set_edit(request, pk):
    rule_set = get_object_or_404(RuleSet.objects.select_related("scheme"), pk=pk)
    if request.method == "POST":
        form = RuleSetForm(request.POST)
        if form.is_valid():
            try:
                services.rule_set_update(
                    actor=request.user,
                    rule_set=rule_set,
                    parameters=form.parameters,
                    valid_from=form.cleaned_data["valid_from"],
                    notes=form.cleaned_data["notes"],
                )
            except ServiceRefused as refused:
                refusal_to_form(form, refused, FIELD_OF_TARGET)
            else:
                messages.success(request, _("The rule set %(name)s is saved.") % {"name": rule_set})
                return redirect("schemes:rule_set_detail", pk=rule_set.pk)
    else:
        form = RuleSetForm(
            initial=RuleSetForm.initial_from(
                rule_set.parameters, valid_from=rule_set.valid_from, notes=rule_set.notes
            )
        )
    status = 400 if form.errors else 200
    return render(
        request,
        "schemes/rule_set_form.html",
        {
            "form": form,
            "rule_set": rule_set,
            "title": _("Edit the rule set %(name)s") % {"name": rule_set},
        },
        status=status,
    )


@permission_required(can_manage_rule_sets)
def rule_set_create(request):
    if request.method == "POST":
        form = RuleSetCreateForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                rule_set = services.rule_set_create(
                    actor=request.user,
                    scheme=data["scheme"],
                    year=data["year"],
                    parameters=form.parameters,
                    valid_from=data["valid_from"],
                    notes=data["notes"],
                )
            except ServiceRefused as refused:
                refusal_to_form(form, refused, FIELD_OF_TARGET)
            else:
                messages.success(
                    request, _("The rule set %(name)s is created.") % {"name": rule_set}
                )
                return redirect("schemes:rule_set_detail", pk=rule_set.pk)
    else:
        scheme = (
            Scheme.objects.filter(code=request.GET.get("scheme", "")).first()
            or Scheme.objects.first()
        )
        previous = rule_set_latest(scheme) if scheme else None
        year = previous.year + 1 if previous else datetime.date.today().year
        form = RuleSetCreateForm(
            initial=RuleSetForm.initial_from(
                previous.parameters if previous else {},
                scheme=scheme,
                year=year,
                valid_from=datetime.date(year, 1, 1),
                notes="",
            )
        )
    status = 400 if form.errors else 200
    return render(
        request,
        "schemes/rule_set_form.html",
        {
            "form": form,
            "rule_set": None,
            "title": _("New rule set"),
        },
        status=status,
    )


def _round_filter(request):
    form = RoundFilterForm(request.GET or None)
    rounds = rounds_visible_to(request.user).order_by("-year", "scheme_id", "office__name")
    if form.is_bound and form.is_valid():
        rounds = form.filter(rounds)
    elif form.is_bound:
        rounds = rounds.none()
    return form, rounds


@permission_required(can_view_rounds)
def round_list(request):
    form, rounds = _round_filter(request)
    paging = paginate(request, rounds, ROUND_PAGE_SIZE)
    return render(
        request,
        "schemes/round_list.html",
        {
            "form": form,
            "paging": paging,
            "page": paging.page,
            "can_open": can_open_round(request.user).allowed,
        },
        status=400 if form.errors else 200,
    )


@permission_required(can_view_rounds)
def round_export(request, fmt):
    form, rounds = _round_filter(request)
    if form.errors:
        return round_list(request)
    return export_response(
        rows=list(rounds),
        columns=ROUND_COLUMNS,
        fmt=fmt,
        filename="tildelingsrunder",
        sheet_title=_("Funding rounds"),
    )


def _chosen_allocation(request, offices) -> Allocation | None:
    """The allocation the round is opened for (``?allocation=``), if it is one of the
    user's offices' allocations; anything else opens the plain form."""
    pk = request.GET.get("allocation", "")
    if not pk.isdigit():
        return None
    return (
        allocations_visible_to(request.user)
        .filter(office__in=offices, pk=int(pk))
        .select_related("office", "scheme")
        .first()
    )


@permission_required(can_open_round)
def round_create(request):
    offices = GovernorOffice.objects.filter(id__in=caseworker_office_ids(request.user))
    allocation = _chosen_allocation(request, offices)
    if request.method == "POST":
        form = RoundCreateForm(request.POST, offices=offices, allocation=allocation)
        if form.is_valid():
            data = form.cleaned_data
            try:
                round_ = services.round_create(actor=request.user, **data)
            except ServiceRefused as refused:
                refusal_to_form(form, refused)
            else:
                messages.success(request, _("The round %(name)s is opened.") % {"name": round_})
                return redirect("schemes:round_detail", pk=round_.pk)
    else:
        year = datetime.date.today().year + 1
        form = RoundCreateForm(
            offices=offices,
            allocation=allocation,
            initial={
                "year": year,
                "needs_deadline": datetime.date(year - 1, 11, 1),
                "recommendation_deadline": datetime.date(year - 1, 12, 15),
                "decision_deadline": datetime.date(year, 2, 1),
                "annual_report_deadline": datetime.date(year + 1, 3, 1),
            },
        )
    # Udir's allocations without a round yet: opening one takes its frame from them.
    allocations = (
        allocations_visible_to(request.user)
        .filter(office__in=offices)
        .exclude(
            Exists(
                Round.objects.filter(
                    office=OuterRef("office"), scheme=OuterRef("scheme"), year=OuterRef("year")
                )
            )
        )
        .order_by("year", "scheme_id")
    )
    return render(
        request,
        "schemes/round_form.html",
        {"form": form, "allocations": allocations, "allocation": allocation},
        status=400 if form.errors else 200,
    )


def _visible_round(request, pk):
    """The round, if the user may read it: 404 if none, 403 with the reason if not theirs."""
    round_ = get_object_or_404(Round.objects.only("id", "office_id"), pk=pk)
    ensure(can_view_round(request.user, round_, round_office_scope(request.user)))
    return rounds_visible_to(request.user).get(pk=pk)


def _with_category_labels(commitments, round_) -> list:
    labels = dict(category_choices(round_.rule_set))
    return [
        (commitment, labels.get(commitment.category, commitment.category))
        for commitment in commitments
    ]


@permission_required(can_view_rounds)
def round_detail(request, pk, commitment_form=None):
    round_ = _visible_round(request, pk)
    manage = can_manage_round(request.user, round_).allowed
    events = []
    if manage or is_national_admin(request.user):
        events = Event.objects.for_object(round_).select_related("actor")[:30]
    return render(
        request,
        "schemes/round_detail.html",
        {
            "round": round_,
            "commitments": _with_category_labels(committed_items(round_), round_),
            "figures": round_figures(round_, request.user),
            "panels": round_panels(round_, request.user),
            "can_manage": manage,
            "transitions": transitions_from(round_.phase) if manage else [],
            "commitment_form": commitment_form or CommitmentForm(rule_set=round_.rule_set),
            "events": events,
            "can_view_set_asides": can_view_set_asides(request.user, round_).allowed,
            "allocation": allocations_visible_to(request.user)
            .filter(office=round_.office_id, scheme=round_.scheme_id, year=round_.year)
            .first(),
        },
        status=400 if commitment_form is not None else 200,
    )


@permission_required(can_view_rounds)
@idempotent
def round_deadlines_edit(request, pk):
    """Correct the round's deadlines after it is opened: its own office's caseworkers."""
    round_ = _visible_round(request, pk)
    ensure(can_manage_round(request.user, round_))
    if request.method == "POST":
        form = RoundDeadlinesForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            reason = data.pop("reason")
            try:
                services.round_deadlines_correct(
                    actor=request.user, round=round_, deadlines=data, reason=reason
                )
            except ServiceRefused as refused:
                refusal_to_form(form, refused)
            else:
                messages.success(request, _("The deadlines are corrected."))
                return redirect("schemes:round_detail", pk=round_.pk)
    else:
        form = RoundDeadlinesForm(
            initial={name: getattr(round_, name) for name in services.DEADLINE_FIELDS}
        )
    return render(
        request,
        "schemes/round_deadlines_form.html",
        {"form": form, "round": round_},
        status=400 if form.errors else 200,
    )


@require_POST
@permission_required(can_view_rounds)
def round_transition(request, pk, verb):
    round_ = _visible_round(request, pk)
    ensure(can_manage_round(request.user, round_))
    if verb not in services.ROUND_SERVICES:
        raise Http404
    try:
        services.ROUND_SERVICES[verb](actor=request.user, round=round_)
    except ServiceRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(
            request,
            _("The round is now in the phase “%(phase)s”.") % {"phase": round_.get_phase_display()},
        )
    return redirect("schemes:round_detail", pk=round_.pk)


@require_POST
@permission_required(can_view_rounds)
def commitment_create(request, pk):
    round_ = _visible_round(request, pk)
    ensure(can_manage_round(request.user, round_))
    form = CommitmentForm(request.POST, rule_set=round_.rule_set)
    if form.is_valid():
        try:
            services.commitment_add(actor=request.user, round=round_, **form.cleaned_data)
        except ServiceRefused as refused:
            refusal_to_form(form, refused)
        else:
            messages.success(request, _("The commitment is registered."))
            return redirect("schemes:round_detail", pk=round_.pk)
    return round_detail(request, pk, commitment_form=form)


# --- set-asides ---------------------------------------------------------------------------


def _set_aside_page(request, round_, *, form=None, status=200):
    manage = can_manage_round(request.user, round_).allowed
    labels = dict(category_choices(round_.rule_set))
    rows = [
        (set_aside, labels.get(set_aside.category, set_aside.category))
        for set_aside in round_.set_asides.order_by("withdrawn_at", "id")
    ]
    return render(
        request,
        "schemes/set_aside_list.html",
        {
            "round": round_,
            "rows": rows,
            "can_manage": manage,
            "form": form or (SetAsideForm(rule_set=round_.rule_set) if manage else None),
        },
        status=status,
    )


@permission_required(can_view_rounds)
@idempotent
def set_aside_list(request, pk):
    """The round's set-asides; its office's caseworkers record new ones here."""
    round_ = _visible_round(request, pk)
    ensure(can_view_set_asides(request.user, round_))
    if request.method != "POST":
        return _set_aside_page(request, round_)
    ensure(can_manage_round(request.user, round_))
    form = SetAsideForm(request.POST, rule_set=round_.rule_set)
    if form.is_valid():
        try:
            services.set_aside_add(actor=request.user, round=round_, **form.cleaned_data)
        except ServiceRefused as refused:
            refusal_to_form(form, refused)
        else:
            messages.success(request, _("The set-aside is recorded."))
            return redirect("schemes:set_aside_list", pk=round_.pk)
    return _set_aside_page(request, round_, form=form, status=400)


def _visible_set_aside(request, pk) -> SetAside:
    """The set-aside, if the user manages its round: 404 if none, 403 if not theirs."""
    set_aside = visible_or_403(
        SetAside.objects.filter(round__in=rounds_visible_to(request.user)).select_related(
            "round__rule_set", "round__office", "round__scheme"
        ),
        pk,
        reason=REASON_SET_ASIDES,
    )
    ensure(can_manage_round(request.user, set_aside.round))
    return set_aside


@permission_required(can_view_rounds)
@idempotent
def set_aside_edit(request, pk):
    set_aside = _visible_set_aside(request, pk)
    round_ = set_aside.round
    if request.method == "POST":
        form = SetAsideCorrectForm(request.POST, rule_set=round_.rule_set)
        if form.is_valid():
            try:
                services.set_aside_correct(
                    actor=request.user, set_aside=set_aside, **form.cleaned_data
                )
            except ServiceRefused as refused:
                refusal_to_form(form, refused)
            else:
                messages.success(request, _("The set-aside is corrected."))
                return redirect("schemes:set_aside_list", pk=round_.pk)
    else:
        form = SetAsideCorrectForm(
            rule_set=round_.rule_set,
            initial={
                "purpose": set_aside.purpose,
                "category": set_aside.category,
                "amount": set_aside.amount,
                "forum_decision_date": set_aside.forum_decision_date,
                "forum_decision_text": set_aside.forum_decision_text,
            },
        )
    return render(
        request,
        "schemes/set_aside_form.html",
        {
            "form": form,
            "set_aside": set_aside,
            "round": round_,
            "withdraw_form": SetAsideWithdrawForm() if set_aside.is_active else None,
        },
        status=400 if form.errors else 200,
    )


@require_POST
@permission_required(can_view_rounds)
@idempotent
def set_aside_withdraw(request, pk):
    set_aside = _visible_set_aside(request, pk)
    form = SetAsideWithdrawForm(request.POST)
    if form.is_valid():
        try:
            services.set_aside_withdraw(
                actor=request.user, set_aside=set_aside, reason=form.cleaned_data["reason"]
            )
        except ServiceRefused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _("The set-aside is withdrawn."))
            return redirect("schemes:set_aside_list", pk=set_aside.round_id)
    else:
        messages.error(request, _("Give the reason for withdrawing the set-aside."))
    return redirect("schemes:set_aside_edit", pk=set_aside.pk)


# --- allocations ---------------------------------------------------------------------------


@permission_required(can_view_allocations)
def allocation_list(request):
    """Udir's allocations of one year: a row per office, a column per scheme."""
    visible = allocations_visible_to(request.user)
    years = sorted(set(visible.values_list("year", flat=True)), reverse=True)
    try:
        year = int(request.GET.get("year") or (years[0] if years else datetime.date.today().year))
    except ValueError:
        year = years[0] if years else datetime.date.today().year
    schemes = list(Scheme.objects.all())
    rows: dict = {}
    for allocation in visible.filter(year=year).order_by("office__name"):
        rows.setdefault(allocation.office, {})[allocation.scheme_id] = allocation
    table = [
        {
            "office": office,
            "cells": [cells.get(scheme.pk) for scheme in schemes],
            "total": sum((a.amount for a in cells.values()), Decimal(0)),
        }
        for office, cells in rows.items()
    ]
    totals = [
        sum((row["cells"][i].amount for row in table if row["cells"][i]), Decimal(0))
        for i in range(len(schemes))
    ]
    return render(
        request,
        "schemes/allocation_list.html",
        {
            "year": year,
            "years": years,
            "schemes": schemes,
            "table": table,
            "totals": totals,
            "grand_total": sum(totals, Decimal(0)),
            "can_enter": can_enter_allocations(request.user).allowed,
        },
    )


@permission_required(can_enter_allocations)
@idempotent
def allocation_enter(request):
    if request.method == "POST":
        form = AllocationEntryForm(request.POST)
        if form.is_valid():
            try:
                entry = services.allocation_enter(actor=request.user, **form.cleaned_data)
            except ServiceRefused as refused:
                refusal_to_form(form, refused)
            else:
                messages.success(request, _("The allocation entry is recorded."))
                return redirect("schemes:allocation_detail", pk=entry.allocation_id)
    else:
        initial = {"year": datetime.date.today().year + 1, "dated": datetime.date.today()}
        for name in ("office", "scheme", "year"):
            if request.GET.get(name, "").isdigit():
                initial[name] = int(request.GET[name])
        if "office" in initial:
            initial["kind"] = (
                "revised"
                if Allocation.objects.filter(
                    office=initial["office"],
                    scheme=initial.get("scheme"),
                    year=initial["year"],
                ).exists()
                else "initial"
            )
        form = AllocationEntryForm(initial=initial)
    return render(
        request,
        "schemes/allocation_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@permission_required(can_view_allocations)
def allocation_detail(request, pk):
    allocation = visible_or_403(allocations_visible_to(request.user), pk)
    round_ = Round.objects.filter(
        office=allocation.office_id, scheme=allocation.scheme_id, year=allocation.year
    ).first()
    return render(
        request,
        "schemes/allocation_detail.html",
        {
            "allocation": allocation,
            "entries": allocation.entries.select_related("created_by"),
            "round": round_,
            "can_enter": can_enter_allocations(request.user).allowed,
        },
    )
