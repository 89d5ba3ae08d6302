"""Schemes, rule sets and funding rounds in the JSON API, at /api/schemes/.

Reads only, through the same selectors and permission checks as the pages.
Amounts are whole kroner as integers.
"""

import datetime
from typing import Any

from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema

from kompetansemidler.accounts.policy import ensure
from kompetansemidler.api.errors import with_errors
from kompetansemidler.api.paging import PageQuery, api_page

from .models import AllocationKind, Round, RuleSet, SchemeCode
from .permissions import (
    can_view_allocations,
    can_view_round,
    can_view_rounds,
    can_view_schemes,
)
from .selectors import (
    allocations_visible_to,
    committed_items,
    round_office_scope,
    rounds_visible_to,
    schemes_with_rule_sets,
)
from .workflow import RoundPhase

PREFIX = "schemes"
router = Router(tags=["schemes"])

ID = Path(..., ge=1, le=2**62, description="The object's id.")


class SchemeOut(Schema):
    code: SchemeCode
    short_name: str
    name: str
    rule_set_years: list[int]


class RuleSetOut(Schema):
    id: int
    scheme: SchemeCode
    year: int
    valid_from: datetime.date
    notes: str
    parameters: dict[str, Any] = Field(
        description='The parameters as stored: shares as decimal strings ("0.30"), '
        "lists of codes, the longest duration in years."
    )


class RuleSetFilters(PageQuery):
    scheme: SchemeCode | None = None
    year: int | None = Field(None, ge=2000, le=2100)


class RuleSetPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[RuleSetOut]


class RoundOut(Schema):
    id: int
    scheme: SchemeCode
    year: int
    office: str = Field(description='The office\'s identifier, e.g. "vestland".')
    phase: RoundPhase
    frame: int = Field(description="The allocation's current sum (the frame), whole kroner.")
    set_aside: int = Field(description="Set aside for purposes distributed another way, kroner.")
    committed: int = Field(description="Committed by earlier multi-year decisions, kroner.")
    available: int = Field(
        description="Frame less set aside less committed, kroner; negative when the "
        "allocation was cut below what is bound."
    )
    rule_set: int
    needs_deadline: datetime.date
    recommendation_deadline: datetime.date
    decision_deadline: datetime.date
    annual_report_deadline: datetime.date


class CommitmentOut(Schema):
    amount: int
    source: str
    source_round: int | None
    category: str = Field(description="general, or one of the rule set's earmarked categories.")
    budget_year: int
    typed: bool = Field(
        description="A commitment registered by hand (history from before the product); "
        "otherwise the later-year amounts of earlier rounds' issued decisions."
    )


class RoundDetailOut(RoundOut):
    commitments: list[CommitmentOut]


class RoundFilters(PageQuery):
    scheme: SchemeCode | None = None
    year: int | None = Field(None, ge=2000, le=2100)
    phase: RoundPhase | None = None
    office: str | None = Field(None, pattern=r"^[-a-z0-9]{1,60}$", examples=["vestland"])


class RoundPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[RoundOut]


def _page(rows, filters: PageQuery, convert) -> dict:
    return api_page(rows, page=filters.page, page_size=filters.page_size, convert=convert)


def _rule_set(rule_set: RuleSet) -> dict:
    return {
        "id": rule_set.pk,
        "scheme": rule_set.scheme.code,
        "year": rule_set.year,
        "valid_from": rule_set.valid_from,
        "notes": rule_set.notes,
        "parameters": rule_set.parameters,
    }


def _round(round_: Round) -> dict:
    return {
        "id": round_.pk,
        "scheme": round_.scheme.code,
        "year": round_.year,
        "office": round_.office.slug,
        "phase": round_.phase,
        "frame": int(round_.frame),
        "set_aside": int(round_.set_aside),
        "committed": int(round_.committed),
        "available": int(round_.available),
        "rule_set": round_.rule_set_id,
        "needs_deadline": round_.needs_deadline,
        "recommendation_deadline": round_.recommendation_deadline,
        "decision_deadline": round_.decision_deadline,
        "annual_report_deadline": round_.annual_report_deadline,
    }


