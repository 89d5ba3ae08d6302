"""Reading files in the shape of Udir's registers NBR and NSR (API v4 JSON).

``read_file`` turns the bytes into records or refuses the whole file;
``parse_records`` checks each record and sorts it into units, owners and
rejected records, collecting every reason a record is rejected at once.
Nothing here touches the database.

The shape (see the registers' API v4): a JSON list of objects, or an object
whose ``Enheter`` is that list. A record is a unit when ``ErBarnehage``
(NBR) or ``ErSkole`` (NSR) is true, and an owner when ``ErBarnehageEier`` or
``ErSkoleEier`` is true; it may be both. Other records (a kindergarten
authority, say) are counted and ignored.

The owner of a unit is its parent relation of type *Eierstruktur*: relation
type id 6 in NBR and, by our choice, 1 in NSR; a relation whose type is named
"Eierstruktur" counts in either register.
"""

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from .reasons import FileRefused, reason

OWNER_RELATION_IDS = {"nbr": 6, "nsr": 1}
OWNER_RELATION_NAME = "eierstruktur"
V3_FIELDS = ("Orgnr", "Kommunenr", "OrgNr", "KommuneNr", "Fylkenr")
REGISTER_TIME_ZONE = ZoneInfo("Europe/Oslo")

UNIT_FLAG = {"nbr": "ErBarnehage", "nsr": "ErSkole"}
OWNER_FLAG = {"nbr": "ErBarnehageEier", "nsr": "ErSkoleEier"}
PUBLIC_FLAG = {"nbr": "ErOffentligBarnehage", "nsr": "ErOffentligSkole"}
PRIVATE_FLAG = {"nbr": "ErPrivatBarnehage", "nsr": "ErPrivatskole"}
LANGUAGE_FORMS = {"bokmål": "nb", "bokmal": "nb", "nynorsk": "nn"}
LIMITS = {"Navn": 200, "Adresse": 200, "Poststed": 100}


@dataclass(frozen=True)
class OwnerRef:
    number: str
    name: str


@dataclass
class UnitRecord:
    number: str
    name: str
    municipality_number: str
    is_active: bool
    is_public: bool
    is_primary: bool
    is_upper_secondary: bool
    children: int | None
    staff: int | None
    language_form: str
    address: str
    postal_code: str
    postal_place: str
    changed_at: datetime | None
    owner: OwnerRef


@dataclass
class OwnerRecord:
    number: str
    name: str
    municipality_number: str
    is_active: bool
    language_form: str
    # The record's own word for what it is, when the file says (ErKommune,
    # ErFylkeskommune); None when the file does not say.
    is_municipality: bool | None
    is_county_municipality: bool | None


@dataclass
class ParsedFile:
    records: int = 0
    ignored: int = 0
    units: list[UnitRecord] = field(default_factory=list)
    owners: list[OwnerRecord] = field(default_factory=list)
    rejected: list[dict] = field(default_factory=list)
    # Every organisation number the file mentions as a record, rejected ones
    # included: a unit still in the register is not deactivated because its
    # record had a fault this time.
    numbers_seen: set[str] = field(default_factory=set)


MOD11_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)
# Children, pupils and staff of one unit: far above any real unit, well inside
# the database's integer.
MAX_COUNT = 100_000


def is_organisation_number(value) -> bool:
    """Nine digits with a correct MOD11 check digit.

    The same rule as python-stdnum's ``orgnr.is_valid`` for compact input, at
    a fraction of its cost: a national file checks some 13,000 numbers.
    """
    if not isinstance(value, str) or len(value) != 9 or not value.isascii() or not value.isdigit():
        return False
    remainder = sum(w * int(d) for w, d in zip(MOD11_WEIGHTS, value, strict=False)) % 11
    check = (11 - remainder) % 11
    return check != 10 and check == int(value[8])


