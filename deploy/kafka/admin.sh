#!/bin/sh
# Runs a command as Kafka's super user "admin": writes the admin client properties (SASL_SSL with PLAIN to the broker's
# INTERNAL listener, kafka:9094, where admin is the only user) to /tmp/spa-admin.properties, readable by this user
# only, then runs the command with Kafka's tools on the PATH. Used by the broker's healthcheck and by kafka-init.
#   admin.sh kafka-broker-api-versions.sh --bootstrap-server kafka:9094 --command-config /tmp/spa-admin.properties
set -eu
: "${BROKER_ADMIN_PASSWORD:?set BROKER_ADMIN_PASSWORD}" "${KAFKA_SSL_TRUSTSTORE_PASSWORD:?set KAFKA_SSL_TRUSTSTORE_PASSWORD}"
umask 077
cat > /tmp/spa-admin.properties <<PROPERTIES
security.protocol=SASL_SSL
sasl.mechanism=PLAIN
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="${BROKER_ADMIN_PASSWORD}";
ssl.truststore.location=/etc/kafka/secrets/truststore.p12
ssl.truststore.type=PKCS12
ssl.truststore.password=${KAFKA_SSL_TRUSTSTORE_PASSWORD}
PROPERTIES
PATH="/opt/kafka/bin:$PATH"
export PATH
exec "$@"