@router.get(
    "/schemes",
    response=with_errors({200: list[SchemeOut]}),
    url_name="schemes_list",
    summary="The three schemes, with the years that have a rule set",
)
def scheme_list(request):
    ensure(can_view_schemes(request.auth))
    return [
        {
            "code": s.code,
            "short_name": s.short_name,
            "name": s.name,
            "rule_set_years": sorted(r.year for r in s.rule_sets.all()),
        }
        for s in schemes_with_rule_sets()
    ]


@router.get(
    "/rule-sets",
    response=with_errors({200: RuleSetPage}),
    url_name="schemes_rule_sets",
    summary="Rule sets, newest first",
)
def rule_set_list(request, filters: Query[RuleSetFilters]):
    ensure(can_view_schemes(request.auth))
    rows = RuleSet.objects.select_related("scheme").order_by("scheme_id", "-year")
    if filters.scheme:
        rows = rows.filter(scheme__code=filters.scheme)
    if filters.year:
        rows = rows.filter(year=filters.year)
    return _page(rows, filters, _rule_set)


@router.get(
    "/rule-sets/{rule_set_id}",
    response=with_errors({200: RuleSetOut}, 404),
    url_name="schemes_rule_set",
    summary="One rule set",
)
def rule_set_detail(request, rule_set_id: int = ID):
    ensure(can_view_schemes(request.auth))
    return _rule_set(get_object_or_404(RuleSet.objects.select_related("scheme"), pk=rule_set_id))


@router.get(
    "/rounds",
    response=with_errors({200: RoundPage}),
    url_name="schemes_rounds",
    summary="Funding rounds the user may read",
)
def round_list(request, filters: Query[RoundFilters]):
    ensure(can_view_rounds(request.auth))
    rows = rounds_visible_to(request.auth).order_by("-year", "scheme_id", "office__name")
    if filters.scheme:
        rows = rows.filter(scheme__code=filters.scheme)
    if filters.year:
        rows = rows.filter(year=filters.year)
    if filters.phase:
        rows = rows.filter(phase=filters.phase)
    if filters.office:
        rows = rows.filter(office__slug=filters.office)
    return _page(rows, filters, _round)


@router.get(
    "/rounds/{round_id}",
    response=with_errors({200: RoundDetailOut}, 404),
    url_name="schemes_round",
    summary="One funding round, with its commitments (403 for another office's round)",
)
def round_detail(request, round_id: int = ID):
    ensure(can_view_rounds(request.auth))
    found = get_object_or_404(Round.objects.only("id", "office_id"), pk=round_id)
    ensure(can_view_round(request.auth, found, round_office_scope(request.auth)))
    round_ = rounds_visible_to(request.auth).get(pk=round_id)
    return {
        **_round(round_),
        "commitments": [
            {
                "amount": int(c.amount),
                "source": c.source,
                "source_round": c.source_round_id,
                "category": c.category,
                "budget_year": round_.year,
                "typed": c.commitment is not None,
            }
            for c in committed_items(round_)
        ],
    }


class AllocationEntryOut(Schema):
    kind: AllocationKind
    amount: int = Field(description="The change in whole kroner; negative for a cut or return.")
    dated: datetime.date
    reason: str


class AllocationOut(Schema):
    id: int
    office: str
    scheme: SchemeCode
    year: int
    amount: int = Field(description="The allocation's current sum, whole kroner.")
    entries: list[AllocationEntryOut]


class AllocationFilters(Schema):
    year: int | None = Field(None, ge=2000, le=2100)


@router.get(
    "/allocations",
    response=with_errors({200: list[AllocationOut]}),
    url_name="schemes_allocations",
    summary="Udir's allocations with their entries: all for Udir, a caseworker's own office's",
)
def allocation_list(request, filters: Query[AllocationFilters]):
    ensure(can_view_allocations(request.auth))
    rows = allocations_visible_to(request.auth).prefetch_related("entries")
    if filters.year:
        rows = rows.filter(year=filters.year)
    return [
        {
            "id": a.pk,
            "office": a.office.slug,
            "scheme": a.scheme.code,
            "year": a.year,
            "amount": int(a.amount),
            "entries": [
                {"kind": e.kind, "amount": int(e.amount), "dated": e.dated, "reason": e.reason}
                for e in a.entries.all()
            ],
        }
        for a in rows
    ]
