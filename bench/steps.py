"""The generator's steps, in order. Imported only after Django is set up.

A capability that lands adds a step here: a name, the models it needs (the
step is skipped with a message until they exist) and a function that creates
its data through the product's services (``bulk_create`` where a service
would only add per-row overhead and no rule) and returns a one-line summary.
Figures worth reporting go in ``context.state["figures"]``.
"""

import random
import time

from kompetansemidler.demo.cast import make_cast
from kompetansemidler.registry.loading import ensure_structure
from kompetansemidler.registry.models import (
    County,
    Forum,
    Municipality,
    Network,
    NetworkKind,
    Organisation,
    OrganisationKind,
    RegisterSource,
    Unit,
)

from . import cases, names, outcomes
from .generate import BATCH, NATIONAL_NUMBER_STEM, Step, call_importer, importer_available
from .national import (
    OSLO_COUNTY,
    REGISTER_CHANGED,
    NumberAllocator,
    Place,
    plan_registry,
    register_records,
)


def _numbers(context) -> NumberAllocator:
    if "numbers" not in context.state:
        taken = set(Organisation.objects.values_list("organisation_number", flat=True))
        taken |= set(Unit.objects.values_list("organisation_number", flat=True))
        context.state["numbers"] = NumberAllocator(NATIONAL_NUMBER_STEM, taken)
    return context.state["numbers"]


def _places() -> list[Place]:
    return [
        Place(m.number, m.name, m.official_name, m.county.number, m.county.name)
        for m in Municipality.objects.select_related("county").order_by("number")
    ]


def step_structure(context) -> str:
    ensure_structure()
    return (
        f"{County.objects.count()} counties, {Municipality.objects.count()} municipalities "
        "(shipped 2024 structure)"
    )


def step_cast(context) -> str:
    cast = make_cast()
    context.state["cast"] = cast
    return f"{len(cast.users())} personas (password as in the demo)"


def step_public_owners(context) -> str:
    """Every municipality and county municipality as an owner organisation."""
    new_number = _numbers(context)
    existing = {
        org.municipality_id: org
        for org in Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY)
    }
    rows = []
    for municipality in Municipality.objects.select_related("county").order_by("number"):
        if municipality.pk not in existing:
            rows.append(
                Organisation(
                    organisation_number=new_number(),
                    name=f"{municipality.name} kommune",
                    kind=OrganisationKind.MUNICIPALITY,
                    municipality=municipality,
                    county=municipality.county,
                    source=RegisterSource.NBR,
                    language_form="nn" if municipality.county.number == "46" else "nb",
                )
            )
    for county in County.objects.exclude(number=OSLO_COUNTY).order_by("number"):
        if not Organisation.objects.filter(
            kind=OrganisationKind.COUNTY_MUNICIPALITY, county=county
        ).exists():
            rows.append(
                Organisation(
                    organisation_number=new_number(),
                    name=f"{county.name} fylkeskommune",
                    kind=OrganisationKind.COUNTY_MUNICIPALITY,
                    county=county,
                    source=RegisterSource.NSR,
                )
            )
    Organisation.objects.bulk_create(rows, batch_size=BATCH)
    owner_of = {}
    for org in Organisation.objects.filter(
        kind__in=[OrganisationKind.MUNICIPALITY, OrganisationKind.COUNTY_MUNICIPALITY]
    ).select_related("municipality", "county"):
        if org.kind == OrganisationKind.MUNICIPALITY:
            owner_of[org.municipality.number] = org.organisation_number
        else:
            owner_of[f"county:{org.county.number}"] = org.organisation_number
    context.state["public_owner_of"] = owner_of
    return f"{len(rows)} municipalities and county municipalities as owners"


def step_uh(context) -> str:
    new_number = _numbers(context)
    by_name = {m.name: m for m in Municipality.objects.select_related("county")}
    created = 0
    for name, place in names.UH_INSTITUTIONS:
        if Organisation.objects.filter(kind=OrganisationKind.UH, name=name).exists():
            continue
        municipality = by_name[place]
        Organisation.objects.create(
            organisation_number=new_number(),
            name=name,
            kind=OrganisationKind.UH,
            municipality=municipality,
            county=municipality.county,
        )
        created += 1
    return f"{Organisation.objects.filter(kind=OrganisationKind.UH).count()} UH institutions"


