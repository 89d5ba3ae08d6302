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
- A county municipality belongs to the county it governs, whatever its seat:
  no import changes its county, seat or kind once it is registered.
- The ``Scope`` says where the import may act. Units missing from the file
  are deactivated only in the counties the upload covers. An import on a
  caseworker's authority (not national) changes nothing outside those
  counties and moves no organisation or unit from one office's area to
  another's: such records are rejected with the reason.
"""

from dataclasses import dataclass, field

from kompetansemidler.registry.models import (
    County,
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
# What an import never changes on a registered county municipality.
COUNTY_MUNICIPALITY_FIXED = ("kind", "municipality", "county")


@dataclass(frozen=True)
class Scope:
    """Where an import may act.

    ``counties``: ids of the counties the upload covers; units missing from
    the file are deactivated there only. ``national``: the import acts on
    national authority (Udir, the management command) and may change records
    anywhere, across offices; otherwise every record outside ``counties``, or
    that would move between offices, is rejected.
    """

    counties: frozenset[int]
    national: bool


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
    # Active units of this register in the covered counties before the import.
    active_in_scope: int = 0

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
            "active_in_scope": self.active_in_scope,
        }

    def needs_confirmation(self, share) -> bool:
        """Whether the import deactivates more than ``share`` of the active units in scope."""
        deactivated = len(self.units_deactivated)
        return deactivated > 0 and deactivated > share * self.active_in_scope

    @property
    def changes(self) -> int:
        counts = self.counts()
        skip = ("records", "ignored", "rejected", "active_in_scope")
        return sum(counts[key] for key in counts if key not in skip)

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
    def __init__(self, register: str, parsed: ParsedFile, scope: Scope):
        self.register = register
        self.scope = scope
        self.plan = Plan(register=register, parsed=parsed, rejected=list(parsed.rejected))
        self.municipalities = {m.number: m for m in Municipality.objects.select_related("county")}
        self.municipality_by_id = {m.pk: m for m in self.municipalities.values()}
        self.county_by_id = {c.pk: c for c in County.objects.all()}
        self.organisations = {o.organisation_number: o for o in Organisation.objects.all()}
        self.organisation_by_id = {o.pk: o for o in self.organisations.values()}
        self.units = {u.organisation_number: u for u in Unit.objects.all()}
        self.owner_records = {owner.number: owner for owner in parsed.owners}
        self.units_of_owner: dict[str, list[UnitRecord]] = {}
        for unit in parsed.units:
            self.units_of_owner.setdefault(unit.owner.number, []).append(unit)
        self.planned_owners: dict[str, Organisation] = {}
        # Owners whose record was rejected for the scope: their units are not
        # registered under an owner made up from the relation's name instead.
        self.refused_owners: set[str] = set()
        self.created_owners: set[int] = set()

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
                refusal = self.scope_refusal(None, municipality.county_id)
                if refusal:
                    self.reject_owner(record, refusal)
                    continue
                owner = Organisation(
                    organisation_number=record.number, source=self.register, **target
                )
                self.keep_owner(owner)
            else:
                owner = existing
                if existing.source == self.register:
                    if existing.kind == OrganisationKind.COUNTY_MUNICIPALITY:
                        for name in COUNTY_MUNICIPALITY_FIXED:
                            del target[name]
                    changes = _differences(existing, target, self.related())
                    if changes:
                        refusal = self.scope_refusal(
                            self.organisation_county(existing),
                            target["county"].pk if "county" in target else None,
                        )
                        if refusal:
                            self.reject_owner(record, refusal)
                            continue
                        for name, value in target.items():
                            setattr(existing, name, value)
                        self.plan.owners_changed.append((existing, changes))
            self.planned_owners[record.number] = owner

    def owner_for(self, unit: UnitRecord) -> Organisation | None:
        number = unit.owner.number
        owner = self.planned_owners.get(number) or self.organisations.get(number)
        if owner is None and number in self.refused_owners:
            return None
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
            if owner is None and record.owner.number in self.refused_owners:
                self.reject(record, reason("owner_refused", value=record.owner.number))
                continue
            if owner is None:
                self.reject(record, reason("owner_not_resolvable", value=record.owner.number))
                continue
            municipality = self.municipalities[record.municipality_number]
            target = {
                "name": record.name,
                "kind": UNIT_KIND[self.register],
                "owner": owner,
                "municipality": municipality,
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
                refusal = self.scope_refusal(None, municipality.county_id)
                if refusal:
                    self.reject(record, refusal)
                    continue
                self.keep_owner(owner)
                self.plan.units_created.append(Unit(organisation_number=record.number, **target))
                continue
            changes = _differences(existing, target, self.related())
            if not changes:
                continue
            before = self.municipality_by_id[existing.municipality_id].county_id
            refusal = self.scope_refusal(before, municipality.county_id)
            if refusal:
                self.reject(record, refusal)
                continue
            self.keep_owner(owner)
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
            if not (unit.source == self.register and unit.is_active):
                continue
            if self.municipality_by_id[unit.municipality_id].county_id not in self.scope.counties:
                continue
            if number not in seen:
                unit.is_active = False
                self.plan.units_deactivated.append(
                    (unit, "absent", [{"field": "is_active", "before": True, "after": False}])
                )

    def keep_owner(self, owner: Organisation):
        """Register an owner made up from a unit's relation, once, when the unit is kept."""
        if owner.pk is None and id(owner) not in self.created_owners:
            self.created_owners.add(id(owner))
            self.plan.owners_created.append(owner)

    def count_active_in_scope(self):
        kind = UNIT_KIND[self.register]
        self.plan.active_in_scope = sum(
            1
            for unit in self.units.values()
            if unit.is_active
            and unit.kind == kind
            and self.municipality_by_id[unit.municipality_id].county_id in self.scope.counties
        )

    def organisation_county(self, organisation: Organisation) -> int | None:
        if organisation.county_id is not None:
            return organisation.county_id
        if organisation.municipality_id is not None:
            return self.municipality_by_id[organisation.municipality_id].county_id
        return None

    def scope_refusal(self, before: int | None, after: int | None) -> dict | None:
        """Why a change from county ``before`` to ``after`` is beyond the scope, or None.

        ``before`` is None for a record not yet registered, ``after`` None
        when the change leaves the county as it is.
        """
        if self.scope.national:
            return None
        after = before if after is None else after
        if before is not None and after is not None:
            office_before = self.county_by_id[before].office_id
            office_after = self.county_by_id[after].office_id
            if office_before != office_after:
                return reason(
                    "moves_between_offices",
                    before=self.county_by_id[before].name,
                    after=self.county_by_id[after].name,
                )
        touched = [county for county in (before, after) if county is not None]
        if not touched:
            return reason("outside_counties", county="–")
        for county in touched:
            if county not in self.scope.counties:
                return reason("outside_counties", county=self.county_by_id[county].name)
        return None

    def reject_owner(self, record: OwnerRecord, why: dict):
        self.refused_owners.add(record.number)
        self.plan.rejected.append(
            {"organisation_number": record.number, "name": record.name, "reasons": [why]}
        )

    def reject(self, record: UnitRecord, why: dict):
        self.plan.rejected.append(
            {"organisation_number": record.number, "name": record.name, "reasons": [why]}
        )


def import_plan_make(*, register: str, parsed: ParsedFile, scope: Scope) -> Plan:
    """Compare the parsed file with the registry as it is now. Reads, never writes."""
    planner = _Planner(register, parsed, scope)
    planner.count_active_in_scope()
    planner.plan_owner_records()
    planner.plan_units()
    planner.plan_absent_units()
    return planner.plan
