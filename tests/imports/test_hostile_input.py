"""Hostile files get a clear message in the preview and leave the registry as it was."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kompetansemidler.core.workflow import STATE_REFUSED, ServiceRefused
from kompetansemidler.history.models import Event
from kompetansemidler.imports.models import ImportRun
from kompetansemidler.imports.services import import_run_apply
from kompetansemidler.registry.models import Unit

from .records import as_file, bergen_file, number


def upload(client, content: bytes):
    return client.post(
        "/import/",
        {
            "register": "nbr",
            "counties": ["46"],
            "file": SimpleUploadedFile("f.json", content, "application/json"),
        },
    )


def test_a_file_nested_two_hundred_thousand_deep_is_refused_with_a_message(cast, client_for):
    response = upload(client_for(cast.caseworker), b"[" * 200_000)
    assert response.status_code == 400
    assert "nøstet for dypt" in response.content.decode()
    assert not ImportRun.objects.exists()


def test_a_child_count_of_ten_to_the_thirtieth_is_rejected_in_the_preview(cast, client_for):
    records = bergen_file()
    records[1]["AntallBarn"] = 10**30
    records[2]["AntallAnsatte"] = 2**31
    client = client_for(cast.caseworker)
    response = upload(client, as_file(records))
    assert response.status_code == 302
    run = ImportRun.objects.get()
    rejected = {entry["organisation_number"]: entry for entry in run.rejected}
    assert rejected[number(1)]["reasons"][0]["code"] == "too_large_count"
    assert rejected[number(2)]["reasons"][0]["code"] == "too_large_count"
    assert "AntallBarn er større enn 100000" in client.get(response["Location"]).content.decode()

    run = import_run_apply(run=run, actor=cast.caseworker)
    assert run.counts["rejected"] == 2
    assert not Unit.objects.filter(organisation_number__in=[number(1), number(2)]).exists()


def test_a_preview_applied_twice_is_refused_as_a_state_the_second_time(cast, client_for):
    upload(client_for(cast.caseworker), as_file(bergen_file()))
    run = import_run_apply(run=ImportRun.objects.get(), actor=cast.caseworker)
    events = Event.objects.filter(kind="registry.import").count()
    with pytest.raises(ServiceRefused) as refused:
        import_run_apply(run=run, actor=cast.caseworker)
    assert refused.value.code == STATE_REFUSED
    assert refused.value.message == "Denne filen er allerede importert."
    assert Event.objects.filter(kind="registry.import").count() == events