def _bulk_units(plan, owner_names) -> None:
    places = {m.number: m for m in Municipality.objects.select_related("county")}
    Organisation.objects.bulk_create(
        [
            Organisation(
                organisation_number=owner.number,
                name=owner.name,
                kind=owner.kind,
                municipality=places.get(owner.municipality_number or ""),
                county=places[owner.municipality_number].county
                if owner.municipality_number
                else None,
                source=RegisterSource.NBR,
            )
            for owner in plan.owners
        ],
        batch_size=BATCH,
    )
    owner_ids = dict(Organisation.objects.values_list("organisation_number", "id"))
    Unit.objects.bulk_create(
        [
            Unit(
                organisation_number=unit.number,
                name=unit.name,
                kind=unit.kind,
                owner_id=owner_ids[unit.owner_number],
                municipality=places[unit.municipality_number],
                is_public=unit.is_public,
                is_primary=unit.is_primary,
                is_upper_secondary=unit.is_upper_secondary,
                children=unit.children,
                staff=unit.staff,
                language_form=unit.language_form,
                address=unit.address,
                postal_code=unit.postal_code,
                postal_place=unit.postal_place,
                source=RegisterSource.NBR if unit.kind == "kindergarten" else RegisterSource.NSR,
                register_changed_at=REGISTER_CHANGED.astimezone(),
            )
            for unit in plan.units
        ],
        batch_size=BATCH,
    )


def step_units(context) -> str:
    """Kindergartens and schools with their private owners: through the importer if it exists."""
    places = _places()
    plan = plan_registry(
        places, context.scale, context.seed, _numbers(context), context.state["public_owner_of"]
    )
    owner_names = dict(Organisation.objects.values_list("organisation_number", "name"))
    owner_names.update({owner.number: owner.name for owner in plan.owners})
    via = context.units_via
    if via == "auto":
        via = "importer" if importer_available() else "bulk"
    before = Unit.objects.count()
    started = time.perf_counter()
    if via == "importer":
        by_number = {place.number: place for place in places}
        for register in ("nbr", "nsr"):
            call_importer(register, register_records(plan, register, by_number, owner_names))
    else:
        _bulk_units(plan, owner_names)
    seconds = time.perf_counter() - started
    created = Unit.objects.count() - before
    counts = plan.counts()
    rate = created / seconds if seconds else 0
    context.state["figures"] = {
        "units_via": via,
        "units_created": created,
        "units_planned": len(plan.units),
        "units_per_second": round(rate),
        **counts,
    }
    summary = (
        f"{counts['kindergartens']} kindergartens ({counts['private_kindergartens']} "
        f"private), {counts['schools']} schools, {counts['owners']} private owners; "
        f"{created} units via {via} at {rate:,.0f} units/s"
    )
    if created != len(plan.units):
        summary += f" — WARNING: {len(plan.units)} planned"
    return summary


def step_forums(context) -> str:
    """A collaboration forum per county (the cast already has Vestland's and Rogaland's)."""
    created = 0
    for county in County.objects.select_related("office").order_by("number"):
        if county.forums.exists():
            continue
        forum = Forum.objects.create(name=f"Samarbeidsforum {county.name}", office=county.office)
        forum.counties.add(county)
        created += 1
    return f"{Forum.objects.count()} forums ({created} new)"


def step_networks(context) -> str:
    """Two or three regional competence networks of municipalities per county."""
    rng = random.Random(f"networks-{context.seed}")
    owners_by_county: dict[int, list[Organisation]] = {}
    for org in Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY).order_by(
        "organisation_number"
    ):
        owners_by_county.setdefault(org.county_id, []).append(org)
    created = 0
    for county in County.objects.select_related("office").order_by("number"):
        members = owners_by_county.get(county.pk, [])
        if len(members) < 4 or county.office.networks.filter(name__startswith=county.name).exists():
            continue
        rng.shuffle(members)
        parts = rng.choice([2, 3])
        for index in range(parts):
            group = members[index::parts]
            network = Network.objects.create(
                name=f"{county.name} {['nord', 'sør', 'midt'][index]} kompetansenettverk",
                kind=NetworkKind.REGIONAL,
                office=county.office,
                coordinator=group[0],
            )
            network.members.add(*group)
            created += 1
    return f"{created} regional networks"


STEPS = [
    Step("structure", ("registry.Municipality",), step_structure),
    Step("cast", ("accounts.RoleGrant",), step_cast),
    Step("public owners", ("registry.Organisation",), step_public_owners),
    Step("uh", ("registry.Organisation",), step_uh),
    Step("units", ("registry.Unit",), step_units),
    Step("forums", ("registry.Forum",), step_forums),
    Step("networks", ("registry.Network",), step_networks),
    Step("rounds", ("schemes.Round", "schemes.Commitment"), cases.step_rounds),
    Step("needs reports", ("needs.NeedsReport", "needs.ProposedMeasure"), cases.step_needs),
    Step("recommendations", ("recommendations.Recommendation",), cases.step_recommendations),
    Step("decisions", ("decisions.Decision", "decisions.DecisionAmount"), outcomes.step_decisions),
    Step("payments", ("decisions.Payment",), outcomes.step_payments),
    Step("annual reports", ("reporting.AnnualReport",), outcomes.step_annual_reports),
]
