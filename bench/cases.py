"""Generator steps for the case volume: funding rounds and needs reports.

Rounds go through the schemes services (150 of them, each with its events).
Needs reports and their measures are tens of thousands of rows: they are
bulk-created in the state the yearly process would have left them in, with
the history events the lifecycle services would have written.
"""

import datetime
import random
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count

from kompetansemidler.accounts.models import Role, RoleGrant, User
from kompetansemidler.core.workflow import ServiceRefused
from kompetansemidler.history.models import Event
from kompetansemidler.registry.models import (
    GovernorOffice,
    Network,
    Organisation,
    OrganisationKind,
    Unit,
)

from .generate import BATCH

YEARS = range(2023, 2028)
# Where each year's rounds stand in the benchmark's "now" (late 2026).
PHASE_VERBS = {
    2023: [
        "open_for_needs",
        "start_prioritising",
        "start_deciding",
        "start_implementing",
        "start_reporting",
        "close",
    ],
    2024: [
        "open_for_needs",
        "start_prioritising",
        "start_deciding",
        "start_implementing",
        "start_reporting",
        "close",
    ],
    2025: ["open_for_needs", "start_prioritising", "start_deciding", "start_implementing"],
    2026: ["open_for_needs", "start_prioritising"],
    2027: ["open_for_needs"],
}
# National frames per scheme and year (kroner), split over the offices by units.
NATIONAL_FRAME = {"dekom": 480_000_000, "rekom": 300_000_000, "kompetanseloftet": 200_000_000}


