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

from kompetansemidler.accounts.policy import caseworker_office_ids, ensure, permission_required
from kompetansemidler.core.exports import FORMATS, export_response
from kompetansemidler.core.paging import paginate
from kompetansemidler.registry.models import GovernorOffice

from . import noark, selectors
from .exports import PUBLIC_COLUMNS
from .forms import DepositForm, JournalFilterForm, ScreeningForm
from .models import CaseFile, RegistryEntry
from .package import EmptyExtract, deposit_package
from .permissions import (
    can_act_for_office,
    can_download_public_document,
    can_publish_documents,
    can_read_office_records,
    can_screen_entries,
    can_take_deposit_packages,
    can_use_journal,
)
from .services import case_file_close, registry_entry_publish, registry_entry_screen

logger = logging.getLogger(__name__)
PER_PAGE = 25
XML = "xml"
MESSAGE_EMPTY_JOURNAL = gettext_lazy(
    "Nothing matches the search and filters, so there is no journal to export."
)
MESSAGE_EMPTY_EXTRACT = gettext_lazy(
    "Nothing was journalled at the office in that period, so there is nothing to deposit."
)
MESSAGE_NO_CLOSED_CASE = gettext_lazy(
    "No case with entries in that period is closed yet. A deposit package holds "
    "closed cases only; close the finished cases first."
)
MESSAGE_BAD_PERIOD = gettext_lazy(
    "Choose one of your offices and a period with a start and an end date, the start first."
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


def _caseworker_offices(user):
    """The offices whose deposit packages the user may take: where they are caseworkers."""
    return GovernorOffice.objects.filter(pk__in=caseworker_office_ids(user)).order_by("name")


@permission_required(can_use_journal)
@require_GET
def staff_journal(request):
    form = JournalFilterForm(request.GET or None)
    entries = selectors.entries_filtered(
        selectors.registry_entries_visible_to(request.user), **form.filters(), public=False
    )
    offices = list(_caseworker_offices(request.user))
    today = timezone.localdate()
    deposit_form = (
        DepositForm(
            offices=offices,
            initial={
                "office": offices[0].slug,
                "date_from": today.replace(month=1, day=1),
                "date_to": today,
            },
        )
        if offices
        else None
    )
    return render(
        request,
        "archive/staff_journal.html",
        {
            "form": form,
            "paging": paginate(request, entries, PER_PAGE),
            "deposit_form": deposit_form,
            "can_publish": bool(can_publish_documents(request.user)),
            "office_ids": caseworker_office_ids(request.user),
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


@permission_required(can_screen_entries)
def entry_screen(request, system_id):
    """A caseworker exempts words of the title, the document or names of one
    of the office's entries, on a legal ground from the fixed list."""
    entry = get_object_or_404(
        RegistryEntry.objects.select_related("case_file__office"), system_id=system_id
    )
    ensure(can_act_for_office(request.user, entry.case_file.office_id))
    form = ScreeningForm(request.POST or None, entry=entry)
    if request.method == "POST" and form.is_valid():
        try:
            registry_entry_screen(
                entry=entry,
                actor=request.user,
                ground=form.cleaned_data["ground"],
                words=form.word_list(),
                exempt_document=form.cleaned_data["exempt_document"],
                exempt_party_ids=[int(pk) for pk in form.cleaned_data["parties"]],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The screening of %(entry)s is saved.") % {"entry": entry.entry_number},
            )
            return redirect("archive:staff_journal")
    return render(
        request,
        "archive/entry_screen.html",
        {"entry": entry, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@permission_required(can_screen_entries)
@require_POST
def case_file_close_view(request, system_id):
    case_file = get_object_or_404(CaseFile, system_id=system_id)
    ensure(can_act_for_office(request.user, case_file.office_id))
    try:
        case_file_close(case_file=case_file, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Case %(case)s is closed.") % {"case": case_file.case_number})
    return redirect("archive:staff_journal")


@permission_required(can_take_deposit_packages)
@require_GET
def deposit(request):
    """The deposit package of one of the user's offices and a journal period."""
    office = GovernorOffice.objects.filter(slug=request.GET.get("office", "")).first()
    if office is not None:
        ensure(can_act_for_office(request.user, office.pk))
    form = DepositForm(request.GET, offices=_caseworker_offices(request.user))
    if office is None or not form.is_valid():
        return _problem(request, MESSAGE_BAD_PERIOD, status=400)
    try:
        package = deposit_package(
            office=office,
            start=form.cleaned_data["date_from"],
            end=form.cleaned_data["date_to"],
            made_by=request.user.get_full_name() or request.user.get_username(),
        )
    except EmptyExtract as empty:
        message = MESSAGE_NO_CLOSED_CASE if str(empty) == "closed" else MESSAGE_EMPTY_EXTRACT
        return _problem(request, message, status=404)
    except noark.NoarkValidationError:
        return _problem(request, MESSAGE_INVALID_EXTRACT, status=503)
    response = HttpResponse(package.content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{package.filename}"'
    return response
