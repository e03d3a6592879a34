#!/usr/bin/env bash
# One-shot job of docker-compose.yml (service kafka-init): creates the topics of schemas/topics.json (mounted at
# /catalog/topics.json) and their "<topic>.dlq" (same partitions), like libs/devstack does. The broker has
# auto.create.topics.enable=false, so a producer writing to an unknown topic fails loudly. Idempotent.
# usage: create-topics.sh [--list] [topics.json]     --list only prints "<topic> <partitions>" lines (no Kafka needed)
set -euo pipefail
list_only=
if [ "${1:-}" = "--list" ]; then list_only=1; shift; fi
CATALOG="${1:-/catalog/topics.json}"
BOOTSTRAP="${KAFKA_BOOTSTRAP:-kafka:19092}"
KAFKA_TOPICS="${KAFKA_TOPICS:-/opt/kafka/bin/kafka-topics.sh}"

# every topic object of the catalog starts with "name":"...","partitions":N (no jq/python in the kafka image)
topics() {
  tr -d '\n' < "$CATALOG" | grep -oE '"name"[[:space:]]*:[[:space:]]*"[^"]+"[[:space:]]*,[[:space:]]*"partitions"[[:space:]]*:[[:space:]]*[0-9]+' \
    | sed -E 's/"name"[[:space:]]*:[[:space:]]*"([^"]+)"[[:space:]]*,[[:space:]]*"partitions"[[:space:]]*:[[:space:]]*([0-9]+)/\1 \2/' \
    | while read -r name partitions; do echo "$name $partitions"; echo "$name.dlq $partitions"; done
}

if [ -n "$list_only" ]; then topics; exit 0; fi

wanted="$(topics)"
[ -n "$wanted" ] || { echo "kafka-init: no topics found in $CATALOG" >&2; exit 1; }
echo "kafka-init: waiting for $BOOTSTRAP"
for _ in $(seq 1 60); do
  "$KAFKA_TOPICS" --bootstrap-server "$BOOTSTRAP" --list >/dev/null 2>&1 && break
  sleep 2
done
while read -r name partitions; do
  "$KAFKA_TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic "$name" \
    --partitions "$partitions" --replication-factor 1
done <<< "$wanted"
echo "kafka-init: $(wc -l <<< "$wanted") topics present"
