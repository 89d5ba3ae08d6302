"""What an import would do: compare the parsed file with the registry, write nothing.

The plan reads every existing organisation and unit in one query each and
works in memory, so a national file (some 8,400 units) costs a handful of
queries. ``services.import_plan_apply`` writes a plan in bulk.

Rules the plan follows:

- A unit is matched on its organisation number. A unit maintained from the
  other register is left alone and its record rejected; a unit registered by
  hand is taken over by the register (its source changes).
- Units of this register that are no longer in the file, or that the file
  marks ``ErAktiv: false``, are deactivated, never deleted.
- The owner of a unit is, in this order: the owner's own record in the file;
  the organisation already in the registry; an organisation created from the
  owner relation's ``Navn``. Without any of these the unit is rejected.
- An owner's kind: ``ErFylkeskommune``/``ErKommune`` when the record says so.
  Otherwise from the units it owns in the file: a public owner of an upper
  secondary school is a county municipality, another public owner a
  municipality, an owner of private units a private owner. An owner created
  from a relation alone is placed in its unit's municipality (a county
  municipality only in its county).
- Organisations are updated only when the same register created them: an
  owner in both registers (a municipality) cannot be pulled two ways, and an
  organisation registered by hand keeps what the caseworker entered.
"""

from dataclasses import dataclass, field

from kompetansemidler.registry.models import (
    Municipality,
    Organisation,
    OrganisationKind,
    RegisterSource,
    Unit,
    UnitKind,
)

from .format import OwnerRecord, ParsedFile, UnitRecord
from .reasons import reason

UNIT_KIND = {"nbr": UnitKind.KINDERGARTEN, "nsr": UnitKind.SCHOOL}
UNIT_FIELDS = (
    "name",
    "kind",
    "owner",
    "municipality",
    "is_public",
    "is_active",
    "is_primary",
    "is_upper_secondary",
    "children",
    "staff",
    "language_form",
    "address",
    "postal_code",
    "postal_place",
    "source",
    "register_changed_at",
)
OWNER_FIELDS = ("name", "kind", "municipality", "county", "language_form", "is_active")
FOREIGN_KEYS = {"owner", "municipality", "county"}


@dataclass
class Plan:
    register: str
    parsed: ParsedFile
    owners_created: list[Organisation] = field(default_factory=list)
    owners_changed: list[tuple[Organisation, list[dict]]] = field(default_factory=list)
    units_created: list[Unit] = field(default_factory=list)
    units_changed: list[tuple[Unit, list[dict]]] = field(default_factory=list)
    units_deactivated: list[tuple[Unit, str, list[dict]]] = field(default_factory=list)
    rejected: list[dict] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "records": self.parsed.records,
            "ignored": self.parsed.ignored,
            "units_created": len(self.units_created),
            "units_changed": len(self.units_changed),
            "units_deactivated": len(self.units_deactivated),
            "owners_created": len(self.owners_created),
            "owners_changed": len(self.owners_changed),
            "rejected": len(self.rejected),
        }

    @property
    def changes(self) -> int:
        counts = self.counts()
        return sum(counts[key] for key in counts if key not in ("records", "ignored", "rejected"))

    def report(self) -> dict[str, list[dict]]:
        """The lists behind the counts, ready to store as JSON."""

        def entry(obj, **extra):
            return {"organisation_number": obj.organisation_number, "name": obj.name, **extra}

        return {
            "units_created": [entry(unit, owner=unit.owner.name) for unit in self.units_created],
            "units_changed": [entry(unit, fields=changes) for unit, changes in self.units_changed],
            "units_deactivated": [
                entry(unit, why=why, fields=changes)
                for unit, why, changes in self.units_deactivated
            ],
            "owners_created": [entry(owner, kind=owner.kind) for owner in self.owners_created],
            "owners_changed": [
                entry(owner, fields=changes) for owner, changes in self.owners_changed
            ],
        }


def _shown(name: str, value):
    """A field's value as the report shows it: numbers and names, not database ids."""
    if value is None:
        return None
    if name in ("owner",):
        return f"{value.organisation_number} {value.name}"
    if name == "municipality":
        return f"{value.number} {value.name}"
    if name == "county":
        return f"{value.number} {value.name}"
    if name == "register_changed_at":
        return value.isoformat()
    return value


def _differences(obj, target: dict, related: dict) -> list[dict]:
    """Fields whose target value differs from the object's, with before and after."""
    changes = []
    for name, new in target.items():
        if name in FOREIGN_KEYS:
            old_id = getattr(obj, f"{name}_id")
            if new is not None and old_id == new.pk and new.pk is not None:
                continue
            if new is None and old_id is None:
                continue
            old = related[name].get(old_id)
        else:
            old = getattr(obj, name)
            if old == new:
                continue
        changes.append({"field": name, "before": _shown(name, old), "after": _shown(name, new)})
    return changes


