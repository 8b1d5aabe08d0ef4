#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Whole-process benchmark of the acute-care model through the zccsim CLI:
# one replication of one year, one thread, of the default region
# (scenarios/midden_nederland.yaml) and of the national scenario
# (scenarios/national.yaml), each REPS times under GNU time.
# Targets: default region < 1 s and < 300 MiB; national < 15 s.
#
# usage: benchmarks/run_acute.sh [--quick] [--reps R] [ZCCSIM]
#   ZCCSIM   the zccsim binary (default: build/release/zccsim under the repo root)
#   --quick  3 repetitions instead of 5
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
# shellcheck source=benchmarks/timing.sh
source "$here/timing.sh"
bench_options 5 3 "$@"  # sets reps and zccsim
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

printf '%-18s %10s %6s %14s %12s %16s\n' scenario inhabitants runs "median wall s" "median MiB" "events (1 run)"
for s in midden_nederland national; do
  yaml="$root/scenarios/$s.yaml"
  events="$("$zccsim" run "$yaml" --replications 1 --threads 1 | sed -n 's/^\([0-9]*\) events in.*/\1/p')"
  pop="$("$zccsim" validate "$yaml" | sed -n 's/.*sites, \([0-9.e+]*\) inhabitants.*/\1/p')"
  time_runs "$reps" "$tmp/$s" "$zccsim" run "$yaml" --replications 1 --threads 1 --quiet
  read -r wall rss <<<"$(medians "$tmp/$s")"
  printf '%-18s %10s %6d %14s %12.1f %16s\n' "$s" "$pop" "$reps" "$wall" "$rss" "$events"
done
