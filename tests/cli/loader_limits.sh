#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# loader_limits.sh ZCCSIM  (issue #11: bounds of the loaders)
# Each case must end quickly (ctest TIMEOUT) in little memory (ulimit -v):
# a profile with a zero-factor surge that never ends, alias bombs in an
# extends: base and in a sweep value, a 10^10-point grid; a directory or a
# missing file named as FILE; validate prints the expected arrivals.
set -u
zccsim=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail=0
ulimit -v 1000000  # 1 GB: the alias bombs took 2 GB before
expect() {  # expect NAME TEXT COMMAND...: exits non-zero with TEXT on stderr
  local name=$1 text=$2
  shift 2
  local err status
  err=$("$@" 2>&1 >/dev/null)
  status=$?
  if [ $status -eq 0 ] || [ $status -gt 128 ] || [[ "$err" != *"$text"* ]]; then
    printf 'FAIL: %s: status %s\n  got:      %s\n  expected: %s\n' "$name" "$status" "$err" "$text"
    fail=1
  else
    echo "ok: $name: $err"
  fi
}

ones=$(printf '1,%.0s' $(seq 167))1
cat > surge.yaml <<YAML
model: network
horizon: 1000
nodes:
  q:
    servers: 2
    service: {dist: exponential, mean: 1.0}
    arrivals:
      profile: [$ones]
      surges: [{from: 100, to: 1.0e300, factor: 0}]
YAML
if ! "$zccsim" run surge.yaml --replications 1 --json surge.json >/dev/null 2>&1; then
  echo "FAIL: the endless surge run did not end well"; fail=1
else
  echo "ok: the endless surge run ended"
fi

bomb='[1, 1, 1, 1, 1, 1, 1, 1, 1, 1]'
anchors="x0: &a0 $bomb"
for i in 1 2 3 4 5 6 7 8; do
  anchors+=$'\n'"  x$i: &a$i [*a$((i - 1)), *a$((i - 1)), *a$((i - 1)), *a$((i - 1)), *a$((i - 1)), *a$((i - 1)), *a$((i - 1)), *a$((i - 1)), *a$((i - 1)), *a$((i - 1))]"
done
cat > base.yaml <<YAML
model: network
horizon: 100
description:
  $anchors
nodes:
  q:
    servers: 2
    service: {dist: exponential, mean: 1.0}
    arrivals: {rate: 1.0}
YAML
printf 'extends: base.yaml\nhorizon: 50\n' > variant.yaml
expect "alias bomb in an extends: base" "base.yaml:9:47: more than 1000000 values after alias expansion" "$zccsim" validate variant.yaml
grep -v description base.yaml | grep -v '  x' > mmc.yaml
# a sweep value with a bomb: the grid's one value is a list holding the bomb
{
  echo "base: mmc.yaml"
  echo "grid:"
  echo "  description:"
  echo "    - {$(echo "$anchors" | sed 's/^ *//' | paste -sd, | sed 's/, *$//')}"
} > bomb_sweep.yaml
expect "alias bomb in a sweep value" "bomb_sweep.yaml:4:" "$zccsim" sweep bomb_sweep.yaml --json out.json
{
  echo "base: mmc.yaml"
  echo "grid:"
  for i in $(seq 10); do echo "  \"nodes.q.servers$i\": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]"; done
} > huge_grid.yaml
expect "a grid of 10^10 points" "huge_grid.yaml:3:3: the grid has more than 10000 points" "$zccsim" sweep huge_grid.yaml --json out.json
mkdir dir.yaml
expect "a directory as FILE" "dir.yaml: is a directory" "$zccsim" validate dir.yaml
expect "an experiment directory" "dir.yaml: is a directory" "$zccsim" sweep dir.yaml --json out.json
expect "a missing file" "nowhere.yaml: cannot open the scenario file: No such file or directory" "$zccsim" validate nowhere.yaml
out=$("$zccsim" validate mmc.yaml 2>&1)
if [[ "$out" != *"expected arrivals: about 100 over warm-up and horizon (max_arrivals 100000000)"* ]]; then
  echo "FAIL: validate does not print the expected arrivals: $out"; fail=1
else
  echo "ok: validate prints the expected arrivals"
fi
exit $fail
