#!/bin/sh
# Creates the SCRAM-SHA-512 users of the gateway's containers and of the reporting system, then the ACLs that let each
# do its work and nothing more (acls.sh). Run by the kafka-init service through admin.sh; both steps are upserts, so
# running it again (e.g. after changing a password) is safe. Passwords are hex (openssl rand -hex 24): SCRAM's
# kafka-configs.sh syntax has no escaping for ',' ']' or '='.
set -eu
: "${KAFKA_EDGE_PASSWORD:?}" "${KAFKA_WORKER_PASSWORD:?}" "${KAFKA_PROFILES_PASSWORD:?}"
: "${KAFKA_FHIR_ADAPTER_PASSWORD:?}" "${KAFKA_REPORTING_SYSTEM_PASSWORD:?}"

scram_user() {
    kafka-configs.sh --bootstrap-server kafka:9094 --command-config /tmp/spa-admin.properties --alter \
        --entity-type users --entity-name "$1" --add-config "SCRAM-SHA-512=[iterations=8192,password=$2]"
}

scram_user spa-edge "$KAFKA_EDGE_PASSWORD"
scram_user spa-worker "$KAFKA_WORKER_PASSWORD"
scram_user spa-profiles "$KAFKA_PROFILES_PASSWORD"
scram_user spa-fhir-adapter "$KAFKA_FHIR_ADAPTER_PASSWORD"
scram_user reporting-system "$KAFKA_REPORTING_SYSTEM_PASSWORD"

. "$(dirname "$0")/acls.sh"