class _Planner:
    def __init__(self, register: str, parsed: ParsedFile):
        self.register = register
        self.plan = Plan(register=register, parsed=parsed, rejected=list(parsed.rejected))
        self.municipalities = {m.number: m for m in Municipality.objects.select_related("county")}
        self.municipality_by_id = {m.pk: m for m in self.municipalities.values()}
        self.county_by_id = {m.county_id: m.county for m in self.municipalities.values()}
        self.organisations = {o.organisation_number: o for o in Organisation.objects.all()}
        self.organisation_by_id = {o.pk: o for o in self.organisations.values()}
        self.units = {u.organisation_number: u for u in Unit.objects.all()}
        self.owner_records = {owner.number: owner for owner in parsed.owners}
        self.units_of_owner: dict[str, list[UnitRecord]] = {}
        for unit in parsed.units:
            self.units_of_owner.setdefault(unit.owner.number, []).append(unit)
        self.planned_owners: dict[str, Organisation] = {}

    def related(self) -> dict:
        return {
            "owner": self.organisation_by_id,
            "municipality": self.municipality_by_id,
            "county": self.county_by_id,
        }

    def owner_kind(self, number: str, record: OwnerRecord | None) -> str:
        if record and record.is_county_municipality:
            return OrganisationKind.COUNTY_MUNICIPALITY
        if record and record.is_municipality:
            return OrganisationKind.MUNICIPALITY
        owned = self.units_of_owner.get(number, [])
        if owned and any(unit.is_public for unit in owned):
            if any(unit.is_upper_secondary for unit in owned):
                return OrganisationKind.COUNTY_MUNICIPALITY
            return OrganisationKind.MUNICIPALITY
        return OrganisationKind.PRIVATE_OWNER

    def plan_owner_records(self):
        for record in self.plan.parsed.owners:
            municipality = self.municipalities[record.municipality_number]
            target = {
                "name": record.name,
                "kind": self.owner_kind(record.number, record),
                "municipality": municipality,
                "county": municipality.county,
                "language_form": record.language_form,
                "is_active": record.is_active,
            }
            existing = self.organisations.get(record.number)
            if existing is None:
                owner = Organisation(
                    organisation_number=record.number, source=self.register, **target
                )
                self.plan.owners_created.append(owner)
            else:
                owner = existing
                if existing.source == self.register:
                    changes = _differences(existing, target, self.related())
                    if changes:
                        for name, value in target.items():
                            setattr(existing, name, value)
                        self.plan.owners_changed.append((existing, changes))
            self.planned_owners[record.number] = owner

    def owner_for(self, unit: UnitRecord) -> Organisation | None:
        number = unit.owner.number
        owner = self.planned_owners.get(number) or self.organisations.get(number)
        if owner is None and unit.owner.name:
            municipality = self.municipalities[unit.municipality_number]
            kind = self.owner_kind(number, None)
            owner = Organisation(
                organisation_number=number,
                name=unit.owner.name[:200],
                kind=kind,
                municipality=None if kind == OrganisationKind.COUNTY_MUNICIPALITY else municipality,
                county=municipality.county,
                language_form=unit.language_form,
                source=self.register,
            )
            self.plan.owners_created.append(owner)
        if owner is not None:
            self.planned_owners[number] = owner
        return owner

    def plan_units(self):
        for record in self.plan.parsed.units:
            existing = self.units.get(record.number)
            if existing is not None and existing.source not in (
                self.register,
                RegisterSource.MANUAL,
            ):
                self.reject(record, reason("other_register", register=existing.source))
                continue
            owner = self.owner_for(record)
            if owner is None:
                self.reject(record, reason("owner_not_resolvable", value=record.owner.number))
                continue
            target = {
                "name": record.name,
                "kind": UNIT_KIND[self.register],
                "owner": owner,
                "municipality": self.municipalities[record.municipality_number],
                "is_public": record.is_public,
                "is_active": record.is_active,
                "is_primary": record.is_primary,
                "is_upper_secondary": record.is_upper_secondary,
                "children": record.children,
                "staff": record.staff,
                "language_form": record.language_form,
                "address": record.address,
                "postal_code": record.postal_code,
                "postal_place": record.postal_place,
                "source": self.register,
                "register_changed_at": record.changed_at,
            }
            if existing is None:
                self.plan.units_created.append(Unit(organisation_number=record.number, **target))
                continue
            changes = _differences(existing, target, self.related())
            if not changes:
                continue
            was_active = existing.is_active
            for name, value in target.items():
                setattr(existing, name, value)
            if was_active and not record.is_active:
                self.plan.units_deactivated.append((existing, "inactive", changes))
            else:
                self.plan.units_changed.append((existing, changes))

    def plan_absent_units(self):
        seen = self.plan.parsed.numbers_seen
        for number, unit in self.units.items():
            if unit.source == self.register and unit.is_active and number not in seen:
                unit.is_active = False
                self.plan.units_deactivated.append(
                    (unit, "absent", [{"field": "is_active", "before": True, "after": False}])
                )

    def reject(self, record: UnitRecord, why: dict):
        self.plan.rejected.append(
            {"organisation_number": record.number, "name": record.name, "reasons": [why]}
        )


def import_plan_make(*, register: str, parsed: ParsedFile) -> Plan:
    """Compare the parsed file with the registry as it is now. Reads, never writes."""
    planner = _Planner(register, parsed)
    planner.plan_owner_records()
    planner.plan_units()
    planner.plan_absent_units()
    return planner.plan
