#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# full_disk.sh ZCCSIM FAIL_WRITES_SO SCENARIO
# A full disk, by an LD_PRELOAD shim (fail_writes.c) that fails writes with
# ENOSPC after N bytes: `run --out`, `merge` and `run --append` must exit
# non-zero (not by a signal) with "No space left on device" and the file's
# name, leave the existing output byte for byte as it was, and leave no
# temporary file. N runs from 0 (the file cannot even be created) to past the
# HDF5 part (the user block, then fsync, fail).
set -u
zccsim=$1 shim=$2 scenario=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
fail=0
"$zccsim" run "$scenario" --replications 2 --out good.h5 --quiet || { echo "FAIL: cannot write good.h5"; exit 1; }
cp good.h5 keep.h5
size=$(stat -c %s good.h5)

# check WHAT FILE STATUS MESSAGE
check() {
  local what=$1 file=$2 status=$3 msg=$4
  if [ "$status" -eq 0 ]; then echo "FAIL: $what: exit status 0 on a full disk"; fail=1; fi
  if [ "$status" -ge 128 ]; then echo "FAIL: $what: killed by signal $((status - 128))"; fail=1; fi
  if [[ "$msg" != *"No space left on device"* || "$msg" != *"$file"* ]]; then
    printf 'FAIL: %s: message lacks "No space left on device" or %s:\n%s\n' "$what" "$file" "$msg"; fail=1
  fi
  if [ "$(printf '%s\n' "$msg" | wc -l)" -gt 2 ]; then printf 'FAIL: %s: noise:\n%s\n' "$what" "$msg"; fail=1; fi
  if ! cmp -s "$file" keep.h5; then echo "FAIL: $what: $file changed"; fail=1; fi
  if ls ./*.tmp.* >/dev/null 2>&1; then echo "FAIL: $what: temporary files left: $(ls ./*.tmp.*)"; fail=1; fi
  rm -f ./*.tmp.*
}

# measure WHAT CMD...: the bytes CMD writes (it must succeed), on stdout
measure() {
  local what=$1; shift
  local out
  out=$(LD_PRELOAD=$shim "$@" 2>&1 >/dev/null) || { echo "FAIL: $what fails without a full disk: $out" >&2; return 1; }
  printf '%s\n' "$out" | sed -n 's/^fail_writes: \([0-9]*\) bytes$/\1/p' | tail -1
}
# points WRITTEN: budgets that must fail: nothing, a little, half, all but
# the user block, all but its last byte, all (then fsync fails)
points() { echo 0 600 $(($1 / 2)) $(($1 - 512)) $(($1 - 1)) "$1"; }

cp keep.h5 out.h5
w_run=$(measure "run --out" "$zccsim" run "$scenario" --replications 2 --out out.h5 --quiet) || exit 1
w_merge=$(measure merge "$zccsim" merge keep.h5 -o out.h5 --quiet) || exit 1
cp keep.h5 app.h5
w_append=$(measure "run --append" "$zccsim" run "$scenario" --replications 2 --out app.h5 --append --quiet) || exit 1
echo "bytes written: run --out $w_run, merge $w_merge, run --append $w_append (file: $size)"

for n in $(points "$w_run"); do
  cp keep.h5 out.h5
  msg=$(ZCCSIM_FAIL_AFTER=$n LD_PRELOAD=$shim "$zccsim" run "$scenario" --replications 2 --out out.h5 --quiet 2>&1)
  check "run --out (N=$n)" out.h5 $? "$msg"
done
for n in $(points "$w_merge"); do
  cp keep.h5 out.h5
  msg=$(ZCCSIM_FAIL_AFTER=$n LD_PRELOAD=$shim "$zccsim" merge good.h5 -o out.h5 --quiet 2>&1)
  check "merge (N=$n)" out.h5 $? "$msg"
done
for n in $(points "$w_append") $((size / 2)); do  # the last: inside the copy of the file
  msg=$(ZCCSIM_FAIL_AFTER=$n LD_PRELOAD=$shim "$zccsim" run "$scenario" --replications 2 --out good.h5 --append \
        --quiet 2>&1)
  check "run --append (N=$n)" good.h5 $? "$msg"
done
[ $fail -eq 0 ] && echo "ok: run --out, merge and run --append on a full disk: clear message, outputs intact"
exit $fail
