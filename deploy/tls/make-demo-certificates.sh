#!/usr/bin/env bash
# Creates a throw-away CA and the DICOM TLS certificates docker-compose.yml mounts from deploy/tls/, for trying the
# stack out. A site uses certificates from its own CA instead (docs/deployment.md, "DICOM TLS"); the file names and
# what each must hold are the same.
#
#   export SPA_DICOM_TLS_KEY_STORE_PASSWORD=$(openssl rand -hex 24) SPA_DICOM_TLS_TRUST_STORE_PASSWORD=$(openssl rand -hex 24)
#   deploy/tls/make-demo-certificates.sh
#
# Writes: ca.pem (the CA), truststore.p12 (the CA, for the gateway), spa-edge.p12 (the gateway's key and certificate,
# CN spa-edge, used by the listener and its WADO-RS endpoint as server and by the SEG export as client), spa-worker.p12
# (a worker's, CN spa-worker, its client certificate towards the WADO-RS endpoint), orthanc.pem and orthanc.key (Orthanc's,
# CN orthanc, unencrypted key as Orthanc requires). Needs openssl and keytool (any JDK 17).
set -euo pipefail
: "${SPA_DICOM_TLS_KEY_STORE_PASSWORD:?set SPA_DICOM_TLS_KEY_STORE_PASSWORD}"
: "${SPA_DICOM_TLS_TRUST_STORE_PASSWORD:?set SPA_DICOM_TLS_TRUST_STORE_PASSWORD}"
cd "$(dirname "$0")"
umask 077
days=365

openssl req -x509 -newkey rsa:3072 -sha256 -nodes -days "$days" -keyout ca.key -out ca.pem \
    -subj "/O=spa-gateway demo/CN=spa-gateway demo CA" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign"

issue() { # name, subjectAltName
    openssl req -newkey rsa:3072 -sha256 -nodes -keyout "$1.key" -out "$1.csr" -subj "/O=spa-gateway demo/CN=$1"
    openssl x509 -req -in "$1.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -days "$days" -sha256 -out "$1.pem" \
        -extfile <(printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n'
                   printf 'extendedKeyUsage=serverAuth,clientAuth\nsubjectAltName=%s\n' "$2")
    rm -f "$1.csr"
}

issue spa-edge "DNS:spa-edge,DNS:localhost,IP:127.0.0.1"
issue spa-worker "DNS:spa-worker"
issue orthanc "DNS:orthanc"
for name in spa-edge spa-worker; do
    openssl pkcs12 -export -in "$name.pem" -inkey "$name.key" -certfile ca.pem -name key -out "$name.p12" \
        -passout env:SPA_DICOM_TLS_KEY_STORE_PASSWORD
done
rm -f spa-edge.key spa-worker.key truststore.p12
keytool -importcert -noprompt -storetype PKCS12 -alias ca -file ca.pem -keystore truststore.p12 \
    -storepass "$SPA_DICOM_TLS_TRUST_STORE_PASSWORD"
# The gateway container reads the stores as another user (they are password-protected); orthanc.key stays 600:
# the Orthanc image runs as root. The CA key stays private.
chmod 644 ca.pem orthanc.pem spa-edge.pem spa-worker.pem truststore.p12 spa-edge.p12 spa-worker.p12
echo "deploy/tls: ca.pem truststore.p12 spa-edge.p12 spa-worker.p12 orthanc.pem orthanc.key (CA key: ca.key, keep it or delete it)"
