#!/usr/bin/env bash
# README command 1: install dependencies, build the libFuzzer preset, fuzz
# the clean reference minidriver briefly, then fuzz a planted-bug variant
# until mdfuzz finds the bug, and print the finding report.
#   MDFUZZ_DEMO_CLEAN_SECONDS   time on the clean driver (default 30)
#   MDFUZZ_DEMO_BUG             planted variant (default refmd_bug_leak)
#   MDFUZZ_DEMO_BUG_SECONDS     time limit for finding it (default 180)
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
bug=${MDFUZZ_DEMO_BUG:-refmd_bug_leak}
clean_s=${MDFUZZ_DEMO_CLEAN_SECONDS:-30}
bug_s=${MDFUZZ_DEMO_BUG_SECONDS:-180}

cmake --preset libfuzzer >/dev/null
cmake --build --preset libfuzzer -j "$(nproc)" --target mdfuzz fuzz-refmd-CardReadFile "fuzz-$bug-CardReadFile"
mdfuzz=build/libfuzzer/bin/mdfuzz

echo
echo "=== 1/2: fuzzing the clean reference minidriver (refmd) for ${clean_s}s"
set +e
"$mdfuzz" fuzz --target refmd-CardReadFile --time "$clean_s"
rc=$?
set -e
if [ $rc -ne 0 ]; then
  echo "mdfuzz demo: the clean reference minidriver produced a finding (exit $rc)" >&2
  exit 1
fi

echo
echo "=== 2/2: fuzzing the planted-bug variant $bug until mdfuzz finds the bug (at most ${bug_s}s)"
set +e
"$mdfuzz" fuzz --target "$bug-CardReadFile" --time "$bug_s" --until-finding
rc=$?
set -e
if [ $rc -ne 1 ]; then
  echo "mdfuzz demo: no finding in $bug within ${bug_s}s (exit $rc)" >&2
  exit 1
fi
echo "mdfuzz demo: done"
