#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `zccsim report FILE.json` (issue #15): a JSON file is taken for a staffing
# study (zccsim staff --out) by its .json name or its first character '{', and
# checked before Python starts (ZCCSIM_PYTHON points nowhere: a file let
# through would fail with "cannot start"): a truncated file names
# file:line:column, JSON that is not a staffing study says what is expected;
# exit status 1, no page written. `zccsim report --help` names both inputs.
set -uo pipefail
zccsim=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
export ZCCSIM_PYTHON=/nonexistent/python3

refused() {  # FILE EXPECTED-START-OF-MESSAGE
  "$zccsim" report "$1" -o "$tmp/out.html" 2>"$tmp/err"
  local rc=$?
  cat "$tmp/err"
  [ $rc -eq 1 ] || fail "report $1 exited $rc"
  [ -e "$tmp/out.html" ] && fail "report $1 wrote a page"
  head -n 1 "$tmp/err" | grep -qF -- "zccsim report: $2" || fail "report $1: expected 'zccsim report: $2'"
  grep -q "cannot start" "$tmp/err" && fail "report $1 started Python"
  return 0
}

printf '{"iterations": 3,\n "nodes": [{"node": "q", "hours": [' >"$tmp/cut.json"
refused "$tmp/cut.json" "$tmp/cut.json:2:36: not valid JSON ("
grep -q "the file ends early" "$tmp/err" || fail "a truncated file is not called one"
printf '{"iterations": 3, "nodes": [}' >"$tmp/bad.json"
refused "$tmp/bad.json" "$tmp/bad.json:1:29: not valid JSON (syntax error"
printf '{"kpis": {"a": {"mean": 1}}}\n' >"$tmp/summary.json"
refused "$tmp/summary.json" "$tmp/summary.json is not a staffing study (the JSON of zccsim staff --out"
printf '[1, 2]' >"$tmp/list.JSON"
refused "$tmp/list.JSON" "$tmp/list.JSON is not a staffing study"
printf '  \n {"iterations": 1, "nodes": []}' >"$tmp/noext"
refused "$tmp/noext" "$tmp/noext is not a staffing study"
refused "$tmp/missing.json" "cannot open $tmp/missing.json: No such file or directory"

# a staffing study gets past the check: to Python (here: none to start)
printf '{"iterations": 1, "converged": true, "nodes": [{"node": "q", "hours": []}]}' >"$tmp/ok.json"
"$zccsim" report "$tmp/ok.json" -o "$tmp/out.html" 2>"$tmp/err" && fail "report without Python exited 0"
grep -q "cannot start /nonexistent/python3" "$tmp/err" || fail "a staffing study did not reach Python: $(cat "$tmp/err")"

"$zccsim" report --help >"$tmp/help" || fail "report --help failed"
grep -q "usage: zccsim report RESULTS.h5|STAFF.json" "$tmp/help" || fail "report --help names no STAFF.json"
grep -q "Of a staffing study" "$tmp/help" || fail "report --help does not describe the staffing page"
echo "ok: staffing JSON checked before Python"
