#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# warmup_advice.sh ZCCSIM ROOT: `zccsim run` of an acute scenario prints MSER-5
# warm-up advice; it warns for the test region's 2-day warm-up and not for the
# default region's 42 days; with --out (the hourly series go to the file) and
# with --quiet (the warning alone, on stderr) as well.
set -u
zccsim=$1 root=$2
short=$("$zccsim" run "$root/tests/acute/small_region.yaml" --replications 1 --threads 1 2>/dev/null)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
with_out=$("$zccsim" run "$root/tests/acute/small_region.yaml" --replications 1 --threads 1 --out "$tmp/r.h5" 2>/dev/null)
quiet=$("$zccsim" run "$root/tests/acute/small_region.yaml" --replications 1 --threads 1 --quiet --out "$tmp/q.h5" 2>&1)
long=$("$zccsim" run "$root/scenarios/midden_nederland.yaml" --replications 1 --threads 1 2>/dev/null)
fail=0
[[ "$short" == *"warm-up (MSER-5"*"configured 2 days"* ]] || { echo "FAIL: no advice for the test region"; fail=1; }
[[ "$short" == *"warning: the configured warm-up looks too short"* ]] || { echo "FAIL: no warning for 2 days"; fail=1; }
[[ "$with_out" == *"warm-up (MSER-5"*"configured 2 days"* ]] || { echo "FAIL: no advice with --out"; fail=1; }
[[ "$quiet" == *"warning: the configured warm-up looks too short"* ]] || { echo "FAIL: no warning with --quiet --out"; fail=1; }
[[ "$long" == *"configured 42 days"* ]] || { echo "FAIL: no advice for the default region"; fail=1; }
[[ "$long" != *"looks too short"* ]] || { echo "FAIL: the default region's warm-up was called too short"; fail=1; }
[ $fail -eq 0 ] && echo "ok: $(grep -o 'suggested [0-9.]* days, configured [0-9.]* days' <<<"$long")"
exit $fail
