#!/usr/bin/env python
"""Fill translations into an app's .po files from a small Python table.

    scripts/po_fill.py core translations.py

where the table file defines ``T = {"English msgid": ("bokmål", "nynorsk"), ...}``.
English needs no entry: an empty msgstr shows the msgid. Fuzzy marks are
cleared for the entries it fills. Run `make messages` afterwards to compile.
"""

import runpy
import sys
from pathlib import Path

import polib

root = Path(__file__).resolve().parent.parent / "kompetansemidler"


def main(app: str, table_file: str) -> None:
    table = runpy.run_path(table_file)["T"]
    for index, language in enumerate(("nb", "nn")):
        path = root / app / "locale" / language / "LC_MESSAGES" / "django.po"
        catalogue = polib.pofile(str(path))
        for entry in catalogue:
            if entry.msgid in table:
                value = table[entry.msgid][index]
                if entry.msgid_plural:
                    singular, plural = value if isinstance(value, tuple) else (value, value)
                    entry.msgstr_plural = {0: singular, 1: plural}
                else:
                    entry.msgstr = value
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
        catalogue.save()
        missing = [e.msgid for e in catalogue if not e.translated() and not e.obsolete]
        if missing:
            print(f"{app}/{language}: {len(missing)} untranslated:", *missing[:20], sep="\n  ")


if __name__ == "__main__":
    main(*sys.argv[1:3])
