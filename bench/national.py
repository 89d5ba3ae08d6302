"""A plan of the national registry: owners and units as plain records.

Pure and deterministic: the same seed and scale give the same plan. The
generator turns the plan into rows (bulk) or into register files in the NBR/NSR
v4 shape (for the product's importer and for timing it).
"""

import random
from dataclasses import dataclass, field
from datetime import datetime

from kompetansemidler.registry.numbers import organisation_number_from

from . import names

# National volumes at scale 1 (Udir's registers, rounded).
KINDERGARTENS = 5_600
SCHOOLS = 2_800
PRIVATE_KINDERGARTEN_SHARE = 0.5
UPPER_SECONDARY_SHARE = 0.17  # of schools
PRIVATE_PRIMARY_SHARE = 0.09
PRIVATE_UPPER_SECONDARY_SHARE = 0.15
OSLO_COUNTY = "03"  # Oslo is both municipality and county: the municipality owns the vgs


@dataclass(frozen=True)
class Place:
    number: str
    name: str
    official_name: str
    county_number: str
    county_name: str


@dataclass
class OwnerRecord:
    number: str
    name: str
    kind: str  # an OrganisationKind value
    municipality_number: str | None
    county_number: str


@dataclass
class UnitRecord:
    number: str
    name: str
    kind: str  # "kindergarten" or "school"
    owner_number: str
    municipality_number: str
    county_number: str
    is_public: bool
    is_primary: bool = False
    is_upper_secondary: bool = False
    children: int = 0
    staff: int = 0
    language_form: str = "nb"
    address: str = ""
    postal_code: str = ""
    postal_place: str = ""


@dataclass
class RegistryPlan:
    owners: list[OwnerRecord] = field(default_factory=list)
    units: list[UnitRecord] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        kindergartens = [u for u in self.units if u.kind == "kindergarten"]
        return {
            "owners": len(self.owners),
            "kindergartens": len(kindergartens),
            "private_kindergartens": sum(not u.is_public for u in kindergartens),
            "schools": len(self.units) - len(kindergartens),
        }


class NumberAllocator:
    """Hands out distinct, valid (MOD11) organisation numbers in increasing order."""

    def __init__(self, start_stem: int, taken: set[str] = frozenset()):
        self._next = start_stem
        self._taken = set(taken)

    def __call__(self) -> str:
        while True:
            number = organisation_number_from(self._next)
            self._next = int(number[:8]) + 1
            if number not in self._taken:
                return number


def allocate(
    total: int, weights: dict[str, float], rng: random.Random, minimum: int = 0
) -> dict[str, int]:
    """Split ``total`` over the keys in proportion to ``weights`` (largest remainder)."""
    keys = sorted(weights)
    floor_total = minimum * len(keys)
    if floor_total > total:
        minimum, floor_total = 0, 0
    spread = sum(weights.values())
    shares = {k: (total - floor_total) * weights[k] / spread for k in keys}
    counts = {k: minimum + int(shares[k]) for k in keys}
    rest = total - sum(counts.values())
    by_remainder = sorted(
        keys, key=lambda k: (shares[k] - int(shares[k]), rng.random()), reverse=True
    )
    for key in by_remainder[:rest]:
        counts[key] += 1
    return counts


def municipality_weights(places: list[Place], rng: random.Random) -> dict[str, float]:
    """Where units are: inhabitants, flattened (small places have more units per head)."""
    weights = {}
    for place in places:
        population = names.POPULATION.get(place.number)
        if population is None:
            population = min(45_000, max(200, int(rng.lognormvariate(8.5, 0.9))))
        weights[place.number] = population**0.8
    return weights


def _place_name(rng: random.Random) -> str:
    return rng.choice(names.PLACE_STEMS) + rng.choice(names.PLACE_SUFFIXES)


def _nynorsk(place: Place, rng: random.Random) -> bool:
    return rng.random() < names.NYNORSK_SHARE.get(place.county_number, 0.02)


def _address(place: Place, rng: random.Random) -> tuple[str, str, str]:
    street = _place_name(rng) + rng.choice(names.STREET_SUFFIXES)
    postal_code = f"{(int(place.county_number) * 97 + rng.randrange(90)) % 10000:04d}"
    return f"{street} {rng.randint(1, 120)}", postal_code, place.name.upper()


