# SPDX-License-Identifier: MIT
# Shared by the whole-process benchmarks (sourced, not run).

# median of the numbers on stdin (one per line)
median() { sort -g | awk '{v[NR] = $1} END {if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

# time_runs REPS OUT CMD...: runs CMD REPS times under GNU time, appending
# "wall_seconds peak_rss_kib" lines to OUT; exits 1 if a run fails.
time_runs() {
  local reps="$1" out="$2"
  shift 2
  : >"$out"
  for ((i = 0; i < reps; i++)); do
    if ! /usr/bin/time -o "$out.one" -f "%e %M" "$@"; then
      echo "benchmark: '$*' failed" >&2
      exit 1
    fi
    tail -n 1 "$out.one" >>"$out"
  done
  rm -f "$out.one"
}

# medians of a time_runs file: "wall_seconds peak_rss_mib"
medians() { echo "$(awk '{print $1}' "$1" | median) $(awk '{print $2 / 1024}' "$1" | median)"; }
