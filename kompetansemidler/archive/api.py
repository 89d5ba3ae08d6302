"""The journal in the JSON API, at /api/journal/: the public journal (no
login, the same public fields as the page) and the case files for staff."""

import re
from datetime import date

from django.urls import reverse
from ninja import Field, Query, Router, Schema
from pydantic import field_validator

from kompetansemidler.accounts.policy import ensure
from kompetansemidler.api.errors import with_errors

from . import selectors
from .noark import public_party_name
from .permissions import can_use_journal

PREFIX = "journal"
ISO_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
router = Router(tags=["journal"])


class Paging(Schema):
    page: int = Field(1, ge=1, le=100000)
    page_size: int = Field(50, ge=1, le=200)


class EntryFilters(Paging):
    q: str = Field("", max_length=200)
    office: str = Field("", pattern=r"^[-a-z0-9]{0,60}$")
    # ISO dates only: pydantic alone would also take a number of seconds.
    date_from: date | None = Field(None, json_schema_extra={"pattern": ISO_DATE})
    date_to: date | None = Field(None, json_schema_extra={"pattern": ISO_DATE})

    @field_validator("date_from", "date_to", mode="before")
    @classmethod
    def iso_date(cls, value):
        if value is None or isinstance(value, date):
            return value
        if not re.fullmatch(ISO_DATE, str(value)):
            raise ValueError("Give the date as YYYY-MM-DD.")
        return value


class PartyOut(Schema):
    role: str
    name: str
    exempt: bool


class PublicEntryOut(Schema):
    entry_number: str
    case_number: str
    journal_date: date
    entry_type: str
    title: str
    parties: list[PartyOut]
    office: str
    exempt: bool
    legal_basis: str
    document_url: str | None


class PublicEntryPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[PublicEntryOut]


class CaseFileOut(Schema):
    case_number: str
    title: str
    office: str
    round_id: int | None
    status: str
    created_at: date
    closed_at: date | None


class CaseFilePage(Schema):
    count: int
    page: int
    page_size: int
    items: list[CaseFileOut]


def _slice(rows, filters: Paging):
    start = (filters.page - 1) * filters.page_size
    return rows[start : start + filters.page_size]


def _public(entry, request) -> dict:
    return {
        "entry_number": entry.entry_number,
        "case_number": entry.case_file.case_number,
        "journal_date": entry.journal_date,
        "entry_type": entry.entry_type,
        "title": entry.public_title,
        "parties": [
            {"role": p.role, "name": public_party_name(p), "exempt": p.exempt}
            for p in entry.parties.all()
        ],
        "office": entry.case_file.office.name,
        "exempt": entry.exempt,
        "legal_basis": entry.legal_basis,
        "document_url": request.build_absolute_uri(
            reverse("archive:public_document", args=[entry.system_id])
        )
        if entry.document_public
        else None,
    }


@router.get(
    "/entries",
    response=with_errors({200: PublicEntryPage}),
    auth=None,
    url_name="archive_public_entries",
    summary="The public journal (no login)",
)
def public_entries(request, filters: Query[EntryFilters]):
    entries = selectors.entries_filtered(
        selectors.public_registry_entries(),
        q=filters.q,
        office=filters.office,
        date_from=filters.date_from,
        date_to=filters.date_to,
        public=True,
    )
    return {
        "count": entries.count(),
        "page": filters.page,
        "page_size": filters.page_size,
        "items": [_public(entry, request) for entry in _slice(entries, filters)],
    }


@router.get(
    "/case-files",
    response=with_errors({200: CaseFilePage}),
    url_name="archive_case_files",
    summary="Case files of the user's offices",
)
def case_files(request, filters: Query[Paging]):
    ensure(can_use_journal(request.auth))
    rows = selectors.case_files_visible_to(request.auth)
    return {
        "count": rows.count(),
        "page": filters.page,
        "page_size": filters.page_size,
        "items": [
            {
                "case_number": c.case_number,
                "title": c.title,
                "office": c.office.name,
                "round_id": c.round_id,
                "status": c.status,
                "created_at": c.created_at.date(),
                "closed_at": c.closed_at.date() if c.closed_at else None,
            }
            for c in _slice(rows, filters)
        ],
    }