def plan_registry(
    places: list[Place],
    scale: float,
    seed: int,
    new_number: NumberAllocator,
    public_owner_of: dict[str, str],
) -> RegistryPlan:
    """The national owners and units at ``scale``.

    ``public_owner_of`` maps a municipality number, and ``county:<nn>`` a county
    (except Oslo's), to the organisation number of its public owner.
    """
    rng = random.Random(f"registry-{seed}")
    plan = RegistryPlan()
    by_number = {place.number: place for place in places}
    weights = municipality_weights(places, rng)
    minimum = 1 if scale >= 0.5 else 0

    def unit(place, kind, owner_number, is_public, name, **extra):
        address, postal_code, postal_place = _address(place, rng)
        plan.units.append(
            UnitRecord(
                number=new_number(),
                name=name,
                kind=kind,
                owner_number=owner_number,
                municipality_number=place.number,
                county_number=place.county_number,
                is_public=is_public,
                language_form="nn" if _nynorsk(place, rng) else "nb",
                address=address,
                postal_code=postal_code,
                postal_place=postal_place,
                **extra,
            )
        )

    def kindergarten_name(place):
        word = rng.choice(names.KINDERGARTEN_WORDS + [place.name, _place_name(rng)])
        return f"{word} {rng.choice(names.KINDERGARTEN_KINDS)}"

    def kindergarten(place, owner_number, is_public):
        children = rng.randint(25, 140) if is_public else rng.randint(12, 110)
        unit(
            place,
            "kindergarten",
            owner_number,
            is_public,
            kindergarten_name(place),
            children=children,
            staff=max(3, children // 5 + rng.randint(-1, 3)),
        )

    # Kindergartens: public ones belong to their municipality; private ones to
    # a few chains and many small owners of one to three units.
    kindergarten_counts = allocate(round(KINDERGARTENS * scale), weights, rng, minimum)
    slots = []  # (place, is_public) for every kindergarten, shuffled
    for number, count in kindergarten_counts.items():
        private = sum(rng.random() < PRIVATE_KINDERGARTEN_SHARE for _ in range(count))
        place = by_number[number]
        slots += [(place, False)] * private + [(place, True)] * (count - private)
    rng.shuffle(slots)
    private_slots = [place for place, is_public in slots if not is_public]
    for place, is_public in slots:
        if is_public:
            kindergarten(place, public_owner_of[place.number], True)
    for chain_name, size in names.KINDERGARTEN_CHAINS:
        size = min(len(private_slots), round(size * scale))
        if not size:
            continue
        owner = OwnerRecord(new_number(), chain_name, "private_owner", None, "")
        taken, private_slots = private_slots[:size], private_slots[size:]
        owner.municipality_number, owner.county_number = taken[0].number, taken[0].county_number
        plan.owners.append(owner)
        for place in taken:
            kindergarten(place, owner.number, False)
    by_place: dict[str, list[Place]] = {}
    for place in private_slots:
        by_place.setdefault(place.number, []).append(place)
    for number in sorted(by_place):
        queue = by_place[number]
        while queue:
            size = min(len(queue), rng.choices([1, 2, 3], weights=[70, 20, 10])[0])
            place = by_number[number]
            form = rng.choice(names.PRIVATE_OWNER_FORMS)
            owner = OwnerRecord(
                new_number(),
                form.format(word=rng.choice(names.KINDERGARTEN_WORDS), place=_place_name(rng)),
                "private_owner",
                number,
                place.county_number,
            )
            plan.owners.append(owner)
            for _ in range(size):
                kindergarten(queue.pop(), owner.number, False)

    # Schools: municipalities own the primary and lower secondary schools, the
    # county municipalities (Oslo: the municipality) the upper secondary ones;
    # a small share is private.
    school_total = round(SCHOOLS * scale)
    upper_total = round(school_total * UPPER_SECONDARY_SHARE)
    primary_counts = allocate(school_total - upper_total, weights, rng, minimum)
    upper_counts = allocate(upper_total, weights, rng)
    private_school_places = []
    for number in sorted(by_number):
        place = by_number[number]
        for _ in range(primary_counts[number]):
            if rng.random() < PRIVATE_PRIMARY_SHARE:
                private_school_places.append((place, "primary"))
                continue
            pupils = rng.randint(15, 650)
            kind_word = rng.choice(["skole", "skole", "barneskole", "ungdomsskole"])
            if pupils < 60:
                kind_word = "oppvekstsenter"
            unit(
                place,
                "school",
                public_owner_of[number],
                True,
                f"{_place_name(rng)} {kind_word}",
                is_primary=True,
                children=pupils,
                staff=max(4, pupils // 9),
            )
        for _ in range(upper_counts[number]):
            if rng.random() < PRIVATE_UPPER_SECONDARY_SHARE:
                private_school_places.append((place, "upper"))
                continue
            owner_key = (
                number if place.county_number == OSLO_COUNTY else f"county:{place.county_number}"
            )
            pupils = rng.randint(150, 1_200)
            suffix = "vidaregåande skule" if place.county_number == "46" else "videregående skole"
            unit(
                place,
                "school",
                public_owner_of[owner_key],
                True,
                f"{rng.choice([place.name, _place_name(rng)])} {suffix}",
                is_upper_secondary=True,
                children=pupils,
                staff=max(20, pupils // 8),
            )
    chains = []
    for chain_name, size in names.PRIVATE_SCHOOL_CHAINS:
        size = round(size * scale)
        if size:
            place = private_school_places[0][0] if private_school_places else places[0]
            owner = OwnerRecord(
                new_number(), chain_name, "private_owner", place.number, place.county_number
            )
            plan.owners.append(owner)
            chains += [owner] * size
    rng.shuffle(private_school_places)
    for index, (place, level) in enumerate(private_school_places):
        if index < len(chains):
            owner = chains[index]
        else:
            form = rng.choice(names.PRIVATE_SCHOOL_FORMS)
            owner = OwnerRecord(
                new_number(),
                form.format(place=_place_name(rng)),
                "private_owner",
                place.number,
                place.county_number,
            )
            plan.owners.append(owner)
        pupils = rng.randint(20, 450)
        unit(
            place,
            "school",
            owner.number,
            False,
            owner.name if index >= len(chains) else f"{owner.name.split()[0]} {place.name}",
            is_primary=level == "primary",
            is_upper_secondary=level == "upper",
            children=pupils,
            staff=max(4, pupils // 9),
        )
    return plan


REGISTER_CHANGED = datetime(2025, 8, 14, 10, 0, 0)


def register_records(
    plan: RegistryPlan, register: str, places: dict[str, Place], owner_names: dict[str, str]
) -> list[dict]:
    """The plan's units of one register (``nbr`` or ``nsr``) in Udir's API v4 shape.

    Owners that are private come as records of their own (``ErBarnehageEier`` /
    ``ErSkoleEier``); public owners only through the relation, by number.
    """
    kindergarten = register == "nbr"
    owners = {owner.number: owner for owner in plan.owners}
    records, owner_numbers = [], []
    for unit in plan.units:
        if (unit.kind == "kindergarten") != kindergarten:
            continue
        place = places[unit.municipality_number]
        record = {
            "Organisasjonsnummer": unit.number,
            "Navn": unit.name,
            "FulltNavn": unit.name,
            "ErAktiv": True,
            "Maalform": "Nynorsk" if unit.language_form == "nn" else "Bokmål",
            "Kommune": {
                "Kommunenummer": place.number,
                "Navn": place.name,
                "Fylkesnummer": place.county_number,
            },
            "Fylke": {"Fylkesnummer": place.county_number, "Navn": place.county_name},
            "Beliggenhetsadresse": {
                "Adresse": unit.address,
                "Postnummer": unit.postal_code,
                "Poststed": unit.postal_place,
                "Land": "Norge",
            },
            "ForeldreRelasjoner": [
                {
                    "Enhet": {
                        "Organisasjonsnummer": unit.owner_number,
                        "Navn": owner_names.get(unit.owner_number, ""),
                    },
                    "Relasjonstype": {"Id": 6 if kindergarten else 1, "Navn": "Eierstruktur"},
                }
            ],
            "DatoEndret": REGISTER_CHANGED.isoformat(),
        }
        if kindergarten:
            record.update(
                {
                    "ErBarnehage": True,
                    "ErOffentligBarnehage": unit.is_public,
                    "ErPrivatBarnehage": not unit.is_public,
                    "ErBarnehageEier": False,
                    "AntallBarn": unit.children,
                    "AntallAnsatte": unit.staff,
                }
            )
        else:
            record.update(
                {
                    "ErSkole": True,
                    "ErGrunnskole": unit.is_primary,
                    "ErVideregaaendeSkole": unit.is_upper_secondary,
                    "ErOffentligSkole": unit.is_public,
                    "ErPrivatskole": not unit.is_public,
                    "ErSkoleEier": False,
                    "Elevtall": unit.children,
                    "AnsatteFra": unit.staff,
                    "AnsatteTil": unit.staff + 5,
                }
            )
        records.append(record)
        if unit.owner_number in owners and unit.owner_number not in owner_numbers:
            owner_numbers.append(unit.owner_number)
    for number in owner_numbers:
        owner = owners[number]
        place = places.get(owner.municipality_number or "")
        record = {
            "Organisasjonsnummer": owner.number,
            "Navn": owner.name,
            "FulltNavn": owner.name,
            "ErAktiv": True,
            "ForeldreRelasjoner": [],
            "DatoEndret": REGISTER_CHANGED.isoformat(),
        }
        if place:
            record["Kommune"] = {
                "Kommunenummer": place.number,
                "Navn": place.name,
                "Fylkesnummer": place.county_number,
            }
        record.update(
            {"ErBarnehage": False, "ErBarnehageEier": True}
            if kindergarten
            else {"ErSkole": False, "ErSkoleEier": True}
        )
        records.append(record)
    return records
