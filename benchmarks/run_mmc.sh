#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Whole-process M/M/c benchmark through the zccsim CLI: one replication of an
# M/M/10 queue (rho = 0.9) with about 10^6 customers (mmc_1m.yaml) and about
# 10^7 customers (mmc_10m.yaml), each run REPS times under GNU time. Prints the
# median wall time and median peak RSS, and the 10^7 / 10^6 peak-memory ratio.
# Targets: 10^6 customers in < 0.3 s and < 50 MiB; 10^7 peak memory equal to
# 10^6 peak memory (bounded-memory statistics).
#
# usage: benchmarks/run_mmc.sh [--quick] [--reps R] [ZCCSIM]
#   ZCCSIM   the zccsim binary (default: build/release/zccsim under the repo root)
#   --quick  3 repetitions instead of 7
# Works from any directory. Exit status: 0 on success (targets are reported,
# not enforced: the numbers depend on the machine), 1 if a run fails or
# simulates the wrong number of customers, 2 on a usage error.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=benchmarks/timing.sh
source "$here/timing.sh"
bench_options 7 3 "$@"  # sets reps and zccsim

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# Untimed sanity run: the scenario must simulate about `expected` customers.
check_customers() {
  local yaml="$1" expected="$2" json="$tmp/check.json"
  "$zccsim" run "$yaml" --replications 1 --threads 1 --quiet --json "$json"
  local n
  n="$(grep -m1 -A1 '"arrivals"' "$json" | sed -n 's/.*"mean": *\([0-9.eE+-]*\).*/\1/p')"
  if [[ -z "$n" ]] || ! awk -v n="$n" -v e="$expected" 'BEGIN {exit !(n > 0.99 * e && n < 1.01 * e)}'; then
    echo "run_mmc.sh: $yaml simulated '${n:-?}' customers, expected about $expected" >&2
    exit 1
  fi
  echo "$n"
}

# bench NAME YAML EXPECTED: prints a row; sets last_wall (s) and last_rss (MiB) to the medians
last_wall="" last_rss=""
bench() {
  local name="$1" yaml="$2" expected="$3" customers
  customers="$(check_customers "$yaml" "$expected")"
  time_runs "$reps" "$tmp/$name" "$zccsim" run "$yaml" --replications 1 --threads 1 --quiet
  # columns of $tmp/$name: wall seconds, peak RSS KiB
  local stats
  stats="$(medians "$tmp/$name")"
  stats+=" $(sort -g -k1,1 "$tmp/$name" | awk 'NR == 1 {lo = $1} END {print lo "-" $1}')"
  stats+=" $(sort -g -k2,2 "$tmp/$name" | awk 'NR == 1 {lo = $2} END {printf "%.1f-%.1f", lo / 1024, $2 / 1024}')"
  local wall rss wall_range rss_range
  read -r wall rss wall_range rss_range <<<"$stats"
  last_wall="$wall" last_rss="$rss"
  printf '%-10s %12s %8d %14s %12s %12.1f %12s\n' "$name" "$customers" "$reps" "$wall" "$wall_range" "$rss" "$rss_range"
}

echo "M/M/10 (rho = 0.9), one replication, --threads 1, $reps runs each; binary: $zccsim"
printf '%-10s %12s %8s %14s %12s %12s %12s\n' scenario customers runs "median wall s" "wall range" "median MiB" "MiB range"
bench 1m "$here/mmc_1m.yaml" 1000000
wall_1m="$last_wall" rss_1m="$last_rss"
bench 10m "$here/mmc_10m.yaml" 10000000
rss_10m="$last_rss"

ratio="$(awk -v a="$rss_10m" -v b="$rss_1m" 'BEGIN {printf "%.3f", a / b}')"
verdict() { if awk "BEGIN {exit !($1)}"; then echo MET; else echo "NOT MET"; fi; }
echo
echo "peak memory 10^7 / 10^6: $ratio"
echo "target 10^6 customers < 0.3 s:   $(verdict "$wall_1m < 0.3") (median $wall_1m s)"
echo "target 10^6 customers < 50 MiB:  $(verdict "$rss_1m < 50") (median $(printf '%.1f' "$rss_1m") MiB)"
echo "target 10^7 memory = 10^6 memory: $(verdict "$ratio <= 1.10") (ratio $ratio; tolerance 10 %)"
