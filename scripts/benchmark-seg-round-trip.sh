#!/usr/bin/env bash
# Last instance received -> SEG stored in Orthanc (p50/p95) and throughput of the whole chain, with the trained
# optic-cup model from models/.
# Usage: scripts/benchmark-seg-round-trip.sh [--studies N] [--threads T] [--sample-threads S|auto] [--size PX]
# Results are recorded in docs/benchmarks.md with the command and the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
mvn -B -q -Dstyle.color=never -Dmaven.test.skip=true -pl :benchmarks -am package
export TCP_NODELAY=1 DJL_OFFLINE=true
source scripts/worker-runtime.sh
export GLIBC_TUNABLES="${GLIBC_TUNABLES:-$SPA_GLIBC_TUNABLES}"
exec java $SPA_WORKER_JAVA_OPTS -Dlogback.configurationFile=logback-benchmarks.xml -Dai.djl.offline=true -cp "tools/benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:tools/benchmarks/target/lib/*" \
  org.spagateway.benchmarks.SegRoundTripBenchmark "$@"
