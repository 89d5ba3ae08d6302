"""CSV and Excel exports of the registry lists, read back as a user's
spreadsheet would read them."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kompetansemidler.core.exports import Column, ColumnKind, export_response
from kompetansemidler.registry.models import UnitKind
from tests.factories import UnitFactory


@pytest.fixture
def caseworker(cast, client_for):
    return client_for(cast.caseworker)


def read_csv(response) -> list[list[str]]:
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf"), "CSV must start with a UTF-8 byte-order mark"
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))


def read_xlsx(response):
    workbook = load_workbook(io.BytesIO(response.content))
    return workbook.worksheets[0]


def test_unit_csv_has_a_header_and_the_filtered_rows_in_norwegian(cast, caseworker):
    UnitFactory(name="Åsane skule", kind=UnitKind.SCHOOL, owner=cast.owner, children=310)
    response = caseworker.get(
        reverse("registry:unit_export", kwargs={"fmt": "csv"}), {"kind": "school"}
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="enheter-' in response["Content-Disposition"]
    header, *rows = read_csv(response)
    assert header[:3] == ["Organisasjonsnummer", "Navn", "Type"]
    assert [row[1] for row in rows] == ["Åsane skule"]
    row = dict(zip(header, rows[0], strict=True))
    assert row["Eier"] == "Bergen kommune"
    assert row["Barn eller elever"] == "310"
    assert row["Offentlig"] == "ja"


def test_unit_xlsx_has_a_frozen_bold_header_and_typed_cells(cast, caseworker):
    response = caseworker.get(
        reverse("registry:unit_export", kwargs={"fmt": "xlsx"}), {"q": "Solsikken"}
    )
    sheet = read_xlsx(response)
    assert sheet.freeze_panes == "A2"
    header = [cell.value for cell in sheet[1]]
    assert sheet["A1"].font.b
    assert sheet.max_row == 2
    row = dict(zip(header, [cell.value for cell in sheet[2]], strict=True))
    assert row["Organisasjonsnummer"] == "930000035"
    assert row["Barn eller elever"] == 72 and isinstance(row["Barn eller elever"], int)
    assert row["Offentlig"] is True
    assert row["Kommunenummer"] == "4601"


def test_municipality_xlsx_keeps_leading_zeros_of_numbers(caseworker):
    response = caseworker.get(
        reverse("registry:municipality_export", kwargs={"fmt": "xlsx"}), {"county": "03"}
    )
    sheet = read_xlsx(response)
    assert [cell.value for cell in sheet[2]][:2] == ["0301", "Oslo"]


def test_every_list_exports_all_its_filtered_rows_not_only_the_first_page(cast, caseworker):
    UnitFactory.create_batch(55, owner=cast.other_owner)
    response = caseworker.get(
        reverse("registry:unit_export", kwargs={"fmt": "csv"}),
        {"owner": cast.other_owner.organisation_number},
    )
    assert len(read_csv(response)) == 1 + 55
    for name, count in [("office", 10), ("county", 15), ("municipality", 357)]:
        response = caseworker.get(reverse(f"registry:{name}_export", kwargs={"fmt": "csv"}))
        assert len(read_csv(response)) == 1 + count, name


def test_an_export_with_a_bad_filter_is_refused_with_the_reason(caseworker):
    response = caseworker.get(
        reverse("registry:organisation_export", kwargs={"fmt": "xlsx"}), {"kind": "castle"}
    )
    assert response.status_code == 400
    assert "ds-error-summary" in response.content.decode()


def test_csv_guards_against_formulas_and_writes_decimal_commas(rf):
    columns = [
        Column("Name", lambda r: r[0]),
        Column("Amount", lambda r: r[1], ColumnKind.KRONER),
        Column("Share", lambda r: r[2], ColumnKind.DECIMAL),
    ]
    response = export_response(
        rows=[("=HYPERLINK(1)", Decimal("1500000"), Decimal("0.3"))],
        columns=columns,
        fmt="csv",
        filename="x",
    )
    assert read_csv(response)[1] == ["'=HYPERLINK(1)", "1500000", "0,3"]
    sheet = read_xlsx(
        export_response(
            rows=[("=HYPERLINK(1)", Decimal("1500000"), Decimal("0.3"))],
            columns=columns,
            fmt="xlsx",
            filename="x",
        )
    )
    assert sheet["A2"].value == "=HYPERLINK(1)" and sheet["A2"].data_type == "s"
    assert sheet["B2"].value == 1500000 and sheet["B2"].number_format == "#,##0"
