#!/usr/bin/env bash
# The main job on a fresh machine: set up, build the bundled documents into the
# embedded store (and graph/), print a summary of what was found.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
.venv/bin/plankg build corpus/ "$@"
.venv/bin/plankg documents
