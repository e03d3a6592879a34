#!/usr/bin/env bash
# Provisions the Campaign Engine databases in the official postgres image (docker-compose.yml mounts this file into
# /docker-entrypoint-initdb.d, so it runs ONCE, on the first start with an empty data volume).
# Mirrors what libs/devstack does without Docker (../../notes/CONTRACT.md, "Databases"):
#   - one database AND one role per service, same name, password = name (dev only), roles with LOGIN and REPLICATION;
#   - deploy/debezium/messaging-schema.sql run in each service database AS THE SERVICE ROLE (it owns the outbox
#     table, so Debezium connecting as that role can create its filtered publication);
#   - database+role `registry` (Apicurio SQL storage) and `keycloak` (Keycloak's store, compose only);
#   - a pg_hba rule for replication connections from the compose network (Debezium's pgoutput stream).
# To re-run it: docker compose down -v (drops the volumes), then docker compose up.
set -euo pipefail

SERVICE_DATABASES="${SERVICE_DATABASES:-playbook content image publishing metrics optimization escalation}"
OTHER_DATABASES="${OTHER_DATABASES:-registry keycloak}"
MESSAGING_SCHEMA_SQL="${MESSAGING_SCHEMA_SQL:-/opt/campaign-engine/debezium/messaging-schema.sql}"

if [ ! -r "$MESSAGING_SCHEMA_SQL" ]; then
  echo "init-databases: $MESSAGING_SCHEMA_SQL is missing (mount ./deploy/debezium at /opt/campaign-engine/debezium)" >&2
  exit 1
fi

# During initdb the entrypoint's temporary server listens on the unix socket only, with trust for local connections.
as_superuser() {
  psql -v ON_ERROR_STOP=1 --no-psqlrc --username "${POSTGRES_USER:-postgres}" --dbname postgres "$@"
}

create_role_and_database() { # name, REPLICATION|NOREPLICATION
  local name="$1" replication="$2"
  as_superuser --set=name="$name" <<SQL
SELECT format('CREATE ROLE %I LOGIN $replication PASSWORD %L', :'name', :'name')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'name') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'name', :'name')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'name') \gexec
SQL
}

for db in $SERVICE_DATABASES; do
  echo "init-databases: database and role $db (+ schema messaging)"
  create_role_and_database "$db" REPLICATION
  psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$db" --dbname "$db" -f "$MESSAGING_SCHEMA_SQL"
done

for db in $OTHER_DATABASES; do
  echo "init-databases: database and role $db"
  create_role_and_database "$db" NOREPLICATION
done

# "all" in the database column does not match replication connections: allow them from the network, with a password.
if ! grep -q '^host[[:space:]]\+replication[[:space:]]\+all[[:space:]]\+all' "$PGDATA/pg_hba.conf"; then
  echo "host replication all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
fi
