"""The figures beside the pages: data volume, the rules check, the grant letters.

A figure whose capability is not built yet is reported as "not available"
with the reason; the capability's engineer replaces that with a measurement.
"""

from importlib.util import find_spec

from django.apps import apps
from django.db import DatabaseError, transaction

COUNTED = [
    "registry.Organisation",
    "registry.Unit",
    "registry.Forum",
    "registry.Network",
    "accounts.User",
    "schemes.Round",
    "needs.NeedsReport",
    "needs.ProposedMeasure",
    "recommendations.Recommendation",
    "decisions.Decision",
    "decisions.Payment",
    "reporting.AnnualReport",
    "history.Event",
]


def data_counts() -> dict[str, int]:
    """Rows per model in this database, for the models that exist."""
    counts = {}
    for label in COUNTED:
        try:
            with transaction.atomic():  # a savepoint: PostgreSQL goes on after an error
                counts[label] = apps.get_model(label).objects.count()
        except LookupError:
            continue
        except DatabaseError:  # a model whose migration is not there yet
            counts[label] = None
    return counts


def _not_available(reason: str) -> dict:
    return {"status": "not available", "reason": reason}


RULES_LINES = 2_000


def _recommendation_lines(count: int, earmarked_codes: tuple[str, ...]):
    """``count`` varied, realistic lines: owners public and private, networks, joint
    measures and UH; some earmarked, a few with findings (no UH, Sámi not assessed)."""
    import random
    from decimal import Decimal

    from kompetansemidler.rules import recommendation as r

    rng = random.Random(f"rules-{count}")
    kinds = [r.OWNER] * 7 + [r.NETWORK, r.JOINT_MEASURE, r.UH]
    categories = ["general"] * 8 + list(earmarked_codes)
    lines = []
    for index in range(count):
        kind = rng.choice(kinds)
        amount = Decimal(rng.randrange(20, 900) * 1_000)
        lines.append(
            r.Line(
                line_id=index,
                recipient_kind=kind,
                recipient_id=f"{kind}-{rng.randrange(400)}",
                amount=amount,
                owner_kind=rng.choice([r.PUBLIC, r.PRIVATE]) if kind == r.OWNER else None,
                category=rng.choice(categories) if categories else "general",
                co_financing=(amount * Decimal("0.3")).to_integral_value(),
                needs_report=r.NeedsReportRef(index // 3, True, rng.random() > 0.02),
                partner_kinds=("uh",) if rng.random() > 0.01 else (),
                sami_assessed=rng.random() > 0.05,
                measure_id=index,
            )
        )
    return tuple(lines)


def rules_check(repeat: int = 50, warmup: int = 5) -> dict:
    """The rules check of a 2,000-line recommendation, per check (target ≤ 50 ms).

    Pure code, timed in-process, with the newest stored rule set of Rekom
    (earmark cap) and of Dekom (co-financing per owner).
    """
    if find_spec("kompetansemidler.rules.recommendation") is None:
        return _not_available("kompetansemidler.rules has no recommendation check yet")
    try:
        rule_set_model = apps.get_model("schemes", "RuleSet")
    except LookupError:
        return _not_available("no stored rule sets (schemes.RuleSet) yet")
    import time
    from decimal import Decimal

    from kompetansemidler.rules import recommendation as r

    from .measure import percentile

    figures = {"status": "done", "lines": RULES_LINES}
    for code in ("rekom", "dekom"):
        rule_set = rule_set_model.objects.filter(scheme__code=code).order_by("-year").first()
        if rule_set is None:
            figures[code] = _not_available(f"no {code} rule set")
            continue
        params = rule_set.params
        facts = r.RecommendationFacts(
            scheme=code, lines=_recommendation_lines(RULES_LINES, params.earmarked_codes)
        )
        money = r.RoundMoney(frame=Decimal(400_000_000), committed=Decimal(50_000_000))
        durations = []
        for attempt in range(warmup + repeat):
            started = time.perf_counter()
            findings = r.recommendation_findings(facts, money, params)
            if attempt >= warmup:
                durations.append((time.perf_counter() - started) * 1000)
        figures[code] = {
            "rule_set": str(rule_set),
            "checks": repeat,
            "findings": len(findings),
            "p50_ms": round(percentile(durations, 0.5), 2),
            "p95_ms": round(percentile(durations, 0.95), 2),
        }
    return figures


LETTERS_MAX = 150


def letters(limit: int = LETTERS_MAX) -> dict:
    """Grant letters for the round with the most issued decisions, letters per second.

    Each letter goes through ``letter_issue`` as the background task makes it:
    rendered to PDF in the recipient's written standard (WeasyPrint), journalled
    with its document, stored and mailed. All in one transaction that is rolled
    back, with files in memory and mail kept in memory, so the data set stays as
    generated. At most ``limit`` letters (the first ones of the round), after one
    warm-up letter that loads the fonts.
    """
    try:
        decision_model = apps.get_model("decisions", "Decision")
    except LookupError:
        return _not_available("no decisions (grant letters) yet")
    import time

    from django.db.models import Count
    from django.test.utils import override_settings

    from kompetansemidler.decisions.letters import letter_issue
    from kompetansemidler.decisions.selectors import ISSUED

    from .measure import percentile

    issued = decision_model.objects.filter(state__in=ISSUED)
    largest = issued.values("round").annotate(n=Count("id")).order_by("-n", "round").first()
    if largest is None:
        return _not_available("no issued decisions in the data")
    decisions = list(issued.filter(round=largest["round"]).order_by("id")[: limit + 1])
    durations, languages = [], {}
    storages = {
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(
        STORAGES=storages, EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"
    ):
        with transaction.atomic():
            started_all = None
            for index, decision in enumerate(decisions):
                started = time.perf_counter()
                letter = letter_issue(actor=None, decision=decision)
                if index == 0:  # warm-up: fonts and templates load once per process
                    started_all = time.perf_counter()
                    continue
                durations.append((time.perf_counter() - started) * 1000)
                languages[letter.language] = languages.get(letter.language, 0) + 1
            seconds = time.perf_counter() - started_all if started_all else 0
            transaction.set_rollback(True)
    if not durations:
        return _not_available("the largest round has only one issued decision")
    round_model = apps.get_model("schemes", "Round")
    return {
        "status": "done",
        "round": str(round_model.objects.get(pk=largest["round"])),
        "issued_in_round": largest["n"],
        "letters": len(durations),
        "languages": languages,
        "letters_per_second": round(len(durations) / seconds, 2),
        "p50_ms": round(percentile(durations, 0.5), 1),
        "p95_ms": round(percentile(durations, 0.95), 1),
    }