def read_file(register: str, content: bytes) -> list[dict]:
    """The records of the file, or FileRefused saying why the file cannot be read."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileRefused("not_utf8") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise FileRefused(
            "not_json", line=error.lineno, column=error.colno, detail=error.msg
        ) from None
    except RecursionError:
        # Lists or objects nested thousands deep: not a register file.
        raise FileRefused("too_deep") from None
    if isinstance(data, dict) and isinstance(data.get("Enheter"), list):
        data = data["Enheter"]
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise FileRefused("not_v4")
    if not data:
        raise FileRefused("empty")
    if not any("Organisasjonsnummer" in item for item in data):
        v3 = sorted({name for item in data for name in V3_FIELDS if name in item})
        if v3:
            raise FileRefused("v3_fields", fields=", ".join(v3))
        raise FileRefused("not_v4")
    if not any(
        item.get(UNIT_FLAG[register]) is True or item.get(OWNER_FLAG[register]) is True
        for item in data
    ):
        raise FileRefused("wrong_register", expected=register)
    return data


class _Checker:
    """Reads fields off one record, collecting a reason for each fault."""

    def __init__(self, record: dict):
        self.record = record
        self.reasons: list[dict] = []

    def fault(self, code: str, **params):
        self.reasons.append(reason(code, **params))

    def text(self, name: str, container: dict | None = None, *, required=True) -> str:
        value = (self.record if container is None else container).get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fault("missing_field", field=name)
            return ""
        if not isinstance(value, str):
            self.fault("wrong_type", field=name, expected="text")
            return ""
        value = " ".join(value.split())
        if name in LIMITS and len(value) > LIMITS[name]:
            self.fault("too_long", field=name, limit=LIMITS[name])
            return ""
        return value

    def flag(self, name: str, *, required=False) -> bool | None:
        value = self.record.get(name)
        if value is None:
            if required:
                self.fault("missing_field", field=name)
            return None
        if not isinstance(value, bool):
            self.fault("wrong_type", field=name, expected="boolean")
            return None
        return value

    def count(self, name: str) -> int | None:
        value = self.record.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.fault("wrong_type", field=name, expected="count")
            return None
        if value > MAX_COUNT:
            self.fault("too_large_count", field=name, limit=MAX_COUNT)
            return None
        return value

    def obj(self, name: str, container: dict | None = None, *, required=True) -> dict:
        value = (self.record if container is None else container).get(name)
        if value is None:
            if required:
                self.fault("missing_field", field=name)
            return {}
        if not isinstance(value, dict):
            self.fault("wrong_type", field=name, expected="object")
            return {}
        return value

    def organisation_number(self) -> str:
        value = self.text("Organisasjonsnummer")
        if value and not is_organisation_number(value):
            self.fault("invalid_organisation_number", value=value)
        return value

    def municipality(self, known: set[str]) -> str:
        kommune = self.obj("Kommune")
        if not kommune:
            return ""
        number = self.text("Kommunenummer", kommune)
        if number and number not in known:
            self.fault("unknown_municipality", value=number)
        return number

    def language_form(self) -> str:
        value = self.text("Maalform", required=False)
        return LANGUAGE_FORMS.get(value.lower(), "nb")

    def changed_at(self) -> datetime | None:
        value = self.record.get("DatoEndret")
        if value is None:
            return None
        try:
            moment = datetime.fromisoformat(value)
        except (TypeError, ValueError):
            self.fault("wrong_type", field="DatoEndret", expected="datetime")
            return None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=REGISTER_TIME_ZONE)
        # In UTC, so that a time in the hour the clocks change compares equal
        # to what the database gives back.
        return moment.astimezone(UTC)

    def address(self) -> tuple[str, str, str]:
        place = self.obj("Beliggenhetsadresse", required=False)
        address = self.text("Adresse", place, required=False)
        postal_code = self.text("Postnummer", place, required=False)
        if postal_code and not (len(postal_code) == 4 and postal_code.isdigit()):
            self.fault("wrong_type", field="Postnummer", expected="postal_code")
            postal_code = ""
        return address, postal_code, self.text("Poststed", place, required=False)

    def owner(self, register: str) -> OwnerRef | None:
        relations = self.record.get("ForeldreRelasjoner")
        if relations is None:
            relations = []
        if not isinstance(relations, list):
            self.fault("wrong_type", field="ForeldreRelasjoner", expected="list")
            return None
        for relation in relations:
            if not isinstance(relation, dict):
                continue
            kind = relation.get("Relasjonstype") or {}
            kind_name = kind.get("Navn") if isinstance(kind, dict) else None
            kind_id = kind.get("Id") if isinstance(kind, dict) else None
            if kind_id != OWNER_RELATION_IDS[register] and not (
                isinstance(kind_name, str) and kind_name.lower() == OWNER_RELATION_NAME
            ):
                continue
            unit = relation.get("Enhet") if isinstance(relation.get("Enhet"), dict) else {}
            number = unit.get("Organisasjonsnummer")
            if not is_organisation_number(number):
                self.fault("invalid_owner_number", value=str(number or ""))
                return None
            name = unit.get("Navn")
            return OwnerRef(number, " ".join(name.split()) if isinstance(name, str) else "")
        self.fault("missing_owner")
        return None


def _public(check: _Checker, register: str) -> bool | None:
    public = check.flag(PUBLIC_FLAG[register])
    private = check.flag(PRIVATE_FLAG[register])
    if public is None and private is None:
        check.fault("missing_field", field=PUBLIC_FLAG[register])
        return None
    return public if public is not None else not private


def parse_records(register: str, records: list[dict], municipalities: set[str]) -> ParsedFile:
    """Sort the records into units, owners and rejected records with their reasons.

    ``municipalities`` are the known municipality numbers. A record that is
    both a unit and an owner yields both. The second record with an
    organisation number already seen is rejected.
    """
    parsed = ParsedFile(records=len(records))
    for record in records:
        check = _Checker(record)
        is_unit = check.flag(UNIT_FLAG[register]) is True
        is_owner = check.flag(OWNER_FLAG[register]) is True
        if not (is_unit or is_owner):
            parsed.ignored += 1
            continue
        number = check.organisation_number()
        name = check.text("Navn")
        if number in parsed.numbers_seen:
            parsed.rejected.append(
                {"organisation_number": number, "name": name, "reasons": [reason("duplicate")]}
            )
            continue
        if number:
            parsed.numbers_seen.add(number)
        municipality = check.municipality(municipalities)
        active = check.flag("ErAktiv", required=True)
        language = check.language_form()
        unit = owner = None
        if is_unit:
            public = _public(check, register)
            address, postal_code, postal_place = check.address()
            if register == "nbr":
                primary = upper = False
                children, staff = check.count("AntallBarn"), check.count("AntallAnsatte")
            else:
                primary = bool(check.flag("ErGrunnskole"))
                upper = bool(check.flag("ErVideregaaendeSkole"))
                children = check.count("Elevtall")
                low, high = check.count("AnsatteFra"), check.count("AnsatteTil")
                # NSR gives staff as a band; the middle of it is our estimate.
                staff = (low + high) // 2 if low is not None and high is not None else low
            changed_at = check.changed_at()
            owner_ref = check.owner(register)
            if not check.reasons:
                unit = UnitRecord(
                    number=number,
                    name=name,
                    municipality_number=municipality,
                    is_active=bool(active),
                    is_public=bool(public),
                    is_primary=primary,
                    is_upper_secondary=upper,
                    children=children,
                    staff=staff,
                    language_form=language,
                    address=address,
                    postal_code=postal_code,
                    postal_place=postal_place,
                    changed_at=changed_at,
                    owner=owner_ref,
                )
        if is_owner:
            is_municipality = check.flag("ErKommune")
            is_county_municipality = check.flag("ErFylkeskommune")
            if not check.reasons:
                owner = OwnerRecord(
                    number=number,
                    name=name,
                    municipality_number=municipality,
                    is_active=bool(active),
                    language_form=language,
                    is_municipality=is_municipality,
                    is_county_municipality=is_county_municipality,
                )
        if check.reasons:
            parsed.rejected.append(
                {"organisation_number": number, "name": name, "reasons": check.reasons}
            )
            continue
        if unit:
            parsed.units.append(unit)
        if owner:
            parsed.owners.append(owner)
    return parsed
