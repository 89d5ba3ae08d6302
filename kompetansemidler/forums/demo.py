"""Demo forum: Samarbeidsforum Vestland with a composition that keeps the
rules, the schemes it covers, two versions of its long-term plan 2024–2027
and declared conflicts of interest; and a private university college with a
campus in Oslo, registered by Vestland's caseworker on the registry's page
and seated as the UH deputy.

Everything goes through the same services a caseworker uses, so the forum has
a real history. Idempotent: a forum that already has members is left alone.
"""

import datetime
from decimal import Decimal

from kompetansemidler.demo.cast import make_cast
from kompetansemidler.registry.models import County, Municipality, Organisation, OrganisationKind
from kompetansemidler.registry.numbers import organisation_number_from
from kompetansemidler.registry.services import organisation_register
from kompetansemidler.schemes.models import Scheme
from kompetansemidler.schemes.seed import ensure_seed

from .models import ForumMember
from .services import (
    conflict_declare,
    forum_member_add,
    forum_schemes_set,
    long_term_plan_save_version,
)

START = datetime.date(2024, 1, 1)
END = datetime.date(2027, 12, 31)

# Fictional organisation numbers (valid MOD11), so they never clash with real ones.
BODIES = [
    ("KS Vestland", OrganisationKind.KS, 97110000),
    ("PBL Vest", OrganisationKind.PBL, 97110100),
    ("Utdanningsforbundet Vestland", OrganisationKind.UNION, 97110200),
    ("Fagforbundet Vestland", OrganisationKind.UNION, 97110300),
    ("Statsforvaltaren i Vestland", OrganisationKind.OTHER, 97110400),
]

# A private university college registered by hand (fictional number).
PRIVATE_COLLEGE = ("NLA Høgskolen", 97110500)

PRIORITIES = [
    ("P1", "Inkluderande fellesskap for alle barn og elevar"),
    ("P2", "Språk, lesing og skriving i barnehage og skule"),
    ("P3", "Profesjonsfellesskap og leiing av utviklingsarbeid"),
    ("P4", "Spesialpedagogisk kompetanse nær barnet"),
]
FRAMES = {
    ("rekom", 2024): Decimal("24100000"),
    ("rekom", 2025): Decimal("25450000"),
    ("rekom", 2026): Decimal("26800000"),
    ("rekom", 2027): Decimal("27500000"),
    ("dekom", 2024): Decimal("47850000"),
    ("dekom", 2025): Decimal("50900000"),
    ("dekom", 2026): Decimal("53400000"),
    ("dekom", 2027): Decimal("55000000"),
}


def _body(name, kind, base, county):
    existing = Organisation.objects.filter(name=name, kind=kind).first()
    if existing:
        return existing
    organisation, _ = Organisation.objects.get_or_create(
        organisation_number=organisation_number_from(base),
        defaults={
            "name": name,
            "kind": kind,
            "county": county,
            "municipality": Municipality.objects.get(number="4601"),
        },
    )
    return organisation


def _private_college(actor) -> Organisation:
    name, base = PRIVATE_COLLEGE
    number = organisation_number_from(base)
    existing = Organisation.objects.filter(organisation_number=number).first()
    if existing:
        return existing
    return organisation_register(
        actor=actor,
        organisation_number=number,
        name=name,
        kind=OrganisationKind.UH,
        privately_owned=True,
        municipality=Municipality.objects.get(number="4601"),
        campus_counties=[County.objects.get(number="03")],
    )


def build() -> str:
    cast = make_cast()
    forum = cast.forum
    college = _private_college(cast.caseworker)
    if ForumMember.objects.filter(forum=forum).exists():
        return "Forum: Samarbeidsforum Vestland already has members."
    ensure_seed()
    county = forum.counties.first()
    ks, pbl, union, union_two, secretariat_org = (
        _body(name, kind, base, county) for name, kind, base in BODIES
    )
    actor = cast.caseworker
    forum_schemes_set(actor=actor, forum=forum, schemes=Scheme.objects.all())

    def add(**kwargs):
        return forum_member_add(
            actor=actor, forum=forum, period_from=START, period_to=END, **kwargs
        )

    frida = add(
        name="Frida Forum",
        representation="public_owner",
        organisation=cast.owner,
        user=cast.forum_member,
    )
    add(name="Ingrid Haugland", representation="private_owner", organisation=cast.other_owner)
    add(name="Magnus Vik", representation="uh", organisation=cast.uh)
    add(name="Ragnhild Nes", representation="uh", organisation=college, is_deputy=True)
    add(name="Solveig Brekke", representation="ks", organisation=ks)
    add(name="Tor Eide", representation="pbl", organisation=pbl)
    add(name="Kristin Sandvik", representation="union", organisation=union)
    add(name="Håkon Lien", representation="union", organisation=union_two, is_deputy=True)
    add(
        name="Anders Tveit",
        representation="kindergarten_authority",
        municipality=Municipality.objects.get(number="4621"),
    )
    add(
        name="Siri Saksbehandler",
        representation="secretariat",
        organisation=secretariat_org,
        votes=False,
    )

    conflict_declare(
        actor=cast.forum_member,
        member=frida,
        organisation=cast.owner,
        declared_on=datetime.date(2025, 3, 12),
        description="Eg er barnehagefagleg rådgjevar i Bergen kommune, som har meldt behov "
        "for eigne tiltak.",
    )

    schemes = {s.code: s for s in Scheme.objects.all()}
    frames = {(year, schemes[code]): amount for (code, year), amount in FRAMES.items()}
    long_term_plan_save_version(
        actor=actor,
        forum=forum,
        based_on_version=None,
        from_year=2024,
        to_year=2027,
        adopted_on=datetime.date(2024, 2, 15),
        priorities=PRIORITIES[:3],
        frames=frames,
        summary="Den langsiktige felles planen for kompetanseutvikling i barnehage og skule "
        "i Vestland 2024–2027, forankra i kommunane sine lokale planar.",
    )
    long_term_plan_save_version(
        actor=cast.forum_member,
        forum=forum,
        based_on_version=1,
        from_year=2024,
        to_year=2027,
        adopted_on=datetime.date(2025, 2, 20),
        priorities=PRIORITIES,
        change_note="Ny prioritering P4 etter forumsmøtet 20. februar 2025.",
    )
    return (
        "Forum: Samarbeidsforum Vestland with 10 members (a private university college's "
        "deputy among them), a long-term plan in 2 versions."
    )
