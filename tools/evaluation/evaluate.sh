#!/usr/bin/env bash
# Runs the evaluation (all methods, one run) and the one-round CPU benchmark, on the shipped weights: SPA in models/,
# the baselines in models/baselines (checked against models/baselines/SHA256SUMS first), so no training is needed.
# Baselines trained here instead (tools/evaluation/train-models.sh): --baselines tools/evaluation/target/models.
# Usage: tools/evaluation/evaluate.sh [output dir, default docs/evaluation] [extra spa-evaluate options...]
# It writes README.md anew: the published docs/evaluation/README.md adds hand-written sections around the generated ones.
# spa-evaluate's defaults are the report's (150 test images on data seed 1207, 6 rounds; each SPA model's own recipe).
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${1:-docs/evaluation}
shift || true
(cd models/baselines && sha256sum --quiet -c SHA256SUMS) || {
  echo "models/baselines does not match its SHA256SUMS: the report's baselines are not these" >&2; exit 1; }
source tools/evaluation/runtime.sh
nice -n 19 java -Xmx4g -Djava.awt.headless=true -cp "$CP" org.spagateway.evaluation.EvaluationCommand --out "$OUT" "$@"
for task in optic-cup nodule; do
  java $SPA_WORKER_JAVA_OPTS -cp "$CP" org.spagateway.evaluation.RoundBenchmark --model "models/spa-$task.params" --threads 2 \
    --out "$OUT/round-benchmark-$task.md"
done
