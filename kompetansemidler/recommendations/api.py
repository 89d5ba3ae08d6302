"""Recommendations in the JSON API, at /api/recommendations/: the list and one
recommendation with its lines, totals and findings, through the same selectors
and checks as the pages. Amounts are whole kroner as integers; an owner
representative gets only its own lines, and no totals or findings.
"""

import datetime

from ninja import Field, Path, Query, Router, Schema

from kompetansemidler.accounts.policy import ensure
from kompetansemidler.api.errors import with_errors
from kompetansemidler.api.paging import PageQuery, api_page

from .facts import check, shown
from .models import RecipientKind, RecommendationKind, RecommendationState
from .permissions import can_use_recommendations, sees_every_line
from .selectors import lines_visible_to, recommendation_visible_or_403, recommendations_visible_to

PREFIX = "recommendations"
router = Router(tags=["recommendations"])

ID = Path(..., ge=1, le=2**62, description="The recommendation's id.")


class Filters(PageQuery):
    round: int | None = Field(None, ge=1, le=2**62, description="Only this round's.")
    state: RecommendationState | None = None


class RecommendationOut(Schema):
    id: int
    name: str
    round: int
    forum: int
    kind: RecommendationKind = Field(
        description='"ordinary", or "supplementary" for the money left after the decisions.'
    )
    state: RecommendationState
    adoption_method: str = Field(description='"consensus", "vote" or "" while a draft.')
    adopted_at: datetime.datetime | None
    lock_version: int


class Page(Schema):
    count: int
    page: int
    page_size: int
    items: list[RecommendationOut]


class LineOut(Schema):
    id: int
    rank: int
    title: str
    category: str
    recipient_kind: RecipientKind
    recipient: str
    amounts: list[int] = Field(description="Year 1, 2 and 3, whole kroner.")
    co_financing: int
    is_coordinator: bool
    coordinator_decision: str
    priority: str
    pro_rata_key: str


class TotalsOut(Schema):
    frame: int
    committed: int
    available: int
    recommended: int
    earmarked: int
    committed_earmarked: int = Field(
        description="Earmarked by earlier multi-year decisions; counts against the cap."
    )
    earmark_cap: int | None
    remaining: int


class FindingOut(Schema):
    code: str
    severity: str
    message: str
    target: str


class RecommendationDetailOut(RecommendationOut):
    lines: list[LineOut]
    totals: TotalsOut | None = Field(description="Only for the forum and the secretariat.")
    findings: list[FindingOut]


def _out(r) -> dict:
    return {
        "id": r.pk,
        "name": r.name,
        "round": r.round_id,
        "forum": r.forum_id,
        "kind": r.kind,
        "state": r.state,
        "adoption_method": r.adoption_method,
        "adopted_at": r.adopted_at,
        "lock_version": r.lock_version,
    }


@router.get("/", response=with_errors({200: Page}), url_name="recommendations_list")
def recommendation_list(request, filters: Query[Filters]):
    ensure(can_use_recommendations(request.auth))
    rows = recommendations_visible_to(request.auth).order_by("id")
    if filters.round:
        rows = rows.filter(round_id=filters.round)
    if filters.state:
        rows = rows.filter(state=filters.state)
    return api_page(rows, page=filters.page, page_size=filters.page_size, convert=_out)


@router.get(
    "/{pk}",
    response=with_errors({200: RecommendationDetailOut}, 404),
    url_name="recommendations_detail",
)
def recommendation_detail(request, pk: int = ID):
    ensure(can_use_recommendations(request.auth))
    recommendation = recommendation_visible_or_403(request.auth, pk)
    lines = list(lines_visible_to(request.auth, recommendation))
    body = _out(recommendation)
    body["lines"] = [
        {
            "id": line.pk,
            "rank": line.rank,
            "title": line.title,
            "category": line.category,
            "recipient_kind": line.recipient_kind,
            "recipient": line.recipient_label,
            "amounts": [int(a) for a in line.amounts],
            "co_financing": int(line.co_financing),
            "is_coordinator": line.is_coordinator,
            "coordinator_decision": line.coordinator_decision,
            "priority": line.priority.code if line.priority_id else "",
            "pro_rata_key": line.pro_rata_key,
        }
        for line in lines
    ]
    body["totals"], body["findings"] = None, []
    if sees_every_line(request.auth, recommendation):
        result = check(recommendation, lines)
        body["totals"] = {
            "frame": int(result.money.frame),
            "committed": int(result.money.committed),
            "available": int(result.money.available),
            "recommended": int(result.totals.total),
            "earmarked": int(result.totals.earmarked),
            "committed_earmarked": int(result.money.committed_earmarked),
            "earmark_cap": int(result.earmark_cap) if result.earmark_cap is not None else None,
            "remaining": int(result.remaining),
        }
        body["findings"] = [
            {"code": f.code, "severity": str(f.severity), "message": s.text, "target": f.target}
            for f, s in zip(result.findings, shown(result.findings), strict=True)
        ]
    return body
