#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# check.sh CASE ZCCSIM MPIRUN PYTHON SRC WORK [CHECK]: one test of distributed
# runs; CHECK is mpi_executor_check for the executor_* cases.
# MPIRUN "none" (mpirun is missing) or "nompi" (zccsim built without MPI):
# the MPI cases are skipped (exit 77).
# Every output is compared with a plain single-process run: JSON byte for
# byte, HDF5 files with same_h5.py (every dataset and attribute, bit for bit).
set -uo pipefail
case_="$1" zccsim="$2" mpirun="$3" python="$4" src="$5" work="$6" check="${7:-}"
small="$src/tests/acute/small_region.yaml"
fragmented="$src/tests/acute/variant_fragmented.yaml"
mmc="$src/scenarios/network/mmc.yaml"
jackson="$src/scenarios/network/jackson.yaml"
# as root (containers, CI): allowed explicitly; more ranks than cores is fine
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1

rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
fail() { echo "FAIL: $*"; exit 1; }
need_mpi() {
  if [ "$mpirun" = none ]; then echo "skipped: mpirun not found (apt-get install openmpi-bin)"; exit 77; fi
  if [ "$mpirun" = nompi ]; then echo "skipped: zccsim built without MPI (apt-get install libopenmpi-dev)"; exit 77; fi
}
same_json() { cmp -s "$1" "$2" || fail "$1 and $2 differ: $(diff <(tr , '\n' <"$1") <(tr , '\n' <"$2") | head -5)"; echo "$1 == $2"; }
same_h5() { "$python" "$src/tests/mpi/same_h5.py" "$1" "$2" || exit 1; }
run() { "$@" || fail "exit status $?: $*"; }

case "$case_" in
mpi_run)  # acute and network runs on 2 and 3 ranks == one process
  need_mpi
  run "$zccsim" run "$small" --replications 7 --threads 1 --quiet --json one.json --out one.h5
  run "$mpirun" -np 2 "$zccsim" run "$small" --replications 7 --threads 1 --quiet --json two.json --out two.h5
  run "$mpirun" -np 3 "$zccsim" run "$small" --replications 7 --quiet --json three.json --out three.h5 --event-log
  run "$zccsim" run "$small" --replications 7 --threads 2 --quiet --out one_log.h5 --event-log
  same_json one.json two.json && same_json one.json three.json
  same_h5 one.h5 two.h5 && same_h5 one_log.h5 three.h5
  run "$zccsim" run "$mmc" --replications 5 --threads 1 --quiet --json net1.json --out net1.h5
  run "$mpirun" -np 2 "$zccsim" run "$mmc" --replications 5 --threads 1 --quiet --json net2.json --out net2.h5
  same_json net1.json net2.json && same_h5 net1.h5 net2.h5
  ;;
mpi_compare)  # paired comparisons on 2 ranks == one process
  need_mpi
  run "$zccsim" compare "$small" "$fragmented" --replications 5 --threads 1 --quiet --json one.json
  run "$mpirun" -np 2 "$zccsim" compare "$small" "$fragmented" --replications 5 --threads 1 --quiet --json two.json
  same_json one.json two.json
  run "$zccsim" compare "$mmc" "$mmc" --replications 4 --quiet --json net1.json
  run "$mpirun" -np 2 "$zccsim" compare "$mmc" "$mmc" --replications 4 --quiet --json net2.json
  same_json net1.json net2.json
  ;;
mpi_output)  # only rank 0 prints; an error gives one message and every rank's exit status
  need_mpi
  "$mpirun" -np 2 "$zccsim" run "$small" --replications 4 >out.txt 2>err.txt || fail "exit status $?"
  [ "$(grep -c 'test region: 4 replication' out.txt)" = 1 ] || fail "the summary is not printed once: $(cat out.txt)"
  "$mpirun" -np 2 "$zccsim" run "$src/tests/cli/bad/unknown_key.yaml" >out.txt 2>err.txt
  status=$?
  [ "$status" = 1 ] || fail "a broken scenario under mpirun: exit status $status, not 1"
  [ "$(grep -c '^error: ' err.txt)" = 1 ] || fail "the error is not printed once: $(cat err.txt)"
  echo "mpirun: summary printed once; broken scenario: one error, exit status 1"
  ;;
mpi_stop)  # SIGUSR1 to mpirun (forwarded to every rank): a clean stop, status 138 (128 + SIGUSR1), outputs incomplete
  need_mpi
  "$mpirun" -np 2 "$zccsim" run "$small" --replications 600 --threads 1 --out stop.h5 --json stop.json \
    >out.txt 2>err.txt &
  pid=$!
  for ((i = 0; i < 600; i++)); do grep -q '^run: ' err.txt && break; sleep 0.1; done  # 10 % done
  kill -USR1 "$pid"
  wait "$pid"
  status=$?
  [ "$status" = 138 ] || fail "exit status $status, not 138: $(cat err.txt)"
  grep -q '"complete": *false' stop.json || fail "stop.json is not marked incomplete"
  "$python" - <<'PY' || fail "stop.h5 is not an incomplete file of the finished replications"
import h5py, sys
f = h5py.File("stop.h5")
n = f["kpis/values"].shape[0]
print(f"stop.h5: {n} rows, complete = {int(f.attrs['complete'])}")
sys.exit(not (int(f.attrs["complete"]) == 0 and 0 < n < 600))
PY
  ;;
mpi_sweep)  # sweeps on 2 ranks == one process: a grid, and rounds until precise
  need_mpi
  for exp in sweep_2x2 precision_mixed; do
    e="$src/tests/experiments/$exp.yaml"
    run "$zccsim" sweep "$e" --threads 1 --quiet --json $exp.json --out $exp.h5
    run "$mpirun" -np 2 "$zccsim" sweep "$e" --threads 1 --quiet --json ${exp}_mpi.json --out ${exp}_mpi.h5
    same_json $exp.json ${exp}_mpi.json && same_h5 $exp.h5 ${exp}_mpi.h5
  done
  ;;
