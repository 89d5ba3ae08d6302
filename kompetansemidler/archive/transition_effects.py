"""The archive journals the documents of the apps below it as they happen."""

from .journalling import needs_report_received, recommendation_received

EFFECTS = {
    "needs_report.submitted": [needs_report_received],
    "recommendation.sent": [recommendation_received],
}
