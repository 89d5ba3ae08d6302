"""Keeping organisations outside the national registers by hand.

Universities and university colleges (state and private), KS, PBL, the
unions and other partners are not in NBR or NSR, so a caseworker (for her
office) or the national administrator registers and changes them. Each write
checks the organisation number, refuses a number already registered, keeps
the organisation within the actor's office and records a history event.

Services never see the request: the views call these with the acting user.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from stdnum.no import orgnr

from kompetansemidler.accounts.policy import ensure
from kompetansemidler.core.workflow import StaleEdit, locked
from kompetansemidler.history.services import event_record

from .models import HAND_KEPT_KINDS, Municipality, Organisation, OrganisationKind, Unit
from .permissions import can_edit_organisation, can_keep_organisations, can_place_organisation
from .validators import organisation_number_error

ERROR_NAME = _("Give the organisation's name.")
ERROR_KIND = _(
    "Kindergarten and school owners come from the national registers through the register "
    "import; here you register universities and colleges, KS, PBL, unions and other partners."
)
ERROR_DUPLICATE = _("%(number)s is already registered as %(name)s.")
ERROR_DUPLICATE_UNIT = _("%(number)s is already registered as the kindergarten or school %(name)s.")
ERROR_MUNICIPALITY = _("Choose the municipality of the organisation's address.")
ERROR_OUTSIDE_OFFICE = _(
    "%(municipality)s lies outside your office's counties. Register only organisations "
    "located in your office's area; the national administrator registers the others."
)
ERROR_PRIVATE_NOT_UH = _("Only a university or university college can be a private one.")
ERROR_CAMPUS_NOT_UH = _("Only a university or university college has campus counties.")

EVENT_CREATED = "organisation.registered"
EVENT_CHANGED = "organisation.changed"


def _snapshot(organisation: Organisation, campus_counties=None) -> dict:
    """What an event records; ``campus_counties`` given, the saved ones are not read."""
    if campus_counties is None:
        campus_counties = organisation.campus_counties.all()
    return {
        "organisation_number": organisation.organisation_number,
        "name": organisation.name,
        "kind": organisation.kind,
        "privately_owned": organisation.privately_owned,
        "municipality": organisation.municipality.number if organisation.municipality else None,
        "county": organisation.county.number if organisation.county else None,
        "campus_counties": sorted(county.number for county in campus_counties),
        "language_form": organisation.language_form,
        "email": organisation.email,
        "is_active": organisation.is_active,
    }


def _validate(
    *, actor, name: str, kind: str, municipality, privately_owned: bool, campus_counties
) -> None:
    errors: dict[str, str | Promise] = {}
    if not name:
        errors["name"] = ERROR_NAME
    if kind not in HAND_KEPT_KINDS:
        errors["kind"] = ERROR_KIND
    is_uh = kind == OrganisationKind.UH
    if privately_owned and not is_uh:
        errors["privately_owned"] = ERROR_PRIVATE_NOT_UH
    if campus_counties and not is_uh:
        errors["campus_counties"] = ERROR_CAMPUS_NOT_UH
    if municipality is None:
        errors["municipality"] = ERROR_MUNICIPALITY
    elif not can_place_organisation(actor, municipality.county):
        errors["municipality"] = ERROR_OUTSIDE_OFFICE % {"municipality": municipality.name}
    if errors:
        raise ValidationError(errors)


def _duplicate_error(number: str, *, exclude_pk=None) -> str | None:
    existing = Organisation.objects.exclude(pk=exclude_pk).filter(organisation_number=number)
    organisation = existing.first()
    if organisation is not None:
        return str(ERROR_DUPLICATE % {"number": number, "name": organisation.name})
    unit = Unit.objects.filter(organisation_number=number).first()
    if unit is not None:
        return str(ERROR_DUPLICATE_UNIT % {"number": number, "name": unit.name})
    return None


def _clean_name(name: str) -> str:
    return " ".join((name or "").split())


@transaction.atomic
def organisation_register(
    *,
    actor,
    organisation_number: str,
    name: str,
    kind: str,
    municipality: Municipality | None,
    privately_owned: bool = False,
    campus_counties=(),
    language_form: str = "nb",
    email: str = "",
) -> Organisation:
    """Register an organisation that is not in the national registers.

    Raises PermissionDenied for a user who keeps no organisations, and
    ValidationError (keyed by field) for an invalid or already registered
    organisation number, an empty name, an owner kind, or a municipality
    outside the actor's office. Its county is the municipality's.
    """
    ensure(can_keep_organisations(actor))
    number = orgnr.compact(organisation_number or "")
    name = _clean_name(name)
    errors: dict[str, str] = {}
    number_error = organisation_number_error(number) or _duplicate_error(number)
    try:
        _validate(
            actor=actor,
            name=name,
            kind=kind,
            municipality=municipality,
            privately_owned=privately_owned,
            campus_counties=list(campus_counties),
        )
    except ValidationError as error:
        errors.update({field: messages[0] for field, messages in error.message_dict.items()})
    if number_error:
        errors["organisation_number"] = number_error
    if errors:
        raise ValidationError(errors)
    assert municipality is not None
    try:
        # A savepoint: another sending with the same number may win the race
        # to the unique index; the loser gets the same words as above.
        with transaction.atomic():
            organisation = Organisation.objects.create(
                organisation_number=number,
                name=name,
                kind=kind,
                privately_owned=privately_owned,
                municipality=municipality,
                county=municipality.county,
                language_form=language_form,
                email=email.strip(),
            )
    except IntegrityError:
        raise ValidationError({"organisation_number": _duplicate_error(number)}) from None
    organisation.campus_counties.set(campus_counties)
    event_record(
        actor=actor,
        kind=EVENT_CREATED,
        obj=organisation,
        summary=f"{organisation.name} ({organisation.organisation_number})",
        after=_snapshot(organisation),
        office=municipality.county.office,
        organisation=organisation,
    )
    return organisation


@transaction.atomic
def organisation_change(
    *,
    actor,
    organisation: Organisation,
    name: str,
    kind: str,
    municipality: Municipality | None,
    privately_owned: bool = False,
    campus_counties=(),
    language_form: str = "nb",
    email: str = "",
    is_active: bool = True,
    loaded_at: str | None = None,
) -> Organisation:
    """Change a hand-kept organisation; its organisation number never changes.

    Raises PermissionDenied when the actor may not change it (an imported
    organisation, an owner, another office's), ValidationError as
    ``organisation_register`` does, and StaleEdit when ``loaded_at`` (the
    ``updated_at`` the editor started from) is older than the saved one. An
    edit that changes nothing records nothing.
    """
    organisation = locked(organisation, "county__office", "municipality")
    ensure(can_edit_organisation(actor, organisation))
    if loaded_at and organisation.updated_at.isoformat() != loaded_at:
        raise StaleEdit(organisation)
    name = _clean_name(name)
    campus_counties = list(campus_counties)
    _validate(
        actor=actor,
        name=name,
        kind=kind,
        municipality=municipality,
        privately_owned=privately_owned,
        campus_counties=campus_counties,
    )
    assert municipality is not None
    before = _snapshot(organisation)
    organisation.name = name
    organisation.kind = kind
    organisation.privately_owned = privately_owned
    organisation.municipality = municipality
    organisation.county = municipality.county
    organisation.language_form = language_form
    organisation.email = email.strip()
    organisation.is_active = is_active
    if _snapshot(organisation, campus_counties) == before:
        return organisation
    organisation.save()
    organisation.campus_counties.set(campus_counties)
    event_record(
        actor=actor,
        kind=EVENT_CHANGED,
        obj=organisation,
        summary=f"{organisation.name} ({organisation.organisation_number})",
        before=before,
        after=_snapshot(organisation),
        office=municipality.county.office,
        organisation=organisation,
    )
    return organisation
