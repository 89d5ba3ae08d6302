"""Pages for local plans, partnerships and networks, and the area's start page."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from kompetansemidler.accounts.policy import ensure, permission_required
from kompetansemidler.core.access import visible_or_403
from kompetansemidler.core.workflow import StaleEdit
from kompetansemidler.rules.needs import PLAN_ELEMENTS, local_plan_findings
from kompetansemidler.schemes.messages import finding_text
from kompetansemidler.schemes.selectors import rounds_visible_to
from kompetansemidler.schemes.workflow import RoundPhase

from ..forms import LocalPlanForm, NewVersionForm, OwnerChoiceForm, PartnershipForm
from ..models import LocalPlan
from ..permissions import (
    can_report_needs,
    can_use_needs,
    can_view_overview,
    can_write_for_owner,
)
from ..selectors import (
    local_plans_visible_to,
    needs_reports_visible_to,
    networks_visible_to,
    owners_writable_by,
    partnerships_visible_to,
)
from ..services import (
    PLAN_FIELDS,
    local_plan_create,
    local_plan_new_version,
    local_plan_update,
)
from ..services import (
    partnership_create as create_partnership,
)
from .common import STALE_MESSAGE, differences

SAVED = _("Saved.")


def plan_warnings(plan: LocalPlan) -> list[tuple[str, str, str]]:
    """(code, element, text) for each of the nine elements the plan leaves empty."""
    described = [name for name in PLAN_ELEMENTS if getattr(plan, name).strip()]
    return [
        (
            finding.code,
            capfirst(LocalPlan._meta.get_field(finding.target).verbose_name),
            finding_text(finding),
        )
        for finding in local_plan_findings(described)
    ]


@permission_required(can_use_needs)
def index(request):
    user = request.user
    context = {
        "reports": needs_reports_visible_to(user).select_related(
            "round__scheme", "round__office", "owner", "network"
        ),
        "plans": local_plans_visible_to(user).select_related("owner"),
        "partnerships": partnerships_visible_to(user).prefetch_related("owners", "institutions"),
        "networks": networks_visible_to(user).select_related("coordinator"),
        "can_write": bool(can_write_for_owner(user)),
        "can_report": bool(can_report_needs(user)),
        "rounds": rounds_visible_to(user)
        .exclude(phase=RoundPhase.PLANNED)
        .order_by("-year", "scheme_id", "office__name")
        if can_view_overview(user)
        else [],
    }
    return render(request, "needs/index.html", context)


@permission_required(can_write_for_owner)
@require_http_methods(["GET", "POST"])
def plan_create(request):
    owners = owners_writable_by(request.user)
    form = LocalPlanForm(request.POST or None)
    # Most representatives speak for one owner; only those with several choose.
    owner_form = None
    if owners.count() > 1:
        owner_form = OwnerChoiceForm(request.POST or None, owners=owners)
    if (
        request.method == "POST"
        and form.is_valid()
        and (owner_form is None or owner_form.is_valid())
    ):
        owner = owner_form.cleaned_data["owner"] if owner_form else owners.get()
        ensure(can_write_for_owner(request.user, owner))
        plan = local_plan_create(actor=request.user, owner=owner, data=form.cleaned_data)
        messages.success(request, SAVED)
        return redirect("needs:plan_detail", pk=plan.pk)
    return render(
        request,
        "needs/plan_form.html",
        {"form": form, "owner_form": owner_form, "title": _("New local competence plan")},
    )


def _visible_plan(request, pk) -> LocalPlan:
    return visible_or_403(local_plans_visible_to(request.user).select_related("owner"), pk)


@permission_required(can_use_needs)
def plan_detail(request, pk):
    plan = _visible_plan(request, pk)
    versions = LocalPlan.objects.filter(owner=plan.owner).order_by("-version")
    return render(
        request,
        "needs/plan_detail.html",
        {
            "plan": plan,
            "plan_warnings": plan_warnings(plan),
            "versions": versions,
            "can_write": bool(can_write_for_owner(request.user, plan.owner)),
            "version_form": NewVersionForm(
                initial={"period_start": plan.period_end + 1, "period_end": plan.period_end + 4}
            ),
        },
    )


@permission_required(can_write_for_owner)
@require_http_methods(["GET", "POST"])
def plan_edit(request, pk):
    plan = _visible_plan(request, pk)
    ensure(can_write_for_owner(request.user, plan.owner))
    form = LocalPlanForm(
        request.POST or None, instance=plan, initial={"lock_version": plan.lock_version}
    )
    changes = []
    if request.method == "POST" and form.is_valid():
        try:
            local_plan_update(
                actor=request.user,
                plan=plan,
                data=form.cleaned_data,
                lock_version=form.cleaned_data["lock_version"] or 0,
            )
        except StaleEdit as stale:
            changes = differences(stale.current, form, PLAN_FIELDS)
            form = LocalPlanForm(
                _with_version(request.POST, stale.current.lock_version), instance=stale.current
            )
            form.is_valid()
        else:
            messages.success(request, SAVED)
            return redirect("needs:plan_detail", pk=plan.pk)
    return render(
        request,
        "needs/plan_form.html",
        {
            "form": form,
            "plan": plan,
            "changes": changes,
            "stale_message": STALE_MESSAGE,
            "title": _("Edit local competence plan"),
        },
    )


def _with_version(data, version):
    data = data.copy()
    data["lock_version"] = str(version)
    return data


@permission_required(can_write_for_owner)
@require_POST
def plan_new_version(request, pk):
    plan = _visible_plan(request, pk)
    ensure(can_write_for_owner(request.user, plan.owner))
    form = NewVersionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("needs:plan_detail", pk=plan.pk)
    new = local_plan_new_version(actor=request.user, plan=plan, **form.cleaned_data)
    messages.success(request, _("A new version for the new period was made from this one."))
    return redirect("needs:plan_edit", pk=new.pk)


@permission_required(can_write_for_owner)
@require_http_methods(["GET", "POST"])
def partnership_create(request):
    own = list(owners_writable_by(request.user))
    form = PartnershipForm(
        request.POST or None, request.FILES or None, own_owners=own, initial={"owners": own[:1]}
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("owners", "institutions")}
        partnership = create_partnership(
            actor=request.user,
            owners=list(form.cleaned_data["owners"]),
            institutions=list(form.cleaned_data["institutions"]),
            data=data,
        )
        messages.success(request, SAVED)
        return redirect("needs:partnership_detail", pk=partnership.pk)
    return render(request, "needs/partnership_form.html", {"form": form})


@permission_required(can_use_needs)
def partnership_detail(request, pk):
    partnership = visible_or_403(partnerships_visible_to(request.user), pk)
    return render(request, "needs/partnership_detail.html", {"partnership": partnership})


@permission_required(can_use_needs)
def partnership_agreement(request, pk):
    partnership = visible_or_403(partnerships_visible_to(request.user), pk)
    if not partnership.agreement_file:
        raise Http404
    return FileResponse(
        partnership.agreement_file.open("rb"),
        as_attachment=True,
        filename=partnership.agreement_file.name.rsplit("/", 1)[-1],
    )


@permission_required(can_use_needs)
def network_detail(request, pk):
    network = visible_or_403(networks_visible_to(request.user), pk)
    reports = (
        needs_reports_visible_to(request.user)
        .filter(network=network)
        .select_related("round__scheme")
    )
    return render(
        request,
        "needs/network_detail.html",
        {"network": network, "members": network.members.order_by("name"), "reports": reports},
    )
