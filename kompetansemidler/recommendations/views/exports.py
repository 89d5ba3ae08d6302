"""The recommendation as PDF and Excel, for those who read it (owners: their lines)."""

from django.http import HttpResponse
from django.utils.text import slugify

from kompetansemidler.accounts.policy import permission_required
from kompetansemidler.core.exports import CONTENT_TYPES

from ..exports import recommendation_pdf, recommendation_xlsx
from ..permissions import can_use_recommendations
from ..selectors import lines_visible_to, recommendation_visible_or_403


@permission_required(can_use_recommendations)
def recommendation_export(request, pk, fmt):
    recommendation = recommendation_visible_or_403(request.user, pk)
    lines = list(
        lines_visible_to(request.user, recommendation).prefetch_related(
            "measure__report__units", "basis_report__units"
        )
    )
    if fmt == "pdf":
        content, content_type = recommendation_pdf(recommendation, lines), "application/pdf"
    else:
        content, content_type = recommendation_xlsx(recommendation, lines), CONTENT_TYPES["xlsx"]
    response = HttpResponse(content, content_type=content_type)
    name = slugify(f"innstilling-{recommendation.round.scheme.code}-{recommendation.round.year}")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
