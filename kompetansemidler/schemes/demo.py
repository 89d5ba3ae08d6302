"""Demo rounds: Vestland 2024–2027 for the three schemes in different phases,
one open round per scheme in 2026, commitments from earlier multi-year
decisions, and a few Rogaland rounds (the other office).

Udir's allocations come first (Vestland's with a supplement and a revision in
2026, so their history shows), and each round takes its frame from its
allocation; the entries add up to the frames below. Rekom 2027 has exactly
30 % of its allocation set aside for facilitation funds on the forum's decision.

Rounds are created and moved through their phases by the same services a
caseworker uses, so each has a real history. Idempotent: an existing round is
left as it is.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from kompetansemidler.demo.cast import make_cast

from .models import Allocation, Round, Scheme
from .seed import ensure_seed
from .services import (
    ROUND_SERVICES,
    allocation_enter,
    commitment_add,
    round_create,
    set_aside_add,
)
from .workflow import WORKFLOW, RoundPhase

# office, scheme, year, frame in kroner, phase
ROUNDS = [
    ("vestland", "rekom", 2024, Decimal("24100000"), RoundPhase.CLOSED),
    ("vestland", "dekom", 2024, Decimal("47850000"), RoundPhase.REPORTING),
    ("vestland", "kompetanseloftet", 2024, Decimal("13900000"), RoundPhase.CLOSED),
    ("vestland", "rekom", 2025, Decimal("25450000"), RoundPhase.IMPLEMENTING),
    ("vestland", "dekom", 2025, Decimal("50900000"), RoundPhase.IMPLEMENTING),
    ("vestland", "kompetanseloftet", 2025, Decimal("15200000"), RoundPhase.DECIDING),
    ("vestland", "rekom", 2026, Decimal("26800000"), RoundPhase.OPEN_FOR_NEEDS),
    ("vestland", "dekom", 2026, Decimal("53400000"), RoundPhase.OPEN_FOR_NEEDS),
    ("vestland", "kompetanseloftet", 2026, Decimal("16100000"), RoundPhase.OPEN_FOR_NEEDS),
    ("vestland", "rekom", 2027, Decimal("27500000"), RoundPhase.PLANNED),
    ("vestland", "dekom", 2027, Decimal("55000000"), RoundPhase.PLANNED),
    ("rogaland", "dekom", 2025, Decimal("36200000"), RoundPhase.IMPLEMENTING),
    ("rogaland", "dekom", 2026, Decimal("38000000"), RoundPhase.OPEN_FOR_NEEDS),
    ("rogaland", "rekom", 2026, Decimal("19400000"), RoundPhase.FORUM_PRIORITISING),
]

# (office, scheme, year) of the round bound, amount, source, year of the deciding round
COMMITMENTS = [
    (
        "vestland",
        "dekom",
        2025,
        Decimal("5200000"),
        "Vedtak 2024/17 Bergen kommune – år 2 av 3 (lesing og skriving i alle fag)",
        2024,
    ),
    (
        "vestland",
        "dekom",
        2026,
        Decimal("6400000"),
        "Vedtak 2025/14 Bergen kommune – år 2 av 3 (inkluderande læringsmiljø)",
        2025,
    ),
    (
        "vestland",
        "dekom",
        2026,
        Decimal("3150000"),
        "Vedtak 2025/22 Nordhordland kompetansenettverk – år 2 av 3 (vurdering for læring)",
        2025,
    ),
    (
        "vestland",
        "dekom",
        2026,
        Decimal("4800000"),
        "Vedtak 2024/17 Bergen kommune – år 3 av 3 (lesing og skriving i alle fag)",
        2024,
    ),
    (
        "vestland",
        "rekom",
        2026,
        Decimal("2850000"),
        "Vedtak 2025/31 Fjordbarnehagar AS – år 2 av 2 (språkmiljø i barnehagen)",
        2025,
    ),
    (
        "vestland",
        "kompetanseloftet",
        2026,
        Decimal("1200000"),
        "Vedtak 2025/40 Voss herad – år 2 av 2 (laget rundt barnet)",
        2025,
    ),
    (
        "vestland",
        "dekom",
        2027,
        Decimal("3150000"),
        "Vedtak 2025/22 Nordhordland kompetansenettverk – år 3 av 3 (vurdering for læring)",
        2025,
    ),
    (
        "rogaland",
        "dekom",
        2026,
        Decimal("4100000"),
        "Vedtak 2025/9 Stavanger kommune – år 2 av 3 (profesjonsfellesskap)",
        2025,
    ),
]


# Changes after the initial allocation: (office, scheme, year) → [(kind, amount, dated, reason)].
# The initial entry is the frame less these changes.
ALLOCATION_CHANGES = {
    ("vestland", "rekom", 2026): [
        (
            "supplementary",
            Decimal("500000"),
            datetime.date(2026, 1, 20),
            "Tilleggstildeling: ubrukte midlar frå 2025 fordelte på nytt "
            "(brev frå Udir 20.01.2026)",
        ),
    ],
    ("vestland", "dekom", 2026): [
        (
            "revised",
            Decimal("-600000"),
            datetime.date(2026, 6, 18),
            "Revidert nasjonalbudsjett 2026: løyvinga til desentralisert ordning redusert",
        ),
    ],
}

# (office, scheme, year), purpose, the forum's decision date and text; exactly 30 %.
FACILITATION_SET_ASIDE = (
    ("vestland", "rekom", 2027),
    "Tilretteleggingsmidlar for studieåret 2027–2028 (ABLU, master og fagskule)",
    datetime.date(2026, 10, 22),
    "Sak 14/26: Samarbeidsforum Vestland set av 30 % av tildelinga til "
    "tilretteleggingsmidlar for studieåret 2027–2028, fordelte etter søknad frå eigarane.",
)


def _allocate(cast, office, scheme, year: int, frame: Decimal) -> None:
    """Udir's allocation whose entries add up to ``frame``; nothing if it exists."""
    if Allocation.objects.filter(office=office, scheme=scheme, year=year).exists():
        return
    changes = ALLOCATION_CHANGES.get((office.slug, scheme.code, year), [])
    initial = frame - sum((amount for _k, amount, _d, _r in changes), Decimal(0))
    allocation_enter(
        actor=cast.udir,
        office=office,
        scheme=scheme,
        year=year,
        kind="initial",
        amount=initial,
        dated=datetime.date(year - 1, 10, 1),
        reason=f"Tildelingsbrev frå Udir for {year}",
    )
    for kind, amount, dated, reason in changes:
        allocation_enter(
            actor=cast.udir,
            office=office,
            scheme=scheme,
            year=year,
            kind=kind,
            amount=amount,
            dated=dated,
            reason=reason,
        )


