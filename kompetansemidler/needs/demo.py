"""Demo data: local plans, partnerships with HVL and UiB, and needs reports in
every state in the open Vestland 2026 rounds.

Reports move through the same services an owner and a caseworker use, so each
has its history. Every measure names the local plan and the priority it comes
from, and every report the units its assessment is anchored in. One draft is
reopened by the caseworker, with the reason the history keeps. Idempotent: what
exists is left as it is.
"""

import datetime
from decimal import Decimal

from kompetansemidler.demo.cast import make_cast
from kompetansemidler.registry.models import (
    Municipality,
    Organisation,
    OrganisationKind,
    Unit,
    UnitKind,
)
from kompetansemidler.schemes.models import Round

from .models import LocalPlan, NeedsReport, Partnership, ReportState
from .services import (
    REPORT_FIELDS,
    local_plan_create,
    local_plan_new_version,
    needs_report_accept,
    needs_report_create,
    needs_report_reopen,
    needs_report_return,
    needs_report_submit,
    needs_report_update,
    partnership_create,
)

PLAN_TEXT = {
    "priorities": "Språkmiljø og leik i barnehagen; inkluderande praksis; vurdering for læring.",
    "target_groups": "Pedagogiske leiarar, barnehagelærarar, fagarbeidarar og assistentar.",
    "measures": "Barnehagebasert kompetanseutvikling i nettverk; rettleiing frå HVL.",
    "participants": "Alle tilsette i dei kommunale barnehagane og skulane.",
    "working_methods": "Lærande møte, observasjon og refleksjon i personalgruppa.",
    "use_of_funds": "Vikarar på planleggingsdagar, rettleiing og nettverkssamlingar.",
    "planned_evaluation": "Årleg evaluering saman med tillitsvalde og UH-partnaren.",
    "goal_assessment": "Personalet vurderer måla for kvart tiltak i mai kvart år.",
    "duration": "Fire år",
}
# A valid organisation number (mod 11) for the one kindergarten the demo adds.
DEMO_UNIT_NUMBER = "930000043"
ASSESSMENT = {
    "staff_involvement": "Alle tilsette svarte på ei kartlegging og drøfta svara på "
    "planleggingsdagen i august.",
    "leader_involvement": "Styrarar og rektorar samla innspela og prioriterte i leiarmøte.",
    "uh_dialogue": "Tre arbeidsmøte med UH-partnaren hausten 2025.",
    "needs": "Eit meir inkluderande språkmiljø, og betre overgangar frå barnehage til skule.",
    "sami_perspectives": "Samisk språk og kultur er drøfta; vi tek inn samiske "
    "forteljingar og songar i planane.",
    "target_groups": ["teachers", "leaders", "other_staff"],
    "coordinator_requested": False,
    "coordinator_description": "",
}


def _measure(
    title,
    year1,
    year2=None,
    year3=None,
    category="general",
    co_financing=None,
    team_around_child=(),
):
    return {
        "local_plan": None,
        "local_plan_priority": "Språkmiljø og leik i barnehagen",
        "team_around_child": list(team_around_child),
        "team_around_child_description": "PPT rettleier personalet i tiltaket."
        if team_around_child
        else "",
        "id": None,
        "title": title,
        "description": "",
        "category": category,
        "individual_further_education": False,
        "amount_year1": Decimal(year1),
        "amount_year2": Decimal(year2) if year2 else None,
        "amount_year3": Decimal(year3) if year3 else None,
        "co_financing": Decimal(co_financing) if co_financing else None,
    }


def _uib() -> Organisation:
    bergen = Municipality.objects.get(number="4601")
    uib, _ = Organisation.objects.get_or_create(
        organisation_number="874789542",
        defaults={
            "name": "Universitetet i Bergen",
            "kind": OrganisationKind.UH,
            "municipality": bergen,
            "county": bergen.county,
        },
    )
    return uib


