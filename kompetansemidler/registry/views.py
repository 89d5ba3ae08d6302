"""Registry pages: the landing page, five filtered lists with their CSV and
Excel exports, and a detail page for each kind of thing.

Every list and detail starts from a selector in ``selectors.py`` (the same
ones the JSON API uses); the views only read the query string, page and render.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from kompetansemidler.accounts.policy import ensure, permission_required
from kompetansemidler.core.exports import Column, export_response, xlsx_refusal
from kompetansemidler.core.idempotency import idempotent
from kompetansemidler.core.paging import paginate
from kompetansemidler.core.workflow import StaleEdit, refusal_to_form

from . import columns, forms, selectors, services
from .permissions import can_edit_organisation, can_keep_organisations, can_view_registry

# How many rows a detail page shows of a related list before linking to the
# whole, filtered list.
DETAIL_ROWS = 25


@dataclass(frozen=True)
class RegistryList:
    key: str
    title: str
    description: str
    selector: Callable
    form: type[forms.RegistryFilterForm]
    columns: list[Column]
    filename: str

    @property
    def name(self) -> str:
        """The singular used in URL names: ``units`` → ``registry:unit_list``."""
        return {
            "offices": "office",
            "counties": "county",
            "municipalities": "municipality",
            "organisations": "organisation",
            "units": "unit",
        }[self.key]

    @property
    def url_list(self) -> str:
        return f"registry:{self.name}_list"

    @property
    def url_export(self) -> str:
        return f"registry:{self.name}_export"


LISTS = {
    spec.key: spec
    for spec in [
        RegistryList(
            "offices",
            _("State administrator offices"),
            _("The ten state administrator offices and the counties each covers."),
            selectors.offices_visible_to,
            forms.OfficeFilterForm,
            columns.OFFICE_COLUMNS,
            "statsforvaltere",
        ),
        RegistryList(
            "counties",
            _("Counties"),
            _("The 15 counties since 2024."),
            selectors.counties_visible_to,
            forms.CountyFilterForm,
            columns.COUNTY_COLUMNS,
            "fylker",
        ),
        RegistryList(
            "municipalities",
            _("Municipalities"),
            _("The 357 municipalities since 2024."),
            selectors.municipalities_visible_to,
            forms.MunicipalityFilterForm,
            columns.MUNICIPALITY_COLUMNS,
            "kommuner",
        ),
        RegistryList(
            "organisations",
            _("Organisations"),
            _(
                "Kindergarten and school owners, universities and colleges, and the other "
                "organisations in the collaboration forums."
            ),
            selectors.organisations_visible_to,
            forms.OrganisationFilterForm,
            columns.ORGANISATION_COLUMNS,
            "organisasjoner",
        ),
        RegistryList(
            "units",
            _("Kindergartens and schools"),
            _("Every kindergarten and school, with its owner."),
            selectors.units_visible_to,
            forms.UnitFilterForm,
            columns.UNIT_COLUMNS,
            "enheter",
        ),
    ]
}


def _filtered(request, spec: RegistryList):
    form = spec.form(request.GET or None)
    rows = spec.selector(request.user, **form.filters())
    return form, rows


def _render_list(request, spec: RegistryList):
    form, rows = _filtered(request, spec)
    paging = paginate(request, rows, settings.REGISTRY_PAGE_SIZE, query=form.active_query())
    return render(
        request,
        f"registry/{spec.key}.html",
        {
            "spec": spec,
            "form": form,
            "paging": paging,
            "page": paging.page,
            "rows": paging.rows,
            "query": paging.query,
        },
    )


def _export(request, spec: RegistryList, fmt: str):
    form, rows = _filtered(request, spec)
    if form.errors:
        # The same page, with the reasons, rather than a file of the wrong rows.
        response = _render_list(request, spec)
        response.status_code = 400
        return response
    refusal = xlsx_refusal(fmt, rows.count())
    if refusal:
        messages.error(request, refusal)
        response = _render_list(request, spec)
        response.status_code = 400
        return response
    return export_response(
        rows=rows,
        columns=spec.columns,
        fmt=fmt,
        filename=spec.filename,
        sheet_title=str(spec.title),
    )


@permission_required(can_view_registry)
def index(request):
    lists = [(spec, spec.selector(request.user).count()) for spec in LISTS.values()]
    return render(request, "registry/index.html", {"lists": lists})


@permission_required(can_view_registry)
def office_list(request):
    return _render_list(request, LISTS["offices"])


@permission_required(can_view_registry)
def office_export(request, fmt):
    return _export(request, LISTS["offices"], fmt)


@permission_required(can_view_registry)
def county_list(request):
    return _render_list(request, LISTS["counties"])


@permission_required(can_view_registry)
def county_export(request, fmt):
    return _export(request, LISTS["counties"], fmt)


@permission_required(can_view_registry)
def municipality_list(request):
    return _render_list(request, LISTS["municipalities"])


@permission_required(can_view_registry)
def municipality_export(request, fmt):
    return _export(request, LISTS["municipalities"], fmt)


@permission_required(can_view_registry)
def organisation_list(request):
    return _render_list(request, LISTS["organisations"])


@permission_required(can_view_registry)
def organisation_export(request, fmt):
    return _export(request, LISTS["organisations"], fmt)


@permission_required(can_view_registry)
def unit_list(request):
    return _render_list(request, LISTS["units"])


@permission_required(can_view_registry)
def unit_export(request, fmt):
    return _export(request, LISTS["units"], fmt)


@permission_required(can_view_registry)
def office_detail(request, slug):
    office = get_object_or_404(selectors.offices_visible_to(request.user), slug=slug)
    counties = selectors.counties_visible_to(request.user, office=slug)
    return render(request, "registry/office_detail.html", {"office": office, "counties": counties})


@permission_required(can_view_registry)
def county_detail(request, number):
    county = get_object_or_404(selectors.counties_visible_to(request.user), number=number)
    municipalities = selectors.municipalities_visible_to(request.user, county=number)
    return render(
        request,
        "registry/county_detail.html",
        {
            "county": county,
            "municipalities": municipalities,
        },
    )


@permission_required(can_view_registry)
def municipality_detail(request, number):
    municipality = get_object_or_404(
        selectors.municipalities_visible_to(request.user), number=number
    )
    organisations = selectors.organisations_visible_to(request.user, municipality=number)
    units = selectors.units_visible_to(request.user, municipality=number)
    return render(
        request,
        "registry/municipality_detail.html",
        {
            "municipality": municipality,
            "organisations": organisations[:DETAIL_ROWS],
            "units": units[:DETAIL_ROWS],
            "detail_rows": DETAIL_ROWS,
        },
    )


@permission_required(can_view_registry)
def organisation_detail(request, organisation_number):
    organisation = get_object_or_404(
        selectors.organisations_visible_to(request.user), organisation_number=organisation_number
    )
    units = selectors.units_visible_to(request.user, owner=organisation_number)
    editable = can_edit_organisation(request.user, organisation)
    return render(
        request,
        "registry/organisation_detail.html",
        {
            "organisation": organisation,
            "campus_counties": organisation.campus_counties.all(),
            "can_edit": editable.allowed,
            # Said to those who keep organisations, so an imported one is not a riddle.
            "not_editable_reason": ""
            if editable.allowed or not can_keep_organisations(request.user)
            else editable.reason,
            "units": units[:DETAIL_ROWS],
            "detail_rows": DETAIL_ROWS,
            "totals": selectors.owner_totals(organisation) if organisation.is_owner else None,
        },
    )


@permission_required(can_view_registry)
def unit_detail(request, organisation_number):
    unit = get_object_or_404(
        selectors.units_visible_to(request.user), organisation_number=organisation_number
    )
    return render(request, "registry/unit_detail.html", {"unit": unit})


def _add_errors(form, error: ValidationError) -> None:
    for field, field_messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, field_messages)


@permission_required(can_keep_organisations)
def organisation_keep_list(request):
    """The hand-kept organisations the user may change, with the way to register one."""
    rows = selectors.organisations_kept_by_hand(request.user)
    paging = paginate(request, rows, settings.REGISTRY_PAGE_SIZE)
    return render(
        request,
        "registry/organisations_kept.html",
        {"paging": paging, "page": paging.page, "rows": paging.rows, "query": paging.query},
    )


@permission_required(can_keep_organisations)
@idempotent
def organisation_create(request):
    form = forms.OrganisationForm(
        request.POST or None,
        municipalities=selectors.municipalities_to_keep_organisations_in(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_register(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("%(name)s is registered.") % {"name": organisation.name})
            return redirect(
                "registry:organisation_detail",
                organisation_number=organisation.organisation_number,
            )
    return render(request, "registry/organisation_form.html", {"form": form, "organisation": None})


@permission_required(can_keep_organisations)
def organisation_edit(request, organisation_number):
    organisation = get_object_or_404(
        selectors.organisations_visible_to(request.user), organisation_number=organisation_number
    )
    ensure(can_edit_organisation(request.user, organisation))
    initial = {
        "name": organisation.name,
        "kind": organisation.kind,
        "privately_owned": organisation.privately_owned,
        "municipality": organisation.municipality,
        "campus_counties": list(organisation.campus_counties.all()),
        "language_form": organisation.language_form,
        "email": organisation.email,
        "is_active": organisation.is_active,
        "loaded_at": organisation.updated_at.isoformat(),
    }
    form = forms.OrganisationForm(
        request.POST or None,
        initial=initial,
        editing=True,
        municipalities=selectors.municipalities_to_keep_organisations_in(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_change(
                actor=request.user, organisation=organisation, **form.cleaned_data
            )
        except StaleEdit as stale:
            refusal_to_form(form, stale)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, _("The changes to %(name)s are saved.") % {"name": organisation.name}
            )
            return redirect(
                "registry:organisation_detail",
                organisation_number=organisation.organisation_number,
            )
    return render(
        request, "registry/organisation_form.html", {"form": form, "organisation": organisation}
    )
