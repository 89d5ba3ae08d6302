"""The exports in the mandate's structure, read back; the pages per persona; the
editor's refused save and conflict page; and the API's view of the same."""

import io
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kompetansemidler.recommendations.models import RecommendationLine
from kompetansemidler.recommendations.selectors import lines_for
from kompetansemidler.recommendations.services import recommendation_update
from tests.core.test_pdf import assert_pdf_a_2a
from tests.recommendations.objects import adopted_recommendation, draft_recommendation

pytestmark = pytest.mark.django_db


def export(client, recommendation, fmt):
    response = client.get(reverse("recommendations:export", args=[recommendation.pk, fmt]))
    assert response.status_code == 200
    return response.content


def test_the_pdf_has_the_mandates_sections(cast, client_for, tmp_path):
    recommendation = draft_recommendation(cast)
    pdf = tmp_path / "innstilling.pdf"
    pdf.write_bytes(export(client_for(cast.forum_member), recommendation, "pdf"))
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for section in (
        "1. Tiltak",
        "2. Deltakere",
        "3. Varighet",
        "4. Kriterier",
        "5. Eier–UH-par",
        "6. Penger per aktør",
    ):
        assert section in text
    assert "Språkløft" in text and "Høgskulen på Vestlandet" in text
    assert "Solsikken barnehage" in text and "1 300 000" in text.replace("\xa0", " ")
    assert_pdf_a_2a(
        pdf.read_bytes(),
        title=recommendation.name,
        language="nb",
        author=str(recommendation.forum),
    )


def test_the_excel_file_has_a_sheet_per_part_with_numbers(cast, client_for):
    recommendation = draft_recommendation(cast)
    book = load_workbook(io.BytesIO(export(client_for(cast.caseworker), recommendation, "xlsx")))
    assert len(book.sheetnames) == 4
    measures = list(book.worksheets[0].iter_rows(values_only=True))
    assert measures[1][:3] == (1, "Språkløft", "Bergen kommune")
    assert measures[1][6] == 1_000_000
    money = list(book.worksheets[3].iter_rows(values_only=True))
    assert money[1] == ("Bergen kommune", 1_300_000, 650_000, 0)
    pairs = list(book.worksheets[2].iter_rows(values_only=True))
    assert pairs[1] == ("Bergen kommune", "Språkløft", "Høgskulen på Vestlandet")


def test_an_owner_sees_only_its_own_lines_of_an_adopted_recommendation(cast, client_for):
    recommendation = adopted_recommendation(cast)
    RecommendationLine.objects.create(
        recommendation=recommendation,
        rank=2,
        title="Leik og læring",
        recipient_kind="owner",
        recipient_organisation=cast.other_owner,
        amount_year1=Decimal(400_000),
    )
    owner = client_for(cast.owner_rep)
    page = owner.get(reverse("recommendations:detail", args=[recommendation.pk])).content.decode()
    assert "Lesing i alle fag" in page and "Leik og læring" not in page
    data = owner.get(f"/api/recommendations/{recommendation.pk}").json()
    assert [line["title"] for line in data["lines"]] == ["Lesing i alle fag"]
    assert data["totals"] is None and data["findings"] == []
    book = load_workbook(io.BytesIO(export(owner, recommendation, "xlsx")))
    assert [r[1] for r in book.worksheets[0].iter_rows(min_row=2, values_only=True)] == [
        "Lesing i alle fag"
    ]
    other = client_for(cast.other_owner_rep).get(
        reverse("recommendations:detail", args=[recommendation.pk])
    )
    assert "Leik og læring" in other.content.decode()


def test_an_owner_does_not_see_a_draft(cast, client_for):
    recommendation = draft_recommendation(cast)
    response = client_for(cast.owner_rep).get(
        reverse("recommendations:detail", args=[recommendation.pk])
    )
    assert response.status_code == 403


@pytest.mark.parametrize("persona", ["other_caseworker", "outsider", "unit_leader"])
def test_other_offices_and_outsiders_are_refused_with_a_reason(cast, client_for, persona):
    recommendation = draft_recommendation(cast)
    client = client_for(getattr(cast, persona))
    for name in ("detail", "edit", "adopt"):
        response = client.get(reverse(f"recommendations:{name}", args=[recommendation.pk]))
        assert response.status_code == 403
    assert client.get(f"/api/recommendations/{recommendation.pk}").status_code == 403


def post_editor(client, recommendation, lines, **typed):
    data = {"lock_version": recommendation.lock_version}
    for line in lines:
        data.update(
            {
                f"l{line.pk}-rank": line.rank,
                f"l{line.pk}-amount_year1": line.amount_year1,
                f"l{line.pk}-amount_year2": line.amount_year2,
                f"l{line.pk}-amount_year3": line.amount_year3,
                f"l{line.pk}-co_financing": line.co_financing,
            }
        )
    data.update(typed)
    return client.post(reverse("recommendations:edit", args=[recommendation.pk]), data)


def test_a_refused_save_keeps_what_was_typed_and_links_the_error(cast, client_for):
    recommendation = draft_recommendation(cast)
    lines = list(lines_for(recommendation))
    first = lines[0]
    response = post_editor(
        client_for(cast.forum_member),
        recommendation,
        lines,
        **{f"l{first.pk}-amount_year1": "12,5 kr", f"l{first.pk}-justification": "Min tekst"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="12,5 kr"' in page and "Min tekst" in page
    assert f'href="#id_l{first.pk}-amount_year1"' in page
    assert RecommendationLine.objects.get(pk=first.pk).amount_year1 == Decimal(1_000_000)


def test_a_stale_save_shows_what_changed_and_keeps_the_input(cast, client_for):
    recommendation = draft_recommendation(cast)
    lines = list(lines_for(recommendation))
    first = lines[0]
    recommendation_update(
        actor=cast.caseworker,
        recommendation=recommendation,
        lock_version=recommendation.lock_version,
        lines={first.pk: {"amount_year1": Decimal(700_000)}},
    )
    response = post_editor(
        client_for(cast.forum_member),
        recommendation,
        lines,
        **{f"l{first.pk}-amount_year1": "900000"},
    )
    page = response.content.decode()
    assert 'id="conflict"' in page
    assert "700000" in page and 'value="900000"' in page
    assert RecommendationLine.objects.get(pk=first.pk).amount_year1 == Decimal(700_000)


def test_the_live_check_renders_totals_and_findings_for_what_is_typed(cast, client_for):
    recommendation = draft_recommendation(cast)
    lines = list(lines_for(recommendation))
    first = lines[0]
    data = {
        f"l{first.pk}-rank": 1,
        f"l{first.pk}-amount_year1": "25000000",
        f"l{lines[1].pk}-rank": 2,
        f"l{lines[1].pk}-amount_year1": "300000",
    }
    response = client_for(cast.forum_member).post(
        reverse("recommendations:check", args=[recommendation.pk]), data, HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert 'data-code="FRAME_EXCEEDED"' in page and "25\xa0300\xa0000" in page
    assert f'id="line-findings-{first.pk}" hx-swap-oob="true"' in page


def test_compare_offers_only_the_users_own_forums_versions(cast, client_for):
    recommendation = draft_recommendation(cast)
    url = reverse("recommendations:compare") + f"?a={recommendation.pk}&b={recommendation.pk}"
    page = client_for(cast.forum_member).get(url).content.decode()
    assert "Bergen kommune" in page
    assert client_for(cast.other_caseworker).get(url).status_code == 200
    assert "Bergen kommune" not in client_for(cast.other_caseworker).get(url).content.decode()
    assert client_for(cast.owner_rep).get(url).status_code == 403
