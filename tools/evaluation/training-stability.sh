#!/usr/bin/env bash
# Runs the smoke training (SpaTrainerTest's recipe) over many seeds, with and without a small perturbation of the
# initial weights, on each oneDNN instruction-set path this CPU has: the default (AVX-512 where present),
# ONEDNN_MAX_CPU_ISA=AVX2 (where the default is AVX-512) and AVX (the path without the backward-data defect, where the
# trainer's gradient check keeps the plain layers). Prints one Markdown table per path and exits non-zero if any run
# did not converge. Synthetic data only. About 25 s per run on one core.
# Usage: tools/evaluation/training-stability.sh [--seeds 1..10] [--perturbation 0,0.001]
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -f model/spa-model/target/classpath.txt ] || [ model/spa-model/pom.xml -nt model/spa-model/target/classpath.txt ]; then
  mvn -q -B -o -Dstyle.color=never -f model/spa-model/pom.xml compile dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
fi
# A snapshot of the compiled classes, so rebuilding spa-model while this runs cannot mix class versions.
SNAPSHOT=tools/evaluation/target/stability-classes
rm -rf "$SNAPSHOT" && mkdir -p "$SNAPSHOT" && cp -r model/spa-model/target/classes/. "$SNAPSHOT"/
CP="$SNAPSHOT:$(cat model/spa-model/target/classpath.txt)"
paths=(default)
if grep -q avx512f /proc/cpuinfo; then paths+=(AVX2); fi
if grep -q avx2 /proc/cpuinfo; then paths+=(AVX); fi
echo "CPU: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; AVX-512: $(grep -q avx512f /proc/cpuinfo && echo yes || echo no)"
status=0
for path in "${paths[@]}"; do
  echo
  echo "### oneDNN ISA path: $path"
  echo
  if [ "$path" = default ]; then
    env -u ONEDNN_MAX_CPU_ISA OMP_NUM_THREADS=1 DJL_OFFLINE=true java -cp "$CP" \
      org.spagateway.spa.model.training.TrainingStabilityCommand --label "$path" "$@" || status=1
  else
    ONEDNN_MAX_CPU_ISA=$path OMP_NUM_THREADS=1 DJL_OFFLINE=true java -cp "$CP" \
      org.spagateway.spa.model.training.TrainingStabilityCommand --label "$path" "$@" || status=1
  fi
done
exit $status
