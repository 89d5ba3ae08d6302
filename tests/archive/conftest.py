import pytest

from kompetansemidler.archive.models import EntryType
from kompetansemidler.archive.services import Party, case_file_for, registry_entry_record


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Documents are stored under a throw-away directory, not the project's media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def journal(cast):
    """Journals documents for the cast: ``journal(title=..., exempt=...)``; the
    case file is the cast's unit's owner at Vestland unless ``obj``/``office`` given."""

    def record(
        *,
        obj=None,
        office=None,
        round=None,
        title="Tilskuddsbrev til Bergen kommune",  # noqa: A002
        entry_type=EntryType.OUTGOING,
        parties=None,
        content=b"%PDF-1.4 brev",
        **kwargs,
    ):
        case_file = case_file_for(
            obj=obj or cast.owner,
            office=office or cast.vestland,
            round=round,
            title="Tilskudd Bergen kommune",
            actor=cast.caseworker,
        )
        return registry_entry_record(
            case_file=case_file,
            entry_type=entry_type,
            title=title,
            parties=parties
            or [Party(name=cast.owner.name, organisation_number=cast.owner.organisation_number)],
            document_bytes=content,
            document_name="brev.pdf",
            document_title="Tilskuddsbrev",
            actor=cast.caseworker,
            **kwargs,
        )

    return record


@pytest.fixture
def vestland_round(cast):
    from tests.needs.conftest import make_round

    return make_round(cast.vestland)
