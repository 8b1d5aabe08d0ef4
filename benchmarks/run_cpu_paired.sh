#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Paired CPU time of two zccsim builds (e.g. before and after a refactor):
# the default region-year (scenarios/midden_nederland.yaml, one thread; 3
# replications per run, so that GNU time's 10 ms resolution is < 0.5 %) and
# M/M/10 with about 10^6 customers (benchmarks/mmc_1m.yaml, 5 replications per
# run, likewise), each run REPS times by both binaries, interleaved (A B A B ...; wall time
# on shared machines varies 2x, CPU time of a pair much less). Prints per
# case the median and the minimum user+system CPU seconds of each binary and
# the median of the per-pair ratios NEW/BASE, and checks that both give
# identical JSON (with --different, for a change meant to move results, it
# only says whether they differ). On a shared machine CPU time is bimodal (a
# busy SMT sibling or a lower clock adds ~30 %): the minimum is the steadier
# comparison.
#
# With --instructions it counts instead the instructions each binary executes
# for one replication of each case (valgrind --tool=callgrind, ~50x slower):
# deterministic, so a difference of 0.1 % is visible where CPU time cannot
# show 5 %.
#
# usage: benchmarks/run_cpu_paired.sh [--reps R] [--different] [--instructions] BASE_ZCCSIM [NEW_ZCCSIM]
#   NEW_ZCCSIM defaults to build/release/zccsim; R defaults to 7.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
reps=7
instructions=0
different=0
while [[ "${1:-}" == --* ]]; do
  case "$1" in
    --reps) reps="$2"; shift 2 ;;
    --instructions) instructions=1; shift ;;
    --different) different=1; shift ;;
    *) echo "$0: unknown option '$1'" >&2; exit 2 ;;
  esac
done
[[ $# -ge 1 ]] || { echo "usage: $0 [--reps R] [--different] [--instructions] BASE_ZCCSIM [NEW_ZCCSIM]" >&2; exit 2; }
base="$1"
new="${2:-$root/build/release/zccsim}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

cpu() {  # cpu BINARY ARGS...: prints user+system seconds
  /usr/bin/time -f "%U %S" -o "$tmp/t" "$@" >/dev/null
  awk '{printf "%.3f\n", $1 + $2}' "$tmp/t"
}
median() { sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

run_case() {
  local name="$1"; shift
  : >"$tmp/a"; : >"$tmp/b"; : >"$tmp/r"
  "$base" run "$@" --json "$tmp/base.json" --quiet
  "$new" run "$@" --json "$tmp/new.json" --quiet
  if ! cmp -s "$tmp/base.json" "$tmp/new.json"; then
    echo "$name: the two builds give different results" >&2
    ((different)) || exit 1
  fi
  for ((i = 0; i < reps; i++)); do
    a=$(cpu "$base" run "$@" --quiet)
    b=$(cpu "$new" run "$@" --quiet)
    echo "$a" >>"$tmp/a"; echo "$b" >>"$tmp/b"
    awk -v a="$a" -v b="$b" 'BEGIN {printf "%.4f\n", b / a}' >>"$tmp/r"
  done
  printf "%-24s median: base %6.3f s, new %6.3f s; min: base %6.3f s, new %6.3f s; new/base (median of %d pairs) %.3f\n" \
    "$name" "$(median <"$tmp/a")" "$(median <"$tmp/b")" "$(sort -g "$tmp/a" | head -1)" "$(sort -g "$tmp/b" | head -1)" \
    "$reps" "$(median <"$tmp/r")"
}

if ((instructions)); then
  count() {  # count BINARY ARGS...: instructions executed (callgrind's Ir)
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | awk '/Collected/ {print $4}'
  }
  for c in "$root/scenarios/midden_nederland.yaml:default region-year" "$here/mmc_1m.yaml:M/M/10, 10^6 customers" \
           "$here/mmc_1m.yaml:startup (validate)"; do
    file="${c%%:*}" name="${c#*:}"
    if [[ "$name" == startup* ]]; then args=(validate "$file"); else args=(run "$file" --replications 1 --threads 1 --quiet); fi
    a=$(count "$base" "${args[@]}")
    b=$(count "$new" "${args[@]}")
    awk -v n="$name" -v a="$a" -v b="$b" 'BEGIN {printf "%-24s base %14.0f  new %14.0f  new/base %.4f\n", n, a, b, b / a}'
  done
  exit 0
fi
echo "CPU time (user+system), medians; $(nproc) cores, $(uptime | sed 's/.*load/load/')"
run_case "default region-year x3" "$root/scenarios/midden_nederland.yaml" --replications 3 --threads 1
run_case "M/M/10, 10^6 cust. x5" "$here/mmc_1m.yaml" --replications 5 --threads 1
