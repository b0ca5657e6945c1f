#!/usr/bin/env bash
# README command 2 (and CI): install dependencies, build the libfuzzer and
# standalone presets, run every test of both with ctest.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh || exit 1
jobs=$(nproc 2>/dev/null || echo 2)

total_pass=0
total_fail=0
status=0
for preset in libfuzzer standalone; do
  echo "=== mdfuzz: preset $preset: configure and build"
  if ! cmake --preset "$preset" >/dev/null || ! cmake --build --preset "$preset" -j "$jobs"; then
    echo "mdfuzz: build of preset $preset failed" >&2
    status=1
    total_fail=$((total_fail + 1)) # the preset's tests could not run
    continue
  fi
  echo "=== mdfuzz: preset $preset: tests"
  log=$(mktemp)
  ctest --preset "$preset" -j "$jobs" --timeout 900 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  [ "$rc" -eq 0 ] || status=1
  # ctest's summary line: "100% tests passed, 0 tests failed out of 42"
  line=$(grep -E '[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -n 1)
  if [ -n "$line" ]; then
    failed=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$line")
    all=$(sed -E 's/.* failed out of ([0-9]+).*/\1/' <<<"$line")
    total_fail=$((total_fail + failed))
    total_pass=$((total_pass + all - failed))
  else
    status=1
  fi
  rm -f "$log"
done
echo "mdfuzz: $total_pass passed, $total_fail failed"
exit $status
