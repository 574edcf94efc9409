#!/usr/bin/env bash
# Rebuilds the shipped model from scratch: the default synthetic benchmark, its seeded-v1 features, training with
# the recipe of README.md, and the test-split evaluation (about 70 minutes on 2 cores). Writes the data to
# DATA_DIR (default data/synth) and the model to OUT (default models/sasr-synth, replacing the shipped one).
#   models/sasr-synth/reproduce.sh [DATA_DIR] [OUT]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
data="${1:-data/synth}"
out="${2:-models/sasr-synth}"
cd "$root"
./avqa dataset synth --out "$data"
./avqa features extract --dataset "$data"
./avqa train --dataset "$data" --preset sasr-small --lr 1e-3 --epochs 20 --decay-every 10 --seed 42 --out "$out"
./avqa eval --model "$out" --dataset "$data" --split test
