"""The round's phases and the one table of allowed transitions.

Read top to bottom, this is the yearly process of DOMAIN.md §3. Each
transition is carried out by the service of the same name in ``services.py``
(``round_<verb>``); nothing else changes a round's phase.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class RoundPhase(models.TextChoices):
    PLANNED = "planned", _("Planned")
    OPEN_FOR_NEEDS = "open_for_needs", _("Open for needs reports")
    FORUM_PRIORITISING = "forum_prioritising", _("Forum prioritising")
    DECIDING = "deciding", _("Deciding")
    IMPLEMENTING = "implementing", _("Implementing")
    REPORTING = "reporting", _("Reporting")
    CLOSED = "closed", _("Closed")


@dataclass(frozen=True)
class Transition:
    verb: str
    source: RoundPhase
    target: RoundPhase
    label: str  # the button


TRANSITIONS = (
    Transition(
        "open_for_needs",
        RoundPhase.PLANNED,
        RoundPhase.OPEN_FOR_NEEDS,
        _("Open the round for needs reports"),
    ),
    Transition(
        "start_prioritising",
        RoundPhase.OPEN_FOR_NEEDS,
        RoundPhase.FORUM_PRIORITISING,
        _("Close needs reporting and start the forum's prioritising"),
    ),
    Transition(
        "start_deciding",
        RoundPhase.FORUM_PRIORITISING,
        RoundPhase.DECIDING,
        _("Start making decisions"),
    ),
    Transition(
        "start_implementing",
        RoundPhase.DECIDING,
        RoundPhase.IMPLEMENTING,
        _("Start implementation"),
    ),
    Transition(
        "start_reporting",
        RoundPhase.IMPLEMENTING,
        RoundPhase.REPORTING,
        _("Start annual reporting"),
    ),
    Transition("close", RoundPhase.REPORTING, RoundPhase.CLOSED, _("Close the round")),
)
TRANSITION_BY_VERB = {t.verb: t for t in TRANSITIONS}


def transitions_from(phase: str) -> list[Transition]:
    return [t for t in TRANSITIONS if t.source == phase]