def _plans(cast, actor) -> None:
    if not LocalPlan.objects.filter(owner=cast.owner).exists():
        first = local_plan_create(
            actor=actor,
            owner=cast.owner,
            data={
                **PLAN_TEXT,
                "title": "Kompetanseplan for barnehagane i Bergen",
                "period_start": 2022,
                "period_end": 2025,
            },
        )
        local_plan_new_version(actor=actor, plan=first, period_start=2026, period_end=2029)
    if not LocalPlan.objects.filter(owner=cast.other_owner).exists():
        local_plan_create(
            actor=cast.other_owner_rep,
            owner=cast.other_owner,
            data={
                **PLAN_TEXT,
                "title": "Kompetanseplan Fjordbarnehagar 2025–2028",
                "period_start": 2025,
                "period_end": 2028,
            },
        )


def _partnership(actor, name, owners, institutions) -> Partnership:
    existing = Partnership.objects.filter(name=name).first()
    if existing:
        return existing
    return partnership_create(
        actor=actor,
        owners=owners,
        institutions=institutions,
        data={
            "name": name,
            "period_start": 2025,
            "period_end": 2028,
            "contacts": "Kontaktperson hos eigar og hos UH, sjå avtalen.",
            "agreement_text": "Partane planlegg, gjennomfører og evaluerer tiltaka saman, "
            "som likeverdige partnarar.",
        },
    )


def _report(
    round_, actor, *, owner=None, network=None, partnership=None, uh=None, measures=(), units=()
) -> NeedsReport | None:
    if NeedsReport.objects.filter(round=round_, owner=owner, network=network).exists():
        return None
    report = needs_report_create(actor=actor, round_=round_, owner=owner, network=network)
    plan = _plan_of(owner or network.coordinator, actor)
    data = {**ASSESSMENT, "local_plan": plan, "partnership": partnership}
    return needs_report_update(
        actor=actor,
        report=report,
        data={f: data[f] for f in REPORT_FIELDS},
        units=list(units) or _units_of(owner, report),
        uh_partners=[uh] if uh else [],
        measures=list(measures),
        lock_version=report.lock_version,
    )


def _plan_of(owner, actor) -> LocalPlan:
    """The owner's latest local plan; an owner without one gets one, since a
    measure must be anchored in a local plan."""
    plan = LocalPlan.objects.filter(owner=owner).order_by("-version").first()
    if plan is not None:
        return plan
    return local_plan_create(
        actor=actor,
        owner=owner,
        data={
            **PLAN_TEXT,
            "title": f"Kompetanseplan {owner.name} 2026–2029",
            "period_start": 2026,
            "period_end": 2029,
        },
    )


def _units_of(owner, report) -> list[Unit]:
    """Units the assessment is anchored in: the author's own, or one demo
    kindergarten for an owner the registers have none of (Fjordbarnehagar)."""
    owners = [owner] if owner is not None else report.author_owners()
    units = list(Unit.objects.filter(owner__in=owners, is_active=True).order_by("pk")[:3])
    if units or owner is None:
        return units
    unit, _ = Unit.objects.get_or_create(
        organisation_number=DEMO_UNIT_NUMBER,
        defaults={
            "name": "Fjordtun barnehage",
            "kind": UnitKind.KINDERGARTEN,
            "owner": owner,
            "municipality": owner.municipality,
            "is_public": owner.kind != OrganisationKind.PRIVATE_OWNER,
            "children": 48,
            "staff": 12,
        },
    )
    return [unit]


def _submit(report, actor):
    return needs_report_submit(
        actor=actor, report=report, today=(report.round.needs_deadline - datetime.timedelta(days=7))
    )


