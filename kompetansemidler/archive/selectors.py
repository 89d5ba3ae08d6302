"""Reading the journal: the public view of it, and the staff's office-scoped view."""

from datetime import date

from django.db.models import Prefetch, Q, QuerySet

from kompetansemidler.accounts.policy import caseworker_office_ids, is_national_admin

from .models import CaseFile, CaseFileStatus, Document, Party, RegistryEntry


def _with_details(entries: QuerySet) -> QuerySet:
    return entries.select_related("case_file__office").prefetch_related(
        Prefetch("parties", queryset=Party.objects.order_by("id")),
        Prefetch("documents", queryset=Document.objects.order_by("number")),
    )


def _office_filter(user, field: str) -> Q | None:
    """None: no restriction (a national administrator); else the user's offices."""
    if is_national_admin(user):
        return None
    return Q(**{f"{field}__in": caseworker_office_ids(user)})


def registry_entries_visible_to(user) -> QuerySet:
    """Every entry, exempt details included, of the offices the user works for
    (all offices for a national administrator; none for anyone else)."""
    entries = RegistryEntry.objects.all()
    scope = _office_filter(user, "case_file__office")
    return _with_details(entries if scope is None else entries.filter(scope))


def case_files_visible_to(user) -> QuerySet:
    files = CaseFile.objects.select_related("office", "round", "created_by")
    scope = _office_filter(user, "office")
    return files if scope is None else files.filter(scope)


def public_registry_entries() -> QuerySet:
    """Every entry, for the public journal: the page shows only the public
    fields (public title, screened party names), never the internal title."""
    return _with_details(RegistryEntry.objects.all())


def entries_filtered(
    entries: QuerySet,
    *,
    office: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
    q: str = "",
    public: bool = True,
) -> QuerySet:
    """``entries`` narrowed by office slug, journal date range and a text
    search. The public search looks only in public fields, so a screened
    word cannot be found by searching for it."""
    if office:
        entries = entries.filter(case_file__office__slug=office)
    if date_from:
        entries = entries.filter(journal_date__gte=date_from)
    if date_to:
        entries = entries.filter(journal_date__lte=date_to)
    q = q.strip()
    if q:
        if public:
            found = Q(public_title__icontains=q) | Q(
                parties__name__icontains=q, parties__exempt=False
            )
        else:
            found = (
                Q(public_title__icontains=q)
                | Q(title__icontains=q)
                | Q(parties__name__icontains=q)
                | Q(case_file__title__icontains=q)
            )
        entries = entries.filter(found).distinct()
    return entries


def office_entries_in_period(office, start: date, end: date) -> QuerySet:
    """The entries ``office`` journalled from ``start`` to ``end``, in journal order."""
    return _with_details(
        RegistryEntry.objects.filter(
            case_file__office=office, journal_date__gte=start, journal_date__lte=end
        ).order_by("journal_year", "journal_sequence")
    )


def closed_case_files_in_period(office, start: date, end: date) -> QuerySet:
    """The closed case files of ``office`` with an entry journalled in the
    period, with every entry and document the deposit package writes."""
    return (
        CaseFile.objects.filter(
            office=office,
            status=CaseFileStatus.CLOSED,
            entries__journal_date__gte=start,
            entries__journal_date__lte=end,
        )
        .distinct()
        .select_related("office", "created_by", "closed_by")
        .order_by("year", "sequence_number")
        .prefetch_related(
            Prefetch("entries", queryset=_with_details(RegistryEntry.objects.order_by("number"))),
        )
    )
