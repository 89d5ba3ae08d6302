"""The shapes of the registry API: filters in, rows out, with the real patterns."""

from typing import Annotated

from ninja import Field, Schema

from .models import OrganisationKind, UnitKind

OrganisationNumber = Annotated[str, Field(pattern=r"^[0-9]{9}$", examples=["964338531"])]
MunicipalityNumber = Annotated[str, Field(pattern=r"^[0-9]{4}$", examples=["4601"])]
CountyNumber = Annotated[str, Field(pattern=r"^[0-9]{2}$", examples=["46"])]
OfficeSlug = Annotated[str, Field(pattern=r"^[-a-z0-9]{1,60}$", examples=["vestland"])]

# Free text without control characters (PostgreSQL refuses a NUL in a string).
SEARCH = Field(
    None,
    max_length=100,
    pattern=r"^[^\x00-\x1f\x7f]*$",
    description="Part of the name, or the start of the number.",
)
MAX_PAGE_SIZE = 200


class Paging(Schema):
    page: int = Field(1, ge=1, le=100_000, description="Page number, from 1.")
    page_size: int = Field(50, ge=1, le=MAX_PAGE_SIZE, description="Rows per page.")


class OfficeFilters(Paging):
    q: str | None = SEARCH


class CountyFilters(Paging):
    q: str | None = SEARCH
    office: OfficeSlug | None = None


class MunicipalityFilters(Paging):
    q: str | None = Field(
        None,
        max_length=100,
        pattern=r"^[^\x00-\x1f\x7f]*$",
        description="Part of the name or the official name (Nesseby, Unjárga), "
        "or the start of the number.",
    )
    office: OfficeSlug | None = None
    county: CountyNumber | None = None


class OrganisationFilters(Paging):
    q: str | None = SEARCH
    county: CountyNumber | None = None
    municipality: MunicipalityNumber | None = None
    kind: OrganisationKind | None = None
    public: bool | None = Field(None, description="Only public (true) or private (false) owners.")
    active: bool | None = None


class UnitFilters(Paging):
    q: str | None = SEARCH
    county: CountyNumber | None = None
    municipality: MunicipalityNumber | None = None
    kind: UnitKind | None = None
    public: bool | None = None
    active: bool | None = None
    owner: OrganisationNumber | None = Field(None, description="The owner's organisation number.")


class OfficeRef(Schema):
    slug: OfficeSlug
    name: str


class CountyRef(Schema):
    number: CountyNumber
    name: str


class MunicipalityRef(Schema):
    number: MunicipalityNumber
    name: str


class OrganisationRef(Schema):
    organisation_number: OrganisationNumber
    name: str


class OfficeOut(OfficeRef):
    county_count: int
    municipality_count: int


class OfficeDetailOut(OfficeOut):
    counties: list[CountyRef]


class CountyOut(CountyRef):
    office: OfficeRef
    municipality_count: int


class MunicipalityOut(MunicipalityRef):
    official_name: str
    county: CountyRef
    organisation_count: int
    unit_count: int


class OrganisationOut(OrganisationRef):
    kind: OrganisationKind
    is_public: bool
    is_active: bool
    municipality: MunicipalityRef | None
    county: CountyRef | None
    language_form: str
    unit_count: int


class OwnerTotals(Schema):
    kindergartens: int
    schools: int
    children: int
    staff: int


class OrganisationDetailOut(OrganisationOut):
    email: str
    source: str
    privately_owned: bool = Field(
        description="A university college owned privately (its kind stays uh)."
    )
    campus_counties: list[CountyRef] = Field(
        description="For a university or college: other counties where it has a campus; it "
        "counts as near a forum's region in its own county and in these."
    )
    owner_totals: OwnerTotals | None = Field(
        None, description="What the owner's active units add up to; only for owners."
    )

    @staticmethod
    def resolve_campus_counties(obj) -> list:
        return list(obj.campus_counties.all())


class UnitOut(OrganisationRef):
    kind: UnitKind
    owner: OrganisationRef
    municipality: MunicipalityRef
    county: CountyRef
    is_public: bool
    is_active: bool
    is_primary: bool
    is_upper_secondary: bool
    children: int | None
    staff: int | None
    language_form: str
    address: str
    postal_code: str
    postal_place: str

    @staticmethod
    def resolve_county(unit):
        return unit.municipality.county


def _page_of(item: type[Schema], name: str) -> type[Schema]:
    return type(
        name,
        (Schema,),
        {
            "__annotations__": {"count": int, "page": int, "page_size": int, "items": list[item]},
            "__doc__": (
                f"One page of {name.removesuffix('Page').lower()} rows, and the total count."
            ),
        },
    )


OfficePage = _page_of(OfficeOut, "OfficePage")
CountyPage = _page_of(CountyOut, "CountyPage")
MunicipalityPage = _page_of(MunicipalityOut, "MunicipalityPage")
OrganisationPage = _page_of(OrganisationOut, "OrganisationPage")
UnitPage = _page_of(UnitOut, "UnitPage")
