"""The public journal (no login) and the staff's journal, documents and extracts."""

import logging

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from kompetansemidler.accounts.policy import ensure, permission_required
from kompetansemidler.core.exports import FORMATS, export_response
from kompetansemidler.core.paging import paginate
from kompetansemidler.schemes.models import Round

from . import noark, selectors
from .exports import PUBLIC_COLUMNS
from .forms import JournalFilterForm
from .models import RegistryEntry
from .package import EmptyExtract, round_package
from .permissions import (
    can_download_public_document,
    can_publish_documents,
    can_read_office_records,
    can_use_journal,
)
from .services import registry_entry_publish

logger = logging.getLogger(__name__)
PER_PAGE = 25
XML = "xml"
MESSAGE_EMPTY_JOURNAL = gettext_lazy(
    "Nothing matches the search and filters, so there is no journal to export."
)
MESSAGE_EMPTY_EXTRACT = gettext_lazy(
    "The round has no journalled documents yet, so there is nothing to archive."
)
MESSAGE_INVALID_EXTRACT = gettext_lazy(
    "The archive extract did not pass the Noark 5 schema check and was not made. "
    "The error has been logged; please tell the system administrator."
)


def _first_document(entry):
    document = entry.documents.order_by("pk").first()
    if document is None:
        raise Http404("This registry entry has no document.")
    return document


def _public_entries(request):
    form = JournalFilterForm(request.GET or None)
    entries = selectors.entries_filtered(
        selectors.public_registry_entries(), **form.filters(), public=True
    )
    return form, entries


@require_GET
def public_journal(request):
    """Open to everyone: the journal as the public may see it."""
    form, entries = _public_entries(request)
    return render(
        request,
        "archive/public_journal.html",
        {
            "form": form,
            "paging": paginate(request, entries, PER_PAGE),
            "query": request.GET.urlencode(),
        },
    )


def _problem(request, message, *, status: int):
    return render(request, "archive/problem.html", {"message": message}, status=status)


@require_GET
def public_journal_export(request, fmt):
    if fmt not in (*FORMATS, XML):
        raise Http404
    form, entries = _public_entries(request)
    if fmt != XML:
        return export_response(
            rows=entries,
            columns=PUBLIC_COLUMNS,
            fmt=fmt,
            filename="offentlig-journal",
            sheet_title=_("Public journal"),
        )
    rows = list(entries[:5000])
    if not rows:
        return _problem(request, MESSAGE_EMPTY_JOURNAL, status=404)
    filters = form.filters()
    dates = [row.journal_date for row in rows]
    try:
        xml = noark.offentlig_journal(
            rows,
            start=filters.get("date_from") or min(dates),
            end=filters.get("date_to") or max(dates),
            creators=noark.creators_of({row.case_file.office for row in rows}),
        )
    except noark.NoarkValidationError:
        return _problem(request, MESSAGE_INVALID_EXTRACT, status=503)
    response = HttpResponse(xml, content_type="application/xml; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="offentligJournal-{stamp}.xml"'
    return response


def _file(document) -> FileResponse:
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.file_name,
        content_type=document.mime_type,
    )


@require_GET
def public_document(request, system_id):
    """A published, non-exempt document; anything else is refused with the reason."""
    entry = get_object_or_404(selectors.public_registry_entries(), system_id=system_id)
    ensure(can_download_public_document(entry))
    return _file(_first_document(entry))


@permission_required(can_use_journal)
@require_GET
def staff_journal(request):
    form = JournalFilterForm(request.GET or None)
    entries = selectors.entries_filtered(
        selectors.registry_entries_visible_to(request.user), **form.filters(), public=False
    )
    rounds = (
        Round.objects.filter(case_files__in=selectors.case_files_visible_to(request.user))
        .select_related("scheme", "office")
        .distinct()
        .order_by("-year", "office__name")
    )
    return render(
        request,
        "archive/staff_journal.html",
        {
            "form": form,
            "paging": paginate(request, entries, PER_PAGE),
            "rounds": rounds,
            "can_publish": bool(can_publish_documents(request.user)),
        },
    )


def _entry_for_staff(request, system_id) -> RegistryEntry:
    """The entry, or 403 with the reason if it belongs to another office."""
    entry = get_object_or_404(
        RegistryEntry.objects.select_related("case_file"), system_id=system_id
    )
    if not selectors.registry_entries_visible_to(request.user).filter(pk=entry.pk).exists():
        ensure(can_read_office_records(request.user, entry.case_file))
    return entry


@permission_required(can_use_journal)
@require_GET
def staff_document(request, system_id):
    return _file(_first_document(_entry_for_staff(request, system_id)))


@permission_required(can_publish_documents)
@require_POST
def entry_publish(request, system_id):
    entry = _entry_for_staff(request, system_id)
    published = request.POST.get("published") == "1"
    try:
        registry_entry_publish(entry=entry, published=published, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The document of %(entry)s is now published.") % {"entry": entry.entry_number}
            if published
            else _("The document of %(entry)s is no longer published.")
            % {"entry": entry.entry_number},
        )
    return redirect("archive:staff_journal")


@permission_required(can_use_journal)
@require_GET
def round_extract(request, round_id):
    round_ = get_object_or_404(Round.objects.select_related("office", "scheme"), pk=round_id)
    ensure(can_read_office_records(request.user, round_))
    case_files = selectors.case_files_of_round(request.user, round_)
    try:
        package = round_package(
            round_=round_,
            case_files=case_files,
            made_by=request.user.get_full_name() or request.user.get_username(),
        )
    except EmptyExtract:
        return _problem(request, MESSAGE_EMPTY_EXTRACT, status=404)
    except noark.NoarkValidationError:
        return _problem(request, MESSAGE_INVALID_EXTRACT, status=503)
    response = HttpResponse(package.content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{package.filename}"'
    return response
