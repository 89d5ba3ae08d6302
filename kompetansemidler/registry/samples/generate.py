"""Deterministic sample files in the shape of Udir's registers NBR and NSR (API v4).

    python -m kompetansemidler.registry.samples.generate      # rewrites the two Vestland files

``generate_register`` returns the JSON structure (a list of records) for any
set of municipalities, so the national-scale benchmark can build a file of
some 8,400 units from the same code. The same seed gives the same file.

What the files contain, per municipality: the municipality's own record as an
owner (``ErBarnehageEier``/``ErSkoleEier`` with ``ErKommune``), its public
kindergartens or primary schools, and private units with their owners. Most
private owners have a record of their own; some appear only in the owner
relation of their units (with ``Navn``), as they do in the real registers.
NSR files also hold the county municipality and its upper secondary schools.

Organisation numbers are made up but carry valid MOD11 check digits, except
for the few real ones the demo cast uses (Bergen kommune, Fjordbarnehagar AS,
Vestland fylkeskommune), so imported units attach to the cast's owners.
"""

import csv
import json
import random
from datetime import datetime, timedelta
from pathlib import Path

from kompetansemidler.registry.numbers import organisation_number_from

SAMPLES_DIR = Path(__file__).resolve().parent
DATA_DIR = SAMPLES_DIR.parent / "data"

# The owner relation type ("Eierstruktur") in each register. NBR uses 6; for
# NSR we use 1. The importer also accepts the type by its name.
OWNER_RELATION = {
    "nbr": {"Id": 6, "Navn": "Eierstruktur"},
    "nsr": {"Id": 1, "Navn": "Eierstruktur"},
}

# Real organisation numbers the demo cast already knows.
KNOWN_MUNICIPALITY_NUMBERS = {"4601": "964338531"}
COUNTY_MUNICIPALITY = {"46": ("821311632", "Vestland fylkeskommune", "4601")}
CAST_PRIVATE_OWNER = ("930000019", "Fjordbarnehagar AS", "4631")

PLACE_STEMS = [
    "Haug",
    "Nes",
    "Vik",
    "Dal",
    "Li",
    "Berg",
    "Sand",
    "Myr",
    "Holt",
    "Straum",
    "Eid",
    "Hamre",
    "Tveit",
    "Voll",
    "Bø",
    "Lunde",
    "Øyr",
    "Fjær",
    "Hjell",
    "Kvam",
    "Rossnes",
    "Hauk",
    "Ask",
    "Gjerde",
    "Furu",
    "Hope",
    "Sætre",
    "Flat",
    "Lygre",
    "Hol",
    "Skei",
    "Ryg",
    "Bru",
    "Grind",
]
PLACE_ENDINGS = ["", "en", "bakken", "tunet", "haugen", "lia", "vika", "dalen", "stølen", "neset"]
PRIVATE_NAMES = [
    "Trollskogen",
    "Solstråla",
    "Eventyrhagen",
    "Blåbærtua",
    "Fjordglimt",
    "Regnbogen",
    "Marihøna",
    "Tyrihans",
    "Humlebia",
    "Lauvhytta",
    "Sjøstjerna",
    "Furutoppen",
    "Tussebo",
    "Kongleskogen",
    "Steinrøysa",
    "Måkeskrik",
    "Lyngtua",
    "Bekkekallen",
]
PRIVATE_SCHOOLS = [
    ("Steinerskulen i {place}", "Stiftelsen Steinerskulen i {place}"),
    ("{place} kristne skule", "{place} kristne skulelag SA"),
    ("{place} friskule", "{place} friskule AS"),
    ("Montessoriskulen i {place}", "Montessoriskulen i {place} SA"),
]
UPPER_SECONDARY = ["{place} vidaregåande skule", "{place} vgs"]
STAFF_BANDS = [(5, 9), (10, 19), (20, 49), (50, 99), (100, 199)]


def read_municipalities(county_number: str | None = None) -> list[tuple[str, str, str]]:
    """(number, name, county number) for every municipality, or one county's."""
    with open(DATA_DIR / "municipalities.csv", encoding="utf-8", newline="") as handle:
        rows = [
            (row["municipality_number"], row["name"], row["county_number"])
            for row in csv.DictReader(handle)
        ]
    return [row for row in rows if county_number is None or row[2] == county_number]


class _Numbers:
    """Hands out fresh valid organisation numbers from a register's own range."""

    def __init__(self, start: int):
        self.stem = start

    def next(self) -> str:
        number = organisation_number_from(self.stem)
        self.stem = int(number[:8]) + 1
        return number


def municipality_organisation_number(municipality_number: str) -> str:
    """The (made-up, stable) organisation number of a municipality, the same in both registers."""
    return KNOWN_MUNICIPALITY_NUMBERS.get(municipality_number) or organisation_number_from(
        96000000 + int(municipality_number) * 10
    )


def _postal(rng: random.Random, municipality_number: str) -> str:
    # Sogn og Fjordane had 68xx–69xx, Hordaland 5xxx; close enough for demo data.
    base = 6800 if municipality_number >= "4636" else 5000
    return f"{base + rng.randrange(0, 199 if base == 6800 else 999):04d}"


