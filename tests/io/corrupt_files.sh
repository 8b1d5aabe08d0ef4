#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# corrupt_files.sh ZCCSIM SCENARIO
# Fixed corruptions of a results file (a byte flipped in the user block's
# digest and padding, in the HDF5 superblock, in the heap of KPI names, the
# last byte; truncated; the format-1 shape without a user block; empty; a
# directory; a text file) through `merge`,
# `run --append` and `report`: each is refused with the file's name, a
# non-zero exit status that is not a signal, nothing overwritten and no
# temporary file left.
set -u
zccsim=$1 scenario=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
"$zccsim" run "$scenario" --replications 2 --out good.h5 --quiet || { echo "FAIL: cannot write good.h5"; exit 1; }
size=$(stat -c %s good.h5)
flip() {  # flip FILE OFFSET: adds 1 to the byte at OFFSET
  local b
  b=$(od -An -tu1 -j "$2" -N1 "$1" | tr -d ' ')
  printf "$(printf '\\%03o' $(((b + 1) % 256)))" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}
heap=$(grep -obUa "q.served" good.h5 | head -1 | cut -d: -f1)
mkdir cases
# in the digest: another hex digit ('0', or '1' where it was '0'), so the block
# stays well formed and only the checksum disagrees (adding 1 to '9' or 'f'
# would give a character that is not hex: a damaged block, not a mismatch)
cp good.h5 cases/user_block.h5
if [ "$(od -An -c -j 30 -N1 good.h5 | tr -d ' ')" = 0 ]; then digit=1; else digit=0; fi
printf '%s' "$digit" | dd of=cases/user_block.h5 bs=1 seek=30 conv=notrunc status=none
cp good.h5 cases/padding.h5 && flip cases/padding.h5 300
cp good.h5 cases/superblock.h5 && flip cases/superblock.h5 $((512 + 20))
cp good.h5 cases/string_heap.h5 && flip cases/string_heap.h5 $((heap + 2))
cp good.h5 cases/last_byte.h5 && flip cases/last_byte.h5 $((size - 1))
head -c $((size - 100)) good.h5 > cases/truncated.h5
head -c 300 good.h5 > cases/short.h5
tail -c +513 good.h5 > cases/format1.h5  # HDF5 at byte 0, no user block: the shape of format 1
: > cases/empty.h5
mkdir cases/directory.h5
echo "not a results file" > cases/text.h5

fail=0
expect() {  # expect WHAT FILE STATUS MESSAGE PHRASE
  local what=$1 file=$2 status=$3 msg=$4 phrase=$5
  if [ "$status" -eq 0 ]; then echo "FAIL: $what: accepted"; fail=1; fi
  if [ "$status" -ge 128 ]; then echo "FAIL: $what: killed by signal $((status - 128))"; fail=1; fi
  if [[ "$msg" != *"$file"* || "$msg" != *"$phrase"* ]]; then
    printf 'FAIL: %s: message lacks %s or "%s":\n%s\n' "$what" "$file" "$phrase" "$msg"; fail=1
  fi
  if ls ./*.tmp.* cases/*.tmp.* >/dev/null 2>&1; then echo "FAIL: $what: temporary files left"; fail=1; fi
}
for c in user_block padding superblock string_heap last_byte truncated short format1 empty directory text; do
  f=cases/$c.h5
  case $c in
    padding) phrase="damaged header block" ;;
    user_block | superblock | string_heap | last_byte | truncated) phrase="checksum mismatch" ;;
    short) phrase="truncated" ;;
    format1) phrase="zccsim-results-1" ;;
    empty) phrase="empty file" ;;
    directory) phrase="directory" ;;
    text) phrase="not a zccsim results file" ;;
  esac
  [ -d "$f" ] || cp "$f" before.bin
  echo "an earlier output" > out.h5
  msg=$("$zccsim" merge "$f" -o out.h5 --quiet 2>&1)
  expect "merge $c" "$f" $? "$msg" "$phrase"
  [ "$(cat out.h5)" = "an earlier output" ] || { echo "FAIL: merge $c overwrote out.h5"; fail=1; }
  msg=$("$zccsim" run "$scenario" --replications 1 --out "$f" --append --quiet 2>&1)
  expect "run --append $c" "$f" $? "$msg" "$phrase"
  if [ -d "$f" ]; then [ -z "$(ls -A "$f")" ] || { echo "FAIL: run --append wrote into $f"; fail=1; }
  else cmp -s "$f" before.bin || { echo "FAIL: run --append changed $f"; fail=1; }; fi
  echo "an earlier report" > r.html
  msg=$("$zccsim" report "$f" -o r.html --quiet 2>&1)
  expect "report $c" "$f" $? "$msg" "$phrase"
  [ "$(cat r.html)" = "an earlier report" ] || { echo "FAIL: report $c overwrote r.html"; fail=1; }
done
[ $fail -eq 0 ] && echo "ok: 11 corrupt files refused by merge, run --append and report, with their names"
exit $fail
