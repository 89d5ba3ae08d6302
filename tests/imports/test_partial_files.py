"""A partial file deactivates only in the counties it covers, and a large share only when confirmed.

The attack: a two-record file applied by any caseworker deactivated every
other unit of that register in the country.
"""

from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from kompetansemidler.imports.models import ImportRun, ImportStatus
from kompetansemidler.imports.services import (
    DeactivationsUnconfirmed,
    import_file_apply,
    import_run_preview,
)
from kompetansemidler.registry.models import Unit

from .records import as_file, kindergarten, kindergarten_owner, number

VESTLAND_UNITS = 40
ROGALAND_UNITS = 10
STAVANGER_OWNER = number(200)


def national_file() -> list[dict]:
    """Forty kindergartens in Bergen and ten in Stavanger."""
    return [
        kindergarten_owner("964338531", "Bergen kommune", kommune=True),
        kindergarten_owner(STAVANGER_OWNER, "Stavanger kommune", municipality="1103", kommune=True),
        *(kindergarten(number(n), f"Bergen barnehage {n}") for n in range(1, VESTLAND_UNITS + 1)),
        *(
            kindergarten(
                number(100 + n),
                f"Stavanger barnehage {n}",
                municipality="1103",
                owner=(STAVANGER_OWNER, "Stavanger kommune"),
            )
            for n in range(1, ROGALAND_UNITS + 1)
        ),
    ]


def two_records() -> bytes:
    return as_file(national_file()[:3])


@pytest.fixture
def national(cast):
    import_file_apply(register="nbr", file_name="national.json", content=as_file(national_file()))
    assert Unit.objects.filter(source="nbr", is_active=True).count() == 50


# The cast's own kindergarten in Bergen, registered by hand, counts as active too.
ACTIVE_IN_VESTLAND = VESTLAND_UNITS + 1


def active(county: str) -> int:
    return Unit.objects.filter(
        source="nbr", is_active=True, municipality__county__number=county
    ).count()


def test_a_partial_file_deactivates_nothing_outside_its_counties(cast, national):
    import_file_apply(
        register="nbr",
        file_name="two.json",
        content=two_records(),
        actor=cast.caseworker,
        counties=["46"],
        confirm_deactivations=True,
    )
    assert active("11") == ROGALAND_UNITS
    assert active("46") == 1


def test_deactivating_more_than_the_share_is_refused_unless_confirmed(cast, national):
    with pytest.raises(DeactivationsUnconfirmed) as refused:
        import_file_apply(
            register="nbr",
            file_name="two.json",
            content=two_records(),
            actor=cast.caseworker,
            counties=["46"],
        )
    assert refused.value.deactivated == VESTLAND_UNITS - 1
    assert active("46") == VESTLAND_UNITS, "nothing changed"
    assert ImportRun.objects.filter(file_name="two.json").count() == 0


def test_a_few_deactivations_under_the_share_need_no_confirmation(cast, national, settings):
    settings.IMPORT_DEACTIVATION_CONFIRM_SHARE = "0.05"
    one_gone = [r for r in national_file() if r["Organisasjonsnummer"] != number(1)]
    run = import_file_apply(
        register="nbr",
        file_name="f.json",
        content=as_file(one_gone),
        actor=cast.caseworker,
        counties=["46"],
    )
    assert run.counts["units_deactivated"] == 1
    assert run.counts["active_in_scope"] == ACTIVE_IN_VESTLAND


def test_the_page_asks_for_a_separate_confirmation_with_the_count(cast, client_for, national):
    client = client_for(cast.caseworker)
    run = import_run_preview(
        register="nbr",
        file_name="two.json",
        content=two_records(),
        actor=cast.caseworker,
        counties=["46"],
    )
    preview = client.get(reverse("imports:detail", args=[run.pk])).content.decode()
    assert "deaktivert 39 av de 41 aktive enhetene i fylkene den dekker, mer enn 5 %" in preview

    response = client.post(reverse("imports:apply", args=[run.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Bekreft deaktiveringene" in page
    assert 'name="confirm_deactivations" value="39"' in page
    run.refresh_from_db()
    assert run.status == ImportStatus.PREVIEW and active("46") == VESTLAND_UNITS

    # A confirmation for another number does not do.
    client.post(reverse("imports:apply", args=[run.pk]), {"confirm_deactivations": "3"})
    assert active("46") == VESTLAND_UNITS
    client.post(reverse("imports:apply", args=[run.pk]), {"confirm_deactivations": "39"})
    run.refresh_from_db()
    assert run.status == ImportStatus.APPLIED
    assert active("46") == 1 and active("11") == ROGALAND_UNITS


def test_the_upload_form_requires_the_counties(cast, client_for):
    client = client_for(cast.caseworker)
    upload = SimpleUploadedFile("f.json", two_records(), "application/json")
    response = client.post("/import/", {"register": "nbr", "file": upload})
    assert response.status_code == 400
    assert "Velg fylkene filen dekker." in response.content.decode()
    upload = SimpleUploadedFile("f.json", two_records(), "application/json")
    response = client.post("/import/", {"register": "nbr", "counties": ["11"], "file": upload})
    assert response.status_code == 400
    assert not ImportRun.objects.exists()


def command(*args) -> str:
    out = StringIO()
    with translation.override("en"):
        call_command("import_register", "--register", "nbr", *args, stdout=out)
    return out.getvalue()


def test_the_command_covers_the_counties_it_is_given_and_asks_for_confirmation(
    cast, national, tmp_path
):
    path = tmp_path / "two.json"
    path.write_bytes(two_records())
    with pytest.raises(CommandError, match="39 of the 41 active units"):
        command("--county", "46", str(path))
    assert active("46") == VESTLAND_UNITS
    assert "--confirm-deactivations" in command("--county", "46", "--dry-run", str(path))
    command("--county", "46", "--confirm-deactivations", str(path))
    assert active("46") == 1 and active("11") == ROGALAND_UNITS


def test_the_command_needs_counties_or_national(cast, tmp_path):
    path = tmp_path / "two.json"
    path.write_bytes(two_records())
    with pytest.raises(CommandError):
        command(str(path))
    with pytest.raises(CommandError):
        command("--county", "46", "--national", str(path))
