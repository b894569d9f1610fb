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
source tools/evaluation/runtime.sh
java -Xmx3g -cp "$CP" org.spagateway.evaluation.LeverSweep --task "$task" --model "models/spa-$task.params" \
  --recipes "$recipes" --out "$out" "$@"
