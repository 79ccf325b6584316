#!/usr/bin/env bash
# Creates (once) the one Python virtual environment the tests use, under
# target/venv, with the tools in tests/tools/requirements.txt. Re-installs
# only when that file changes. Tests find the tools through WINGC_VENV or
# target/venv and fail with a message naming this script when they are
# missing.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
venv="${WINGC_VENV:-$root/target/venv}"
requirements="$root/tests/tools/requirements.txt"
stamp="$venv/.requirements"
if [ -f "$stamp" ] && cmp -s "$stamp" "$requirements"; then
  exit 0
fi
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"
cp "$requirements" "$stamp"
