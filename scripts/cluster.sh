#!/usr/bin/env bash
# The production topology on one machine, without Docker: every part a separate process with its own working
# directory, meeting over TCP on 127.0.0.1 (Kafka, PostgreSQL, HTTP, DICOM) and sharing no folder: workers fetch
# sources from the edge over WADO-RS, and keep round states and SEGs in the session ledger's PostgreSQL database, where
# the edge's export and picker read them (each worker's results/ folder is its own copy of its SEGs, nobody's input).
#   scripts/cluster.sh [--dir DIR] [--port-base N] up       build if needed, start everything, wait until ready
#   scripts/cluster.sh [--dir DIR] [--port-base N] status   one line per process: running or not, ready or not
#   scripts/cluster.sh [--dir DIR] [--port-base N] down     stop everything (gateway first, Kafka last)
# Defaults: --dir var/cluster, --port-base 19000 (ports are the base plus fixed offsets, printed by `up`).
# Processes: a 3-node Kafka KRaft cluster from Kafka's own jars (kafka.Kafka; replication factor 3,
# min.insync.replicas=2), PostgreSQL (the FHIR server's and the session ledger's databases), HAPI FHIR JPA on
# PostgreSQL, Orthanc (the PACS), the edge (DICOM listener, routing, SEG export, choice API), two inference workers,
# and the preference profiles with the FHIR adapter. docs/deployment.md ("One machine, every process") explains it.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
source scripts/worker-runtime.sh
DIR=var/cluster
BASE=19000

usage() { sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
while [ $# -gt 1 ]; do
  case "$1" in
    --dir) DIR=$2; shift 2 ;;
    --port-base) BASE=$2; shift 2 ;;
    *) usage ;;
  esac
done
[ $# -eq 1 ] || usage
COMMAND=$1
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)

# Ports: the base plus a fixed offset per process.
KAFKA_PORT() { echo $((BASE + $1)); }            # client listener of node 1..3
CONTROLLER_PORT() { echo $((BASE + 10 + $1)); }  # controller listener of node 1..3
PG_PORT=$((BASE + 20))
FHIR_PORT=$((BASE + 30)); FHIR_HEALTH=$((BASE + 31))
ORTHANC_HTTP=$((BASE + 40)); ORTHANC_DICOM=$((BASE + 41))
EDGE_DICOM=$((BASE + 50)); EDGE_API=$((BASE + 51)); EDGE_HEALTH=$((BASE + 52)); EDGE_WADO=$((BASE + 53))
WORKER_HEALTH() { echo $((BASE + 60 + $1)); }   # worker 1..2
PROFILES_HEALTH=$((BASE + 70))
BOOTSTRAP="127.0.0.1:$(KAFKA_PORT 1),127.0.0.1:$(KAFKA_PORT 2),127.0.0.1:$(KAFKA_PORT 3)"
GATEWAY_SERVICES=(edge worker-1 worker-2 profiles fhir)
APP_JAR=$REPO/app/target/spa-gateway-app.jar
CLASSPATH_ALL="$APP_JAR:$REPO/app/target/lib/*"
PG_SYSTEM_USER=postgres

log() { printf '[cluster] %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

pg_bin() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$bin" ] || die "PostgreSQL is not installed: run scripts/setup.sh"
  echo "$bin"
}

# PostgreSQL refuses to run as root: then its programs run as the postgres system user.
AS_PG=()
[ "$(id -u)" = 0 ] && AS_PG=(runuser -u "$PG_SYSTEM_USER" --)
as_pg() { "${AS_PG[@]}" "$@"; }

running() { [ -f "$DIR/$1/pid" ] && kill -0 "$(cat "$DIR/$1/pid")" 2>/dev/null; }

# Starts a background process in its own session (so `down` can stop it and its children), output to its log.
spawn() {
  local name=$1; shift
  running "$name" && { log "$name is already running (pid $(cat "$DIR/$name/pid"))"; return; }
  mkdir -p "$DIR/$name"
  (cd "$DIR/$name" && exec setsid "$@" >>"$DIR/$name/$name.log" 2>&1 < /dev/null) &
  echo $! > "$DIR/$name/pid"
}

await() {
  local what=$1 seconds=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || die "$what not ready within ${seconds}s; see its log under $DIR"
    sleep 1
  done
  log "$what ready"
}

http_ok() { curl -fsS -o /dev/null --max-time 5 "$1"; }

