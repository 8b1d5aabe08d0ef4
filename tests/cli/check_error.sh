#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# check_error.sh ZCCSIM CASE_DIR CASE EXPECTED
# A broken scenario must exit non-zero, print EXPECTED (file:line:column and
# the allowed values) on stderr, and leave an existing output file untouched.
set -u
zccsim=$1 dir=$2 case=$3 expected=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$dir/$case.yaml" "$work/"
echo "a good result from an earlier run" > "$work/out.json"
cd "$work"
err=$("$zccsim" run "$case.yaml" --replications 2 --json out.json 2>&1 >/dev/null)
status=$?
fail=0
if [ "$status" -eq 0 ]; then echo "FAIL: exit status 0 for a broken scenario"; fail=1; fi
if [[ "$err" != *"$expected"* ]]; then
  printf 'FAIL: message\n  got:      %s\n  expected: %s\n' "$err" "$expected"; fail=1
fi
if [ "$(cat out.json)" != "a good result from an earlier run" ]; then echo "FAIL: out.json was overwritten"; fail=1; fi
if ls ./*.tmp.* >/dev/null 2>&1; then echo "FAIL: temporary files left behind"; fail=1; fi
verr=$("$zccsim" validate "$case.yaml" 2>&1 >/dev/null) && { echo "FAIL: validate accepted it"; fail=1; }
[[ "$verr" == *"$expected"* ]] || { echo "FAIL: validate message differs: $verr"; fail=1; }
[ $fail -eq 0 ] && echo "ok: $err"
exit $fail
