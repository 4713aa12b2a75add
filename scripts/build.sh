#!/usr/bin/env bash
# Builds the site from content/ into site/, installing what it needs into .venv first.
# Extra arguments go to `python -m generator build` (e.g. --strict).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-venv.sh ""
exec .venv/bin/python -m generator build "$@"
