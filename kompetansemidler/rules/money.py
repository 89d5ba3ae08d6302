"""Money rules shared by the needs, recommendation and decision steps.

All amounts are ``Decimal`` in whole kroner. Each check returns a list of
findings (empty when the rule holds) so callers can hand it to ``run_checks``
or collect it with other findings.
"""

from decimal import ROUND_CEILING, Decimal

from .findings import Finding, Severity, define
from .parameters import percent

FRAME_EXCEEDED = define(
    "FRAME_EXCEEDED",
    Severity.ERROR,
    "The total of %(total)s kroner is %(excess)s kroner more than the %(available)s kroner "
    "available (the allocation of %(frame)s kroner less %(set_aside)s kroner set aside and "
    "%(committed)s kroner already committed).",
)
EARMARK_CAP_EXCEEDED = define(
    "EARMARK_CAP_EXCEEDED",
    Severity.ERROR,
    "%(earmarked)s kroner go to earmarked categories; at most %(cap_percent)s per cent of "
    "the allocation of %(funds)s kroner, that is %(cap)s kroner, may.",
)
CO_FINANCING_TOO_LOW = define(
    "CO_FINANCING_TOO_LOW",
    Severity.ERROR,
    "The owner's own financing of %(co_financing)s kroner is less than %(share_percent)s per "
    "cent of the grant of %(grant)s kroner: at least %(required)s kroner is needed.",
)


def available(*, frame: Decimal, committed: Decimal, set_aside: Decimal = Decimal(0)) -> Decimal:
    """What a round may still give: its allocation (the frame) less what is set aside
    and what earlier decisions committed."""
    return frame - set_aside - committed


def check_frame(
    *,
    total: Decimal,
    frame: Decimal,
    committed: Decimal,
    set_aside: Decimal = Decimal(0),
    target: str = "total",
) -> list[Finding]:
    """The sum recommended or decided may not exceed the allocation less the set-asides
    and the commitments."""
    room = available(frame=frame, committed=committed, set_aside=set_aside)
    if total <= room:
        return []
    return [
        FRAME_EXCEEDED(
            target=target,
            total=total,
            available=room,
            frame=frame,
            set_aside=set_aside,
            committed=committed,
            excess=total - room,
        )
    ]


def earmark_cap(*, funds: Decimal, cap_share: Decimal) -> Decimal:
    """The most that may go to earmarked categories, in whole kroner (rounded down)."""
    return (funds * cap_share).to_integral_value(rounding="ROUND_FLOOR")


def check_earmark_cap(
    *,
    earmarked: Decimal,
    funds: Decimal,
    cap_share: Decimal | None,
    target: str = "earmarked",
) -> list[Finding]:
    """Rekom: earmarked categories may take at most ``cap_share`` of the funds.

    Exactly the cap passes; one krone over fails. No cap (None): nothing to check.
    """
    if cap_share is None:
        return []
    cap = earmark_cap(funds=funds, cap_share=cap_share)
    if earmarked <= cap:
        return []
    return [
        EARMARK_CAP_EXCEEDED(
            target=target,
            earmarked=earmarked,
            funds=funds,
            cap_percent=percent(cap_share),
            cap=cap,
        )
    ]


def required_co_financing(*, grant: Decimal, share: Decimal) -> Decimal:
    """The smallest whole-kroner own financing that meets ``share`` of ``grant``."""
    return (grant * share).to_integral_value(rounding=ROUND_CEILING)


def check_co_financing(
    *,
    co_financing: Decimal,
    grant: Decimal,
    share: Decimal | None,
    target: str = "co_financing",
) -> list[Finding]:
    """Dekom: the owner's own financing is at least ``share`` of the grant it receives.

    The share is of the grant, not of the total cost. No share (None): nothing to check.
    """
    if share is None or co_financing >= grant * share:
        return []
    return [
        CO_FINANCING_TOO_LOW(
            target=target,
            co_financing=co_financing,
            grant=grant,
            share_percent=percent(share),
            required=required_co_financing(grant=grant, share=share),
        )
    ]
