#!/usr/bin/env bash
# Trains every model the evaluation compares, one after another, on the CPU (deterministic seeds; synthetic data).
#   <spa>/spa-<task>                  SPA (default models/: the shipped, committed weights)
#   <cache>/spa-<task>-click          baseline (b): click-based interactive, same backbone and data
#   <cache>/spa-<task>-deterministic  baseline (a): no z, no interaction
#   <cache>/spa-<task>-rater<k>       deterministic model trained on rater k only (diagonal-dominance matrix)
#   <cache>/spa-<task>-without-r4     SPA trained without rater 4 (unseen-annotator evaluation)
#   <cache>/spa-<task>-click-without-r4  the click baseline trained without rater 4 (its fair counterpart there)
# The frozen arms need no training (the SPA weights with theta, or pi, never updated).
# SPA and the click baseline train with the same number of simulated rounds per batch (a fair budget), the paper's 6,
# and on the same studies: half of them in per-rater study sequences (issue 17; the click baseline from pi_init).
# A finished model's marker in SPA_TRAINED_DIR records its options: a model trained with other options (a click
# baseline from before issue 17, say) is trained again.
# SPA also trains half of its studies in per-rater study sequences (carried profile as the round-1 pi-MLP input;
# model/spa-model/MODEL.md deviation 19), draws one mixture component per sample and estimates pi from the latents of the
# chosen candidate's samples (deviation 20). SPA_RECIPE=issue-3 trains SPA without deviation 20 (the previous recipe).
# The report's baselines ship in models/baselines (with SHA256SUMS): this script is how they were made (seed 1) and
# what trains them again; copy a new set there (and regenerate SHA256SUMS) only together with a new report.
# Usage: tools/evaluation/train-models.sh [task...]   (default: optic-cup nodule); skips models that already exist.
# Environment: SPA_MODEL_DIR (default models), SPA_BASELINE_DIR (default tools/evaluation/target/models),
# SPA_TRAINED_DIR (finished-run markers, default tools/evaluation/target/trained), SPA_TRAIN_THREADS (default 1),
# ONEDNN_MAX_CPU_ISA (default AVX, see below).
set -euo pipefail
cd "$(dirname "$0")/../.."
SPA_DIR=${SPA_MODEL_DIR:-models}
CACHE=${SPA_BASELINE_DIR:-tools/evaluation/target/models}
THREADS=${SPA_TRAIN_THREADS:-1}
# oneDNN's AVX kernels compute every gradient of this network right and, on the 2-core AMD EPYC (AVX-512) measured,
# train about 1.5x faster than its AVX-512 kernels, whose narrow convolutions the trainer must pad to get right
# (spa-model MODEL.md, "Training on x86-64 CPUs"). Inference is not affected by this setting (training only).
ISA=${ONEDNN_MAX_CPU_ISA:-AVX}
TASKS=("$@")
[ ${#TASKS[@]} -gt 0 ] || TASKS=(optic-cup nodule)

if [ ! -f model/spa-model/target/classpath.txt ] || [ model/spa-model/pom.xml -nt model/spa-model/target/classpath.txt ]; then
  # spa-model's own modules first, from the root (the test command only verifies, it installs nothing).
  mvn -q -B -o -Dstyle.color=never -Dmaven.test.skip=true -pl model/spa-model -am install
  mvn -q -B -o -Dstyle.color=never -f model/spa-model/pom.xml compile dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
fi
# A snapshot of the compiled classes, so rebuilding spa-model while this runs cannot mix class versions.
# One snapshot per task list, so the two tasks can train in parallel.
SNAPSHOT="tools/evaluation/target/train-classes-$(IFS=-; echo "${TASKS[*]}")"
rm -rf "$SNAPSHOT" && mkdir -p "$SNAPSHOT" && cp -r model/spa-model/target/classes/. "$SNAPSHOT"/
CP="$SNAPSHOT:$(cat model/spa-model/target/classpath.txt)"

DONE=${SPA_TRAINED_DIR:-tools/evaluation/target/trained}   # a finished run leaves a marker; checkpoints alone do not count
mkdir -p "$DONE"

train() { # out name args...
  local out=$1 name=$2; shift 2
  local options="$*"
  if [ -f "$DONE/$name" ] && [ -f "$out/$name.params" ] && [ "$(cat "$DONE/$name")" = "$options" ]; then
    echo "[train-models] $out/$name exists, trained with these options: skipped" >&2; return
  fi
  echo "[train-models] training $name" >&2
  ONEDNN_MAX_CPU_ISA=$ISA OMP_NUM_THREADS=$THREADS DJL_OFFLINE=true nice -n 19 java -Xmx3g -cp "$CP" \
    org.spagateway.spa.model.training.TrainCommand --out "$out" --name "$name" --threads "$THREADS" \
    --val-images 24 "$@"
  echo "$options" > "$DONE/$name"
}

recipe() { # the rounds and sequence options shared by SPA (all of them) and the click baseline (the first four)
  if [ "${SPA_RECIPE:-}" = issue-3 ]; then
    echo "--rounds 6 --profile-fraction 0.5"
  else
    echo "--rounds 6 --profile-fraction 0.5 --ancestral --latent-pi-estimate"
  fi
}

for task in "${TASKS[@]}"; do
  read -r -a spa_opts <<< "$(recipe)"
  click_opts=("${spa_opts[@]:0:4}") # --rounds 6 --profile-fraction 0.5: the same studies as SPA (issue 17)
  train "$SPA_DIR" "spa-$task" --task "$task" --train-images 256 --epochs 5 "${spa_opts[@]}"
  train "$CACHE" "spa-$task-click" --task "$task" --variant click --train-images 256 --epochs 5 "${click_opts[@]}"
  train "$CACHE" "spa-$task-deterministic" --task "$task" --variant deterministic --train-images 256 --epochs 5
  for k in 0 1 2 3; do
    others=$(printf '%s\n' 0 1 2 3 | grep -vx "$k" | paste -sd,)
    train "$CACHE" "spa-$task-rater$((k + 1))" --task "$task" --variant deterministic --held-out "$others" \
      --train-images 256 --epochs 5
  done
  train "$CACHE" "spa-$task-without-r4" --task "$task" --held-out 3 --train-images 256 --epochs 5 "${spa_opts[@]}"
  train "$CACHE" "spa-$task-click-without-r4" --task "$task" --variant click --held-out 3 --train-images 256 \
    --epochs 5 "${click_opts[@]}"
done
