#!/usr/bin/env bash
# Issue 13's crash test: the all-in-one gateway runs as a child JVM and is killed with SIGKILL at random moments while
# synthetic fundus studies and their choices flow, then started again on the same data; at the end nothing storescu
# saw stored or the choice API accepted may be lost or done twice, and the listener's outbox must be empty.
# Usage: scripts/crash-test.sh [--studies N] [--kills K] [--min-uptime S] [--max-uptime S] [--seed X] [--work DIR]
# Defaults: 200 studies, 10 kills. Prints a Markdown table; exit status 1 when anything was lost or doubled.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
if [[ -z "${SPA_BENCH_SKIP_BUILD:-}" ]]; then
  mvn -B -q -Dstyle.color=never -Dmaven.test.skip=true -pl :benchmarks -am package
fi
export DJL_OFFLINE=true
exec java -Dlogback.configurationFile=logback-benchmarks.xml -Dai.djl.offline=true -cp "tools/benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:tools/benchmarks/target/lib/*" \
  org.spagateway.benchmarks.CrashTest "$@"
