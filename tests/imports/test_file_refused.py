"""A file that is not JSON or not the v4 shape is refused whole, with a clear message."""

import pytest
from django.utils import translation

from kompetansemidler.imports.models import ImportRun
from kompetansemidler.imports.reasons import FileRefused
from kompetansemidler.imports.services import import_file_apply
from kompetansemidler.registry.models import Unit

from .records import as_file, bergen_file


def refusal(register: str, content: bytes) -> FileRefused:
    with pytest.raises(FileRefused) as caught:
        import_file_apply(register=register, file_name="f.json", content=content)
    assert not Unit.objects.exists()
    assert not ImportRun.objects.exists()
    return caught.value


@pytest.fixture(autouse=True)
def in_english():
    # The messages are asserted in the source language; the pages test Bokmål.
    with translation.override("en"):
        yield


def test_not_json_names_the_line(structure, broken):
    refused = refusal("nbr", broken("not-json.json"))
    assert refused.reason["code"] == "not_json"
    assert "line 3" in refused.message


def test_v3_field_names_get_their_own_message(structure, broken):
    refused = refusal("nbr", broken("v3.json"))
    assert refused.reason["code"] == "v3_fields"
    assert "Kommunenr, Orgnr" in refused.message
    assert "version 4" in refused.message


def test_another_json_shape_is_not_v4(structure, broken):
    assert refusal("nbr", broken("not-v4.json")).reason["code"] == "not_v4"


def test_an_empty_list_is_refused_rather_than_deactivating_everything(structure):
    assert refusal("nbr", b"[]").reason["code"] == "empty"


def test_a_kindergarten_file_chosen_as_the_school_register_is_refused(structure):
    refused = refusal("nsr", as_file(bergen_file()))
    assert refused.reason["code"] == "wrong_register"
    assert "schools" in refused.message


def test_text_that_is_not_utf8_is_refused(structure):
    assert refusal("nbr", '[{"Navn": "Bø"}]'.encode("latin-1")).reason["code"] == "not_utf8"
