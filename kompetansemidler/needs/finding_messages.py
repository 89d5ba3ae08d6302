"""The needs rules' messages in the user's language.

The English templates are declared in ``kompetansemidler.rules.needs``; the
same text is repeated here inside gettext so that it is extracted and
translated; ``kompetansemidler.schemes.messages`` collects this table, and its
test checks that both agree.
"""

from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "NEEDS_NO_STAFF_INVOLVEMENT": _(
        "Describe how the staff took part in assessing the needs (criterion C1)."
    ),
    "NEEDS_NO_LEADER_INVOLVEMENT": _(
        "Describe how the leaders took part in assessing the needs (criterion C1)."
    ),
    "NEEDS_NO_UH_PARTNER": _(
        "Name at least one university or university college the needs were assessed with "
        "(criterion C3)."
    ),
    "NEEDS_INDIVIDUAL_FURTHER_EDUCATION": _(
        "“%(measure)s”: individual further education cannot be funded in this category; "
        "measures must develop the unit as a whole (criterion C2)."
    ),
    "NEEDS_DURATION_EXCEEDED": _(
        "“%(measure)s” has an amount in year %(year)s, but measures may last at most "
        "%(max_years)s years."
    ),
    "NEEDS_UNKNOWN_CATEGORY": _("“%(measure)s”: “%(category)s” is not a category of this scheme."),
    "NEEDS_NEGATIVE_AMOUNT": _("“%(measure)s”: the amount in year %(year)s cannot be negative."),
    "NEEDS_UNKNOWN_TARGET_GROUP": _("“%(group)s” is not a target group of this scheme."),
    "NEEDS_COORDINATOR_NOT_ALLOWED": _(
        "This scheme does not fund a coordinator function this year."
    ),
    "NEEDS_CO_FINANCING_LOW": _(
        "“%(measure)s”: the planned own financing of %(co_financing)s kroner is less than "
        "%(share_percent)s per cent of the %(amount)s kroner applied for in the first year "
        "(%(required)s kroner)."
    ),
    "NEEDS_SAMI_NOT_ASSESSED": _(
        "Say how Sámi perspectives were considered in the local priorities."
    ),
    "NEEDS_NO_UNITS": _(
        "Choose the kindergartens or schools whose needs were assessed: the assessment must "
        "be anchored in each unit (criterion C1)."
    ),
    "NEEDS_NO_UH_DIALOGUE": _(
        "Describe the professional dialogue with the university or university college about "
        "the needs (criterion C1)."
    ),
    "NEEDS_NO_LOCAL_PLAN": _(
        "“%(measure)s”: choose the local competence plan the measure comes from. Without a "
        "plan, write one first under “Needs and plans”, “New local plan”."
    ),
    "NEEDS_NO_PLAN_PRIORITY": _(
        "“%(measure)s”: name the priority in the local plan that the measure follows."
    ),
    "NEEDS_NO_TEAM_AROUND_CHILD": _(
        "“%(measure)s” includes no one beyond the kindergarten or school staff: say how PPT "
        "and other services in the team around the child take part."
    ),
    "PLAN_ELEMENT_MISSING": _(
        "The scheme says a local plan should describe this; fill it in, or leave it empty if "
        "the plan deliberately leaves it out."
    ),
}
