#!/usr/bin/env bash
# Production database roles: an owner role that owns the database and its
# tables and runs `migrate`, and an application role that the web server and
# workers log in with. The application role may read and write the case
# tables but only INSERT and SELECT the history (history_event): it cannot
# update, delete or truncate events, nor disable the append-only trigger,
# because it owns nothing.
#
# Run it as a PostgreSQL superuser (or a role with CREATEROLE and CREATEDB),
# before the first `migrate` and again after each one (it is idempotent):
#
#   ADMIN_URL=postgres://postgres@db.example.no:5432/postgres \
#   OWNER_PASSWORD=... APP_PASSWORD=... scripts/postgres-roles.sh
#
# Variables (defaults in brackets):
#   ADMIN_URL        connection of the role that sets things up, to any database
#                    [psql's defaults]
#   DB_NAME          the database [kompetansemidler]
#   OWNER_ROLE       owner role, used only by `migrate` [kompetansemidler_owner]
#   APP_ROLE         application role, in DATABASE_URL [kompetansemidler_app]
#   OWNER_PASSWORD, APP_PASSWORD   required; set on creation and on every run
#
# Then DATABASE_URL is postgres://APP_ROLE:APP_PASSWORD@host/DB_NAME and
# DATABASE_MIGRATE_URL postgres://OWNER_ROLE:OWNER_PASSWORD@host/DB_NAME.
set -euo pipefail

DB_NAME=${DB_NAME:-kompetansemidler}
OWNER_ROLE=${OWNER_ROLE:-kompetansemidler_owner}
APP_ROLE=${APP_ROLE:-kompetansemidler_app}
: "${OWNER_PASSWORD:?set OWNER_PASSWORD}"
: "${APP_PASSWORD:?set APP_PASSWORD}"
ADMIN_URL=${ADMIN_URL:-}

common=(-v ON_ERROR_STOP=1 -q -X
  -v db="$DB_NAME" -v owner="$OWNER_ROLE" -v app="$APP_ROLE"
  -v owner_password="$OWNER_PASSWORD" -v app_password="$APP_PASSWORD")

# The roles and the database, then the privileges inside it: on the tables
# there now, and by default on those `migrate` creates later as the owner.
# History: insert and read only (migration history 0003 takes the default
# grant back when `migrate` creates the table). A role with CREATEROLE but
# not superuser must be a member of the owner role to act for it.
psql ${ADMIN_URL:+"$ADMIN_URL"} "${common[@]}" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE', :'owner')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'owner') \gexec
SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE', :'app')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'app') \gexec
ALTER ROLE :"owner" LOGIN PASSWORD :'owner_password';
ALTER ROLE :"app" LOGIN PASSWORD :'app_password';
SELECT format('GRANT %I TO %I', :'owner', current_user)
WHERE NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
  AND NOT pg_has_role(current_user, :'owner', 'MEMBER') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'owner')
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"db" TO :"app";

\connect :"db"
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO :"app";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public
  GRANT USAGE, SELECT ON SEQUENCES TO :"app";
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"app";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO :"app";
SELECT format(
  'REVOKE UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON history_event FROM %I', :'app'
) WHERE to_regclass('public.history_event') IS NOT NULL \gexec
SQL
echo "roles ready: $OWNER_ROLE owns $DB_NAME (migrate), $APP_ROLE runs the application"
