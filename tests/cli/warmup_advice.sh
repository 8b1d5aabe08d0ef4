#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# warmup_advice.sh ZCCSIM ROOT: `zccsim run` of an acute scenario prints MSER-5
# warm-up advice; it warns for the test region's 2-day warm-up and not for the
# default region's 42 days; with --out (the hourly series go to the file) and
# with --quiet (the warning alone, on stderr) as well. MSER-5 on one
# replication's daily busy beds is noisy (the bed pools' occupancy wanders
# for weeks): the default region is judged on seeds 1-5 and may be called
# too short by at most two of them (before beds by type, seeds 1-8 suggested
# 35, 170, 15, 10, 20, 60, 110, 25 days; with them 65, 20, 20, 15, 20, 30,
# 105, 25).
set -u
zccsim=$1 root=$2
short=$("$zccsim" run "$root/tests/acute/small_region.yaml" --replications 1 --threads 1 2>/dev/null)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
with_out=$("$zccsim" run "$root/tests/acute/small_region.yaml" --replications 1 --threads 1 --out "$tmp/r.h5" 2>/dev/null)
quiet=$("$zccsim" run "$root/tests/acute/small_region.yaml" --replications 1 --threads 1 --quiet --out "$tmp/q.h5" 2>&1)
long=$("$zccsim" run "$root/scenarios/midden_nederland.yaml" --replications 1 --threads 1 2>/dev/null)
too_short=0
for seed in 2 3 4 5; do
  other=$("$zccsim" run "$root/scenarios/midden_nederland.yaml" --replications 1 --threads 1 --seed $seed 2>/dev/null)
  [[ "$other" == *"looks too short"* ]] && too_short=$((too_short + 1))
done
[[ "$long" == *"looks too short"* ]] && too_short=$((too_short + 1))
fail=0
[[ "$short" == *"warm-up (MSER-5"*"configured 2 days"* ]] || { echo "FAIL: no advice for the test region"; fail=1; }
[[ "$short" == *"warning: the configured warm-up looks too short"* ]] || { echo "FAIL: no warning for 2 days"; fail=1; }
[[ "$with_out" == *"warm-up (MSER-5"*"configured 2 days"* ]] || { echo "FAIL: no advice with --out"; fail=1; }
[[ "$quiet" == *"warning: the configured warm-up looks too short"* ]] || { echo "FAIL: no warning with --quiet --out"; fail=1; }
[[ "$long" == *"configured 42 days"* ]] || { echo "FAIL: no advice for the default region"; fail=1; }
[ $too_short -le 2 ] || { echo "FAIL: the default region's warm-up was called too short by $too_short of seeds 1-5"; fail=1; }
[ $fail -eq 0 ] && echo "ok: $(grep -o 'suggested [0-9.]* days, configured [0-9.]* days' <<<"$long")"
exit $fail
