import io
import subprocess
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from kompetansemidler.decisions.models import Decision, Payment
from kompetansemidler.reporting.models import AnnualReport, GoalAnswer
from kompetansemidler.reporting.services import annual_report_approve
from kompetansemidler.schemes.models import Round
from tests.core.test_pdf import assert_pdf_a_2a
from tests.support.keys import with_key

from .objects import draft_report, submitted_report

pytestmark = pytest.mark.django_db


def approved(cast):
    report = submitted_report(cast)
    return annual_report_approve(actor=cast.caseworker, report=report)


def office_url(cast, name="reporting:office", year=2026):
    return reverse(name, kwargs={"pk": cast.vestland.pk, "year": year})


def test_office_figures_match_raw_rows(cast, client_for):
    report = approved(cast)
    year = report.year
    # Independently from the raw rows, to the krone.
    frames = sum(
        r.frame for r in Round.objects.all() if r.office_id == cast.vestland.pk and r.year == year
    )
    issued = [
        d
        for d in Decision.objects.all()
        if d.round.office_id == cast.vestland.pk
        and d.round.year == year
        and d.state in ("issued", "changed")
    ]
    decided = sum(d.amount_year1 for d in issued)
    paid = sum(
        p.amount for p in Payment.objects.all() if p.paid_on.year == year and p.decision in issued
    )
    reports = [r for r in AnnualReport.objects.all() if r.state == "approved" and r.year == year]
    used = sum(r.used for r in reports)
    unused = sum(r.unused for r in reports)
    page = client_for(cast.caseworker).get(office_url(cast, year=year))
    assert page.status_code == 200
    figures = page.context["figures"]
    assert (figures.frames, figures.decided, figures.paid) == (frames, decided, paid)
    assert paid == Decimal(600000) and frames > 0 and decided > 0
    assert (figures.used, figures.unused) == (used, unused) == (Decimal(550000), Decimal(50000))
    assert figures.approved_reports == 1
    yes = GoalAnswer.objects.filter(report=report, answer="yes", kind="criterion").count()
    assert yes == 5
    goal_rows = page.context["figures"].goal_rows()
    assert sum(row[1] for row in goal_rows) == GoalAnswer.objects.filter(answer="yes").count()


def test_office_report_assessment_saved_and_stale_refused(cast, client_for):
    client = client_for(cast.caseworker)
    response = client.post(office_url(cast), {"assessment": "Godt arbeid.", "lock_version": 1})
    assert response.status_code == 302
    response = client.post(office_url(cast), {"assessment": "Mitt utkast", "lock_version": 1})
    assert response.status_code == 409
    assert "Mitt utkast" in response.content.decode()
    assert 'role="alert"' in response.content.decode()


def test_pdf_and_excel_read_back(cast, client_for, tmp_path):
    approved(cast)
    client = client_for(cast.caseworker)
    client.post(
        office_url(cast), {"assessment": "Barnehagane i Bergen nådde måla.", "lock_version": 1}
    )
    pdf = client.get(office_url(cast, "reporting:office_pdf"))
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Barnehagane i Bergen nådde måla." in text
    assert "550 000" in text or "550000" in text
    assert_pdf_a_2a(
        pdf.content,
        title=f"Rapport til Udir: {cast.vestland} 2026",
        language="nb",
        author=str(cast.vestland),
    )
    xlsx = client.get(office_url(cast, "reporting:office_xlsx"))
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    values = {row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert any(value == 550000 for value in values.values())
    assert any(
        row[2] == "Barnehagane i Bergen nådde måla."
        for row in sheet.iter_rows(min_row=2, values_only=True)
    )


def test_other_office_and_outsider_refused(cast, client_for):
    report = submitted_report(cast)
    for user in (cast.other_caseworker, cast.outsider, cast.other_owner_rep):
        client = client_for(user)
        assert client.get(reverse("reporting:detail", args=[report.pk])).status_code == 403
        assert client.get(office_url(cast)).status_code == 403
    response = client_for(cast.other_caseworker).post(
        reverse("reporting:approve", args=[report.pk]), with_key()
    )
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.state == "submitted"


def test_caseworker_does_not_see_drafts(cast, client_for):
    report = draft_report(cast)
    assert (
        client_for(cast.caseworker).get(reverse("reporting:detail", args=[report.pk])).status_code
        == 403
    )


def test_bad_input_keeps_what_was_typed(cast, client_for):
    report = draft_report(cast)
    response = client_for(cast.owner_rep).post(
        reverse("reporting:detail", args=[report.pk]),
        {
            "used": "mange",
            "unused": "0",
            "co_financing_documented": "0",
            "lock_version": report.lock_version,
            "text-c2": "Teksten min",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'value="mange"' in body
    assert "Teksten min" in body
    report.refresh_from_db()
    assert report.used == report.paid