def office_actor(office, cast) -> User:
    """The caseworker who opens the office's rounds: the cast's, or one made for the office."""
    if office == cast.vestland:
        return cast.caseworker
    if office == cast.rogaland:
        return cast.other_caseworker
    user, created = User.objects.get_or_create(
        username=f"saksbehandler-{office.slug}",
        defaults={"first_name": "Saksbehandler", "last_name": office.name[:150]},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        RoleGrant.objects.create(user=user, role=Role.CASEWORKER, office=office)
    return user


def office_approver(office) -> User:
    """A second caseworker of the office with budget authority, who approves (issues)
    what ``office_actor`` prepared: nobody approves their own decisions."""
    user, created = User.objects.get_or_create(
        username=f"attestant-{office.slug}",
        defaults={"first_name": "Attestant", "last_name": office.name[:150]},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        RoleGrant.objects.create(user=user, role=Role.CASEWORKER, office=office, is_approver=True)
    return user


def step_rounds(context) -> str:
    """Five years × three schemes × ten offices, through the round services."""
    from kompetansemidler.schemes import services
    from kompetansemidler.schemes.models import Round, RuleSet, Scheme

    cast = context.state["cast"]
    schemes = list(Scheme.objects.order_by("code"))
    for scheme in schemes:  # rule sets are seeded from 2024; an earlier year is data too
        for year in YEARS:
            if not RuleSet.objects.filter(scheme=scheme, year=year).exists():
                template = RuleSet.objects.filter(scheme=scheme).order_by("year").first()
                services.rule_set_create(
                    actor=cast.udir,
                    scheme=scheme,
                    year=year,
                    parameters=template.parameters,
                    valid_from=datetime.date(year, 1, 1),
                    notes="Kopiert for ytelsestest.",
                )
    units = dict(
        Unit.objects.values("municipality__county__office")
        .annotate(n=Count("id"))
        .values_list("municipality__county__office", "n")
    )
    total_units = sum(units.values()) or 1
    created = 0
    for office in GovernorOffice.objects.order_by("slug"):
        actor = office_actor(office, cast)
        share = Decimal(units.get(office.pk, 0)) / Decimal(total_units)
        previous = {}
        for year in YEARS:
            for scheme in schemes:
                if Round.objects.filter(scheme=scheme, year=year, office=office).exists():
                    continue
                frame = (
                    Decimal(NATIONAL_FRAME.get(scheme.code, 100_000_000))
                    * share
                    * Decimal(1 + (year - 2023) * 0.03)
                ).quantize(Decimal(1000))
                round_ = services.round_create(
                    actor=actor,
                    office=office,
                    scheme=scheme,
                    year=year,
                    frame=frame,
                    needs_deadline=datetime.date(year, 2, 1),
                    recommendation_deadline=datetime.date(year, 3, 15),
                    decision_deadline=datetime.date(year, 5, 1),
                    annual_report_deadline=datetime.date(year + 1, 3, 1),
                )
                if scheme.code not in previous:
                    # The first year's history from before the product: typed
                    # commitments of earlier multi-year decisions (later years are
                    # committed by the generated decisions' own later-year rows).
                    services.commitment_add(
                        actor=actor,
                        round=round_,
                        amount=(frame * Decimal("0.15")).quantize(Decimal(1000)),
                        source=f"Fleirårige vedtak frå {year - 1}",
                    )
                    earmarked = round_.rule_set.params.earmarked_codes
                    if earmarked:
                        services.commitment_add(
                            actor=actor,
                            round=round_,
                            amount=(frame * Decimal("0.03")).quantize(Decimal(1000)),
                            source=f"Fleirårige vedtak frå {year - 1}, øyremerkte",
                            category=earmarked[0],
                        )
                for verb in PHASE_VERBS[year]:
                    round_ = getattr(services, f"round_{verb}")(actor=actor, round=round_)
                previous[scheme.code] = round_
                created += 1
    return f"{Round.objects.count()} rounds ({created} new), with commitments and phase events"


NEEDS_TEXT = {
    "staff": "Personalet drøfta behova i personalmøte og i team, med skjema frå eigar.",
    "leaders": "Styrarar og rektorar samla innspel og prioriterte i leiarnettverket.",
    "uh": "Dialogmøte med høgskulen om felles mål, opplegg og vurdering.",
    "needs": "Behov for felles kompetanse i språkarbeid, inkludering og vurdering for læring.",
    "sami": "Samiske perspektiv er vurderte i planen.",
}
MEASURE_TITLES = [
    "Språkarbeid i heile barnehagen",
    "Inkluderande praksis",
    "Vurdering for læring",
    "Lesing i alle fag",
    "Profesjonsfellesskap i skulen",
    "Leik og læring",
    "Tidleg innsats i matematikk",
    "Psykisk helse og livsmeistring",
    "Digital kompetanse",
    "Laget rundt barnet",
    "Begynnaropplæring",
    "Fagfornyinga i praksis",
]
# (share of rounds' eligible owners that report, public, private)
PARTICIPATION = {"rekom": (0.85, 0.45), "dekom": (0.9, 0.35), "kompetanseloftet": (0.6, 0.2)}


def _state(phase: str, rng: random.Random) -> str:
    if phase == "open_for_needs":
        return rng.choices(["draft", "submitted", "returned", "accepted"], [40, 35, 5, 20])[0]
    return rng.choices(["draft", "returned", "accepted"], [6, 2, 92])[0]


def step_needs(context) -> str:
    """Needs reports (owners and networks) with measures, units, UH partners and events.

    The volume follows the owners: at a larger scale there are more private
    owners, so more reports per round (one report per owner and round).
    """
    from kompetansemidler.needs.models import NeedsReport, ProposedMeasure
    from kompetansemidler.schemes.models import Round

    rng = random.Random(f"needs-{context.seed}")
    owners_by_office: dict[int, list[Organisation]] = {}
    unit_kinds = {}
    for owner_id, kind in Unit.objects.values_list("owner_id", "kind").distinct():
        unit_kinds.setdefault(owner_id, set()).add(kind)
    units_of: dict[int, list[int]] = {}
    for unit_id, owner_id in Unit.objects.values_list("id", "owner_id").order_by("id"):
        units_of.setdefault(owner_id, []).append(unit_id)
    for owner in (
        Organisation.objects.filter(
            kind__in=[
                OrganisationKind.MUNICIPALITY,
                OrganisationKind.COUNTY_MUNICIPALITY,
                OrganisationKind.PRIVATE_OWNER,
            ]
        )
        .select_related("county")
        .order_by("pk")
    ):
        if owner.county_id:
            owners_by_office.setdefault(owner.county.office_id, []).append(owner)
    uh_ids = list(
        Organisation.objects.filter(kind=OrganisationKind.UH).values_list("id", flat=True)
    )
    networks_by_office: dict[int, list[Network]] = {}
    for network in Network.objects.prefetch_related("members").order_by("pk"):
        networks_by_office.setdefault(network.office_id, []).append(network)

    reports, plans = [], []  # plans: (report index, owner ids, round, is public)
    for round_ in Round.objects.select_related("scheme", "rule_set", "office").order_by("pk"):
        code = round_.scheme.code
        public_share, private_share = PARTICIPATION.get(code, (0.5, 0.2))
        wanted = {"rekom": "kindergarten", "dekom": "school"}.get(code)
        represented = set()
        for network in networks_by_office.get(round_.office_id, []):
            if code != "kompetanseloftet" and rng.random() < 0.3:
                members = [m.pk for m in network.members.all()]
                represented.update(members)
                reports.append(
                    NeedsReport(round=round_, network=network, state=_state(round_.phase, rng))
                )
                plans.append((members, round_, True))
        for owner in owners_by_office.get(round_.office_id, []):
            if owner.pk in represented or (wanted and wanted not in unit_kinds.get(owner.pk, ())):
                continue
            if code == "kompetanseloftet" and owner.kind == OrganisationKind.PRIVATE_OWNER:
                continue
            share = public_share if owner.is_public else private_share
            if rng.random() < share:
                reports.append(
                    NeedsReport(round=round_, owner=owner, state=_state(round_.phase, rng))
                )
                plans.append(([owner.pk], round_, owner.is_public))
    for report, (_owners, round_, _public) in zip(reports, plans, strict=True):
        report.staff_involvement = NEEDS_TEXT["staff"]
        report.leader_involvement = NEEDS_TEXT["leaders"]
        report.uh_dialogue = NEEDS_TEXT["uh"]
        report.needs = NEEDS_TEXT["needs"]
        report.sami_perspectives = NEEDS_TEXT["sami"] if rng.random() < 0.7 else ""
        if report.state != "draft":
            report.submitted_at = datetime.datetime(
                round_.year, 1, rng.randint(5, 31), 12, tzinfo=datetime.UTC
            )
    NeedsReport.objects.bulk_create(reports, batch_size=BATCH)

    measures, unit_links, uh_links, events = [], [], [], []
    report_type = ContentType.objects.get_for_model(NeedsReport)
    for report, (owner_ids, round_, _public) in zip(reports, plans, strict=True):
        earmarked = (
            list(round_.rule_set.params.earmarked_codes) if round_.scheme.code == "rekom" else []
        )
        for position in range(rng.randint(1, 4)):
            amount = Decimal(rng.randrange(50, 1_500) * 1_000)
            multi = rng.random() < 0.4
            measures.append(
                ProposedMeasure(
                    report=report,
                    position=position,
                    title=rng.choice(MEASURE_TITLES),
                    category=rng.choice(earmarked)
                    if earmarked and rng.random() < 0.25
                    else "general",
                    amount_year1=amount,
                    amount_year2=amount if multi else None,
                    amount_year3=amount if multi and rng.random() < 0.5 else None,
                    co_financing=(amount * Decimal("0.35")).quantize(Decimal(1))
                    if round_.scheme.code == "dekom"
                    else None,
                )
            )
        owner_units = [u for owner_id in owner_ids for u in units_of.get(owner_id, [])]
        for unit_id in rng.sample(owner_units, min(3, len(owner_units))):
            unit_links.append(NeedsReport.units.through(needsreport_id=report.pk, unit_id=unit_id))
        if uh_ids:
            uh_links.append(
                NeedsReport.uh_partners.through(
                    needsreport_id=report.pk, organisation_id=rng.choice(uh_ids)
                )
            )
        kinds = {
            "submitted": ["submitted"],
            "returned": ["submitted", "returned"],
            "accepted": ["submitted", "accepted"],
        }.get(report.state, [])
        for kind in kinds:
            events.append(
                Event(
                    kind=f"needs_report.{kind}",
                    content_type=report_type,
                    object_id=str(report.pk),
                    object_repr=f"{(report.owner or report.network).name} – {round_}"[:300],
                    office_id=round_.office_id,
                    organisation_id=report.owner_id,
                )
            )
    ProposedMeasure.objects.bulk_create(measures, batch_size=BATCH)
    NeedsReport.units.through.objects.bulk_create(unit_links, batch_size=BATCH)
    NeedsReport.uh_partners.through.objects.bulk_create(uh_links, batch_size=BATCH)
    Event.objects.bulk_create(events, batch_size=BATCH)
    return (
        f"{len(reports):,} needs reports, {len(measures):,} measures, "
        f"{len(events):,} history events"
    )


def step_recommendations(context) -> str:
    """A draft recommendation per round past needs reporting, through the service
    (one line per measure of every accepted needs report), by the office's first forum."""
    from kompetansemidler.recommendations.models import Recommendation
    from kompetansemidler.recommendations.services import recommendation_create
    from kompetansemidler.registry.models import Forum
    from kompetansemidler.schemes.models import Round

    cast = context.state["cast"]
    forums = {}
    for forum in Forum.objects.order_by("pk"):
        forums.setdefault(forum.office_id, forum)
    created = 0
    rounds = Round.objects.exclude(phase__in=["planned", "open_for_needs"]).order_by("pk")
    for round_ in rounds:
        forum = forums.get(round_.office_id)
        if forum is None or Recommendation.objects.filter(round=round_).exists():
            continue
        try:
            recommendation_create(
                actor=cast.forum_member if forum == cast.forum else None,
                round=round_,
                forum=forum,
                name=f"Innstilling {round_.scheme.short_name} {round_.year}",
            )
        except ServiceRefused:  # no accepted needs report in the round
            continue
        created += 1
    lines = Recommendation.objects.aggregate(n=Count("lines"))["n"]
    return f"{created} draft recommendations with {lines:,} lines"
