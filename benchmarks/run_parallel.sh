#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Parallel runs of the default region (scenarios/midden_nederland.yaml)
# through the zccsim CLI, under GNU time (wall seconds, peak RSS):
#   (a) R replications with --threads 1 and with --threads 2: the speed-up
#       (target >= 1.8 on 2 cores)
#   (b) the same R replications on 2 MPI ranks with --threads 1 each, against
#       --threads 2 (target: within 10 %); also checks that the JSON equals
#       the threaded run's byte for byte
#   (c) 10 R replications with --threads 2 --out: wall time and peak memory,
#       against R replications (target: memory does not grow with R)
# (a) and (b) run REPS times, interleaved so machine noise hits them alike;
# medians are reported. (c) runs once. R = 100 (10 with --quick).
#
# usage: benchmarks/run_parallel.sh [--quick] [--reps N] [ZCCSIM]
#   ZCCSIM    default build/release/zccsim; (b) needs mpirun and a zccsim built with MPI
#   --reps N  repetitions of (a) and (b) (default 3; 1 with --quick)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
# shellcheck source=benchmarks/timing.sh
source "$here/timing.sh"
bench_options 3 1 "$@"  # sets quick, reps and zccsim
if ((quick)); then r=10; else r=100; fi
yaml="$root/scenarios/midden_nederland.yaml"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# as root (containers): allowed explicitly
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
mpirun="$(command -v mpirun || true)"

# ratio A B: A / B to 3 decimals
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", a / b}'; }

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "default region, $r replications; $reps interleaved repetitions"
for ((i = 0; i < reps; i++)); do
  time_runs 1 "$tmp/t1" "$zccsim" run "$yaml" --replications "$r" --threads 1 --quiet --json "$tmp/t1.json"
  time_runs 1 "$tmp/t2" "$zccsim" run "$yaml" --replications "$r" --threads 2 --quiet --json "$tmp/t2.json"
  if [[ -n "$mpirun" ]]; then
    # Open MPI binds each rank to a core by default; unbound, the ranks are
    # scheduled like the threads of --threads 2 (the fairer comparison on a
    # shared machine)
    time_runs 1 "$tmp/mpi" "$mpirun" -np 2 "$zccsim" run "$yaml" --replications "$r" --threads 1 --quiet \
      --json "$tmp/mpi.json"
    time_runs 1 "$tmp/mpi_unbound" "$mpirun" --bind-to none -np 2 "$zccsim" run "$yaml" --replications "$r" \
      --threads 1 --quiet --json "$tmp/mpi_unbound.json"
  fi
done
cmp -s "$tmp/t1.json" "$tmp/t2.json" || { echo "run_parallel.sh: --threads 1 and 2 differ" >&2; exit 1; }
read -r w1 m1 <<<"$(medians "$tmp/t1")"
read -r w2 m2 <<<"$(medians "$tmp/t2")"
echo
echo "(a) threads: median wall s (runs), peak RSS MiB; load now $(cut -d' ' -f1-3 /proc/loadavg)"
printf '  --threads 1   %8.2f s  (%s)  %7.1f MiB\n' "$w1" "$(awk '{printf "%s ", $1}' "$tmp/t1")" "$m1"
printf '  --threads 2   %8.2f s  (%s)  %7.1f MiB\n' "$w2" "$(awk '{printf "%s ", $1}' "$tmp/t2")" "$m2"
echo "  speed-up 1 -> 2 threads: $(ratio "$w1" "$w2") (target >= 1.8)"
if [[ -n "$mpirun" && -s "$tmp/mpi" ]]; then
  for f in mpi mpi_unbound; do
    cmp -s "$tmp/t2.json" "$tmp/$f.json" || { echo "run_parallel.sh: MPI ($f) and threads differ" >&2; exit 1; }
  done
  read -r wm _ <<<"$(medians "$tmp/mpi")"
  read -r wu _ <<<"$(medians "$tmp/mpi_unbound")"
  echo
  echo "(b) MPI: 2 ranks x --threads 1 (mpirun's wall time, start-up included)"
  printf '  mpirun -np 2                %8.2f s  (%s)\n' "$wm" "$(awk '{printf "%s ", $1}' "$tmp/mpi")"
  printf '  mpirun --bind-to none -np 2 %8.2f s  (%s)\n' "$wu" "$(awk '{printf "%s ", $1}' "$tmp/mpi_unbound")"
  echo "  MPI / threads: $(ratio "$wm" "$w2") bound, $(ratio "$wu" "$w2") unbound (target <= 1.10);" \
    "JSON identical to --threads 2"
else
  echo
  echo "(b) MPI: skipped (no mpirun)"
fi

big=$((10 * r))
time_runs 1 "$tmp/small" "$zccsim" run "$yaml" --replications "$r" --threads 2 --quiet --out "$tmp/small.h5"
time_runs 1 "$tmp/big" "$zccsim" run "$yaml" --replications "$big" --threads 2 --quiet --out "$tmp/big.h5"
read -r ws ms <<<"$(medians "$tmp/small")"
read -r wb mb <<<"$(medians "$tmp/big")"
echo
echo "(c) --threads 2 --out: wall s, peak RSS MiB; load now $(cut -d' ' -f1-3 /proc/loadavg)"
printf '  %5d replications  %8.2f s  %7.1f MiB\n' "$r" "$ws" "$ms"
printf '  %5d replications  %8.2f s  %7.1f MiB  (%.2f s per replication)\n' "$big" "$wb" "$mb" \
  "$(awk -v w="$wb" -v n="$big" 'BEGIN {print w / n}')"
echo "  peak RSS ratio ${big} / ${r} replications: $(ratio "$mb" "$ms") (target: about 1)"