sweep_shard_merge)  # a grid sweep in 3 shards, merged == one process (rows in its order)
  e="$src/tests/experiments/sweep_2x2.yaml"
  run "$zccsim" sweep "$e" --quiet --out one.h5
  for i in 0 1 2; do run "$zccsim" sweep "$e" --quiet --shard $i/3 --out s$i.h5; done
  run "$zccsim" merge s2.h5 s0.h5 s1.h5 -o merged.h5 --quiet
  same_h5 one.h5 merged.h5
  ;;
shard_merge)  # shards joined by zccsim merge == one run
  run "$zccsim" run "$small" --replications 7 --threads 1 --quiet --out one.h5 --event-log
  for i in 0 1; do run "$zccsim" run "$small" --replications 7 --quiet --shard $i/2 --out s$i.h5 --event-log; done
  run "$zccsim" merge s1.h5 s0.h5 -o merged.h5 --quiet
  same_h5 one.h5 merged.h5
  run "$zccsim" run "$mmc" --replications 5 --quiet --out net.h5
  for i in 0 1 2; do run "$zccsim" run "$mmc" --replications 5 --quiet --shard $i/3 --out n$i.h5; done
  run "$zccsim" merge n2.h5 n0.h5 n1.h5 -o net_merged.h5 --quiet
  same_h5 net.h5 net_merged.h5
  # a missing shard: written, with a warning, marked incomplete
  "$zccsim" merge n0.h5 n2.h5 -o part.h5 --quiet 2>err.txt || fail "merge of two of three shards failed"
  grep -q "1 of 3 shards missing (1/3)" err.txt || fail "no warning for a missing shard: $(cat err.txt)"
  "$python" -c "import h5py, sys; sys.exit(int(h5py.File('part.h5').attrs['complete']) != 0)" ||
    fail "part.h5 is not marked incomplete"
  ;;
merge_rejects)  # files that do not belong together: a clear error, no output
  run "$zccsim" run "$mmc" --replications 4 --quiet --shard 0/2 --out a0.h5
  run "$zccsim" run "$mmc" --replications 4 --quiet --shard 1/2 --out a1.h5
  run "$zccsim" run "$mmc" --replications 4 --quiet --shard 1/2 --seed 9 --out seed9.h5
  run "$zccsim" run "$jackson" --replications 4 --quiet --shard 1/2 --out jackson.h5
  run "$zccsim" run "$small" --replications 4 --quiet --shard 1/2 --out acute.h5
  run "$zccsim" run "$mmc" --replications 4 --quiet --out whole.h5
  expect() {  # expect MESSAGE FILES...
    local message="$1"
    shift
    rm -f out.h5
    if "$zccsim" merge "$@" -o out.h5 2>err.txt; then fail "merge $* succeeded"; fi
    grep -qF "$message" err.txt || fail "merge $*: expected '$message', got: $(cat err.txt)"
    [ ! -e out.h5 ] || fail "merge $* wrote out.h5"
    echo "merge $*: $(head -1 err.txt)"
  }
  expect "seed9.h5 does not belong with a0.h5: seed 9 vs 1" a0.h5 seed9.h5
  expect "jackson.h5 does not belong with a0.h5: a different scenario" a0.h5 jackson.h5
  expect "acute.h5 does not belong with a0.h5: model 'acute' vs 'network'" a0.h5 acute.h5
  expect "a1.h5 and a1.h5 are both shard 1/2" a0.h5 a1.h5 a1.h5
  expect "replication 0 is in both a0.h5 and whole.h5" a0.h5 whole.h5
  expect "not-there.h5" a0.h5 not-there.h5
  ;;
executor_*)  # executor_MODE_RANKS: sim::mpi::execute on synthetic tasks (mpi_executor_check.cpp)
  need_mpi
  mode="${case_#executor_}" ranks="${mode##*_}" mode="${mode%_*}"
  timeout 120 "$mpirun" -np "$ranks" "$check" "$mode" >out.txt 2>err.txt
  status=$?
  cat out.txt err.txt
  case "$mode" in
  error | error0)  # the task's error, once, from rank 0; every rank exits with status 3
    [ "$status" = 3 ] || fail "exit status $status, not 3"
    [ "$(grep -c '^error: rank 0 rethrew: .*task exploded' out.txt)" = 1 ] || fail "no single error message"
    ;;
  *) [ "$status" = 0 ] || fail "exit status $status" ;;
  esac
  ;;
mpi_uncertainty)  # zccsim uncertainty on 2 ranks, and in 2 shards merged == one process (issue #12)
  need_mpi
  exp="$src/tests/uncertainty/morris_mmc.yaml"
  run "$zccsim" uncertainty "$exp" --threads 1 --quiet --json one.json --out one.h5
  run "$mpirun" -np 2 "$zccsim" uncertainty "$exp" --threads 1 --quiet --json two.json --out two.h5
  same_json one.json two.json && same_h5 one.h5 two.h5
  run "$zccsim" uncertainty "$exp" --threads 1 --quiet --shard 0/2 --out s0.h5
  run "$zccsim" uncertainty "$exp" --threads 1 --quiet --shard 1/2 --out s1.h5
  run "$zccsim" merge s0.h5 s1.h5 -o merged.h5 --quiet
  run "$zccsim" uncertainty merged.h5 --quiet --json merged.json
  same_json one.json merged.json
  ;;
*) fail "unknown case $case_" ;;
esac
echo "ok: $case_"