kafka_started() { grep -q "Kafka Server started" "$DIR/kafka-$1/kafka-$1.log"; }

build() {
  if [ ! -f "$APP_JAR" ]; then
    log "building the gateway (mvn package -pl app -am)"
    (cd "$REPO" && scripts/setup.sh && mvn -B -q -Dstyle.color=never -Dmaven.test.skip=true -pl app -am package)
  fi
  command -v curl >/dev/null || die "curl is missing: run scripts/setup.sh"
  command -v Orthanc >/dev/null || [ -x /usr/sbin/Orthanc ] || die "Orthanc is missing: run scripts/setup.sh"
}

start_postgres() {
  local bin dir=$DIR/postgres
  bin=$(pg_bin)
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown "$PG_SYSTEM_USER" "$dir" && chmod o+x "$DIR"
    as_pg "$bin/initdb" -D "$dir/data" --username=spa --auth=trust --encoding=UTF8 --no-locale >"$dir/initdb.log"
  fi
  running postgres && return
  spawn postgres "${AS_PG[@]}" "$bin/postgres" -D "$dir/data" -p "$PG_PORT" -k "$dir" -c listen_addresses=127.0.0.1
  await "PostgreSQL on $PG_PORT" 60 as_pg "$bin/pg_isready" -h 127.0.0.1 -p "$PG_PORT" -U spa
  for database in hapi spa; do
    as_pg "$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U spa -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = '$database'" | grep -q 1 \
      || as_pg "$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U spa -d postgres -qc "CREATE DATABASE $database"
  done
}

kafka_properties() {
  local node=$1 voters="" n
  for n in 1 2 3; do voters+="${voters:+,}$n@127.0.0.1:$(CONTROLLER_PORT $n)"; done
  cat <<EOF
process.roles=broker,controller
node.id=$node
controller.quorum.voters=$voters
listeners=PLAINTEXT://127.0.0.1:$(KAFKA_PORT "$node"),CONTROLLER://127.0.0.1:$(CONTROLLER_PORT "$node")
advertised.listeners=PLAINTEXT://127.0.0.1:$(KAFKA_PORT "$node")
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$DIR/kafka-$node/data
auto.create.topics.enable=false
default.replication.factor=3
min.insync.replicas=2
offsets.topic.replication.factor=3
transaction.state.log.replication.factor=3
transaction.state.log.min.isr=2
share.coordinator.state.topic.replication.factor=3
share.coordinator.state.topic.min.isr=2
group.initial.rebalance.delay.ms=0
EOF
}

kafka_logback() {
  cat <<'EOF'
<configuration>
  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX,UTC} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
  </appender>
  <logger name="kafka.server.KafkaRaftServer" level="INFO"/>
  <root level="WARN"><appender-ref ref="OUT"/></root>
</configuration>
EOF
}

start_kafka() {
  local cluster_id n dir
  if [ -f "$DIR/kafka-cluster-id" ]; then
    cluster_id=$(cat "$DIR/kafka-cluster-id")
  else
    cluster_id=$(java -cp "$CLASSPATH_ALL" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)
    echo "$cluster_id" > "$DIR/kafka-cluster-id"
  fi
  for n in 1 2 3; do
    dir=$DIR/kafka-$n
    mkdir -p "$dir"
    kafka_properties "$n" > "$dir/server.properties"
    kafka_logback > "$dir/logback.xml"
    if [ ! -f "$dir/data/meta.properties" ]; then
      java -Dlogback.configurationFile="$dir/logback.xml" -cp "$CLASSPATH_ALL" kafka.tools.StorageTool format \
        -t "$cluster_id" -c "$dir/server.properties" >"$dir/format.log" 2>&1 || die "formatting kafka-$n failed: $dir/format.log"
    fi
    spawn "kafka-$n" java -Xms256m -Xmx512m -Dlogback.configurationFile="$dir/logback.xml" \
      -cp "$CLASSPATH_ALL" kafka.Kafka "$dir/server.properties"
  done
  for n in 1 2 3; do await "Kafka node $n on $(KAFKA_PORT $n)" 120 kafka_started "$n"; done
}

