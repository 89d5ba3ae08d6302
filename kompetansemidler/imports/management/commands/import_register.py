"""manage.py import_register --register nbr|nsr FILE [--dry-run]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kompetansemidler.imports.models import Register
from kompetansemidler.imports.reasons import FileRefused
from kompetansemidler.imports.report import report_lines
from kompetansemidler.imports.services import (
    ImportConflict,
    import_file_apply,
    import_file_plan,
)


class Command(BaseCommand):
    help = (
        "Import a file from Udir's kindergarten register (NBR) or school register (NSR), "
        "API v4 JSON. Idempotent; all or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--register", required=True, choices=Register.values)
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report what the import would do, and change nothing.",
        )

    def handle(self, *args, register, file, dry_run, verbosity, **options):
        try:
            content = file.read_bytes()
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": file, "error": error.strerror}
            ) from None
        try:
            if dry_run:
                plan = import_file_plan(register=register, content=content)
                counts, report, rejected = plan.counts(), plan.report(), plan.rejected
            else:
                run = import_file_apply(register=register, file_name=file.name, content=content)
                counts, report, rejected = run.counts, run.report, run.rejected
        except FileRefused as refused:
            raise CommandError(refused.message) from None
        except ImportConflict:
            raise CommandError(
                _(
                    "Another import ran at the same time; nothing was changed. "
                    "Run the command again."
                )
            ) from None
        # All lists in full at -v 2; at the default verbosity the first 20.
        limit = None if verbosity >= 2 else 20
        for line in report_lines(counts, report, rejected, limit=limit):
            self.stdout.write(line)
        if dry_run:
            self.stdout.write(self.style.WARNING(_("Dry run: nothing was changed.")))
        else:
            self.stdout.write(self.style.SUCCESS(_("Imported.")))
