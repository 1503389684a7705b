#!/usr/bin/env bash
# Runs once, when the database volume is new (the postgres image's initdb hook), as the superuser.
# Creates the application role that owns the outbox tables, the relay's role, and the publication,
# then applies the framework's schema as the application role: the same schema.sql the tests use.
set -euo pipefail

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<SQL
CREATE ROLE app LOGIN PASSWORD '${APP_DB_PASSWORD}' NOSUPERUSER;
CREATE ROLE relay LOGIN REPLICATION PASSWORD '${RELAY_DB_PASSWORD}' NOSUPERUSER;
CREATE DATABASE app OWNER app;
SQL

PGPASSWORD="${APP_DB_PASSWORD}" psql -v ON_ERROR_STOP=1 --host 127.0.0.1 --username app --dbname app \
    --file /outbox/schema.sql

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname app <<SQL
-- The relay streams the outbox table only; the publication is made here so the relay need not own the table.
CREATE PUBLICATION outbox_relay FOR TABLE outbox_message WITH (publish = 'insert');
GRANT SELECT ON outbox_message TO relay;
-- The relay keeps its position in a table of its own, created on its first start.
GRANT CREATE ON SCHEMA public TO relay;
SQL