orthanc_config() {
  cat <<EOF
{
  "Name": "spa-cluster-pacs",
  "StorageDirectory": "$DIR/orthanc/storage",
  "IndexDirectory": "$DIR/orthanc/storage",
  "HttpPort": $ORTHANC_HTTP,
  "DicomPort": $ORTHANC_DICOM,
  "DicomAet": "ORTHANC",
  "RemoteAccessAllowed": false,
  "AuthenticationEnabled": false,
  "KeepAlive": false,
  "StableAge": 2,
  "DicomModalities": { "spa": [ "SPA_GATEWAY", "127.0.0.1", $EDGE_DICOM ] },
  "LuaScripts": [ "$REPO/deploy/orthanc/autoroute.lua" ],
  "Plugins": [ ]
}
EOF
}

start_orthanc() {
  mkdir -p "$DIR/orthanc/storage"
  orthanc_config > "$DIR/orthanc/orthanc.json"
  TCP_NODELAY=1 spawn orthanc /usr/sbin/Orthanc "$DIR/orthanc/orthanc.json"
  await "Orthanc on $ORTHANC_HTTP (DICOM $ORTHANC_DICOM)" 60 http_ok "http://127.0.0.1:$ORTHANC_HTTP/system"
}

# What every gateway process shares: the cluster's brokers, replication, no embedded parts, no demo.
common_properties() {
  cat <<EOF
spa.kafka.embedded.enabled=false
spa.kafka.bootstrap-servers=$BOOTSTRAP
spa.kafka.topics.replication-factor=3
spa.fhir.embedded.enabled=false
spa.fhir.adapter.enabled=false
spa.listener.enabled=false
spa.routes.enabled=false
spa.worker.enabled=false
spa.profiles.enabled=false
spa.demo.enabled=false
spa.health.bind-address=127.0.0.1
EOF
}

service_properties() {
  local name=$1
  common_properties
  case "$name" in
    fhir) cat <<EOF
spa.fhir.embedded.enabled=true
spa.fhir.server.port=$FHIR_PORT
spa.fhir.server.jdbc-url=jdbc:postgresql://127.0.0.1:$PG_PORT/hapi
spa.fhir.server.jdbc-username=spa
spa.health.port=$FHIR_HEALTH
EOF
    ;;
    edge) cat <<EOF
spa.listener.enabled=true
spa.routes.enabled=true
spa.listener.port=$EDGE_DICOM
spa.listener.ae-title=SPA_GATEWAY
spa.listener.calling-aes=ORTHANC@127.0.0.1,STORESCU@127.0.0.1
spa.listener.storage-root=$DIR/edge/dicom
spa.listener.wado.enabled=true
spa.listener.wado.port=$EDGE_WADO
spa.listener.wado.public-base-url=http://127.0.0.1:$EDGE_WADO
spa.listener.completeness.expected-count.modality.OP=1
spa.listener.completeness.expected-count.modality.CT=1
spa.listener.completeness.quiet-period=3s
spa.export.destinations=pacs
spa.export.destination.pacs.ae-title=ORTHANC
spa.export.destination.pacs.host=127.0.0.1
spa.export.destination.pacs.port=$ORTHANC_DICOM
spa.choices.port=$EDGE_API
spa.sessions.jdbc-url=jdbc:postgresql://127.0.0.1:$PG_PORT/spa
spa.sessions.jdbc-username=spa
spa.health.port=$EDGE_HEALTH
EOF
    ;;
    worker-*) cat <<EOF
spa.worker.enabled=true
spa.worker.model.fundus-optic-cup=$REPO/models/spa-optic-cup.params
spa.worker.model.ct-lung-nodule=$REPO/models/spa-nodule.params
spa.worker.source.cache-dir=$DIR/$name/source-cache
spa.worker.output-root=$DIR/$name/results
spa.sessions.jdbc-url=jdbc:postgresql://127.0.0.1:$PG_PORT/spa
spa.sessions.jdbc-username=spa
spa.health.port=$(WORKER_HEALTH "${name#worker-}")
EOF
    ;;
    profiles) cat <<EOF
spa.profiles.enabled=true
spa.profiles.state-dir=$DIR/profiles/state
spa.fhir.adapter.enabled=true
spa.fhir.base-url=http://127.0.0.1:$FHIR_PORT/fhir
spa.health.port=$PROFILES_HEALTH
EOF
    ;;
  esac
}

health_port() {
  case "$1" in
    fhir) echo "$FHIR_HEALTH" ;; edge) echo "$EDGE_HEALTH" ;; profiles) echo "$PROFILES_HEALTH" ;;
    worker-*) WORKER_HEALTH "${1#worker-}" ;;
  esac
}

