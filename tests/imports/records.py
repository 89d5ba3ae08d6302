"""Small register records for the import tests, in the API v4 shape."""

import json

from kompetansemidler.registry.numbers import organisation_number_from

BERGEN_KOMMUNE = "964338531"


def number(n: int) -> str:
    """A valid organisation number of the tests' own (n: 1, 2, 3 …)."""
    return organisation_number_from(99100000 + n * 7)


def owner_relation(owner_number: str, owner_name: str = "", type_id: int = 6) -> dict:
    return {
        "Enhet": {"Organisasjonsnummer": owner_number, "Navn": owner_name},
        "Relasjonstype": {"Id": type_id, "Navn": "Eierstruktur"},
    }


def kindergarten(
    org: str,
    name: str,
    *,
    municipality="4601",
    owner=(BERGEN_KOMMUNE, "Bergen kommune"),
    public=True,
    **fields,
) -> dict:
    record = {
        "Organisasjonsnummer": org,
        "Navn": name,
        "ErAktiv": True,
        "ErBarnehage": True,
        "ErOffentligBarnehage": public,
        "ErPrivatBarnehage": not public,
        "ErBarnehageEier": False,
        "AntallBarn": 54,
        "AntallAnsatte": 12,
        "Maalform": "Nynorsk",
        "Kommune": {"Kommunenummer": municipality, "Navn": "", "Fylkesnummer": "46"},
        "Beliggenhetsadresse": {
            "Adresse": "Skulevegen 2",
            "Postnummer": "5003",
            "Poststed": "BERGEN",
        },
        "ForeldreRelasjoner": [owner_relation(*owner)] if owner else [],
        "DatoEndret": "2025-08-14T10:21:07",
    }
    record.update(fields)
    return record


def kindergarten_owner(org: str, name: str, *, municipality="4601", kommune=False, **fields):
    record = {
        "Organisasjonsnummer": org,
        "Navn": name,
        "ErAktiv": True,
        "ErBarnehage": False,
        "ErBarnehageEier": True,
        "ErKommune": kommune,
        "Maalform": "Bokmål",
        "Kommune": {"Kommunenummer": municipality},
        "ForeldreRelasjoner": [],
    }
    record.update(fields)
    return record


def school(org: str, name: str, *, owner, public=True, upper=False, type_id=1, **fields):
    record = {
        "Organisasjonsnummer": org,
        "Navn": name,
        "ErAktiv": True,
        "ErSkole": True,
        "ErGrunnskole": not upper,
        "ErVideregaaendeSkole": upper,
        "ErOffentligSkole": public,
        "ErPrivatskole": not public,
        "ErSkoleEier": False,
        "Elevtall": 300,
        "AnsatteFra": 20,
        "AnsatteTil": 49,
        "Maalform": "Nynorsk",
        "Kommune": {"Kommunenummer": "4621"},
        "ForeldreRelasjoner": [owner_relation(*owner, type_id=type_id)],
    }
    record.update(fields)
    return record


def as_file(records) -> bytes:
    return json.dumps(records, ensure_ascii=False).encode("utf-8")


def bergen_file(*extra) -> list[dict]:
    """Bergen kommune as owner and two of its kindergartens, plus ``extra`` records."""
    return [
        kindergarten_owner(BERGEN_KOMMUNE, "Bergen kommune", kommune=True),
        kindergarten(number(1), "Haukeland barnehage"),
        kindergarten(number(2), "Nygårdshøyden barnehage", AntallBarn=80),
        *extra,
    ]
