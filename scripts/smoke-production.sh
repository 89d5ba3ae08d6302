#!/usr/bin/env bash
# Production smoke test: the real settings against PostgreSQL and an
# S3-compatible object store (moto's server on 127.0.0.1 unless
# S3_TEST_ENDPOINT names one), static files through whitenoise, `check
# --deploy` clean; then two gunicorn instances and one task worker on the same
# database and store behave as one application (scripts/smoke_two_instances.py).
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE=kompetansemidler.settings.production
# A fresh database each run (its files live in this run's bucket).
export DATABASE_URL=${SMOKE_DATABASE_URL:-postgres://app:app@127.0.0.1:5432/kompetansemidler_smoke}
.venv/bin/python - <<'EOF'
import os, psycopg
base, name = os.environ["DATABASE_URL"].rsplit("/", 1)
with psycopg.connect(f"{base}/postgres", autocommit=True) as db:
    db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    db.execute(f'CREATE DATABASE "{name}"')
EOF
export DJANGO_SECRET_KEY=$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))')
export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
# The demo's caseworkers have no authenticator; two-factor login has its own tests.
export DJANGO_REQUIRE_2FA_FOR_STAFF=false
export EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend
export METRICS_TOKEN=smoke-metrics-token
port=${SMOKE_PORT:-8765}
second_port=$((port + 1))
s3_port=${SMOKE_S3_PORT:-9123}

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

if [ -z "${S3_TEST_ENDPOINT:-}" ]; then
  .venv/bin/moto_server -H 127.0.0.1 -p "$s3_port" >/dev/null 2>&1 &
  pids+=($!)
  S3_TEST_ENDPOINT=http://127.0.0.1:$s3_port
  for _ in $(seq 1 60); do curl -fsS -o /dev/null "$S3_TEST_ENDPOINT" 2>/dev/null && break; sleep 0.5; done
fi
export DJANGO_FILE_STORAGE=s3 AWS_S3_ENDPOINT_URL=$S3_TEST_ENDPOINT
export AWS_STORAGE_BUCKET_NAME=km-smoke-$(date +%s) AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing
.venv/bin/python - <<'EOF'
import os, boto3
boto3.client("s3", endpoint_url=os.environ["AWS_S3_ENDPOINT_URL"], region_name="us-east-1",
             aws_access_key_id="testing", aws_secret_access_key="testing"
             ).create_bucket(Bucket=os.environ["AWS_STORAGE_BUCKET_NAME"])
EOF

echo "-- a missing required setting stops start-up"
if env -u DJANGO_SECRET_KEY .venv/bin/python manage.py check >/dev/null 2>&1; then
  echo "FAIL: production settings started without DJANGO_SECRET_KEY" >&2; exit 1
fi
echo "-- the immediate task backend is refused"
if DJANGO_TASK_BACKEND=django.tasks.backends.immediate.ImmediateBackend \
   .venv/bin/python manage.py check >/dev/null 2>&1; then
  echo "FAIL: production settings started with the immediate task backend" >&2; exit 1
fi
echo "-- check --deploy"
.venv/bin/python manage.py check --deploy --fail-level WARNING
.venv/bin/python manage.py migrate --no-input -v0
.venv/bin/python manage.py collectstatic --no-input -v0

start_server() { # port
  .venv/bin/gunicorn kompetansemidler.wsgi:application --bind "127.0.0.1:$1" --workers 2 \
    --error-logfile - &
  pids+=($!)
}
start_server "$port"
start_server "$second_port"
.venv/bin/python manage.py run_worker --interval 0.5 -v0 &
pids+=($!)
for p in "$port" "$second_port"; do
  for _ in $(seq 1 30); do curl -fsS "http://127.0.0.1:$p/healthz" >/dev/null 2>&1 && break; sleep 1; done
done

fail=0
check() { # name, expected status, forwarded protocol, curl args...
  local name=$1 want=$2 proto=$3; shift 3
  local got
  got=$(curl -s -o /dev/null -w '%{http_code}' -H "X-Forwarded-Proto: $proto" "$@")
  if [ "$got" = "$want" ]; then echo "ok   $name ($got)"; else echo "FAIL $name: $got, expected $want"; fail=1; fi
}
check "healthz" 200 https "http://127.0.0.1:$port/healthz"
check "healthz on the second instance" 200 https "http://127.0.0.1:$second_port/healthz"
check "login page" 200 https "http://127.0.0.1:$port/konto/logg-inn/"
check "static file via whitenoise" 200 https "http://127.0.0.1:$port/static/core/app.css"
check "OpenAPI schema" 200 https "http://127.0.0.1:$port/api/openapi.json"
check "plain http is redirected to https" 301 http "http://127.0.0.1:$port/konto/logg-inn/"
check "unknown host is a bad request" 400 https -H "Host: evil.example" "http://127.0.0.1:$port/konto/logg-inn/"
check "unknown host over plain http too" 400 http -H "Host: evil.example" "http://127.0.0.1:$port/healthz"
check "metrics refused without the token" 403 https "http://127.0.0.1:$port/metrics"
check "metrics with the token" 200 https -H "Authorization: Bearer $METRICS_TOKEN" "http://127.0.0.1:$port/metrics"
rid=$(curl -s -D - -o /dev/null -H 'X-Forwarded-Proto: https' "http://127.0.0.1:$port/healthz" | grep -ci '^x-request-id' || true)
[ "$rid" -ge 1 ] && echo "ok   X-Request-ID header" || { echo "FAIL no X-Request-ID header"; fail=1; }
hsts=$(curl -s -D - -o /dev/null -H 'X-Forwarded-Proto: https' "http://127.0.0.1:$port/konto/logg-inn/" | grep -ci '^strict-transport-security' || true)
csp=$(curl -s -D - -o /dev/null -H 'X-Forwarded-Proto: https' "http://127.0.0.1:$port/konto/logg-inn/" | grep -ci '^content-security-policy' || true)
[ "$hsts" -ge 1 ] && echo "ok   HSTS header" || { echo "FAIL no HSTS header"; fail=1; }
[ "$csp" -ge 1 ] && echo "ok   CSP header" || { echo "FAIL no CSP header"; fail=1; }

echo "-- two instances, one worker, one database and object store"
# The demo's round letters are queued, for the worker to make.
.venv/bin/python manage.py demo_data >/dev/null
.venv/bin/python scripts/smoke_two_instances.py "http://127.0.0.1:$port" "http://127.0.0.1:$second_port" || fail=1

echo "-- backup and restore drill (the database and the object store's files)"
scripts/backup-restore-drill.sh || fail=1
exit $fail
