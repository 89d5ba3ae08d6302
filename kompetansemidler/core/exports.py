"""CSV and Excel exports of any list in the product.

A list describes its columns once and hands the rows (a queryset or any
iterable) to ``export_response``::

    COLUMNS = [
        Column(_("Organisation number"), lambda unit: unit.organisation_number),
        Column(_("Name"), lambda unit: unit.name),
        Column(_("Children"), lambda unit: unit.children, ColumnKind.INTEGER),
        Column(_("Active"), lambda unit: unit.is_active, ColumnKind.BOOLEAN),
    ]
    return export_response(rows=units, columns=COLUMNS, fmt="xlsx", filename="enheter")

The two formats, and why:

- **Excel (.xlsx)**, through openpyxl: one sheet, a bold header row that stays
  in view (frozen) with an autofilter, and every cell typed by its column:
  text stays text (so ``0301`` keeps its leading zero), integers, amounts in
  whole kroner and decimals are numbers Excel can sum, dates are dates,
  booleans are booleans. This is the format for people.
- **CSV**, UTF-8 with a byte-order mark and ``;`` as separator, so that Excel
  set to Norwegian opens it in columns with æ, ø and å intact when the file is
  double-clicked; decimals use a decimal comma, booleans are the words for yes
  and no in the user's language, dates are ISO 8601 (``2026-03-01``). Excel
  still reads a column of digits as a number when it opens a CSV (dropping a
  leading zero), which is why the .xlsx is the one offered to people first.

A workbook of several sheets (the recommendation's measures, criteria, pairs
and money per actor) is built the same way, sheet by sheet, with
``xlsx_workbook([Sheet(title, rows, columns), ...])``. No export writes a
spreadsheet any other way.

A cell whose text begins with ``=``, ``+``, ``-`` or ``@`` is written with a
leading apostrophe in CSV and as plain text in Excel, so a name typed by a
user can never run as a formula in the recipient's spreadsheet.
"""

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMATS = ("csv", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ColumnKind(StrEnum):
    TEXT = "text"
    INTEGER = "integer"
    # Money in whole kroner: a Decimal, shown with thousands separators.
    KRONER = "kroner"
    DECIMAL = "decimal"
    DATE = "date"
    BOOLEAN = "boolean"


EXCEL_FORMATS = {
    ColumnKind.TEXT: "@",
    ColumnKind.INTEGER: "0",
    ColumnKind.KRONER: "#,##0",
    ColumnKind.DECIMAL: "#,##0.00",
    ColumnKind.DATE: "yyyy-mm-dd",
}


@dataclass(frozen=True)
class Column:
    """One column: its header (translatable), how to get the value from a row,
    the value's kind and, optionally, the Excel column width in characters."""

    header: str
    value: Callable[[Any], Any]
    kind: ColumnKind = ColumnKind.TEXT
    width: int | None = None


# An Excel file of more rows than this takes longer to build than a request
# may last (84,000 units: over three minutes); such lists go out as CSV.
XLSX_MAX_ROWS = 20_000
MESSAGE_TOO_MANY_FOR_XLSX = _(
    "The list has %(count)s rows, more than an Excel export can hold (%(limit)s). "
    "Narrow it with the filters, or download it as CSV."
)


def xlsx_refusal(fmt: str, row_count: int) -> str | None:
    """Why the rows cannot go out as Excel, or None if they can."""
    if fmt == "xlsx" and row_count > XLSX_MAX_ROWS:
        return MESSAGE_TOO_MANY_FOR_XLSX % {
            "count": number_format(row_count, force_grouping=True),
            "limit": number_format(XLSX_MAX_ROWS, force_grouping=True),
        }
    return None


def export_response(
    *, rows: Iterable, columns: list[Column], fmt: str, filename: str, sheet_title: str = ""
) -> HttpResponse:
    """An attachment response with ``rows`` as CSV or Excel.

    ``fmt`` is ``"csv"`` or ``"xlsx"`` (anything else is a programming error:
    the URL pattern should only let those through). ``filename`` is given
    without extension; today's date is added. ``None`` values become empty
    cells. Querysets are read in chunks, so a national list fits in memory.
    """
    if fmt not in FORMATS:
        raise ValueError(f"Unknown export format {fmt!r}; expected one of {FORMATS}.")
    if hasattr(rows, "iterator"):
        rows = rows.iterator(chunk_size=2000)
    content = _csv(rows, columns) if fmt == "csv" else _xlsx(rows, columns, sheet_title or filename)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.{fmt}"'
    return response


def _yes_no() -> tuple[str, str]:
    # Django's own catalogue has "yes,no,maybe" in every language we offer.
    yes, no, _maybe = gettext("yes,no,maybe").split(",")
    return yes, no


def _csv_text(value: Any, kind: ColumnKind, yes_no: tuple[str, str]) -> str:
    if value is None:
        return ""
    if kind == ColumnKind.BOOLEAN:
        return yes_no[0] if value else yes_no[1]
    if isinstance(value, datetime):
        return (
            timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
            if timezone.is_aware(value)
            else value.strftime("%Y-%m-%d %H:%M")
        )
    if isinstance(value, date):
        return value.isoformat()
    if kind == ColumnKind.KRONER:
        return str(Decimal(value).quantize(Decimal(1)))
    if isinstance(value, Decimal | float):
        return str(value).replace(".", ",")
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _csv(rows: Iterable, columns: list[Column]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([str(column.header) for column in columns])
    yes_no = _yes_no()
    for row in rows:
        writer.writerow([_csv_text(c.value(row), c.kind, yes_no) for c in columns])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _excel_value(value: Any, kind: ColumnKind) -> Any:
    if value is None:
        return None
    if kind == ColumnKind.BOOLEAN:
        return bool(value)
    if kind in (ColumnKind.INTEGER, ColumnKind.KRONER):
        return int(value)
    if kind == ColumnKind.DECIMAL:
        return Decimal(value)
    if kind == ColumnKind.DATE:
        if isinstance(value, datetime):
            # Excel has no time zones: write the local wall-clock time.
            return (
                timezone.localtime(value).replace(tzinfo=None)
                if timezone.is_aware(value)
                else value
            )
        return value
    return str(value)


@dataclass(frozen=True)
class Sheet:
    """One sheet of a workbook: its title, its rows and its columns."""

    title: str
    rows: Iterable
    columns: list[Column]


def xlsx_workbook(sheets: list[Sheet]) -> bytes:
    """An Excel workbook of several sheets, each written as ``export_response``
    writes its one: typed cells, a frozen bold header, an autofilter, and user
    text always stored as text, never as a formula."""
    workbook = Workbook(write_only=True)
    for sheet in sheets:
        _write_sheet(workbook, sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx(rows: Iterable, columns: list[Column], title: str) -> bytes:
    return xlsx_workbook([Sheet(title=title, rows=rows, columns=columns)])


def _write_sheet(workbook: Workbook, spec: Sheet) -> None:
    columns = spec.columns
    # Excel limits sheet names to 31 characters and forbids a few signs.
    sheet = workbook.create_sheet(title="".join(c for c in spec.title if c not in "[]:*?/\\")[:31])
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        width = column.width or max(10, min(50, len(str(column.header)) + 4))
        sheet.column_dimensions[get_column_letter(index)].width = width
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=str(column.header))
        cell.data_type = "s"
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    count = 0
    for row in spec.rows:
        cells = []
        for column in columns:
            cell = WriteOnlyCell(sheet, value=_excel_value(column.value(row), column.kind))
            if isinstance(cell.value, str):
                # openpyxl makes any text that begins with "=" a formula; in an
                # export every text is data, whatever its column's kind.
                cell.data_type = "s"
            if column.kind in EXCEL_FORMATS:
                cell.number_format = EXCEL_FORMATS[column.kind]
            cells.append(cell)
        sheet.append(cells)
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"
