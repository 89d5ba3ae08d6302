"""Every word a user sees exists in Bokmål and Nynorsk, and the compiled
catalogues match their sources.

English msgids are the source language; an empty English msgstr shows the
msgid, so only nb and nn must be complete.
"""

import os
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import django
import polib
import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "kompetansemidler"
APPS_WITH_LOCALE = sorted(p.parent.name for p in PACKAGE.glob("*/locale"))


def catalogue(app: str, language: str, suffix: str = "po"):
    path = PACKAGE / app / "locale" / language / "LC_MESSAGES" / f"django.{suffix}"
    assert path.exists(), f"{path.relative_to(PACKAGE.parent)} is missing"
    return polib.pofile(str(path)) if suffix == "po" else polib.mofile(str(path))


def test_the_product_has_translated_apps():
    assert "core" in APPS_WITH_LOCALE


@pytest.mark.parametrize("language", ["nb", "nn"])
@pytest.mark.parametrize("app", APPS_WITH_LOCALE)
def test_every_message_is_translated(app, language):
    po = catalogue(app, language)
    untranslated = [e.msgid for e in po if not e.obsolete and (not e.translated() or e.fuzzy)]
    assert untranslated == [], f"{app}/{language}: not translated: {untranslated[:15]}"


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
@pytest.mark.parametrize("app", APPS_WITH_LOCALE)
def test_compiled_catalogue_matches_its_source(app, language):
    po = catalogue(app, language)
    mo = catalogue(app, language, "mo")
    source = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0, "")
        for e in po
        if e.translated() and not e.obsolete and not e.fuzzy
    }
    compiled = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0, "") for e in mo if e.msgid}
    assert compiled == source, f"{app}/{language}: run `make messages` to recompile"


@cache
def django_translated() -> set[str]:
    """Msgids Django's own catalogues translate into both nb and nn."""
    locale = Path(django.__file__).parent / "conf" / "locale"
    sets = [
        {e.msgid for e in polib.mofile(str(locale / lang / "LC_MESSAGES/django.mo")) if e.msgstr}
        for lang in ("nb", "nn")
    ]
    return sets[0] & sets[1]


@pytest.mark.parametrize("app", APPS_WITH_LOCALE)
def test_every_translatable_string_is_in_the_catalogue(app, tmp_path):
    """Extract the app's strings afresh and compare with the committed catalogue."""
    copy = tmp_path / app
    shutil.copytree(PACKAGE / app, copy, ignore=shutil.ignore_patterns("locale", "static"))
    (copy / "locale").mkdir()
    subprocess.run(
        [sys.executable, "-P", "-m", "django", "makemessages", "-l", "nb", "--no-location"],
        cwd=copy,
        check=True,
        capture_output=True,
        # Without settings, and with -P so that an app module named like a
        # standard-library one (selectors.py) does not shadow it.
        env={k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
    )
    extracted = polib.pofile(str(copy / "locale/nb/LC_MESSAGES/django.po"))
    fresh = {(e.msgctxt, e.msgid) for e in extracted}
    committed = {(e.msgctxt, e.msgid) for e in catalogue(app, "nb") if not e.obsolete}
    missing = sorted(msgid for _ctx, msgid in fresh - committed if msgid not in django_translated())
    assert missing == [], f"{app}: strings not in locale/ (run `make messages`): {missing[:15]}"
