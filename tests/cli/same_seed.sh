#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# same_seed.sh ZCCSIM SCENARIO: same scenario + seed -> byte-identical JSON for
# 1 and 2 threads; another seed -> different JSON.
set -eu
zccsim=$1 scenario=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$zccsim" run "$scenario" --replications 4 --seed 7 --threads 1 --json "$work/a.json" --quiet
"$zccsim" run "$scenario" --replications 4 --seed 7 --threads 2 --json "$work/b.json" --quiet
"$zccsim" run "$scenario" --replications 4 --seed 8 --threads 2 --json "$work/c.json" --quiet
cmp "$work/a.json" "$work/b.json" || { echo "FAIL: thread count changed the results"; exit 1; }
if cmp -s "$work/a.json" "$work/c.json"; then echo "FAIL: seed has no effect"; exit 1; fi
grep -Eq '"model": "(network|acute)"' "$work/a.json" || { echo "FAIL: JSON shape"; exit 1; }
echo "ok: identical JSON for 1 and 2 threads ($(wc -c < "$work/a.json") bytes)"
