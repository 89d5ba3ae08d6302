"""Expected access to the register import pages: caseworkers (any office) and Udir."""

from tests.imports.records import as_file, bergen_file

from . import STAFF, Rule


def _preview(cast):
    from kompetansemidler.imports.services import import_run_preview

    run = import_run_preview(
        register="nbr",
        file_name="nbr.json",
        content=as_file(bergen_file()),
        actor=cast.caseworker,
        counties=["46"],
    )
    return {"pk": run.pk}


RULES = {
    "imports:index": Rule(STAFF),
    "imports:detail": Rule(STAFF, kwargs=_preview),
    "imports:apply": Rule(STAFF, kwargs=_preview, method="post"),
}
