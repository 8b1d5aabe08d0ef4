#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# CPU time of one national replication-year beside the default region's
# (issue #13): `zccsim run FILE --replications 1 --threads 1 --quiet` of
# scenarios/midden_nederland.yaml, scenarios/national.yaml (real geography,
# today's chain), scenarios/variants/national_zcc.yaml (the nationwide zcc:
# the like-for-like of the synthetic one, which extended variants/zcc.yaml)
# and, with --synthetic REV, the synthetic national.yaml of git revision REV
# (the one before issue #13), interleaved (default, national, national_zcc,
# synthetic, default, ...) REPS times under GNU time. Prints per scenario the median and
# minimum user+system CPU seconds, the median peak RSS and the events of one
# run. Target (issue #13): a national year at most 6.6 s CPU (the synthetic
# one's), goal 3 s. On a shared machine CPU time varies with the load (a busy
# SMT sibling adds ~30 %): compare the scenarios of one run with each other.
#
# usage: benchmarks/run_national.sh [--quick] [--reps R] [--synthetic REV] [ZCCSIM]
#   ZCCSIM   the zccsim binary (default: build/release/zccsim under the repo root)
#   --quick  3 repetitions instead of 5
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
synthetic=""
args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --synthetic) [[ $# -ge 2 ]] || { echo "${0##*/}: --synthetic needs a git revision" >&2; exit 2; }
                 synthetic="$2"; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
# shellcheck source=benchmarks/timing.sh
source "$here/timing.sh"
bench_options 5 3 "${args[@]}"  # sets reps and zccsim
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

names=(midden_nederland national national_zcc)
files=("$root/scenarios/midden_nederland.yaml" "$root/scenarios/national.yaml"
       "$root/scenarios/variants/national_zcc.yaml")
if [[ -n "$synthetic" ]]; then
  # the old file extends variants/zcc.yaml relative to scenarios/: point it there
  git -C "$root" show "$synthetic:scenarios/national.yaml" |
    sed "s|^extends: variants/zcc.yaml|extends: $root/scenarios/variants/zcc.yaml|" >"$tmp/synthetic.yaml"
  names+=(synthetic)
  files+=("$tmp/synthetic.yaml")
fi

for i in "${!names[@]}"; do
  "$zccsim" run "${files[$i]}" --replications 1 --threads 1 | sed -n 's/^\([0-9]*\) events in.*/\1/p' >"$tmp/${names[$i]}.events"
  : >"$tmp/${names[$i]}.cpu"
done
for ((r = 0; r < reps; r++)); do
  for i in "${!names[@]}"; do
    if ! "$gnu_time" -o "$tmp/one" -f "%U %S %M" "$zccsim" run "${files[$i]}" --replications 1 --threads 1 --quiet; then
      echo "benchmark: ${names[$i]} failed" >&2
      exit 1
    fi
    awk '{printf "%.2f %d\n", $1 + $2, $3}' "$tmp/one" >>"$tmp/${names[$i]}.cpu"
  done
done
printf '%-18s %6s %16s %12s %16s %14s\n' scenario runs "median CPU s" "min CPU s" "median MiB" "events (1 run)"
for n in "${names[@]}"; do
  med=$(awk '{print $1}' "$tmp/$n.cpu" | median)
  min=$(awk '{print $1}' "$tmp/$n.cpu" | sort -g | head -n 1)
  rss=$(awk '{print $2 / 1024}' "$tmp/$n.cpu" | median)
  printf '%-18s %6d %16s %12s %16.1f %14s\n' "$n" "$reps" "$med" "$min" "$rss" "$(cat "$tmp/$n.events")"
done
