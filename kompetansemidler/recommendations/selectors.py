"""Reading recommendations. Every list starts from ``recommendations_visible_to(user)``."""

from django.db.models import Prefetch, Q, QuerySet

from kompetansemidler.accounts.policy import caseworker_office_ids, is_national_admin
from kompetansemidler.needs.models import NeedsReport, ReportState

from .models import Recommendation, RecommendationLine, RecommendationState
from .permissions import member_forum_ids, owner_ids, sees_every_line

FINAL = (RecommendationState.ADOPTED, RecommendationState.SENT)


def recommendations_visible_to(user) -> QuerySet[Recommendation]:
    """Udir: all. Caseworkers: their office's. Members: their forum's. Owners: adopted
    recommendations with a line for their organisation (they see only those lines)."""
    recommendations = Recommendation.objects.select_related(
        "round__scheme", "round__office", "round__rule_set", "forum", "adopted_by")
    if is_national_admin(user):
        return recommendations
    own_lines = RecommendationLine.objects.filter(
        recipient_organisation__in=owner_ids(user)).values("recommendation_id")
    return recommendations.filter(
        Q(round__office__in=caseworker_office_ids(user))
        | Q(forum__in=member_forum_ids(user))
        | Q(state__in=FINAL, pk__in=own_lines)
    )


def lines_for(recommendation) -> QuerySet[RecommendationLine]:
    """The lines with everything the rules and the pages read, in a fixed number of queries."""
    return (
        RecommendationLine.objects.filter(recommendation=recommendation)
        .select_related(
            "measure__report__partnership", "basis_report__partnership", "partner",
            "recipient_organisation", "recipient_network", "priority")
        .prefetch_related(
            "measure__report__uh_partners", "measure__report__partnership__institutions",
            "basis_report__uh_partners", "basis_report__partnership__institutions")
        .order_by("rank", "id")
    )


def lines_visible_to(user, recommendation) -> QuerySet[RecommendationLine]:
    lines = lines_for(recommendation)
    if sees_every_line(user, recommendation):
        return lines
    return lines.filter(recipient_organisation__in=owner_ids(user))


def accepted_reports(round_) -> QuerySet[NeedsReport]:
    """The round's accepted needs reports with their measures: what the forum ranks."""
    return (
        NeedsReport.objects.filter(round=round_, state=ReportState.ACCEPTED)
        .select_related("owner", "network")
        .prefetch_related(Prefetch("measures"))
        .order_by("owner__name", "network__name", "id")
    )
