"""manage.py import_register: the report on stdout, refusals as errors, --dry-run."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from kompetansemidler.imports.models import ImportRun
from kompetansemidler.registry.models import Unit

from .conftest import FILES, SAMPLES


def run_command(*args) -> str:
    """The command's output; a national import unless the arguments name counties."""
    if "--county" not in args:
        args = ("--national", *args)
    out = StringIO()
    # The command speaks the site's language; these tests read it in English.
    with translation.override("en"):
        call_command("import_register", *args, stdout=out)
    return out.getvalue()


def test_the_command_reports_counts_lists_and_rejections(structure):
    output = run_command("--register", "nbr", str(FILES / "bad-records-nbr.json"))
    assert "Units created: 2" in output
    assert "Records rejected: 6" in output
    assert "992000008 Feil kontrollsiffer barnehage" in output
    assert "Haukeland barnehage – owner: Bergen kommune" in output
    assert Unit.objects.count() == 2
    assert ImportRun.objects.get().created_by is None


def test_dry_run_reports_and_changes_nothing(structure):
    output = run_command("--register", "nsr", str(SAMPLES / "nsr-vestland.json"), "--dry-run")
    assert "Units created: 36" in output
    assert "Dry run" in output
    assert not Unit.objects.exists()
    assert not ImportRun.objects.exists()


def test_a_second_run_reports_zero_changes(structure):
    run_command("--register", "nbr", str(SAMPLES / "nbr-vestland.json"))
    output = run_command("--register", "nbr", str(SAMPLES / "nbr-vestland.json"))
    for label in (
        "Units created: 0",
        "Units changed: 0",
        "Units deactivated: 0",
        "Owners created: 0",
        "Owners changed: 0",
    ):
        assert label in output


def test_a_refused_file_is_a_command_error_with_the_reason(structure):
    with pytest.raises(CommandError, match="version 3"):
        run_command("--register", "nbr", str(FILES / "v3.json"))
    with pytest.raises(CommandError, match="Cannot read"):
        run_command("--register", "nbr", str(FILES / "no-such-file.json"))
