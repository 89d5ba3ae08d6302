"""Expected access to recommendations.

The forum's members and the caseworkers of its office (the secretariat) work
on the forum's recommendations; Udir reads them; owner representatives read
an adopted recommendation's lines for their own organisation (Bergen here).
Another office, another owner and outsiders get 403.
"""

from tests.recommendations.objects import adopted_recommendation, draft_recommendation

from . import Rule

WORKERS = frozenset({"caseworker", "forum_member"})
READERS = WORKERS | {"udir"}
USERS = frozenset(
    {"udir", "caseworker", "other_caseworker", "forum_member", "owner_rep", "other_owner_rep"}
)


def _draft(cast):
    return {"pk": draft_recommendation(cast).pk}


def _draft_line(cast):
    recommendation = draft_recommendation(cast)
    return {"pk": recommendation.pk, "line_pk": recommendation.lines.order_by("rank").first().pk}


def _adopted(cast):
    return {"pk": adopted_recommendation(cast).pk}


def _start_data(cast):
    round_ = draft_recommendation(cast).round
    return {"round": round_.pk, "forum": cast.forum.pk, "name": "Utkast 2"}


RULES = {
    "recommendations:index": Rule(USERS),
    "recommendations:start": Rule(WORKERS, method="post", data=_start_data),
    # Any forum worker may open the page; it offers only the user's own forums' versions
    # (tests/recommendations/test_exports_and_pages.py checks Rogaland sees none of Vestland's).
    "recommendations:compare": Rule(WORKERS | {"other_caseworker"}),
    "recommendations:detail": Rule(READERS, kwargs=_draft),
    "recommendations:edit": Rule(WORKERS, kwargs=_draft),
    "recommendations:check": Rule(WORKERS, kwargs=_draft, method="post"),
    "recommendations:joint_measure_add": Rule(WORKERS, kwargs=_draft),
    "recommendations:line_split": Rule(WORKERS, kwargs=_draft_line),
    "recommendations:line_remove": Rule(WORKERS, kwargs=_draft_line),
    "recommendations:copy": Rule(WORKERS, kwargs=_draft, method="post"),
    "recommendations:adopt": Rule(WORKERS, kwargs=_draft),
    "recommendations:send": Rule(WORKERS, kwargs=_adopted, method="post"),
    # Refused by the service until the recommendation is sent and decided: the
    # matrix checks who may ask, the supplementary tests what happens.
    "recommendations:supplement": Rule(WORKERS, kwargs=_adopted, method="post"),
    "recommendations:export": Rule(
        READERS | {"owner_rep"}, kwargs=lambda cast: {**_adopted(cast), "fmt": "xlsx"}
    ),
    "api:recommendations_list": Rule(USERS),
    "api:recommendations_detail": Rule(READERS | {"owner_rep"}, kwargs=_adopted),
}
