#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs every benchmark from one build directory: the hold model (bench_hold)
# and the whole-process M/M/c benchmark (run_mmc.sh). Prints the machine first.
#
# usage: benchmarks/run.sh [--quick] [BUILD_DIR]
#   BUILD_DIR  a Release build (default: build/release under the repo root),
#              holding zccsim and benchmarks/bench_hold
#   --quick    smoke mode: short runs, few repetitions
# Works from any directory. Exit status non-zero if a benchmark fails its
# correctness checks or cannot run.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
quick=()
build=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) quick=(--quick) ;;
    -h|--help) sed -n '3,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "run.sh: unknown option '$1'" >&2; exit 2 ;;
    *) build="$1" ;;
  esac
  shift
done
build="$(cd "${build:-$root/build/release}" 2>/dev/null && pwd)" || {
  echo "run.sh: no build directory '${build:-$root/build/release}'; build first:" \
       "cmake --preset release && cmake --build --preset release" >&2
  exit 2
}
for f in "$build/zccsim" "$build/benchmarks/bench_hold"; do
  [[ -x "$f" ]] || { echo "run.sh: missing $f (build with ZCCSIM_BUILD_BENCHMARKS=ON)" >&2; exit 2; }
done

echo "== machine"
echo "date:     $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "cores:    $(nproc)"
echo "cpu:      $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
echo "memory:   $(free -h | awk '/^Mem:/ {print $2 " total, " $7 " available"}')"
echo "load:     $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)"
cxx="$(sed -n 's/^CMAKE_CXX_COMPILER:[A-Z]*=//p' "$build/CMakeCache.txt" 2>/dev/null || true)"
echo "compiler: $("${cxx:-c++}" --version | head -1)"
echo "build:    $build ($(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt" 2>/dev/null || echo '?'))"
echo "commit:   $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$root" diff --quiet HEAD 2>/dev/null || echo ' (modified)')"

status=0
echo
echo "== hold model (bench_hold ${quick[*]})"
"$build/benchmarks/bench_hold" "${quick[@]}" || status=1
echo
echo "== M/M/c through the CLI (run_mmc.sh ${quick[*]})"
"$here/run_mmc.sh" "${quick[@]}" "$build/zccsim" || status=1
echo
echo "== acute-care model through the CLI (run_acute.sh ${quick[*]})"
"$here/run_acute.sh" "${quick[@]}" "$build/zccsim" || status=1
exit "$status"