def deadlines(year: int, phase: str = RoundPhase.CLOSED) -> dict[str, datetime.date]:
    """The round's deadlines. A round open for needs reports has its needs
    deadline six weeks after the day the demo is loaded, so owners can submit;
    the later deadlines keep their order after it."""
    dates = {
        "needs_deadline": datetime.date(year - 1, 11, 1),
        "recommendation_deadline": datetime.date(year - 1, 12, 15),
        "decision_deadline": datetime.date(year, 2, 1),
        "annual_report_deadline": datetime.date(year + 1, 3, 1),
    }
    if phase in (RoundPhase.PLANNED, RoundPhase.OPEN_FOR_NEEDS):
        earliest = timezone.localdate() + datetime.timedelta(weeks=6)
        for name in dates:
            dates[name] = max(dates[name], earliest)
            earliest = dates[name] + datetime.timedelta(weeks=6)
    return dates


def build() -> str:
    ensure_seed()
    cast = make_cast()
    offices = {"vestland": cast.vestland, "rogaland": cast.rogaland}
    actors = {"vestland": cast.caseworker, "rogaland": cast.other_caseworker}
    schemes = {s.code: s for s in Scheme.objects.all()}
    created = 0
    for office, code, year, frame, phase in ROUNDS:
        _allocate(cast, offices[office], schemes[code], year, frame)
        if Round.objects.filter(office=offices[office], scheme=schemes[code], year=year).exists():
            continue
        round_ = round_create(
            actor=actors[office],
            office=offices[office],
            scheme=schemes[code],
            year=year,
            **deadlines(year, phase),
        )
        for verb in WORKFLOW.transitions:
            if round_.phase == phase:
                break
            ROUND_SERVICES[verb](actor=actors[office], round=round_)
        created += 1
    for office, code, year, amount, source, from_year in COMMITMENTS:
        round_ = Round.objects.get(office=offices[office], scheme=schemes[code], year=year)
        if round_.commitments.filter(source=source).exists():
            continue
        earlier = Round.objects.filter(
            office=offices[office], scheme=schemes[code], year=from_year
        ).first()
        commitment_add(
            actor=actors[office], round=round_, amount=amount, source=source, source_round=earlier
        )
    (office, code, year), purpose, dated, text = FACILITATION_SET_ASIDE
    round_ = Round.objects.get(office=offices[office], scheme=schemes[code], year=year)
    if not round_.set_asides.exists():
        share = round_.rule_set.params.earmark_cap_share or Decimal(0)
        set_aside_add(
            actor=actors[office],
            round=round_,
            purpose=purpose,
            category="facilitation",
            amount=(round_.frame * share).to_integral_value(rounding="ROUND_FLOOR"),
            forum_decision_date=dated,
            forum_decision_text=text,
        )
    return f"Funding rounds: {created} new, {Round.objects.count()} in all."
