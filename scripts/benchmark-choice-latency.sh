#!/usr/bin/env bash
# Choice accepted -> next CandidatesReady (p50/p95 over --choices choices, goal p95 <= 200 ms, issue 18) on the all-in-one
# stack, with the bare model round measured in the same run as the baseline.
# Usage: scripts/benchmark-choice-latency.sh [--choices N] [--torch-threads T] [--sample-threads S] [--size PX]
# Results are recorded in docs/benchmarks.md with the command and the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
if [[ -z "${SPA_BENCH_SKIP_BUILD:-}" ]]; then
  mvn -B -q -Dstyle.color=never -Dmaven.test.skip=true -pl :benchmarks -am package
fi
export TCP_NODELAY=1 DJL_OFFLINE=true
source scripts/worker-runtime.sh
export GLIBC_TUNABLES="${GLIBC_TUNABLES:-$SPA_GLIBC_TUNABLES}"
exec java $SPA_WORKER_JAVA_OPTS -Dlogback.configurationFile=logback-benchmarks.xml -Dai.djl.offline=true -cp "tools/benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:tools/benchmarks/target/lib/*" \
  org.spagateway.benchmarks.ChoiceLatencyBenchmark "$@"
