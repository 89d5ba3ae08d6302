#!/usr/bin/env bash
# Production smoke test: gunicorn serving the real settings against PostgreSQL,
# static files through whitenoise, and `check --deploy` clean.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE=kompetansemidler.settings.production
export DATABASE_URL=${DATABASE_URL:-postgres://app:app@127.0.0.1:5432/kompetansemidler}
export DJANGO_SECRET_KEY=$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))')
export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
port=${SMOKE_PORT:-8765}

echo "-- a missing required setting stops start-up"
if env -u DJANGO_SECRET_KEY .venv/bin/python manage.py check >/dev/null 2>&1; then
  echo "FAIL: production settings started without DJANGO_SECRET_KEY" >&2; exit 1
fi
echo "-- check --deploy"
.venv/bin/python manage.py check --deploy --fail-level WARNING
.venv/bin/python manage.py migrate --no-input -v0
.venv/bin/python manage.py collectstatic --no-input -v0

.venv/bin/gunicorn kompetansemidler.wsgi:application --bind 127.0.0.1:$port --workers 2 \
  --error-logfile - &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 30); do curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 1; done

fail=0
check() { # name, expected status, forwarded protocol, curl args...
  local name=$1 want=$2 proto=$3; shift 3
  local got
  got=$(curl -s -o /dev/null -w '%{http_code}' -H "X-Forwarded-Proto: $proto" "$@")
  if [ "$got" = "$want" ]; then echo "ok   $name ($got)"; else echo "FAIL $name: $got, expected $want"; fail=1; fi
}
check "healthz" 200 https "http://127.0.0.1:$port/healthz"
check "login page" 200 https "http://127.0.0.1:$port/konto/logg-inn/"
check "static file via whitenoise" 200 https "http://127.0.0.1:$port/static/core/app.css"
check "OpenAPI schema" 200 https "http://127.0.0.1:$port/api/openapi.json"
check "plain http is redirected to https" 301 http "http://127.0.0.1:$port/konto/logg-inn/"
check "unknown host is a bad request" 400 https -H "Host: evil.example" "http://127.0.0.1:$port/konto/logg-inn/"
check "unknown host over plain http too" 400 http -H "Host: evil.example" "http://127.0.0.1:$port/healthz"
hsts=$(curl -s -D - -o /dev/null -H 'X-Forwarded-Proto: https' "http://127.0.0.1:$port/konto/logg-inn/" | grep -ci '^strict-transport-security' || true)
csp=$(curl -s -D - -o /dev/null -H 'X-Forwarded-Proto: https' "http://127.0.0.1:$port/konto/logg-inn/" | grep -ci '^content-security-policy' || true)
[ "$hsts" -ge 1 ] && echo "ok   HSTS header" || { echo "FAIL no HSTS header"; fail=1; }
[ "$csp" -ge 1 ] && echo "ok   CSP header" || { echo "FAIL no CSP header"; fail=1; }
exit $fail
