#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Every shipped scenario and experiment (scenarios/**/*.yaml) has a line in
# tests/fingerprints/manifest.txt, and every line has its golden file.
set -euo pipefail
manifest=tests/fingerprints/manifest.txt
status=0
while IFS= read -r f; do
  if ! awk '/^[a-z]/ {print $2}' "$manifest" | grep -qxF "$f"; then
    echo "no fingerprint for $f: add it to $manifest and run scripts/update_fingerprints"
    status=1
  fi
done < <(find scenarios -name '*.yaml' | sort)
while read -r name _; do
  [ -f "tests/fingerprints/golden/$name.txt" ] || { echo "missing tests/fingerprints/golden/$name.txt"; status=1; }
done < <(grep '^[a-z]' "$manifest")
[ $status -eq 0 ] && echo "every shipped scenario has a fingerprint"
exit $status
