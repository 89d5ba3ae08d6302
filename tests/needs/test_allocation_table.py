"""The allocation table against a worked example computed by hand, in kroner.

Vestland 2026:
- Rekom: allocation 40 000 000, 12 000 000 set aside (facilitation funds),
  9 500 000 committed → available 18 500 000. Reported: Bergen kommune
  20 000 000 + Fjordbarnehagar AS 7 750 000 = 27 750 000 → 1.50.
- Dekom: frame 20 000 000, nothing set aside or committed → 20 000 000.
  Reported: Vestland fylkeskommune 30 000 000 + a network 2 000 000 =
  32 000 000 → 1.60.
- All schemes: 60 000 000; 12 000 000; 9 500 000; 38 500 000; 59 750 000;
  59 750 000 / 38 500 000 = 1.5519… → 1.55.
Rogaland's round (a report of 5 000 000) never shows in Vestland's table.
"""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kompetansemidler.needs.models import NeedsReport, ProposedMeasure, ReportState
from kompetansemidler.registry.models import County, OrganisationKind
from kompetansemidler.schemes.services import allocation_enter, commitment_add, set_aside_add
from tests.factories import OrganisationFactory

from .conftest import make_round

D = Decimal


def report(round_, amount, *, owner=None, network=None):
    created = NeedsReport.objects.create(round=round_, owner=owner, network=network)
    ProposedMeasure.objects.create(report=created, title="Tiltak", amount_year1=D(amount))
    NeedsReport.objects.filter(pk=created.pk).update(state=ReportState.SUBMITTED)
    return created


@pytest.fixture
def example(cast):
    rekom = make_round(cast.vestland, "rekom")
    allocation_enter(
        actor=cast.udir,
        office=cast.vestland,
        scheme=rekom.scheme,
        year=2026,
        kind="initial",
        amount=D(40_000_000),
        dated=datetime.date(2025, 10, 1),
        reason="Tildelingsbrev",
    )
    set_aside_add(
        actor=cast.caseworker,
        round=rekom,
        purpose="Tilretteleggingsmidler",
        category="facilitation",
        amount=D(12_000_000),
        forum_decision_date=datetime.date(2025, 10, 20),
        forum_decision_text="Sak 12/25",
    )
    commitment_add(actor=cast.caseworker, round=rekom, amount=D(9_500_000), source="Vedtak 2025")
    dekom = make_round(cast.vestland, "dekom", frame=D(20_000_000))
    county = County.objects.get(pk=cast.owner.municipality.county_id)
    fylke = OrganisationFactory(
        name="Vestland fylkeskommune",
        kind=OrganisationKind.COUNTY_MUNICIPALITY,
        municipality=None,
        county=county,
    )
    report(rekom, 20_000_000, owner=cast.owner)
    report(rekom, 7_750_000, owner=cast.other_owner)
    report(dekom, 30_000_000, owner=fylke)
    report(dekom, 2_000_000, network=cast.network)
    # A draft does not count.
    NeedsReport.objects.create(round=dekom, owner=OrganisationFactory(name="Stille AS"))
    rogaland = make_round(cast.rogaland, "rekom")
    report(rogaland, 5_000_000, owner=cast.rogaland_owner)
    return {"rekom": rekom, "dekom": dekom, "rogaland": rogaland, "county": county}


def test_the_api_gives_every_figure_of_the_worked_example(cast, client_for, example):
    url = reverse("api:needs_allocation_table", args=[example["rekom"].pk])
    data = client_for(cast.caseworker).get(url).json()
    rows = {row["scheme"]: row for row in data["rows"]}
    assert set(rows) == {"rekom", "dekom"}
    assert rows["rekom"] | {"round": None} == {
        "scheme": "rekom",
        "round": None,
        "allocation": 40_000_000,
        "set_aside": 12_000_000,
        "committed": 9_500_000,
        "available": 18_500_000,
        "reported_needs": 27_750_000,
        "needs_to_available": 1.5,
    }
    assert rows["dekom"]["available"] == 20_000_000
    assert rows["dekom"]["reported_needs"] == 32_000_000
    assert rows["dekom"]["needs_to_available"] == 1.6
    assert data["total"] == {
        "scheme": None,
        "round": None,
        "allocation": 60_000_000,
        "set_aside": 12_000_000,
        "committed": 9_500_000,
        "available": 38_500_000,
        "reported_needs": 59_750_000,
        "needs_to_available": 1.55,
    }
    counties = {row["county"]: row for row in data["counties"]}
    vestland = {
        c["kind"]: (c["reported_needs"], c["reports"])
        for c in counties[example["county"].name]["cells"]
    }
    assert vestland == {
        "municipality": (20_000_000, 1),
        "county_municipality": (30_000_000, 1),
        "private_owner": (7_750_000, 1),
        "state_owner": (0, 0),
        "network": (0, 0),
    }
    networks = [row for name, row in counties.items() if name != example["county"].name]
    assert [(n["reported_needs"], n["reports"]) for n in networks] == [(2_000_000, 1)]
    assert (data["county_total"]["reported_needs"], data["county_total"]["reports"]) == (
        59_750_000,
        4,
    )


def test_an_office_never_sees_another_offices_rows(cast, client_for, example):
    client = client_for(cast.other_caseworker)
    vestland = reverse("api:needs_allocation_table", args=[example["rekom"].pk])
    assert client.get(vestland).status_code == 403
    rogaland = client.get(reverse("api:needs_allocation_table", args=[example["rogaland"].pk]))
    data = rogaland.json()
    assert [row["reported_needs"] for row in data["rows"]] == [5_000_000]
    assert data["total"]["allocation"] == 20_000_000
    page = client.get(reverse("schemes:round_detail", args=[example["rekom"].pk]))
    assert page.status_code == 403
    export = reverse("needs:allocation_table_export", args=[example["rekom"].pk, "money", "csv"])
    assert client.get(export).status_code == 403
    assert client_for(cast.owner_rep).get(export).status_code == 403


def test_the_round_page_shows_the_table(cast, client_for, example):
    page = client_for(cast.caseworker).get(
        reverse("schemes:round_detail", args=[example["rekom"].pk])
    )
    html = page.content.decode().replace("\xa0", " ")
    assert 'id="allocation-table"' in html
    assert "38 500 000" in html and "59 750 000" in html and "1,55" in html
    # An owner sees the round, never the office's table.
    owner_page = client_for(cast.owner_rep).get(
        reverse("schemes:round_detail", args=[example["rekom"].pk])
    )
    assert 'id="allocation-table"' not in owner_page.content.decode()


def test_the_exports_carry_the_same_figures(cast, client_for, example):
    client = client_for(cast.caseworker)
    money_csv = client.get(
        reverse("needs:allocation_table_export", args=[example["rekom"].pk, "money", "csv"])
    )
    rows = list(csv.reader(io.StringIO(money_csv.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 4  # header, Rekom, Dekom, all schemes
    assert rows[-1][1:6] == ["60000000", "12000000", "9500000", "38500000", "59750000"]
    workbook = load_workbook(
        io.BytesIO(
            client.get(
                reverse(
                    "needs:allocation_table_export", args=[example["rekom"].pk, "counties", "xlsx"]
                )
            ).content
        )
    )
    sheet = workbook.active
    values = list(sheet.iter_rows(values_only=True))
    assert values[-1][-2:] == (59_750_000, 4)
