from .editor import (
    joint_measure_add,
    line_remove,
    line_split,
    recommendation_check,
    recommendation_edit,
)
from .exports import recommendation_export
from .pages import (
    index,
    recommendation_adopt_view,
    recommendation_compare,
    recommendation_copy_view,
    recommendation_detail,
    recommendation_send_view,
    recommendation_start,
    recommendation_supplement_view,
)

__all__ = [
    "index",
    "joint_measure_add",
    "line_remove",
    "line_split",
    "recommendation_adopt_view",
    "recommendation_check",
    "recommendation_compare",
    "recommendation_copy_view",
    "recommendation_detail",
    "recommendation_edit",
    "recommendation_export",
    "recommendation_send_view",
    "recommendation_start",
    "recommendation_supplement_view",
]