def _place(rng: random.Random) -> str:
    return rng.choice(PLACE_STEMS) + rng.choice(PLACE_ENDINGS)


def _language(rng: random.Random, municipality_number: str) -> str:
    # Bergen writes Bokmål; most of the rest of Vestland writes Nynorsk.
    if municipality_number == "4601":
        return "Bokmål" if rng.random() < 0.85 else "Nynorsk"
    return "Nynorsk" if rng.random() < 0.9 else "Bokmål"


def _frame(number, name, municipality, county_name, rng, changed_at, language=None):
    m_number, m_name, c_number = municipality
    return {
        "Organisasjonsnummer": number,
        "Navn": name,
        "FulltNavn": name,
        "ErAktiv": True,
        "Maalform": language or _language(rng, m_number),
        "Kommune": {"Kommunenummer": m_number, "Navn": m_name, "Fylkesnummer": c_number},
        "Fylke": {"Fylkesnummer": c_number, "Navn": county_name},
        "Beliggenhetsadresse": {
            "Adresse": f"{_place(rng)}vegen {rng.randrange(1, 60)}",
            "Postnummer": _postal(rng, m_number),
            "Poststed": m_name.upper(),
            "Land": "Norge",
        },
        "ForeldreRelasjoner": [],
        "DatoEndret": (changed_at - timedelta(minutes=rng.randrange(0, 60 * 24 * 400))).strftime(
            "%Y-%m-%dT%H:%M:%S"
        ),
    }


def _owned_by(record: dict, owner_number: str, owner_name: str, register: str) -> dict:
    record["ForeldreRelasjoner"].append(
        {
            "Enhet": {"Organisasjonsnummer": owner_number, "Navn": owner_name},
            "Relasjonstype": dict(OWNER_RELATION[register]),
        }
    )
    return record


def _kindergarten_flags(record, *, public: bool, owner: bool = False, unit: bool = True):
    record.update(
        {
            "ErBarnehage": unit,
            "ErOffentligBarnehage": public and unit,
            "ErPrivatBarnehage": (not public) and unit,
            "ErBarnehageEier": owner,
        }
    )
    return record


def _school_flags(record, *, public: bool, primary=True, upper=False, owner=False, unit=True):
    record.update(
        {
            "ErSkole": unit,
            "ErGrunnskole": primary and unit,
            "ErVideregaaendeSkole": upper and unit,
            "ErOffentligSkole": public and unit,
            "ErPrivatskole": (not public) and unit,
            "ErSkoleEier": owner,
        }
    )
    return record


def _owner_record(
    register,
    number,
    name,
    municipality,
    county_name,
    rng,
    changed_at,
    *,
    kommune=False,
    fylkeskommune=False,
):
    record = _frame(number, name, municipality, county_name, rng, changed_at)
    if register == "nbr":
        _kindergarten_flags(record, public=kommune or fylkeskommune, owner=True, unit=False)
    else:
        _school_flags(record, public=kommune or fylkeskommune, owner=True, unit=False)
    record["ErKommune"] = kommune
    record["ErFylkeskommune"] = fylkeskommune
    return record


def _share(total: int, municipalities, rng: random.Random) -> list[int]:
    """Spread ``total`` units over the municipalities; the first ones are larger towns."""
    weights = [
        rng.uniform(0.5, 1.5) * (4 if index == 0 else 1) for index, _ in enumerate(municipalities)
    ]
    scale = total / sum(weights)
    counts = [max(1, int(weight * scale)) for weight in weights]
    index = 0
    while sum(counts) < total:
        counts[index % len(counts)] += 1
        index += 1
    while sum(counts) > total:
        largest = counts.index(max(counts))
        counts[largest] -= 1
    return counts


