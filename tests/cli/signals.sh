#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# signals.sh ZCCSIM SOURCE_DIR CASE: process-level safety of the zccsim program
# (issue #11): stop signals mid-run, stale temporary files, concurrent
# --append, an output path equal to an input, integer options.
#   term_run hup_run int_run   SIGTERM / SIGHUP / SIGINT during `run --out`: exit
#                              128 + signal, the file holds >= 1 replication and is
#                              marked incomplete, no temporary file is left
#   term_shard term_sweep      the same for `run --shard 0/2` and `sweep --out`
#   second_signal              a second SIGTERM ends the run at once: the old --out
#                              is untouched (or complete), no temporary file left
#   stale_temp                 a temporary file of a killed (kill -9) run is removed
#                              by the next run; one a live process locks is left
#   append_concurrent          two concurrent `run --append` to one file: the rows of both
#   same_path                  --out / --json / -o equal to an input or each other: exit 2,
#                              the input byte for byte as it was
#   bad_integers               --seed -1, --replications 0, --threads -3, ...: exit 2
#                              naming the option and its range; seed 2^64-1 exact in JSON
set -u
set -m  # background jobs get SIGINT (without job control bash makes them ignore it)
zccsim=$1 src=$2 case=$3
scenario=$src/scenarios/midden_nederland.yaml
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work" || exit 1
fail=0
bad() {
  echo "FAIL: $*"
  fail=1
}

# waits until FILE contains TEXT (at most 300 s); fails the test otherwise
wait_for() {
  local file=$1 text=$2
  for _ in $(seq 3000); do
    grep -q -- "$text" "$file" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "FAIL: timed out waiting for '$text' in $file:"
  cat "$file"
  exit 1
}

# rows and completeness of a results file, read back by zccsim merge
check_incomplete_file() {
  local f=$1 out
  [ -f "$f" ] || {
    bad "$f was not written"
    return
  }
  out=$("$zccsim" merge "$f" -o "$work/readback.h5" 2>&1)
  [[ "$out" == *"is incomplete"* ]] || bad "$f is not marked incomplete: $out"
  [[ "$out" =~ merged\ 1\ file:\ ([0-9]+)\ rows ]] || {
    bad "$f does not read back: $out"
    return
  }
  [ "${BASH_REMATCH[1]}" -ge 1 ] || bad "$f holds no replication"
  echo "  $f: ${BASH_REMATCH[1]} rows, marked incomplete"
  rm -f "$work/readback.h5"
}

