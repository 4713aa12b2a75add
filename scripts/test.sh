#!/usr/bin/env bash
# Runs the linter (ruff), the type checker (mypy, strict on generator/) and the whole test suite,
# installing what it needs first: Debian's chromium (browser
# tests), poppler-utils (PDF tests), a Java runtime and Node.js (Nu HTML checker), the npm
# tools pinned in package-lock.json, and the Python packages into .venv.
# Extra arguments go to pytest (e.g. -k search).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null || need+=(chromium)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
command -v java >/dev/null || need+=(default-jre-headless)
command -v npm >/dev/null || need+=(nodejs npm)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

stamp="node_modules/.installed-$(sha256sum package-lock.json | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
  touch "$stamp"
fi

bash scripts/setup-venv.sh "test"
.venv/bin/ruff check generator tests bench scripts
.venv/bin/mypy  # strict on generator/ (pyproject.toml)
exec .venv/bin/python -m pytest -n 2 "$@"
