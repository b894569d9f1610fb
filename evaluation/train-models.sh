#!/usr/bin/env bash
# Trains every model the evaluation compares, one after another, on the CPU (deterministic seeds; synthetic data).
#   models/spa-<task>                 SPA, shipped (committed) weights
#   <cache>/spa-<task>-click          baseline (b): click-based interactive, same backbone and data
#   <cache>/spa-<task>-deterministic  baseline (a): no z, no interaction
#   <cache>/spa-<task>-rater<k>       deterministic model trained on rater k only (diagonal-dominance matrix)
#   <cache>/spa-<task>-without-r4     SPA trained without rater 4 (unseen-annotator evaluation)
# SPA-frozen needs no training (the SPA weights with theta never updated).
# Usage: evaluation/train-models.sh [task...]   (default: optic-cup nodule); skips models that already exist.
set -euo pipefail
cd "$(dirname "$0")/.."
CACHE=${SPA_BASELINE_DIR:-evaluation/target/models}
THREADS=${SPA_TRAIN_THREADS:-1}
TASKS=("$@")
[ ${#TASKS[@]} -gt 0 ] || TASKS=(optic-cup nodule)

if [ ! -f spa-model/target/classpath.txt ] || [ spa-model/pom.xml -nt spa-model/target/classpath.txt ]; then
  mvn -q -B -o -Dstyle.color=never -f spa-model/pom.xml compile dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
fi
# A snapshot of the compiled classes, so rebuilding spa-model while this runs cannot mix class versions.
SNAPSHOT=evaluation/target/train-classes
rm -rf "$SNAPSHOT" && mkdir -p "$SNAPSHOT" && cp -r spa-model/target/classes/. "$SNAPSHOT"/
CP="$SNAPSHOT:$(cat spa-model/target/classpath.txt)"

DONE=evaluation/target/trained   # a finished run leaves a marker here; per-epoch checkpoints alone do not count
mkdir -p "$DONE"

train() { # out name args...
  local out=$1 name=$2; shift 2
  if [ -f "$DONE/$name" ] && [ -f "$out/$name.params" ]; then
    echo "[train-models] $out/$name exists, skipped" >&2; return
  fi
  echo "[train-models] training $name" >&2
  OMP_NUM_THREADS=$THREADS DJL_OFFLINE=true nice -n 19 java -Xmx3g -cp "$CP" \
    org.spagateway.model.training.TrainCommand --out "$out" --name "$name" --threads "$THREADS" \
    --val-images 24 "$@"
  touch "$DONE/$name"
}

for task in "${TASKS[@]}"; do
  train models "spa-$task" --task "$task" --train-images 256 --epochs 5
  train "$CACHE" "spa-$task-click" --task "$task" --variant click --train-images 256 --epochs 5
  train "$CACHE" "spa-$task-deterministic" --task "$task" --variant deterministic --train-images 256 --epochs 5
  for k in 0 1 2 3; do
    others=$(printf '%s\n' 0 1 2 3 | grep -vx "$k" | paste -sd,)
    train "$CACHE" "spa-$task-rater$((k + 1))" --task "$task" --variant deterministic --held-out "$others" \
      --train-images 256 --epochs 5
  done
  train "$CACHE" "spa-$task-without-r4" --task "$task" --held-out 3 --train-images 256 --epochs 5
done
