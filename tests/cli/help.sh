#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `zccsim COMMAND --help` (and -h) for every command: usage on stdout naming
# the command, its options, nothing on stderr, exit 0. The commands are the
# ones `zccsim` lists as allowed for an unknown command, so a new command is
# covered without editing this test. `zccsim --version` and `zccsim version`
# print "zccsim X.Y.Z" and a newline.
set -uo pipefail
zccsim=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$zccsim" no-such-command >/dev/null 2>"$tmp/err" && fail "an unknown command exited 0"
allowed=$(sed -n "s/.*allowed: //p" "$tmp/err" | tr -d ',')
[ -n "$allowed" ] || fail "no list of commands in: $(cat "$tmp/err")"
count=0
for cmd in $allowed; do
  [ "$cmd" = version ] && continue
  for flag in --help -h; do
    "$zccsim" "$cmd" "$flag" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    [ $rc -eq 0 ] || fail "zccsim $cmd $flag exited $rc: $(cat "$tmp/err")"
    [ -s "$tmp/err" ] && fail "zccsim $cmd $flag wrote to stderr: $(cat "$tmp/err")"
    head -n 1 "$tmp/out" | grep -q "^usage: zccsim $cmd" || fail "zccsim $cmd $flag: first line is not its usage: $(head -n 1 "$tmp/out")"
    grep -q -- "--" "$tmp/out" || fail "zccsim $cmd $flag lists no options"
  done
  count=$((count + 1))
done
[ $count -ge 9 ] || fail "only $count commands listed: $allowed"
# an option after --help is not checked; one before it that is unknown still is
"$zccsim" run --bogus --help >/dev/null 2>&1 && fail "run --bogus --help exited 0"

for v in --version version; do
  "$zccsim" $v >"$tmp/v" || fail "zccsim $v failed"
  grep -qE '^zccsim [0-9]+\.[0-9]+\.[0-9]+$' "$tmp/v" || fail "zccsim $v printed '$(cat "$tmp/v")'"
  [ "$(tail -c 1 "$tmp/v" | od -An -c | tr -d ' ')" = '\n' ] || fail "zccsim $v does not end with a newline"
  [ "$(wc -l <"$tmp/v")" -eq 1 ] || fail "zccsim $v printed more than one line"
done
echo "ok: --help of $count commands ($allowed), --version"
