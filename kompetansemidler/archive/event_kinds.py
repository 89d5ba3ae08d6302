"""History sentences of the journal and the archive.

Each kind reads as one sentence, ``%(actor)s`` the one who acted (or "the
system"); the history renders it in the reader's language.
"""

from django.utils.translation import gettext_lazy as _

EVENT_KINDS = {
    "archive.case_file_created": _("%(actor)s opened a case file"),
    "archive.case_file_closed": _("%(actor)s closed the case file"),
    "archive.entry_recorded": _("%(actor)s journalled a document"),
    "archive.entry_published": _("%(actor)s published the entry in the public journal"),
    "archive.entry_unpublished": _("%(actor)s took the entry out of the public journal"),
    "archive.entry_screened": _("%(actor)s screened the entry from public access"),
}
