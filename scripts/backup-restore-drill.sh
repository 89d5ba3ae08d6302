#!/usr/bin/env bash
# Backup and restore drill: a consistent dump of the PostgreSQL database and a
# copy of every stored file the database names, restored into a fresh database
# and a fresh folder, then checked: every table's row count and checksum are
# the same, and every file reads back with the same SHA-256 (the archive's
# documents against the checksum the archive recorded when they were filed).
#
#   DATABASE_URL=postgres://… [DJANGO_FILE_STORAGE=s3 AWS_…] scripts/backup-restore-drill.sh
#
# The environment is the application's (production settings); RESTORE_DB
# names the scratch database (default: <name>_restore_drill, dropped first),
# BACKUP_DIR keeps the backup (default: a temporary folder, removed after).
# pg_dump takes one snapshot, so the dump is consistent while the application
# runs; files are copied after the dump, so every file it names exists (files
# are only ever added).
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?DATABASE_URL names the database to back up}"
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-kompetansemidler.settings.production}
base=${DATABASE_URL%/*}
name=${DATABASE_URL##*/}
restore_db=${RESTORE_DB:-${name}_restore_drill}
backup=${BACKUP_DIR:-$(mktemp -d)}
[ -n "${BACKUP_DIR:-}" ] || trap 'rm -rf "$backup"' EXIT
mkdir -p "$backup/files"

echo "-- dump $name"
pg_dump --format=custom --no-owner --no-privileges --dbname="$DATABASE_URL" -f "$backup/database.dump"
echo "-- copy the stored files"
.venv/bin/python scripts/drill_files.py backup "$backup/files"

echo "-- restore into $restore_db"
.venv/bin/python - "$base" "$restore_db" <<'EOF'
import sys, psycopg
base, name = sys.argv[1], sys.argv[2]
with psycopg.connect(f"{base}/postgres", autocommit=True) as db:
    db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    db.execute(f'CREATE DATABASE "{name}"')
EOF
pg_restore --no-owner --no-privileges --exit-on-error --dbname="$base/$restore_db" "$backup/database.dump"

echo "-- compare every table"
.venv/bin/python scripts/drill_files.py compare-tables "$DATABASE_URL" "$base/$restore_db"
echo "-- restore the files into a fresh folder and check them against the restored database"
DATABASE_URL="$base/$restore_db" DJANGO_FILE_STORAGE=local MEDIA_ROOT="$backup/restored" \
  .venv/bin/python scripts/drill_files.py restore "$backup/files"
echo "ok   backup and restore drill"