start_gateway_process() {
  local name=$1 heap=$2
  mkdir -p "$DIR/$name"
  service_properties "$name" > "$DIR/$name/$name.properties"
  # Workers: glibc keeps PyTorch's large freed blocks for the next round and the JVM pre-touches its heap
  # (scripts/worker-runtime.sh).
  local tunables="" java_opts=()
  if [[ $name == worker-* ]]; then
    tunables=$SPA_GLIBC_TUNABLES
    read -r -a java_opts <<< "$SPA_WORKER_JAVA_OPTS"
  fi
  GLIBC_TUNABLES="${GLIBC_TUNABLES:-$tunables}" DJL_OFFLINE=true TCP_NODELAY=1 spawn "$name" java "-Xmx$heap" \
    "${java_opts[@]}" -Dai.djl.offline=true -jar "$APP_JAR" --config "$DIR/$name/$name.properties"
}

await_ready() {
  await "$1 (health on $(health_port "$1"))" "$2" http_ok "http://127.0.0.1:$(health_port "$1")/health/ready"
}

up() {
  build
  start_postgres
  start_kafka
  start_orthanc
  start_gateway_process fhir 768m
  await_ready fhir 240
  start_gateway_process edge 512m
  await_ready edge 180
  start_gateway_process worker-1 1g
  start_gateway_process worker-2 1g
  start_gateway_process profiles 512m
  for name in worker-1 worker-2 profiles; do await_ready "$name" 240; done
  cat <<EOF
spa-gateway cluster up under $DIR
  Kafka (3 KRaft nodes)  $BOOTSTRAP
  PostgreSQL             127.0.0.1:$PG_PORT (databases hapi, spa; user spa)
  FHIR (HAPI JPA)        http://127.0.0.1:$FHIR_PORT/fhir
  Orthanc (PACS)         http://127.0.0.1:$ORTHANC_HTTP  DICOM ORTHANC@127.0.0.1:$ORTHANC_DICOM
  edge                   DICOM SPA_GATEWAY@127.0.0.1:$EDGE_DICOM  choice API http://127.0.0.1:$EDGE_API
  health                 edge $EDGE_HEALTH, worker-1 $(WORKER_HEALTH 1), worker-2 $(WORKER_HEALTH 2), profiles $PROFILES_HEALTH, fhir $FHIR_HEALTH
Send a study:  storescu -aet STORESCU -aec SPA_GATEWAY 127.0.0.1 $EDGE_DICOM study/*.dcm
Stop:          scripts/cluster.sh --dir $DIR --port-base $BASE down
EOF
}

# Sends SIGTERM to each named process group at once, waits for all (30 s), then kills what is left.
stop_processes() {
  local name pid pids=() names=()
  for name in "$@"; do
    if running "$name"; then
      pid=$(cat "$DIR/$name/pid")
      kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid"); names+=("$name")
    fi
  done
  for _ in $(seq 1 60); do
    local alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ $alive = 0 ] && break
    sleep 0.5
  done
  for i in "${!pids[@]}"; do
    if kill -0 "${pids[$i]}" 2>/dev/null; then
      log "${names[$i]} did not stop within 30 s: killed"
      kill -KILL -- "-${pids[$i]}" 2>/dev/null || kill -KILL "${pids[$i]}" 2>/dev/null || true
    fi
    rm -f "$DIR/${names[$i]}/pid"
    log "${names[$i]} stopped"
  done
}

# The gateway first (it drains and commits), then the PACS and the databases, the brokers last and together (a
# broker that stops alone after the others waits for a controller quorum that has gone).
down() {
  stop_processes "${GATEWAY_SERVICES[@]}"
  stop_processes orthanc
  if running postgres; then
    as_pg "$(pg_bin)/pg_ctl" -D "$DIR/postgres/data" stop -m fast -w >/dev/null || true
  fi
  stop_processes postgres
  stop_processes kafka-1 kafka-2 kafka-3
}

status() {
  local name state ready port
  for name in kafka-1 kafka-2 kafka-3 postgres orthanc "${GATEWAY_SERVICES[@]}"; do
    state=stopped; ready=-
    if running "$name"; then
      state="running (pid $(cat "$DIR/$name/pid"))"
      port=$(health_port "$name")
      if [ -n "$port" ]; then
        http_ok "http://127.0.0.1:$port/health/ready" && ready=ready || ready="not ready"
      fi
    fi
    printf '%-10s %-22s %s\n' "$name" "$state" "$ready"
  done
}

case "$COMMAND" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) usage ;;
esac
