"""Reading annual reports. Every list starts from ``annual_reports_visible_to(user)``."""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from kompetansemidler.accounts.policy import caseworker_office_ids, is_national_admin
from kompetansemidler.core.access import visible_or_403
from kompetansemidler.decisions.models import Decision, DecisionState
from kompetansemidler.decisions.permissions import coordinated_network_ids
from kompetansemidler.recommendations.models import RecommendationLine

from .models import AnnualReport, AnnualReportState, OfficeReport
from .permissions import owner_ids, uh_ids

ISSUED = (DecisionState.ISSUED, DecisionState.CHANGED)
REASON_NOT_VISIBLE = _(
    "This annual report belongs to another office or recipient than the ones your roles cover."
)


def partner_decision_ids(user) -> set[int]:
    """Issued decisions whose measures have one of the user's UH organisations as partner."""
    uh = uh_ids(user)
    if not uh:
        return set()
    ids = set()
    lines = RecommendationLine.objects.filter(partner__in=uh).values_list(
        "recommendation_id", "recipient_organisation_id", "recipient_network_id"
    )
    for recommendation, organisation, network in lines:
        ids |= set(
            Decision.objects.filter(
                Q(recipient_network=network) if network else Q(recipient_organisation=organisation),
                recommendation=recommendation,
                state__in=ISSUED,
            ).values_list("pk", flat=True)
        )
    return ids


def reportable_decisions(user) -> QuerySet[Decision]:
    """Issued decisions the user reports on as recipient."""
    return (
        Decision.objects.filter(state__in=ISSUED)
        .filter(
            Q(
                recipient_network__isnull=True,
                recipient_organisation__in=owner_ids(user) | uh_ids(user),
            )
            | Q(recipient_network__in=coordinated_network_ids(user))
        )
        .select_related(
            "round__scheme", "round__office", "recipient_organisation", "recipient_network"
        )
    )


def annual_reports_visible_to(user) -> QuerySet[AnnualReport]:
    """Recipients and partners: their own, in every state. Caseworkers: their office's
    once submitted. Udir: all once submitted."""
    reports = AnnualReport.objects.select_related(
        "decision__round__scheme",
        "decision__round__office",
        "decision__recipient_organisation",
        "decision__recipient_network",
    )
    own = Q(decision__in=reportable_decisions(user)) | Q(decision__in=partner_decision_ids(user))
    filed = ~Q(state=AnnualReportState.DRAFT)
    if is_national_admin(user):
        return reports.filter(own | filed)
    office = Q(decision__round__office__in=caseworker_office_ids(user))
    return reports.filter(own | (filed & office))


def office_reports_visible_to(user) -> QuerySet[OfficeReport]:
    """The office report of the user's own offices (every office's for Udir),
    as the office report page allows (``can_read_office``)."""
    if is_national_admin(user):
        return OfficeReport.objects.all()
    return OfficeReport.objects.filter(office__in=caseworker_office_ids(user))


def annual_report_visible_or_403(user, pk) -> AnnualReport:
    return visible_or_403(annual_reports_visible_to(user), pk, reason=REASON_NOT_VISIBLE)
