# SPDX-License-Identifier: MIT
# shellcheck shell=bash
# Shared by the whole-process benchmarks (sourced, not run).

bench_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
gnu_time=/usr/bin/time

# bench_error MESSAGE...: a usage error of the running script (exit 2)
bench_error() {
  echo "${0##*/}: $*" >&2
  exit 2
}

# bench_options DEFAULT_REPS QUICK_REPS ARGS...: the arguments every
# benchmark takes, [--quick] [--reps N] [-h|--help] [ZCCSIM]. Sets quick (1
# with --quick, else 0), reps (N, else QUICK_REPS with --quick, else
# DEFAULT_REPS) and zccsim (default: build/release/zccsim under the repository
# root). --help prints the script's header comment. Checks that reps is a
# positive integer, that zccsim is a program and that GNU time works; exits 2
# if not.
bench_options() {
  local default_reps="$1" quick_reps="$2"
  shift 2
  quick=0 reps="" zccsim=""
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --quick) quick=1 ;;
      --reps) [[ $# -ge 2 ]] || bench_error "--reps needs a value"; reps="$2"; shift ;;
      -h|--help) awk 'NR > 2 && /^#/ {sub(/^# ?/, ""); print; next} NR > 2 {exit}' "$0"; exit 0 ;;
      -*) bench_error "unknown option '$1'" ;;
      *) zccsim="$1" ;;
    esac
    shift
  done
  if [[ -z "$reps" ]]; then
    if ((quick)); then reps="$quick_reps"; else reps="$default_reps"; fi
  fi
  [[ "$reps" =~ ^[1-9][0-9]*$ ]] || bench_error "--reps needs a positive integer, not '$reps'"
  zccsim="${zccsim:-$bench_root/build/release/zccsim}"
  [[ -f "$zccsim" && -x "$zccsim" ]] ||
    bench_error "no zccsim program at '$zccsim'; build it" \
      "(cmake --preset release && cmake --build --preset release) or pass its path"
  "$gnu_time" -f "%e" true 2>/dev/null || bench_error "GNU time is needed at $gnu_time (Debian: apt-get install time)"
}

# median of the numbers on stdin (one per line)
median() { sort -g | awk '{v[NR] = $1} END {if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

# time_runs REPS OUT CMD...: runs CMD REPS times under GNU time, appending a
# "wall_seconds peak_rss_kib" line per run to OUT (lines already there are
# kept, so runs of one command can be interleaved with others'); exits 1 if a
# run fails.
time_runs() {
  local reps="$1" out="$2" i
  shift 2
  for ((i = 0; i < reps; i++)); do
    if ! "$gnu_time" -o "$out.one" -f "%e %M" "$@"; then
      echo "benchmark: '$*' failed" >&2
      exit 1
    fi
    tail -n 1 "$out.one" >>"$out"
  done
  rm -f "$out.one"
}

# medians of a time_runs file: "wall_seconds peak_rss_mib"
medians() { echo "$(awk '{print $1}' "$1" | median) $(awk '{print $2 / 1024}' "$1" | median)"; }
