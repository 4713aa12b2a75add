#!/usr/bin/env bash
# Runs the whole test suite, installing what it needs first: Python packages into .venv,
# and Debian's chromium and poppler-utils for the browser and PDF tests.
# Extra arguments go to pytest (e.g. -k search).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null || need+=(chromium)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

bash scripts/setup-venv.sh "test"
exec .venv/bin/python -m pytest -n 2 "$@"
