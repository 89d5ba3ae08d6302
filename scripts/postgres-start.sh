#!/usr/bin/env bash
# Start the machine's PostgreSQL 15 cluster and make the role the tests use
# (`app`, allowed to create the test databases, and roles for the test of the
# production roles script).
set -euo pipefail
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
version=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
pg_lsclusters -h | grep -q "^$version *main" || $sudo pg_createcluster "$version" main
$sudo pg_ctlcluster "$version" main start 2>/dev/null || true
for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -q && break; sleep 1; done
pg_isready -h 127.0.0.1 -q
$sudo runuser -u postgres -- psql -q -tAc "SELECT 1 FROM pg_roles WHERE rolname='app'" | grep -q 1 \
  || $sudo runuser -u postgres -- psql -q -c "CREATE ROLE app LOGIN PASSWORD 'app' CREATEDB"
$sudo runuser -u postgres -- psql -q -c "ALTER ROLE app CREATEDB CREATEROLE"
$sudo runuser -u postgres -- psql -q -tAc "SELECT 1 FROM pg_database WHERE datname='kompetansemidler'" | grep -q 1 \
  || $sudo runuser -u postgres -- psql -q -c "CREATE DATABASE kompetansemidler OWNER app"
