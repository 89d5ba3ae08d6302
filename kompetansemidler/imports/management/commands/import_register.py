"""manage.py import_register --register nbr|nsr (--county NN ... | --national) FILE
[--dry-run] [--confirm-deactivations]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kompetansemidler.imports.models import Register
from kompetansemidler.imports.reasons import FileRefused
from kompetansemidler.imports.report import report_lines
from kompetansemidler.imports.services import (
    ImportConflict,
    deactivation_share,
    import_file_apply,
    import_file_plan,
    import_scope_for,
)


class Command(BaseCommand):
    help = (
        "Import a file from Udir's kindergarten register (NBR) or school register (NSR), "
        "API v4 JSON. Idempotent; all or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--register", required=True, choices=Register.values)
        parser.add_argument("file", type=Path)
        scope = parser.add_mutually_exclusive_group(required=True)
        scope.add_argument(
            "--county",
            action="append",
            dest="counties",
            metavar="NUMBER",
            help=(
                "A county the file covers (two digits, e.g. 46); repeat for several. Units "
                "missing from the file are deactivated in these counties only."
            ),
        )
        scope.add_argument(
            "--national",
            action="store_true",
            help="The file covers the whole country: units missing from it are deactivated "
            "everywhere.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report what the import would do, and change nothing.",
        )
        parser.add_argument(
            "--confirm-deactivations",
            action="store_true",
            help=(
                "Import even if it deactivates more than the share of active units in the "
                "counties covered that IMPORT_DEACTIVATION_CONFIRM_SHARE sets (default 5 %%)."
            ),
        )

    def handle(
        self,
        *args,
        register,
        file,
        dry_run,
        counties,
        national,
        confirm_deactivations,
        verbosity,
        **options,
    ):
        try:
            content = file.read_bytes()
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": file, "error": error.strerror}
            ) from None
        try:
            if dry_run:
                scope = import_scope_for(actor=None, counties=counties)
                plan = import_file_plan(register=register, content=content, scope=scope)
                counts, report, rejected = plan.counts(), plan.report(), plan.rejected
                if plan.needs_confirmation(deactivation_share()):
                    self.stdout.write(
                        self.style.WARNING(
                            _(
                                "The import would deactivate %(deactivated)s of the %(active)s "
                                "active units in the counties it covers; importing it needs "
                                "--confirm-deactivations."
                            )
                            % {
                                "deactivated": counts["units_deactivated"],
                                "active": counts["active_in_scope"],
                            }
                        )
                    )
            else:
                run = import_file_apply(
                    register=register,
                    file_name=file.name,
                    content=content,
                    counties=counties,
                    confirm_deactivations=confirm_deactivations,
                )
                counts, report, rejected = run.counts, run.report, run.rejected
        except FileRefused as refused:
            # Also an unconfirmed deactivation: the message gives the count.
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
