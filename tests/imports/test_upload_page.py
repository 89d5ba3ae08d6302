"""The caseworker's upload page: check a file, read the preview, import it, see the history."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kompetansemidler.history.models import Event
from kompetansemidler.imports.models import ImportRun, ImportStatus
from kompetansemidler.registry.models import Unit

from .conftest import FILES, SAMPLES
from .records import as_file, bergen_file

INDEX = "/import/"


def upload(client, register, name, content, counties=("46",)):
    return client.post(
        INDEX,
        {
            "register": register,
            "counties": list(counties),
            "file": SimpleUploadedFile(name, content, "application/json"),
        },
    )


def test_caseworker_checks_a_file_sees_the_preview_then_imports_it(cast, client_for):
    client = client_for(cast.caseworker)
    response = upload(
        client, "nbr", "nbr-vestland.json", (SAMPLES / "nbr-vestland.json").read_bytes()
    )
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "imports:detail", args=[run.pk]
    )
    assert run.status == ImportStatus.PREVIEW and run.created_by == cast.caseworker
    assert not Unit.objects.filter(source="nbr").exists(), "a preview changes nothing"

    page = client.get(response["Location"]).content.decode()
    assert "Forhåndsvisning" in page
    assert f"{run.counts['units_created']}" in page
    assert "Importer filen" in page

    response = client.post(reverse("imports:apply", args=[run.pk]), follow=True)
    run.refresh_from_db()
    assert run.status == ImportStatus.APPLIED and run.applied_by == cast.caseworker
    assert run.content is None
    assert Unit.objects.filter(source="nbr").count() == run.counts["units_created"] > 30
    assert Event.objects.filter(kind="registry.import", object_id=str(run.pk)).exists()
    assert "Filen er importert." in response.content.decode()

    # Applying twice does nothing more.
    response = client.post(reverse("imports:apply", args=[run.pk]), follow=True)
    assert "allerede importert" in response.content.decode()
    assert ImportRun.objects.count() == 1

    history = client.get(INDEX).content.decode()
    assert "nbr-vestland.json" in history
    assert "Importert" in history


def test_the_report_lists_rejected_records_with_number_name_and_reason(cast, client_for):
    client = client_for(cast.udir)
    response = upload(client, "nbr", "feil.json", (FILES / "bad-records-nbr.json").read_bytes())
    page = client.get(response["Location"]).content.decode()
    assert "992000008" in page
    assert "Feil kontrollsiffer barnehage" in page
    assert "ikke et gyldig organisasjonsnummer" in page
    assert "Eigarlaus barnehage" in page


def test_a_file_that_is_not_json_gives_a_clear_message_and_stores_nothing(cast, client_for):
    client = client_for(cast.caseworker)
    response = upload(client, "nsr", "feil.json", (FILES / "not-json.json").read_bytes())
    assert response.status_code == 400
    page = response.content.decode()
    assert "ikke gyldig JSON" in page
    assert 'value="nsr" id="id_register_1" checked' in page, "the chosen register is kept"
    assert not ImportRun.objects.exists()


def test_a_v3_file_is_refused_with_the_v3_message(cast, client_for):
    response = upload(
        client_for(cast.caseworker), "nbr", "v3.json", (FILES / "v3.json").read_bytes()
    )
    assert response.status_code == 400
    assert "versjon 3" in response.content.decode()


def test_a_file_over_the_size_limit_is_refused(cast, client_for, settings):
    settings.IMPORT_MAX_FILE_BYTES = 1024 * 1024
    response = upload(client_for(cast.caseworker), "nbr", "stor.json", b" " * (1024 * 1024 + 1))
    assert response.status_code == 400
    assert "større enn 1 MB" in response.content.decode()
    assert not ImportRun.objects.exists()


def test_missing_register_and_file_are_both_reported(cast, client_for):
    response = client_for(cast.caseworker).post(INDEX, {})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Velg registeret filen kommer fra." in page
    assert "Velg filen som skal importeres." in page


def test_outsider_owner_and_unit_leader_get_403(cast, client_for):
    run = ImportRun.objects.create(
        register="nbr",
        status=ImportStatus.PREVIEW,
        file_name="x",
        file_sha256="0" * 64,
        file_size=1,
        content=b"",
    )
    for user in (cast.outsider, cast.owner_rep, cast.unit_leader, cast.forum_member):
        client = client_for(user)
        assert client.get(INDEX).status_code == 403
        assert upload(client, "nbr", "f.json", as_file(bergen_file())).status_code == 403
        assert client.get(reverse("imports:detail", args=[run.pk])).status_code == 403
        assert client.post(reverse("imports:apply", args=[run.pk])).status_code == 403
    assert not Unit.objects.filter(source="nbr").exists()


def test_anonymous_visitor_is_sent_to_login(client, cast):
    response = client.get(INDEX)
    assert response.status_code == 302 and "/konto/logg-inn/" in response["Location"]


def test_caseworker_at_another_office_may_check_a_file_for_her_own_counties(cast, client_for):
    response = upload(
        client_for(cast.other_caseworker), "nbr", "f.json", as_file(bergen_file()), ["11"]
    )
    assert response.status_code == 302


def test_the_menu_shows_the_import_page_to_caseworkers_only(cast, client_for):
    assert 'href="/import/"' in client_for(cast.caseworker).get("/").content.decode()
    assert 'href="/import/"' not in client_for(cast.owner_rep).get("/").content.decode()


def test_applying_a_preview_after_the_registry_changed_says_so(cast, client_for):
    client = client_for(cast.caseworker)
    first = upload(client, "nbr", "a.json", as_file(bergen_file()))
    upload(client, "nbr", "b.json", as_file(bergen_file()))
    second = ImportRun.objects.get(file_name="b.json")
    client.post(first["Location"] + "utfor/")
    response = client.post(reverse("imports:apply", args=[second.pk]), follow=True)
    page = response.content.decode()
    assert "Registeret ble endret etter forhåndsvisningen" in page
    second.refresh_from_db()
    assert second.counts["units_created"] == 0


def test_a_concurrent_import_is_reported_without_a_500(cast, client_for, monkeypatch):
    from django.db import IntegrityError

    from kompetansemidler.registry.models import Organisation

    client = client_for(cast.caseworker)
    response = upload(client, "nbr", "a.json", as_file(bergen_file()))

    def clash(*args, **kwargs):
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr(Organisation.objects, "bulk_create", clash)
    page = client.post(response["Location"] + "utfor/", follow=True).content.decode()
    assert "En annen import endret de samme enhetene samtidig" in page
    assert ImportRun.objects.get().status == ImportStatus.PREVIEW
