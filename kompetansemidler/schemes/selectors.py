"""Reads: every list of rounds starts from ``rounds_visible_to(user)``."""

from django.db.models import QuerySet, Sum

from kompetansemidler.accounts.models import Role
from kompetansemidler.accounts.policy import active_grants, is_national_admin
from kompetansemidler.registry.models import County

from .models import Round, RuleSet, Scheme
from .permissions import can_view_schemes


def visible_office_ids(user) -> set[int]:
    """The offices whose rounds the user may read.

    Caseworkers: their own office. Forum members and network coordinators:
    the office of their forum or network. Owners, UH and unit leaders: the
    office covering their organisation's (or unit's) county.
    """
    office_ids: set[int | None] = set()
    county_ids: set[int | None] = set()
    for grant in active_grants(user):
        if grant.role == Role.CASEWORKER:
            office_ids.add(grant.office_id)
        elif grant.role == Role.FORUM_MEMBER:
            office_ids.add(getattr(grant.forum, "office_id", None))
        elif grant.role == Role.NETWORK_COORDINATOR:
            office_ids.add(getattr(grant.network, "office_id", None))
        elif organisation := grant.organisation:
            county_ids.add(
                organisation.county_id or getattr(organisation.municipality, "county_id", None)
            )
        elif grant.unit:
            county_ids.add(grant.unit.municipality.county_id)
    counties = {county_id for county_id in county_ids if county_id is not None}
    if counties:
        office_ids.update(
            County.objects.filter(id__in=counties).values_list("office_id", flat=True)
        )
    return {office_id for office_id in office_ids if office_id is not None}


def round_office_scope(user) -> set[int] | None:
    """The offices whose rounds the user may read; None means every office."""
    return None if is_national_admin(user) else visible_office_ids(user)


def rounds_visible_to(user) -> QuerySet[Round]:
    """The rounds the user may read, with ``committed_sum`` annotated."""
    rounds = Round.objects.select_related("scheme", "office", "rule_set").annotate(
        committed_sum=Sum("commitments__amount")
    )
    scope = round_office_scope(user)
    return rounds if scope is None else rounds.filter(office_id__in=scope)


def rule_sets_visible_to(user) -> QuerySet[RuleSet]:
    """Every rule set, for those who may read the schemes' rules; else none."""
    return RuleSet.objects.all() if can_view_schemes(user) else RuleSet.objects.none()


def schemes_with_rule_sets() -> QuerySet[Scheme]:
    return Scheme.objects.prefetch_related("rule_sets")


def rule_set_latest(scheme: Scheme) -> RuleSet | None:
    """The scheme's newest rule set, the model for next year's."""
    return scheme.rule_sets.order_by("-year").first()
