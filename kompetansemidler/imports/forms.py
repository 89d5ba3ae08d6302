from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import Register
from .reasons import reason_text

DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024


def max_file_bytes() -> int:
    """The largest file the page accepts; a national NBR file is some 10 MB."""
    return getattr(settings, "IMPORT_MAX_FILE_BYTES", DEFAULT_MAX_FILE_BYTES)


class ImportUploadForm(forms.Form):
    register = forms.ChoiceField(
        label=_("Register"),
        choices=Register.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the register the file comes from.")},
    )
    counties = forms.MultipleChoiceField(
        label=_("Counties the file covers"),
        help_text=_(
            "Units of the register that are missing from the file are deactivated in these "
            "counties only. Records outside them are left unchanged."
        ),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose the counties the file covers."),
            "invalid_choice": _("You may not import for the county %(value)s."),
        },
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("JSON from the register's API version 4."),
        error_messages={
            "required": _("Choose the file to import."),
            "empty": _("The file is empty."),
        },
    )

    def __init__(self, *args, counties, **kwargs):
        """``counties``: those the user may choose (``services.import_counties_for``)."""
        super().__init__(*args, **kwargs)
        self.fields["counties"].choices = [
            (county.number, f"{county.number} {county.name}") for county in counties
        ]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > max_file_bytes():
            raise forms.ValidationError(
                reason_text(
                    {"code": "too_large", "params": {"limit": max_file_bytes() // (1024 * 1024)}}
                )
            )
        return upload
