"""The round overview (page, CSV, Excel, API) and the needs API's scoping."""

import io
from decimal import Decimal

from openpyxl import load_workbook

from kompetansemidler.needs.models import NeedsReport, ProposedMeasure, ReportState
from tests.factories import OrganisationFactory

from .conftest import fill_report


def sent(report, state=ReportState.SUBMITTED):
    NeedsReport.objects.filter(pk=report.pk).update(state=state)
    return report


def test_the_overview_shows_who_reported_and_the_sums(cast, client_for, open_round):
    sent(fill_report(NeedsReport.objects.create(round=open_round, owner=cast.owner), cast.uh))
    private = sent(NeedsReport.objects.create(round=open_round, owner=cast.other_owner))
    ProposedMeasure.objects.create(report=private, title="Leik", amount_year1=Decimal(120000))
    # A draft does not count, and stays unseen.
    silent = OrganisationFactory(name="Stille eigar AS")
    NeedsReport.objects.create(round=open_round, owner=silent)
    response = client_for(cast.caseworker).get(f"/behov/runde/{open_round.pk}/")
    assert response.status_code == 200
    overview = response.context["overview"]
    assert overview.demand == Decimal(420000)
    assert overview.by_kind == {"public": Decimal(300000), "private": Decimal(120000)}
    assert overview.private_share == Decimal("50.0")
    rows = {row.owner.name: row for row in response.context["rows"]}
    assert rows["Stille eigar AS"].report is None and rows["Stille eigar AS"].unsent
    assert rows["Bergen kommune"].amounts == (300000, 250000, 200000)
    content = response.content.decode()
    assert "Ikke meldt" in content and "Gjenåpne for Stille eigar AS" in content


def test_the_overview_exports_as_csv_and_excel(cast, client_for, open_round):
    sent(fill_report(NeedsReport.objects.create(round=open_round, owner=cast.owner), cast.uh))
    client = client_for(cast.caseworker)
    csv = client.get(f"/behov/runde/{open_round.pk}/eksport.csv").content.decode("utf-8-sig")
    line = next(row for row in csv.splitlines() if "Bergen kommune" in row)
    assert line.split(";")[0] == "964338531" and "300000" in line.replace(" ", "")
    xlsx = client.get(f"/behov/runde/{open_round.pk}/eksport.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    bergen = next(row for row in values if row[1] == "Bergen kommune")
    assert bergen[5] == 300000


def test_another_offices_caseworker_cannot_see_the_overview(cast, client_for, open_round):
    client = client_for(cast.other_caseworker)
    assert client.get(f"/behov/runde/{open_round.pk}/").status_code == 403
    assert client.get(f"/behov/runde/{open_round.pk}/eksport.csv").status_code == 403
    assert client.get(f"/api/needs/rounds/{open_round.pk}/overview").status_code == 403


def test_the_api_lists_only_what_the_user_may_see(cast, client_for, open_round):
    draft = NeedsReport.objects.create(round=open_round, owner=cast.owner)
    other = sent(NeedsReport.objects.create(round=open_round, owner=cast.other_owner))
    owner_items = client_for(cast.owner_rep).get("/api/needs/reports").json()["items"]
    assert [item["id"] for item in owner_items] == [draft.pk]
    caseworker_items = client_for(cast.caseworker).get("/api/needs/reports").json()["items"]
    assert [item["id"] for item in caseworker_items] == [other.pk]
    response = client_for(cast.other_owner_rep).get(f"/api/needs/reports/{draft.pk}")
    assert response.status_code == 403 and response.json()["code"] == "forbidden"
    assert client_for(cast.udir).get("/api/needs/reports/999999").status_code == 404


def test_the_api_gives_the_author_the_findings(cast, client_for, open_round):
    report = NeedsReport.objects.create(round=open_round, owner=cast.owner)
    body = client_for(cast.owner_rep).get(f"/api/needs/reports/{report.pk}").json()
    codes = {f["code"] for f in body["findings"]}
    assert {"NEEDS_NO_STAFF_INVOLVEMENT", "NEEDS_NO_UH_PARTNER"} <= codes
    assert any("C3" in f["message"] for f in body["findings"])


def test_the_caseworker_finds_the_overview_from_the_needs_page(cast, client_for, open_round):
    content = client_for(cast.caseworker).get("/behov/").content.decode()
    assert f"/behov/runde/{open_round.pk}/" in content
    assert (
        f"/behov/runde/{open_round.pk}/"
        not in client_for(cast.owner_rep).get("/behov/").content.decode()
    )
