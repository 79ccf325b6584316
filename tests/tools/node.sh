#!/usr/bin/env bash
# Installs (once) the Node tools the tests drive, pinned by
# tests/tools/node/package-lock.json, under target/node-tools (or
# WINGC_NODE_TOOLS). Re-installs only when the lock file changes. Tests
# run this script themselves and fail with a message naming it when the
# tools cannot be installed (no npm, no network).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
tools="${WINGC_NODE_TOOLS:-$root/target/node-tools}"
lock="$root/tests/tools/node/package-lock.json"
stamp="$tools/.lock"
if [ -f "$stamp" ] && cmp -s "$stamp" "$lock"; then
  exit 0
fi
mkdir -p "$tools"
cp "$root/tests/tools/node/package.json" "$lock" "$tools/"
(cd "$tools" && npm ci --no-audit --no-fund --loglevel=error)
cp "$lock" "$stamp"
