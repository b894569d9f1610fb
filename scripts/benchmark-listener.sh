#!/usr/bin/env bash
# C-STORE throughput: this project's DICOM listener vs dcmtk storescp vs Orthanc, same machine, same run.
# Usage: scripts/benchmark-listener.sh [--instances N] [--rounds R] [--size PIXELS]
# Results are recorded in docs/benchmarks.md with the command and the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
mvn -B -q -Dstyle.color=never -Dmaven.test.skip=true -pl :benchmarks -am package
export TCP_NODELAY=1
exec java -Dlogback.configurationFile=logback-benchmarks.xml -cp "tools/benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:tools/benchmarks/target/lib/*" \
  org.spagateway.benchmarks.ListenerThroughputBenchmark "$@"
