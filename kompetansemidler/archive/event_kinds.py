"""Readable names of the history events of the journal and archive."""

from django.utils.translation import gettext_lazy as _

EVENT_KINDS = {
    "archive.case_file_created": _("Case file created"),
    "archive.case_file_closed": _("Case closed"),
    "archive.entry_recorded": _("Document journalled"),
    "archive.entry_published": _("Document published in the public journal"),
    "archive.entry_unpublished": _("Document no longer published"),
    "archive.entry_screened": _("Entry screened from public access"),
}
