from kompetansemidler.registry.permissions import can_import_registry

from .models import ImportRun


def import_runs_visible_to(user):
    """Import runs the user may see: all of them for those who may import, else none.

    The registry is national: a caseworker at any office sees every import.
    """
    runs = ImportRun.objects.select_related("created_by", "applied_by").defer("content")
    return runs if can_import_registry(user) else runs.none()
