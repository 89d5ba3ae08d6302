"""The round's phases and the one table of allowed transitions.

Read top to bottom, this is the yearly process of DOMAIN.md §3. Each
transition is carried out by the service of the same name in ``services.py``
(``round_<verb>``); nothing else changes a round's phase. The table is the
project's one workflow kernel (``kompetansemidler.core.workflow``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kompetansemidler.core.workflow import Transition, Workflow


class RoundPhase(models.TextChoices):
    PLANNED = "planned", _("Planned")
    OPEN_FOR_NEEDS = "open_for_needs", _("Open for needs reports")
    FORUM_PRIORITISING = "forum_prioritising", _("Forum prioritising")
    DECIDING = "deciding", _("Deciding")
    IMPLEMENTING = "implementing", _("Implementing")
    REPORTING = "reporting", _("Reporting")
    CLOSED = "closed", _("Closed")


# While a round is in these phases owners may still report needs: nothing that
# builds on the reports (sending a recommendation, drafting decisions) may happen.
NEEDS_PHASES = (RoundPhase.PLANNED, RoundPhase.OPEN_FOR_NEEDS)
REFUSED_STILL_OPEN = _(
    "%(round)s is still open for needs reports. The caseworker closes needs reporting on the "
    "round's page first; then the recommendation can be sent and decisions drafted."
)

ERROR_WRONG_PHASE = _(
    "The round is in the phase “%(state)s”; this step can only be taken from “%(sources)s”."
)

# Each transition's label is its button on the round's page.
WORKFLOW = Workflow(
    refused=ERROR_WRONG_PHASE,
    field="phase",
    transitions={
        "open_for_needs": Transition(
            (RoundPhase.PLANNED,),
            RoundPhase.OPEN_FOR_NEEDS,
            "round.open_for_needs",
            _("Open the round for needs reports"),
        ),
        "start_prioritising": Transition(
            (RoundPhase.OPEN_FOR_NEEDS,),
            RoundPhase.FORUM_PRIORITISING,
            "round.start_prioritising",
            _("Close needs reporting and start the forum's prioritising"),
        ),
        "start_deciding": Transition(
            (RoundPhase.FORUM_PRIORITISING,),
            RoundPhase.DECIDING,
            "round.start_deciding",
            _("Start making decisions"),
        ),
        "start_implementing": Transition(
            (RoundPhase.DECIDING,),
            RoundPhase.IMPLEMENTING,
            "round.start_implementing",
            _("Start implementation"),
        ),
        "start_reporting": Transition(
            (RoundPhase.IMPLEMENTING,),
            RoundPhase.REPORTING,
            "round.start_reporting",
            _("Start annual reporting"),
        ),
        "close": Transition(
            (RoundPhase.REPORTING,), RoundPhase.CLOSED, "round.close", _("Close the round")
        ),
    },
)


def transitions_from(phase: str) -> list[tuple[str, Transition]]:
    """The (verb, transition) pairs allowed from ``phase``, in the table's order."""
    return [(verb, t) for verb, t in WORKFLOW.transitions.items() if phase in t.sources]
