from .not_reported import not_reported
from .overview import allocation_table_export, round_overview, round_overview_export
from .plans import (
    index,
    network_detail,
    partnership_agreement,
    partnership_create,
    partnership_detail,
    plan_create,
    plan_detail,
    plan_edit,
    plan_new_version,
)
from .reports import (
    report_accept,
    report_check,
    report_continue,
    report_create,
    report_detail,
    report_edit,
    report_reopen,
    report_return,
    report_submit,
)

__all__ = [
    "not_reported",
    "allocation_table_export",
    "index",
    "network_detail",
    "partnership_agreement",
    "partnership_create",
    "partnership_detail",
    "plan_create",
    "plan_detail",
    "plan_edit",
    "plan_new_version",
    "report_accept",
    "report_check",
    "report_continue",
    "report_create",
    "report_detail",
    "report_edit",
    "report_reopen",
    "report_return",
    "report_submit",
    "round_overview",
    "round_overview_export",
]
