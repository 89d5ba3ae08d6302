"""Why a file is refused or a record rejected: machine-readable codes, translatable words.

A reason is stored as ``{"code": ..., "params": {...}}`` (in the import run's
JSON) and put into words only when shown, in the reader's language.
"""

from django.utils.translation import gettext_lazy as _

# The whole file is refused; nothing is imported.
FILE_REASONS = {
    "not_utf8": _("The file is not UTF-8 text. Download it again from the register's API."),
    "not_json": _(
        "The file is not valid JSON (line %(line)s, column %(column)s: %(detail)s). "
        "Nothing was imported."
    ),
    "not_v4": _(
        "The file is not in the format of the register's API version 4: expected a list of "
        "units, each an object with Organisasjonsnummer. Nothing was imported."
    ),
    "v3_fields": _(
        "The file uses field names from version 3 of the register's API (%(fields)s). "
        "Download it from API version 4, which uses Organisasjonsnummer and "
        "Kommune.Kommunenummer. Nothing was imported."
    ),
    "empty": _("The file contains no units. Nothing was imported."),
    "wrong_register": _(
        "The file contains no %(expected)s. Is it a file from the other register? "
        "Nothing was imported."
    ),
    "too_large": _("The file is larger than %(limit)s MB. Nothing was imported."),
    "too_deep": _(
        "The file has lists or objects nested too deeply to be a register file. "
        "Nothing was imported."
    ),
}

# The import as a whole is beyond the authority of the one who asks for it.
SCOPE_REASONS = {
    "no_counties": _("Choose the counties the file covers."),
    "counties_not_yours": _(
        "You may import only for the counties of your own office; %(counties)s is not one "
        "of them. Nothing was imported."
    ),
    "unknown_counties": _("There is no county with number %(counties)s."),
    "national_only": _(
        "Only the national administrator may import for the whole country. Nothing was imported."
    ),
    "deactivations_unconfirmed": _(
        "The import would deactivate %(deactivated)s of the %(active)s active units in the "
        "counties it covers, more than %(share)s %%. Confirm the deactivations to import it. "
        "Nothing was imported."
    ),
}

# One record is rejected; the rest of the file is imported.
RECORD_REASONS = {
    "missing_field": _("The field %(field)s is missing or empty."),
    "wrong_type": _("The field %(field)s must be %(expected)s."),
    "too_long": _("The field %(field)s is longer than %(limit)s characters."),
    "invalid_organisation_number": _(
        "%(value)s is not a valid organisation number (nine digits with a correct check digit)."
    ),
    "unknown_municipality": _("There is no municipality with number %(value)s (2024 structure)."),
    "missing_owner": _("The record has no owner relation (Eierstruktur)."),
    "invalid_owner_number": _("The owner's organisation number %(value)s is not valid."),
    "owner_not_resolvable": _(
        "The owner %(value)s is neither in the file nor in the registry, and the relation "
        "gives no name to register it by."
    ),
    "duplicate": _(
        "The organisation number appears more than once in the file; the first record was used."
    ),
    "other_register": _(
        "A unit with this organisation number is maintained from the %(register)s; "
        "it was left unchanged."
    ),
    "too_large_count": _("The field %(field)s is larger than %(limit)s."),
    "moves_between_offices": _(
        "The record would move it from %(before)s to %(after)s, which belongs to another "
        "state administrator office. Only the national administrator may import that change."
    ),
    "outside_counties": _(
        "The record concerns %(county)s, which this import does not cover; it was left unchanged."
    ),
    "owner_refused": _(
        "The owner %(value)s was rejected in this import, so the unit was not registered under it."
    ),
}

EXPECTED = {
    "text": _("text"),
    "boolean": _("true or false"),
    "count": _("a whole number of zero or more"),
    "object": _("an object"),
    "list": _("a list"),
    "datetime": _("a date and time (ISO 8601)"),
    "postal_code": _("four digits"),
}
WHAT_A_REGISTER_HOLDS = {
    "nbr": _("kindergartens or kindergarten owners"),
    "nsr": _("schools or school owners"),
}
REGISTER_NAMES = {"nbr": _("kindergarten register (NBR)"), "nsr": _("school register (NSR)")}


def reason(code: str, **params) -> dict:
    return {"code": code, "params": params}


def reason_text(item: dict) -> str:
    """The reason in words, in the active language."""
    code, params = item["code"], dict(item.get("params") or {})
    template = FILE_REASONS.get(code) or RECORD_REASONS.get(code) or SCOPE_REASONS.get(code)
    if template is None:
        return code
    if "expected" in params:
        params["expected"] = str(
            EXPECTED.get(params["expected"])
            or WHAT_A_REGISTER_HOLDS.get(params["expected"])
            or params["expected"]
        )
    if "register" in params:
        params["register"] = str(REGISTER_NAMES.get(params["register"], params["register"]))
    return str(template) % params


class FileRefused(Exception):
    """The file as a whole cannot be imported; carries the reason."""

    def __init__(self, code: str, **params):
        self.reason = reason(code, **params)
        super().__init__(code)

    @property
    def message(self) -> str:
        return reason_text(self.reason)


class ScopeRefused(FileRefused):
    """The import reaches beyond what the actor may import, or needs a confirmation first."""