def build() -> str:
    cast = make_cast()
    uib = _uib()
    _plans(cast, cast.owner_rep)
    bergen_hvl = _partnership(
        cast.owner_rep, "Bergen kommune og Høgskulen på Vestlandet", [cast.owner], [cast.uh]
    )
    fjord_uib = _partnership(
        cast.other_owner_rep, "Fjordbarnehagar og Universitetet i Bergen", [cast.other_owner], [uib]
    )
    network_partnership = _partnership(
        cast.owner_rep,
        "Nordhordland kompetansenettverk, HVL og UiB",
        [cast.owner, cast.other_owner],
        [cast.uh, uib],
    )
    rounds = {
        r.scheme.code: r
        for r in Round.objects.filter(office=cast.vestland, year=2026).select_related("scheme")
    }
    rekom, dekom, loftet = rounds.get("rekom"), rounds.get("dekom"), rounds.get("kompetanseloftet")
    if rekom is None:
        return "Needs reports: no Vestland 2026 rounds, nothing added."
    made = 0
    # Rekom 2026: accepted, submitted and returned.
    report = _report(
        rekom,
        cast.owner_rep,
        owner=cast.owner,
        partnership=bergen_hvl,
        uh=cast.uh,
        units=[cast.unit],
        measures=[
            _measure("Språkløft i barnehagane", 1_450_000, 1_300_000, 1_100_000),
            _measure(
                "Barnehagefagleg grunnkompetanse for assistentar",
                380_000,
                380_000,
                category="basic_competence",
            ),
        ],
    )
    if report:
        needs_report_accept(actor=cast.caseworker, report=_submit(report, cast.owner_rep))
        made += 1
    report = _report(
        rekom,
        cast.other_owner_rep,
        owner=cast.other_owner,
        partnership=fjord_uib,
        uh=uib,
        measures=[_measure("Leik og læring i småbarnsavdelinga", 420_000, 390_000)],
    )
    if report:
        _submit(report, cast.other_owner_rep)
        made += 1
    report = _report(
        rekom,
        cast.network_coordinator,
        network=cast.network,
        partnership=network_partnership,
        uh=cast.uh,
        measures=[_measure("Regionalt nettverk for styrarar", 640_000, 610_000)],
    )
    if report:
        needs_report_return(
            actor=cast.caseworker,
            report=_submit(report, cast.network_coordinator),
            reason="Skildre kva barnehagar i nettverket som er med, og korleis "
            "styrarane har vore med i vurderinga.",
        )
        made += 1
    # Dekom 2026: Bergen's draft, reopened after the deadline.
    if dekom:
        report = _report(
            dekom,
            cast.owner_rep,
            owner=cast.owner,
            partnership=bergen_hvl,
            uh=cast.uh,
            measures=[
                _measure(
                    "Lesing og skriving i alle fag",
                    2_100_000,
                    1_900_000,
                    1_600_000,
                    co_financing=630_000,
                )
            ],
        )
        if report:
            needs_report_reopen(
                actor=cast.caseworker,
                report=report,
                reason="Bergen kommune bad om ei veke ekstra etter sjukdom i staben.",
            )
            made += 1
    made += _imported_owners(cast, rekom, dekom, uib)
    if loftet:
        made += _last_year_for_continuation(cast, loftet)
    states = dict.fromkeys(ReportState.values, 0)
    for state in NeedsReport.objects.filter(round__in=rounds.values()).values_list(
        "state", flat=True
    ):
        states[state] += 1
    summary = ", ".join(f"{n} {state}" for state, n in states.items())
    return f"Needs reports: {made} new; Vestland 2026: {summary}."


def _imported_owners(cast, rekom, dekom, uib) -> int:
    """A few municipalities from the sample register report too (if imported)."""
    owners = list(
        Organisation.objects.filter(
            kind=OrganisationKind.MUNICIPALITY,
            county__office=cast.vestland,
            units__isnull=False,
        )
        .exclude(pk=cast.owner.pk)
        .distinct()
        .order_by("organisation_number")[:4]
    )
    made = 0
    for index, owner in enumerate(owners):
        round_ = dekom if index % 2 and dekom else rekom
        report = _report(
            round_,
            None,
            owner=owner,
            uh=uib if index % 2 else cast.uh,
            units=list(owner.units.all()[:3]),
            measures=[
                _measure(
                    "Inkluderande læringsmiljø",
                    300_000 + index * 85_000,
                    250_000,
                    co_financing=120_000 + index * 30_000,
                )
            ],
        )
        if report is None:
            continue
        made += 1
        if index < 3:
            _submit(report, None)
    return made


def _last_year_for_continuation(cast, loftet) -> int:
    """Bergen's accepted Kompetanseløftet 2025 report, to continue in 2026."""
    last = Round.objects.filter(office=cast.vestland, scheme=loftet.scheme, year=2025).first()
    if last is None:
        return 0
    report = _report(
        last,
        cast.owner_rep,
        owner=cast.owner,
        uh=cast.uh,
        units=[cast.unit],
        measures=[
            _measure("Laget rundt barnet", 600_000, 550_000, 500_000, team_around_child=["ppt"])
        ],
    )
    if report is None:
        return 0
    needs_report_accept(actor=cast.caseworker, report=_submit(report, cast.owner_rep))
    return 1
