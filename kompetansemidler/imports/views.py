"""The caseworker's pages: upload a file, see what it would do, apply it, see past imports."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kompetansemidler.accounts.policy import permission_required
from kompetansemidler.core.paging import paginate
from kompetansemidler.core.workflow import ServiceRefused
from kompetansemidler.registry.permissions import can_import_registry

from .forms import ImportUploadForm
from .reasons import FileRefused
from .report import COUNT_LABELS, LIST_KEYS, entry_detail, rejected_text
from .selectors import import_runs_visible_to
from .services import (
    WORKFLOW,
    DeactivationsUnconfirmed,
    ImportConflict,
    deactivation_share,
    import_counties_for,
    import_run_apply,
    import_run_preview,
)

RUNS_PER_PAGE = 25
# Rows shown per list on the report page; the stored report keeps them all.
ROWS_SHOWN = 200


@require_http_methods(["GET", "POST"])
@permission_required(can_import_registry)
def index(request):
    posted = request.method == "POST"
    counties = import_counties_for(request.user)
    if posted:
        form = ImportUploadForm(request.POST, request.FILES, counties=counties)
    else:
        form = ImportUploadForm(counties=counties)
    if posted and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            run = import_run_preview(
                register=form.cleaned_data["register"],
                file_name=upload.name,
                content=upload.read(),
                actor=request.user,
                counties=form.cleaned_data["counties"],
            )
        except FileRefused as refused:
            form.add_error("file", refused.message)
        else:
            return redirect("imports:detail", pk=run.pk)
    # The list shows counts only; a run's full report can be megabytes.
    runs = import_runs_visible_to(request.user).defer("report", "rejected")
    paging = paginate(request, runs, RUNS_PER_PAGE)
    status = 400 if form.errors else 200
    return render(
        request,
        "imports/index.html",
        {"form": form, "paging": paging, "page": paging.page},
        status=status,
    )


def _sections(run) -> list[dict]:
    sections = []
    for key in LIST_KEYS:
        entries = run.report.get(key, [])
        sections.append(
            {
                "key": key,
                "title": COUNT_LABELS[key],
                "total": len(entries),
                "rows": [
                    {**entry, "detail": entry_detail(key, entry)} for entry in entries[:ROWS_SHOWN]
                ],
            }
        )
    return sections


@require_http_methods(["GET"])
@permission_required(can_import_registry)
def detail(request, pk):
    run = get_object_or_404(import_runs_visible_to(request.user), pk=pk)
    counts = [(COUNT_LABELS[key], run.counts.get(key, 0)) for key in COUNT_LABELS]
    rejected = [{**entry, "reason": rejected_text(entry)} for entry in run.rejected[:ROWS_SHOWN]]
    deactivated = run.counts.get("units_deactivated", 0)
    active = run.counts.get("active_in_scope", 0)
    return render(
        request,
        "imports/detail.html",
        {
            "run": run,
            "counts": counts,
            "sections": _sections(run),
            "rejected": rejected,
            "rejected_total": len(run.rejected),
            "rows_shown": ROWS_SHOWN,
            "is_preview": "apply" in WORKFLOW.allowed(run),
            "needs_confirmation": deactivated > 0 and deactivated > deactivation_share() * active,
            "share_percent": f"{(deactivation_share() * 100).normalize():f}",
            "active_in_scope": active,
        },
    )


@require_POST
@permission_required(can_import_registry)
def apply(request, pk):
    run = get_object_or_404(import_runs_visible_to(request.user), pk=pk)
    previewed = run.counts
    try:
        confirmed = int(request.POST.get("confirm_deactivations") or 0)
    except ValueError:
        confirmed = 0
    try:
        run = import_run_apply(run=run, actor=request.user, confirm_deactivations=confirmed)
    except DeactivationsUnconfirmed as unconfirmed:
        # The separate step: the count is shown and must be confirmed as such.
        return render(
            request,
            "imports/confirm_deactivations.html",
            {"run": run, "message": unconfirmed.message, "count": unconfirmed.deactivated},
        )
    except ServiceRefused as refused:
        messages.info(request, refused.message)
    except ImportConflict:
        messages.error(
            request,
            _(
                "Another import changed the same units at the same time. Nothing was changed; "
                "import the file again."
            ),
        )
    except FileRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The file has been imported."))
        if run.counts != previewed:
            messages.warning(
                request,
                _(
                    "The registry changed after the preview, so the import did not do exactly "
                    "what the preview showed. The report below shows what it did."
                ),
            )
    return redirect("imports:detail", pk=run.pk)
