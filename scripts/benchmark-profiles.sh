#!/usr/bin/env bash
# Choice events -> preference-profile updates per second (Kafka Streams, exactly-once, RocksDB) on an embedded broker,
# against plain and transactional consumer->producer pass-throughs of the same records, same machine, same run.
# Usage: scripts/benchmark-profiles.sh [--clinicians N] [--tasks T] [--choices C] [--threads S] [--rounds R]
# SPA_BENCH_SKIP_BUILD=1 runs the jar already in tools/benchmarks/target (e.g. while others build on the same machine).
# Results are recorded in docs/profiles.md with the command and the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${SPA_BENCH_SKIP_BUILD:-0}" != "1" ]; then
  scripts/setup.sh
  mvn -B -q -Dstyle.color=never -Dmaven.test.skip=true -pl :benchmarks -am package
fi
echo "nproc: $(nproc); $(grep -m1 'model name' /proc/cpuinfo); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
exec java -Dlogback.configurationFile=logback-benchmarks.xml -cp "tools/benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:tools/benchmarks/target/lib/*" \
  org.spagateway.benchmarks.ProfileThroughputBenchmark "$@"