no_temp_files() {
  if ls "$work"/*.tmp.* >/dev/null 2>&1; then bad "temporary files left: $(ls "$work"/*.tmp.*)"; fi
}

# starts `zccsim ARGS...` in the background (stderr to err.txt), waits until
# one replication finished, sends SIG, checks the exit status is 128 + SIG
stop_mid_run() {
  local sig=$1 expected=$2
  shift 2
  "$zccsim" "$@" >out.txt 2>err.txt &
  local p=$!
  pids+=("$p")
  wait_for err.txt " done"
  kill "-$sig" "$p"
  wait "$p"
  local status=$?
  [ "$status" -eq "$expected" ] || bad "exit status $status after SIG$sig, expected $expected"
  grep -q "outputs are marked incomplete" err.txt || bad "no 'marked incomplete' message: $(cat err.txt)"
}

sweep_file() {
  cat >exp.yaml <<EOF
base: $scenario
replications: 10
seed: 3
EOF
}

case $case in
  term_run) stop_mid_run TERM 143 run "$scenario" --replications 10 --threads 1 --out r.h5 --json r.json
            check_incomplete_file r.h5
            grep -q '"complete": false' r.json || bad "r.json not marked incomplete"
            no_temp_files ;;
  hup_run) stop_mid_run HUP 129 run "$scenario" --replications 10 --threads 1 --out r.h5
           check_incomplete_file r.h5
           no_temp_files ;;
  int_run) stop_mid_run INT 130 run "$scenario" --replications 10 --threads 1 --out r.h5
           check_incomplete_file r.h5
           no_temp_files ;;
  term_shard) stop_mid_run TERM 143 run "$scenario" --replications 20 --threads 1 --shard 0/2 --out s0.h5
              check_incomplete_file s0.h5
              no_temp_files ;;
  term_sweep) sweep_file
              stop_mid_run TERM 143 sweep exp.yaml --threads 1 --out w.h5
              check_incomplete_file w.h5
              no_temp_files ;;
  second_signal)
    echo "an earlier result" >r.h5
    "$zccsim" run "$scenario" --replications 10 --threads 1 --out r.h5 >out.txt 2>err.txt &
    p=$!
    pids+=("$p")
    wait_for err.txt " done"
    kill -TERM "$p"
    sleep 0.1
    kill -TERM "$p"
    wait "$p"
    status=$?
    # dead of SIGTERM (143 from the shell), unless the run finished its
    # replication and wrote r.h5 before the second signal came
    if [ "$(cat r.h5)" = "an earlier result" ]; then
      [ "$status" -eq 143 ] || bad "exit status $status"
      echo "  r.h5 untouched"
    else
      check_incomplete_file r.h5
    fi
    no_temp_files ;;
  stale_temp)
    # a run killed with SIGKILL leaves its temporary file
    "$zccsim" run "$scenario" --replications 10 --threads 1 --out r.h5 >out.txt 2>err.txt &
    p=$!
    pids+=("$p")
    wait_for err.txt " done"
    kill -KILL "$p"
    wait "$p"
    [ -f "r.h5.tmp.$p" ] || bad "precondition: kill -9 left no r.h5.tmp.$p"
    # a temporary-looking file of a live process holding a lock on it
    python3 -c 'import fcntl, os, sys, time
f = open("r.h5.tmp.%d" % os.getpid(), "w"); fcntl.flock(f, fcntl.LOCK_EX)
print(os.getpid(), flush=True); time.sleep(600)' >locker.txt &
    pids+=("$!")
    wait_for locker.txt "[0-9]"
    locker=$(cat locker.txt)
    # one of a live process of another program (its pid reused) without a lock
    sleep 600 &
    other=$!
    pids+=("$other")
    echo stale >"r.h5.tmp.$other"
    echo stale >"r.json.tmp.$p"
    "$zccsim" run "$scenario" --replications 1 --threads 1 --out r.h5 --json r.json --quiet 2>/dev/null ||
      bad "the next run failed"
    [ -f "r.h5.tmp.$p" ] && bad "the killed run's r.h5.tmp.$p was not removed"
    [ -f "r.json.tmp.$p" ] && bad "the killed run's r.json.tmp.$p was not removed"
    [ -f "r.h5.tmp.$other" ] && bad "r.h5.tmp.$other (pid of another program, no lock) was not removed"
    [ -f "r.h5.tmp.$locker" ] || bad "r.h5.tmp.$locker (locked by a live process) was removed"
    [ $fail -eq 0 ] && echo "  removed r.h5.tmp.$p, r.json.tmp.$p, r.h5.tmp.$other; kept r.h5.tmp.$locker" ;;
  append_concurrent)
    "$zccsim" run "$scenario" --replications 1 --threads 1 --out a.h5 --quiet 2>/dev/null || bad "first run failed"
    "$zccsim" run "$scenario" --replications 2 --threads 1 --out a.h5 --append >a1.txt 2>e1.txt &
    p1=$!
    pids+=("$p1")
    sleep 0.5
    "$zccsim" run "$scenario" --replications 2 --threads 1 --out a.h5 --append >a2.txt 2>e2.txt &
    p2=$!
    pids+=("$p2")
    wait "$p1" || bad "first append failed: $(cat e1.txt)"
    wait "$p2" || bad "second append failed: $(cat e2.txt)"
    out=$("$zccsim" merge a.h5 -o m.h5 2>&1)
    [[ "$out" == *"merged 1 file: 5 rows"* ]] || bad "a.h5 should hold 1 + 2 + 2 rows: $out"
    grep -q "waiting for the lock on a.h5" e1.txt e2.txt || bad "no append waited for the lock"
    [ $fail -eq 0 ] && echo "  $out" ;;
  same_path)
    cp "$scenario" s.yaml
    ln -s s.yaml link.yaml
    sweep_file
    expect_refused() {
      local what=$1
      shift
      local err
      err=$("$zccsim" "$@" --replications 1 --quiet 2>&1 >/dev/null)
      local status=$?
      [ "$status" -eq 2 ] || bad "$*: exit status $status, expected 2"
      [[ "$err" == *"$what"* ]] || bad "$*: message '$err' does not name $what"
      cmp -s s.yaml "$scenario" || bad "$*: s.yaml was changed"
      echo "  $*: $err"
    }
    expect_refused "--out 's.yaml' is the scenario FILE" run s.yaml --out s.yaml
    expect_refused "--json 's.yaml' is the scenario FILE" run s.yaml --json s.yaml
    expect_refused "--out './s.yaml' is the scenario FILE 'link.yaml'" run link.yaml --out ./s.yaml
    expect_refused "--json 'x.h5' is the same file as --out 'x.h5'" run s.yaml --out x.h5 --json x.h5
    expect_refused "--json 's.yaml' is the scenario file" compare s.yaml "$scenario" --json s.yaml
    cp exp.yaml exp0.yaml
    err=$("$zccsim" sweep exp.yaml --out exp.yaml --quiet 2>&1)
    [ $? -eq 2 ] && [[ "$err" == *"is the experiment FILE"* ]] || bad "sweep --out EXP: $err"
    cmp -s exp.yaml exp0.yaml || bad "sweep --out EXP changed exp.yaml"
    "$zccsim" run s.yaml --replications 1 --threads 1 --out a.h5 --quiet 2>/dev/null
    cp a.h5 a0.h5
    err=$("$zccsim" merge a.h5 -o a.h5 --quiet 2>&1)
    [ $? -eq 2 ] && [[ "$err" == *"-o 'a.h5' is the input 'a.h5'"* ]] || bad "merge -o INPUT: $err"
    cmp -s a.h5 a0.h5 || bad "merge -o INPUT changed a.h5"
    [ $fail -eq 0 ] && echo "  sweep: $err" ;;
  bad_integers)
    expect_range() {
      local opt=$1 value=$2 range=$3 err
      err=$("$zccsim" run "$scenario" "$opt" "$value" --quiet 2>&1 >/dev/null)
      local status=$?
      [ "$status" -eq 2 ] || bad "$opt $value: exit status $status, expected 2"
      [[ "$err" == *"$opt must be an integer from $range, not '$value'"* ]] || bad "$opt $value: message '$err'"
      echo "  $opt $value: $err"
    }
    expect_range --seed -1 "0 to 18446744073709551615"
    expect_range --seed 18446744073709551616 "0 to 18446744073709551615"
    expect_range --seed +5 "0 to 18446744073709551615"
    expect_range --replications 0 "1 to 1000000"
    expect_range --replications -2 "1 to 1000000"
    expect_range --replications 1000001 "1 to 1000000"
    expect_range --threads -3 "0 to 1024"
    expect_range --threads 4294967297 "0 to 1024"
    expect_range --threads 1x "0 to 1024"
    # the largest seed survives the JSON summary digit for digit
    "$zccsim" run "$src/scenarios/network/mmc.yaml" --seed 18446744073709551615 --replications 1 --threads 1 \
      --json s.json --quiet || bad "--seed 18446744073709551615 refused"
    grep -q '"seed": 18446744073709551615,' s.json || bad "seed in JSON: $(grep seed s.json)" ;;
  *) echo "unknown case $case"; exit 2 ;;
esac
[ $fail -eq 0 ] && echo "ok: $case"
exit $fail
