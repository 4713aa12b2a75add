#!/usr/bin/env bash
# Runs the benchmark (bench/run.py) and rewrites the results section of BENCHMARKS.md and
# bench/build-time.png. Takes about ten minutes; run it on an otherwise idle machine.
# Extra arguments go to bench/run.py (e.g. --sizes 100 1000, --no-lighthouse).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v chromium >/dev/null || { sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"; $sudo apt-get update -qq; DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null; }
bash scripts/setup-venv.sh "test,bench"
if [ -f package.json ] && command -v npm >/dev/null; then
  npm ci --silent --no-audit --no-fund >/dev/null
fi
exec .venv/bin/python bench/run.py "$@"
