#!/usr/bin/env bash
# Rebuilds both shipped models from scratch on the CPU: the default synthetic benchmark, the trained backbone
# (models/backbone-synth), its probes beside seeded-v1's, the benchmark's features with it, SaSR-Net
# (models/sasr-synth), its test-split evaluation, and the robustness check on a set with another seed and another
# General MIDI sound bank. Times on 2 cores are in models/backbone-synth/README.md and models/sasr-synth/README.md.
#   models/reproduce.sh [DATA_DIR]          (default data/synth; the robustness set goes to DATA_DIR-sf)
# The robustness set needs a second sound bank: apt-get install timgm6mb-soundfont
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${1:-data/synth}"
cd "$root"
./avqa dataset synth --out "$data"
./avqa features train --dataset "$data" --out models/backbone-synth
./avqa features probe --dataset "$data" --weights seeded-v1 --weights models/backbone-synth \
  --out models/backbone-synth/probes
./avqa features extract --dataset "$data" --weights models/backbone-synth
./avqa train --dataset "$data" --preset sasr-small --lr 1e-3 --epochs 12 --decay-every 8 --seed 42 --out models/sasr-synth
./avqa eval --model models/sasr-synth --dataset "$data" --split test
./avqa dataset synth --out "$data-sf" --clips 500 --seed 20261207 --soundfont /usr/share/sounds/sf2/TimGM6mb.sf2
./avqa features extract --dataset "$data-sf" --weights models/backbone-synth
./avqa eval --model models/sasr-synth --dataset "$data-sf" --split test
