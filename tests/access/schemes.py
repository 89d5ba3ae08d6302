"""Expected access to the schemes area: rules for all, rule sets maintained by
Udir, rounds read by everyone the office's work concerns and run by its caseworkers."""

import datetime
from decimal import Decimal

from kompetansemidler.schemes.models import Round, RuleSet, SetAside
from kompetansemidler.schemes.seed import ensure_seed
from kompetansemidler.schemes.services import allocation_enter, round_create, set_aside_add

from . import STAFF, WITH_ROLE, Rule


def _rule_set(cast) -> int:
    ensure_seed()
    return RuleSet.objects.get(scheme__code="rekom", year=2026).pk


def _vestland_round(cast) -> int:
    ensure_seed()
    existing = Round.objects.filter(office=cast.vestland, scheme__code="rekom", year=2026).first()
    if existing:
        return existing.pk
    rule_set = RuleSet.objects.select_related("scheme").get(scheme__code="rekom", year=2026)
    return round_create(
        actor=cast.caseworker,
        office=cast.vestland,
        scheme=rule_set.scheme,
        year=2026,
        frame=Decimal(26_800_000),
        needs_deadline=datetime.date(2025, 11, 1),
        recommendation_deadline=datetime.date(2025, 12, 15),
        decision_deadline=datetime.date(2026, 2, 1),
        annual_report_deadline=datetime.date(2027, 3, 1),
    ).pk


def _set_aside(cast) -> int:
    round_ = Round.objects.get(pk=_vestland_round(cast))
    existing = SetAside.objects.filter(round=round_, withdrawn_at__isnull=True).first()
    if existing:
        return existing.pk
    return set_aside_add(
        actor=cast.caseworker,
        round=round_,
        purpose="Tilretteleggingsmidler",
        category="facilitation",
        amount=Decimal(1_000_000),
        forum_decision_date=datetime.date(2025, 10, 20),
        forum_decision_text="Forumet avsetter 1 000 000 kroner til tilretteleggingsmidler.",
    ).pk


def _allocation(cast) -> int:
    ensure_seed()
    rule_set = RuleSet.objects.select_related("scheme").get(scheme__code="rekom", year=2026)
    return allocation_enter(
        actor=cast.udir,
        office=cast.vestland,
        scheme=rule_set.scheme,
        year=2027,
        kind="initial",
        amount=Decimal(30_000_000),
        dated=datetime.date(2026, 10, 1),
        reason="Tildelingsbrev fra Udir",
    ).allocation_id


VESTLAND_READERS = WITH_ROLE - {"other_caseworker"}
CASEWORKERS = STAFF - {"udir"}

RULES = {
    "schemes:index": Rule(WITH_ROLE),
    "schemes:rule_set_detail": Rule(WITH_ROLE, kwargs=lambda cast: {"pk": _rule_set(cast)}),
    "schemes:rule_set_edit": Rule(frozenset({"udir"}), kwargs=lambda cast: {"pk": _rule_set(cast)}),
    "schemes:rule_set_create": Rule(frozenset({"udir"})),
    "schemes:round_list": Rule(WITH_ROLE),
    "schemes:round_export": Rule(WITH_ROLE, kwargs=lambda cast: {"fmt": "csv"}),
    "schemes:round_create": Rule(CASEWORKERS),
    "schemes:round_detail": Rule(
        VESTLAND_READERS, kwargs=lambda cast: {"pk": _vestland_round(cast)}
    ),
    "schemes:round_transition": Rule(
        frozenset({"caseworker"}),
        method="post",
        kwargs=lambda cast: {"pk": _vestland_round(cast), "verb": "open_for_needs"},
    ),
    "schemes:round_deadlines_edit": Rule(
        frozenset({"caseworker"}), kwargs=lambda cast: {"pk": _vestland_round(cast)}
    ),
    "schemes:commitment_create": Rule(
        frozenset({"caseworker"}),
        method="post",
        kwargs=lambda cast: {"pk": _vestland_round(cast)},
        data=lambda cast: {"amount": "1 000 000", "source": "Vedtak 2025/1 – år 2 av 3"},
    ),
    # Set-asides: read by Udir and the office's caseworkers, recorded by the latter.
    "schemes:set_aside_list": Rule(
        frozenset({"udir", "caseworker"}), kwargs=lambda cast: {"pk": _vestland_round(cast)}
    ),
    "schemes:set_aside_edit": Rule(
        frozenset({"caseworker"}), kwargs=lambda cast: {"pk": _set_aside(cast)}
    ),
    "schemes:set_aside_withdraw": Rule(
        frozenset({"caseworker"}),
        method="post",
        kwargs=lambda cast: {"pk": _set_aside(cast)},
        data=lambda cast: {"reason": "Forumet gjorde om vedtaket."},
    ),
    # Allocations: entered by Udir, read by Udir and each office's caseworkers (their own).
    "schemes:allocation_list": Rule(STAFF),
    "schemes:allocation_enter": Rule(frozenset({"udir"})),
    "schemes:allocation_detail": Rule(
        frozenset({"udir", "caseworker"}), kwargs=lambda cast: {"pk": _allocation(cast)}
    ),
}
RULES.update(
    {
        "api:schemes_list": Rule(WITH_ROLE),
        "api:schemes_rule_sets": Rule(WITH_ROLE),
        "api:schemes_rule_set": Rule(
            WITH_ROLE, kwargs=lambda cast: {"rule_set_id": _rule_set(cast)}
        ),
        "api:schemes_rounds": Rule(WITH_ROLE),
        "api:schemes_allocations": Rule(STAFF),
        "api:schemes_round": Rule(
            VESTLAND_READERS, kwargs=lambda cast: {"round_id": _vestland_round(cast)}
        ),
    }
)
