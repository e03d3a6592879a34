#!/usr/bin/env bash
# One-shot job of docker-compose.yml (service connect-init): registers the Debezium outbox connectors given as
# arguments (deploy/debezium/<service>-outbox.json, mounted at /connectors) with Kafka Connect's REST API.
# Idempotent: a connector that already exists gets its configuration replaced (PUT /connectors/<name>/config).
# usage: register-connectors.sh /connectors/playbook-outbox.json [...]   (CONNECT_URL defaults to http://connect:8083)
set -euo pipefail
CONNECT_URL="${CONNECT_URL:-http://connect:8083}"

echo "connect-init: waiting for $CONNECT_URL"
for _ in $(seq 1 120); do
  curl -fsS -o /dev/null "$CONNECT_URL/connectors" && break
  sleep 2
done
curl -fsS -o /dev/null "$CONNECT_URL/connectors" || { echo "connect-init: Kafka Connect does not answer" >&2; exit 1; }

# {"name": "...", "config": {...}} -> the value of "config" (what PUT /connectors/<name>/config takes), without jq:
# the files are written by us, with "config" as the last member of the top-level object.
config_of() {
  tr '\n' ' ' < "$1" | sed -E 's/^[[:space:]]*\{.*"config"[[:space:]]*:[[:space:]]*(\{.*\})[[:space:]]*\}[[:space:]]*$/\1/'
}

status=0
for file in "$@"; do
  name="$(basename "$file" .json)"
  echo "connect-init: $name <- $file"
  body="$(config_of "$file")"
  code="$(curl -sS -o /tmp/connect-response -w '%{http_code}' -X PUT -H 'Content-Type: application/json' \
          --data "$body" "$CONNECT_URL/connectors/$name/config")"
  case "$code" in
    200|201) echo "connect-init: $name registered ($code)" ;;
    *) echo "connect-init: $name FAILED ($code): $(cat /tmp/connect-response)" >&2; status=1 ;;
  esac
done
exit $status
