"""The file and table steps of scripts/backup-restore-drill.sh.

drill_files.py backup DIR          copy every file a FileField names into DIR
drill_files.py restore DIR         write them into the (fresh) storage, read back, check
drill_files.py compare-tables A B  same tables, row counts and checksums in A and B
"""

import hashlib
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _stored_names():
    from django.apps import apps
    from django.db import models

    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                names = model._default_manager.exclude(**{field.name: ""}).values_list(
                    field.name, flat=True
                )
                yield from (n for n in names if n)


def backup(target: Path) -> None:
    from django.core.files.storage import default_storage

    manifest = {}
    for name in sorted(set(_stored_names())):
        with default_storage.open(name, "rb") as stored:
            data = stored.read()
        digest = hashlib.sha256(data).hexdigest()
        (target / digest).write_bytes(data)
        manifest[name] = digest
    (target / "manifest.json").write_text(json.dumps(manifest, indent=1))
    print(f"ok   {len(manifest)} files copied")


def restore(source: Path) -> None:
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from kompetansemidler.archive.models import Document

    manifest = json.loads((source / "manifest.json").read_text())
    for name, digest in manifest.items():
        saved = default_storage.save(name, ContentFile((source / digest).read_bytes()))
        assert saved == name, f"{name} was stored as {saved}"
    missing = sorted(set(_stored_names()) - set(manifest))
    assert not missing, f"the restored database names files not in the backup: {missing[:5]}"
    for name, digest in manifest.items():
        with default_storage.open(name, "rb") as stored:
            assert hashlib.sha256(stored.read()).hexdigest() == digest, name
    documents = 0
    for document in Document.objects.all():
        assert manifest[document.file.name] == document.sha256, document.file.name
        documents += 1
    print(f"ok   {len(manifest)} files restored; {documents} archive documents match their SHA-256")


def compare_tables(first_url: str, second_url: str) -> None:
    import psycopg

    def checksums(url):
        with psycopg.connect(url) as db:
            tables = [
                r[0]
                for r in db.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
                )
            ]
            result = {}
            for table in tables:
                count, digest = db.execute(
                    "SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), ''))"
                    f' FROM "{table}" t'
                ).fetchone()
                result[table] = (count, digest)
            return result

    first, second = checksums(first_url), checksums(second_url)
    differ = [t for t in sorted(set(first) | set(second)) if first.get(t) != second.get(t)]
    assert not differ, f"tables differ after restore: {differ}"
    money = [t for t in first if t.startswith(("decisions_", "schemes_", "recommendations_"))]
    rows = sum(count for count, _ in first.values())
    print(f"ok   {len(first)} tables, {rows} rows the same (money tables: {', '.join(money)})")


def main() -> None:
    command, *args = sys.argv[1:]
    if command == "compare-tables":
        compare_tables(*args)
        return
    import django

    django.setup()
    {"backup": backup, "restore": restore}[command](Path(args[0]))


if __name__ == "__main__":
    main()
