#!/usr/bin/env bash
# The compatibility figure: runs every program of tests/compat (or the ones
# named as arguments) with Wing 0.85.49 and with wingc, `test` on each, and
# prints one row per program and the pass counts of both.
#
# Each program runs as `main.w` in a scratch directory of its own, beside a
# copy of tests/compat/libs (Wing reads every other `.w` file of an
# entrypoint's directory as part of its package, so programs cannot share
# one). Logs of both runs are kept under target/compat (or COMPAT_OUT).
#
#   WING   the Wing CLI (default /work/wingref/node_modules/.bin/wing).
#          To install it, outside this repository:
#            mkdir -p /work/wingref && cd /work/wingref && npm install winglang@0.85.49
#   WINGC  a built wingc binary (default: `cargo build --release -p wingc-cli`
#          is run, then target/release/wingc is used).
#
# Exit code 0 whatever the counts; 2 when a tool is missing.
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
corpus="$root/tests/compat"
wing="${WING:-/work/wingref/node_modules/.bin/wing}"
out="${COMPAT_OUT:-$root/target/compat}"
limit="${COMPAT_TIMEOUT:-300}"

if [ ! -x "$wing" ]; then
  echo "Wing not found at $wing. Install Wing 0.85.49 outside this repository:" >&2
  echo "  mkdir -p /work/wingref && cd /work/wingref && npm install winglang@0.85.49" >&2
  echo "or point WING at its bin/wing." >&2
  exit 2
fi
if [ -z "${WINGC:-}" ]; then
  (cd "$root" && cargo build --quiet --release -p wingc-cli) || exit 2
  wingc="$root/target/release/wingc"
else
  wingc="$WINGC"
fi
if [ ! -x "$wingc" ]; then
  echo "wingc not found at $wingc (set WINGC to a built binary)" >&2
  exit 2
fi
# Each program runs in a directory of its own: a relative path would not
# reach the binary from there.
wingc="$(cd "$(dirname "$wingc")" && pwd)/$(basename "$wingc")"

if [ $# -gt 0 ]; then
  programs=("$@")
else
  programs=()
  for f in "$corpus"/*.w; do programs+=("$(basename "$f" .w)"); done
fi

rm -rf "$out"
mkdir -p "$out"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

# run NAME TOOL LOG: `TOOL test main.w` in a fresh copy of program NAME;
# prints pass or fail.
run() {
  local dir="$scratch/$1-$(basename "$2")"
  mkdir -p "$dir"
  cp "$corpus/$1.w" "$dir/main.w"
  cp -r "$corpus/libs" "$dir/libs"
  if (cd "$dir" && timeout "$limit" "$2" test main.w) >"$3" 2>&1; then
    echo pass
  else
    echo fail
  fi
}

wing_pass=0
wingc_pass=0
printf '%-32s %-6s %-6s\n' program wing wingc
for name in "${programs[@]}"; do
  name="${name%.w}"
  name="$(basename "$name")"
  w=$(run "$name" "$wing" "$out/$name.wing.log")
  c=$(run "$name" "$wingc" "$out/$name.wingc.log")
  [ "$w" = pass ] && wing_pass=$((wing_pass + 1))
  [ "$c" = pass ] && wingc_pass=$((wingc_pass + 1))
  printf '%-32s %-6s %-6s\n' "$name" "$w" "$c"
done
total=${#programs[@]}
echo
echo "Wing 0.85.49: $wing_pass/$total pass"
echo "wingc:        $wingc_pass/$total pass"
echo "logs: $out"
