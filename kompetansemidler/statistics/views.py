"""The statistics page for Udir and the offices (own data only) and the
public statistics page (no login, published decisions only)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from kompetansemidler.accounts.policy import ensure, permission_required
from kompetansemidler.core.exports import FORMATS, Column, ColumnKind, export_response
from kompetansemidler.reporting.models import Answer, AnswerKind

from . import selectors
from .charts import bar_chart
from .forms import PublicFilterForm, StatisticsFilterForm
from .permissions import can_view_office_statistics, can_view_statistics

PUBLIC_SUMMED = ("county", "scheme", "year")
PUBLIC_DIMENSIONS = (*PUBLIC_SUMMED, "recipient")
# The public page lists the recipients granted the most; the exports and the
# API list every one (some thousand at national scale: too long to read).
PUBLIC_TOP_RECIPIENTS = 20


def _money_columns(dimension_label):
    return [
        Column(dimension_label, lambda row: str(row["label"])),
        Column(gettext_lazy("Frame"), lambda row: row["frame"], ColumnKind.KRONER),
        Column(gettext_lazy("Committed"), lambda row: row["committed"], ColumnKind.KRONER),
        Column(gettext_lazy("Decided"), lambda row: row["decided"], ColumnKind.KRONER),
        Column(gettext_lazy("Paid"), lambda row: row["paid"], ColumnKind.KRONER),
        Column(gettext_lazy("Repaid"), lambda row: row["repaid"], ColumnKind.KRONER),
        Column(gettext_lazy("Used"), lambda row: row["used"], ColumnKind.KRONER),
        Column(gettext_lazy("Decisions"), lambda row: row["decisions"], ColumnKind.INTEGER),
        Column(gettext_lazy("Participants"), lambda row: row["participants"], ColumnKind.INTEGER),
        Column(gettext_lazy("Units reached"), lambda row: row["units_reached"], ColumnKind.INTEGER),
        Column(gettext_lazy("Recipients"), lambda row: row["recipients"], ColumnKind.INTEGER),
        Column(
            gettext_lazy("Share private owners (%)"),
            lambda row: row["private_share"],
            ColumnKind.INTEGER,
        ),
    ]


def _filters(request) -> tuple[StatisticsFilterForm, selectors.Filters, str]:
    """The filters from the query string, always inside the user's scope.

    Another office than one's own is refused (403); bad values are reported on
    the form and left out."""
    form = StatisticsFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    scope = selectors.statistics_scope_for(request.user)
    office = data.get("office")
    if office is not None:
        ensure(can_view_office_statistics(request.user, office))
        scope = frozenset({office.pk})
    filters = selectors.Filters(
        scheme=data["scheme"].code if data.get("scheme") else "",
        year_from=data.get("year_from"),
        year_to=data.get("year_to"),
        office_ids=scope,
    )
    return form, filters, data.get("group") or "scheme"


def _answer_rows(rows):
    kinds, answers = dict(AnswerKind.choices), dict(Answer.choices)
    return [
        {
            "label": f"{kinds.get(row['kind'], row['kind'])}: "
            f"{answers.get(row['answer'], row['answer'])}",
            "count": row["count"],
        }
        for row in rows
    ]


@require_GET
@permission_required(can_view_statistics)
def national(request):
    form, filters, group = _filters(request)
    if form.is_bound and not form.is_valid():
        messages.error(request, _("Some filters were not valid and were left out."))
    tables = selectors.money_tables(filters, ["year", group])
    years, grouped = tables["year"], tables[group]
    answers = _answer_rows(selectors.goal_answers(filters))
    needs = selectors.needs_table(filters, group)
    return render(
        request,
        "statistics/national.html",
        {
            "form": form,
            "years": years,
            "grouped": grouped,
            "group": group,
            "group_label": selectors.DIMENSIONS[group][1],
            "years_chart": bar_chart(years, "decided"),
            "grouped_chart": bar_chart(grouped, "decided"),
            "needs": needs,
            "answers": answers,
            "answers_chart": bar_chart(answers, "count"),
            "query": request.GET.urlencode(),
            "all_offices": selectors.statistics_scope_for(request.user) is None,
        },
    )


@require_GET
@permission_required(can_view_statistics)
def national_export(request, dimension, fmt):
    if fmt not in FORMATS or dimension not in selectors.DIMENSIONS:
        raise Http404
    _form, filters, _group = _filters(request)
    return export_response(
        rows=selectors.money_table(filters, dimension),
        columns=_money_columns(selectors.DIMENSIONS[dimension][1]),
        fmt=fmt,
        filename=f"statistikk-{dimension}",
        sheet_title=_("Statistics"),
    )


PUBLIC_LABELS = {
    "county": gettext_lazy("County"),
    "scheme": gettext_lazy("Scheme"),
    "year": gettext_lazy("Year"),
    "recipient": gettext_lazy("Recipient"),
}


def _public_year(request):
    form = PublicFilterForm(request.GET or None)
    return form, (form.cleaned_data.get("year") if form.is_valid() else None)


@require_GET
def public(request):
    """Open to everyone: money from issued (published) decisions only."""
    form, year = _public_year(request)
    summed = selectors.public_tables(PUBLIC_SUMMED, year=year)
    tables = [
        {
            "dimension": dimension,
            "label": PUBLIC_LABELS[dimension],
            "rows": summed[dimension],
            "chart": bar_chart(summed[dimension], "decided"),
        }
        for dimension in PUBLIC_SUMMED
    ]
    top, recipients = selectors.public_top_recipients(PUBLIC_TOP_RECIPIENTS, year=year)
    tables.append(
        {
            "dimension": "recipient",
            "label": PUBLIC_LABELS["recipient"],
            "rows": top,
            "chart": None,
            "total": recipients,
            "truncated": recipients > len(top),
        }
    )
    return render(
        request,
        "statistics/public.html",
        {"form": form, "tables": tables, "query": request.GET.urlencode()},
    )


@require_GET
def public_export(request, dimension, fmt):
    if fmt not in FORMATS or dimension not in PUBLIC_DIMENSIONS:
        raise Http404
    _form, year = _public_year(request)
    columns = [
        Column(PUBLIC_LABELS[dimension], lambda row: str(row["label"])),
        Column(gettext_lazy("Decided"), lambda row: row["decided"], ColumnKind.KRONER),
        Column(gettext_lazy("Decisions"), lambda row: row["decisions"], ColumnKind.INTEGER),
    ]
    return export_response(
        rows=selectors.public_table(dimension, year=year),
        columns=columns,
        fmt=fmt,
        filename=f"tilskudd-{dimension}",
        sheet_title=_("Grants"),
    )