def generate_register(
    register: str,
    municipalities: list[tuple[str, str, str]],
    seed: int,
    *,
    units: int | None = None,
    county_names: dict[str, str] | None = None,
    changed_at: datetime = datetime(2025, 9, 1, 12, 0),
) -> list[dict]:
    """The records of one register file (``"nbr"`` or ``"nsr"``) as JSON-ready dicts.

    ``municipalities`` are (number, name, county number) tuples, as from
    ``read_municipalities``; ``units`` is the number of kindergartens or
    schools to spread over them (default: 5 per municipality). Owners come on
    top. In NSR about one unit in eight is an upper secondary school owned by
    the county municipality.
    """
    if register not in OWNER_RELATION:
        raise ValueError(f"unknown register {register!r}")
    rng = random.Random(f"{register}-{seed}")
    numbers = _Numbers(97100000 if register == "nbr" else 97600000)
    county_names = county_names or {"46": "Vestland"}
    units = units if units is not None else 5 * len(municipalities)
    records: list[dict] = []
    owner_records: dict[str, dict] = {}
    county_owners = dict(COUNTY_MUNICIPALITY)
    used_names: set[str] = set()

    def unique(name: str, place: str) -> str:
        # Two units of the same name in one file would confuse a reader.
        head, tail = name.rsplit(" ", 1)
        candidate = name
        if candidate in used_names:
            candidate = f"{head} {place} {tail}"
        while candidate in used_names:
            candidate = f"{head} {_place(rng)} {tail}"
        used_names.add(candidate)
        return candidate

    private_chain = CAST_PRIVATE_OWNER if register == "nbr" else None

    def county_name(municipality):
        return county_names.get(municipality[2], f"Fylke {municipality[2]}")

    for municipality, count in zip(municipalities, _share(units, municipalities, rng), strict=True):
        m_number, m_name, c_number = municipality
        c_name = county_name(municipality)
        kommune_number = municipality_organisation_number(m_number)
        kommune_name = f"{m_name} kommune"
        owner_records.setdefault(
            kommune_number,
            _owner_record(
                register,
                kommune_number,
                kommune_name,
                municipality,
                c_name,
                rng,
                changed_at,
                kommune=True,
            ),
        )
        for _ in range(count):
            place = _place(rng)
            upper = register == "nsr" and rng.random() < 0.125
            public = upper or rng.random() < (0.55 if register == "nbr" else 0.88)
            number = numbers.next()
            if register == "nbr":
                name = unique(
                    f"{place} barnehage" if public else f"{rng.choice(PRIVATE_NAMES)} barnehage",
                    m_name,
                )
                record = _kindergarten_flags(
                    _frame(number, name, municipality, c_name, rng, changed_at), public=public
                )
                children = rng.randrange(18, 120)
                record["AntallBarn"] = children
                record["AntallAnsatte"] = max(4, round(children / rng.uniform(5.0, 6.5)))
            else:
                if upper:
                    name = rng.choice(UPPER_SECONDARY).format(place=place)
                elif public:
                    name = f"{place} skule" if m_number != "4601" else f"{place} skole"
                else:
                    school_template, owner_template = rng.choice(PRIVATE_SCHOOLS)
                    name = school_template.format(place=place)
                name = unique(name, m_name)
                record = _school_flags(
                    _frame(number, name, municipality, c_name, rng, changed_at),
                    public=public,
                    primary=not upper,
                    upper=upper,
                )
                pupils = rng.randrange(300, 1100) if upper else rng.randrange(25, 650)
                band = min(len(STAFF_BANDS) - 1, pupils // 120)
                record["Elevtall"] = pupils
                record["AnsatteFra"], record["AnsatteTil"] = STAFF_BANDS[band]
            if upper:
                c_org, c_org_name, c_seat = county_owners.get(
                    c_number, (None, f"{c_name} fylkeskommune", m_number)
                )
                if c_org is None:
                    c_org = organisation_number_from(96900000 + int(c_number) * 10)
                    county_owners[c_number] = (c_org, c_org_name, m_number)
                seat = next((m for m in municipalities if m[0] == c_seat), municipality)
                owner_records.setdefault(
                    c_org,
                    _owner_record(
                        register,
                        c_org,
                        c_org_name,
                        seat,
                        c_name,
                        rng,
                        changed_at,
                        fylkeskommune=True,
                    ),
                )
                _owned_by(record, c_org, c_org_name, register)
            elif public:
                _owned_by(record, kommune_number, kommune_name, register)
            else:
                if private_chain and private_chain[2] == m_number and rng.random() < 0.7:
                    owner_number, owner_name, _seat = private_chain
                    record["Navn"] = record["FulltNavn"] = f"{place} fjordbarnehage"
                elif register == "nbr":
                    owner_number, owner_name = numbers.next(), f"{record['Navn']} SA"
                else:
                    owner_number = numbers.next()
                    owner_name = owner_template.format(place=place)
                # About one private owner in five has no record of its own in
                # the file: only the relation names it.
                if owner_number not in owner_records and (
                    owner_number == CAST_PRIVATE_OWNER[0] or rng.random() < 0.8
                ):
                    owner_records[owner_number] = _owner_record(
                        register, owner_number, owner_name, municipality, c_name, rng, changed_at
                    )
                _owned_by(record, owner_number, owner_name, register)
            # One unit in thirty has closed but is still listed, inactive.
            if (len(records) + 1) % 30 == 0:
                record["ErAktiv"] = False
            records.append(record)
    return list(owner_records.values()) + records


# The Vestland sample files: a mix of towns and rural municipalities.
VESTLAND_SAMPLE = ["4601", "4631", "4621", "4640", "4647", "4626", "4614", "4650", "4617"]


def vestland_samples() -> dict[str, list[dict]]:
    by_number = {m[0]: m for m in read_municipalities("46")}
    chosen = [by_number[number] for number in VESTLAND_SAMPLE]
    return {
        "nbr-vestland.json": generate_register("nbr", chosen, seed=2025, units=46),
        "nsr-vestland.json": generate_register("nsr", chosen, seed=2025, units=36),
    }


def write_samples() -> None:
    for name, records in vestland_samples().items():
        with open(SAMPLES_DIR / name, "w", encoding="utf-8") as handle:
            json.dump(records, handle, ensure_ascii=False, indent=1)
            handle.write("\n")


if __name__ == "__main__":
    write_samples()
