#!/usr/bin/env bash
# The shipped SaSR-Net is trained on features of the shipped backbone (models/backbone-synth), so both are rebuilt
# together: see models/reproduce.sh, which this runs.
#   models/sasr-synth/reproduce.sh [DATA_DIR]
set -euo pipefail
exec "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/reproduce.sh" "$@"
