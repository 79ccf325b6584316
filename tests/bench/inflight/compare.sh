#!/usr/bin/env bash
# The inflight workloads of issue 9, run by wingc and by Wing side by side.
# Each `*.test.w` here is one `test` block that times its own work and logs
# `BENCH <name> <ms>`; this script runs every file with both and prints one
# row per workload: the median of RUNS runs (default 3) of each, and the
# ratio Wing / wingc (above 1: wingc is faster).
#
#   tests/bench/inflight/compare.sh
#   WING=/path/to/node_modules/.bin/wing RUNS=5 tests/bench/inflight/compare.sh
#
# Needs a release wingc (`cargo build --release -p wingc-cli`) and Wing
# 0.85.49 from npm (`npm install winglang@0.85.49` in a folder outside the
# repository; point WING at its node_modules/.bin/wing). Not a test: nothing
# here asserts a time.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
wingc="${WINGC:-$root/target/release/wingc}"
wing="${WING:-wing}"
runs="${RUNS:-3}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

[ -x "$wingc" ] || { echo "no $wingc: run cargo build --release -p wingc-cli" >&2; exit 1; }
command -v "$wing" >/dev/null || { echo "no Wing: npm install winglang@0.85.49 and set WING" >&2; exit 1; }

# The median of the BENCH figures that `$@` prints over $runs runs.
median_ms() {
  for _ in $(seq "$runs"); do
    "$@" 2>&1 | sed -n 's/.*BENCH [a-z]* \([0-9.]*\).*/\1/p' | head -1
  done | sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else print v[int((NR + 1) / 2)] }'
}

printf '%-10s %10s %10s %8s\n' workload "wingc ms" "Wing ms" ratio
for file in "$here"/*.test.w; do
  name="$(basename "$file" .test.w)"
  cp "$file" "$scratch/"
  ours="$(cd "$scratch" && median_ms "$wingc" test "$(basename "$file")")"
  theirs="$(cd "$scratch" && median_ms "$wing" test "$(basename "$file")")"
  ratio="$(awk -v a="$ours" -v b="$theirs" 'BEGIN { if (a == "-" || b == "-") print "-"; else printf "%.2fx", b / (a > 0 ? a : 1) }')"
  printf '%-10s %10s %10s %8s\n' "$name" "$ours" "$theirs" "$ratio"
done
