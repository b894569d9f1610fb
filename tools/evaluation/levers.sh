#!/usr/bin/env bash
# Compares inference recipes of one shipped SPA model on the VALIDATION split (issue 17's inference-time levers;
# synthetic data; SPA's own figures, no baselines needed): docs/evaluation/levers.md shows what chose the shipped one.
# Usage: tools/evaluation/levers.sh <task> <out.md> "<w,a,b>;<w,a,b>;..." [--images 80] [--profile-sequences 4]
# (recipes as posteriorWeight,piSharpness,recommendationSharpness; the first is what the others are compared with)
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -ge 3 ] || { sed -n 2,5p "$0" >&2; exit 2; }
task=$1 out=$2 recipes=$3
shift 3
# The evaluation and the modules it depends on, from the root (the test command only verifies, it installs nothing).
mvn -q -B -o -Dstyle.color=never -Dmaven.test.skip=true -pl tools/evaluation -am install
mvn -q -B -o -Dstyle.color=never -f tools/evaluation/pom.xml compile dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
CP="tools/evaluation/target/classes:$(cat tools/evaluation/target/classpath.txt)"
export DJL_OFFLINE=true
source scripts/worker-runtime.sh
export GLIBC_TUNABLES="${GLIBC_TUNABLES:-$SPA_GLIBC_TUNABLES}"
java -Xmx3g -cp "$CP" org.spagateway.evaluation.LeverSweep --task "$task" --model "models/spa-$task.params" \
  --recipes "$recipes" --out "$out" "$@"
