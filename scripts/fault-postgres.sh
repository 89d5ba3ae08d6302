#!/usr/bin/env bash
# Fault test: PostgreSQL stops for a few seconds under a short, bounded load on
# gunicorn (production settings). While it is down /healthz answers 503 and no
# request hangs past a timeout; once it is back the same gunicorn answers 200
# again, without a restart. Uses a throw-away cluster of its own on
# 127.0.0.1:${FAULT_PG_PORT:-55439}, so no other database is disturbed.
set -euo pipefail
cd "$(dirname "$0")/.."
pgbin=/usr/lib/postgresql/$(ls /usr/lib/postgresql | sort -n | tail -n 1)/bin
pgport=${FAULT_PG_PORT:-55439}
port=${FAULT_PORT:-8775}
dir=$(mktemp -d)
chmod 777 "$dir"
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  as_postgres "$pgbin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

as_postgres "$pgbin/initdb" -A trust -U app -D "$dir/data" >/dev/null
as_postgres "$pgbin/pg_ctl" -D "$dir/data" -o "-p $pgport -k $dir -c listen_addresses=127.0.0.1" \
  -l "$dir/pg.log" -w start >/dev/null
as_postgres "$pgbin/createdb" -h 127.0.0.1 -p "$pgport" -U app kompetansemidler

export DJANGO_SETTINGS_MODULE=kompetansemidler.settings.production
export DATABASE_URL=postgres://app@127.0.0.1:$pgport/kompetansemidler
export DJANGO_SECRET_KEY=$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))')
export DJANGO_ALLOWED_HOSTS=127.0.0.1 DJANGO_FILE_STORAGE=local MEDIA_ROOT=$dir/media
export DJANGO_SECURE_SSL_REDIRECT=false REQUEST_LOG_LEVEL=WARNING
.venv/bin/python manage.py migrate --no-input -v0
.venv/bin/gunicorn kompetansemidler.wsgi:application --bind "127.0.0.1:$port" --workers 2 \
  --timeout 30 --error-logfile "$dir/gunicorn.log" &
pids+=($!)
for _ in $(seq 1 30); do curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 1; done

fail=0
status() { curl -s -o /dev/null -m 10 -w '%{http_code}' "http://127.0.0.1:$port$1" || echo "timeout"; }
load() { # a bounded load: 4 clients, 15 s at most
  for _ in 1 2 3 4; do
    ( end=$((SECONDS + 15)); while [ $SECONDS -lt $end ]; do status /konto/logg-inn/ >>"$dir/load.txt"; echo >>"$dir/load.txt"; done ) &
  done
}
[ "$(status /healthz)" = 200 ] && echo "ok   healthz before" || { echo "FAIL healthz before"; fail=1; }
load
sleep 2
as_postgres "$pgbin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null
sleep 1
down=$(status /healthz)
[ "$down" = 503 ] && echo "ok   healthz while the database is down (503)" || { echo "FAIL healthz while down: $down"; fail=1; }
sleep 3
as_postgres "$pgbin/pg_ctl" -D "$dir/data" -o "-p $pgport -k $dir -c listen_addresses=127.0.0.1" \
  -l "$dir/pg.log" -w start >/dev/null
wait_back=0
for _ in $(seq 1 20); do [ "$(status /healthz)" = 200 ] && { wait_back=1; break; }; sleep 0.5; done
[ $wait_back = 1 ] && echo "ok   healthz 200 again, the same gunicorn" || { echo "FAIL no recovery"; fail=1; }
wait_for_load() { while [ "$(jobs -rp | wc -l)" -gt 1 ]; do sleep 0.5; done; }
wait_for_load
hung=$(grep -c timeout "$dir/load.txt" || true)
total=$(grep -c . "$dir/load.txt" || true)
[ "$hung" = 0 ] && echo "ok   $total requests under load, none hung past 10 s" || { echo "FAIL $hung requests hung"; fail=1; }
[ "$(status /konto/logg-inn/)" = 200 ] && echo "ok   pages answer again" || { echo "FAIL pages after recovery"; fail=1; }
exit $fail
