"""Expected access to the journal: the public journal is open to all, the
staff's journal and the archive extracts to caseworkers (their own office)
and Udir."""

from kompetansemidler.archive.models import EntryType
from kompetansemidler.archive.services import Party, case_file_for, registry_entry_record

from . import PERSONAS, Rule

STAFF_OF_VESTLAND = frozenset({"udir", "caseworker"})


def _entry(cast, *, published=True):
    """A journalled letter of the Vestland office, in a Vestland round."""
    from tests.needs.conftest import make_round

    round_ = make_round(cast.vestland)
    case_file = case_file_for(
        obj=cast.owner, office=cast.vestland, round=round_, title="Tilskudd", actor=cast.caseworker
    )
    return registry_entry_record(
        case_file=case_file,
        entry_type=EntryType.OUTGOING,
        title="Tilskuddsbrev",
        parties=[Party(name=cast.owner.name)],
        document_bytes=b"%PDF-1.4",
        document_name="brev.pdf",
        document_title="Tilskuddsbrev",
        actor=cast.caseworker,
        published=published,
    )


def _closed_case(cast) -> dict:
    """A closed Vestland case with an entry, so the deposit package has content."""
    from kompetansemidler.archive.services import case_file_close

    case_file_close(case_file=_entry(cast).case_file, actor=cast.caseworker)
    return {}


RULES = {
    "archive:public_journal": Rule(PERSONAS, public=True, query="q=brev&date_from=2026-01-01"),
    "archive:public_journal_export": Rule(
        PERSONAS, public=True, kwargs=lambda cast: {"fmt": "csv"}
    ),
    "archive:public_document": Rule(
        PERSONAS, public=True, kwargs=lambda cast: {"system_id": _entry(cast).system_id}
    ),
    "archive:staff_journal": Rule(frozenset({"udir", "caseworker", "other_caseworker"})),
    "archive:staff_document": Rule(
        STAFF_OF_VESTLAND,
        kwargs=lambda cast: {"system_id": _entry(cast, published=False).system_id},
    ),
    "archive:entry_publish": Rule(
        frozenset({"caseworker"}),
        method="post",
        data=lambda cast: {"published": "1"},
        kwargs=lambda cast: {"system_id": _entry(cast).system_id},
    ),
    "archive:entry_screen": Rule(
        frozenset({"caseworker"}),
        kwargs=lambda cast: {"system_id": _entry(cast).system_id},
    ),
    "archive:case_file_close": Rule(
        frozenset({"caseworker"}),
        method="post",
        kwargs=lambda cast: {"system_id": _entry(cast).case_file.system_id},
    ),
    # The office's own caseworkers only: not another office, not Udir.
    "archive:deposit": Rule(
        frozenset({"caseworker"}),
        kwargs=_closed_case,
        query="office=vestland&date_from=2000-01-01&date_to=2100-12-31",
    ),
    "api:archive_public_entries": Rule(PERSONAS, public=True),
    "api:archive_case_files": Rule(frozenset({"udir", "caseworker", "other_caseworker"})),
}
