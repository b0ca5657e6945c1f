#!/bin/sh
# Run a fuzz target for a ctest entry and judge the result.
#   run-target.sh --engine E (--clean | --expect ID) [--files GLOB]... [--corpus DIR] [--seeds GLOB]
#                 -- TARGET [ARGS...]
# --clean:     pass if the target exits 0 and prints no "mdfuzz: ..." finding.
# --expect ID: pass if the target exits non-zero and prints "mdfuzz: ID:".
# --files:     replay the files matching GLOB (missing globs are skipped).
# --corpus:    fuzz from DIR's seeds; libFuzzer gets a fresh scratch dir first
#              so that new units never land in the committed corpus.
# --seeds:     fuzz from only the seeds matching GLOB (copied to a scratch
#              dir), e.g. the honest sessions, so that a planted bug must be
#              found by mutation rather than by a seed that already hits it.
set -u
engine=""; mode=""; id=""; corpus=""; files=""; seeds=""
while [ $# -gt 0 ]; do
  case "$1" in
    --engine) engine=$2; shift 2 ;;
    --clean) mode=clean; shift ;;
    --expect) mode=expect; id=$2; shift 2 ;;
    --files) for f in $2; do [ -f "$f" ] && files="$files $f"; done; shift 2 ;;
    --corpus) corpus=$2; shift 2 ;;
    --seeds) seeds=$2; shift 2 ;;
    --) shift; break ;;
    *) echo "run-target.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
done
[ $# -ge 1 ] && [ -n "$mode" ] || { echo "run-target.sh: usage error" >&2; exit 2; }
target=$1; shift
scratch=$(mktemp -d); trap 'rm -rf "$scratch"' EXIT
out=$scratch/out.txt
if [ -n "$seeds" ]; then
  mkdir "$scratch/seeds"
  for f in $seeds; do [ -f "$f" ] && cp "$f" "$scratch/seeds/"; done
  corpus=$scratch/seeds
fi
if [ -n "$corpus" ]; then
  if [ "$engine" = libfuzzer ]; then
    mkdir "$scratch/corpus"
    "$target" -artifact_prefix="$scratch/" "$@" "$scratch/corpus" "$corpus" >"$out" 2>&1
  else
    "$target" "$@" "$corpus" >"$out" 2>&1
  fi
  rc=$?
else
  if [ -z "$files" ]; then
    if [ "$mode" = expect ]; then echo "run-target.sh: no input files to replay" >&2; exit 1; fi
    echo "run-target.sh: nothing to replay"; exit 0
  fi
  # shellcheck disable=SC2086
  "$target" "$@" $files >"$out" 2>&1
  rc=$?
fi
tail -n 40 "$out"
findings=$(grep -E '^mdfuzz: [^ ]+: ' "$out" | grep -v '^mdfuzz: context:' | head -n 3)
if [ "$mode" = clean ]; then
  if [ $rc -ne 0 ] || [ -n "$findings" ]; then echo "FAIL: expected no finding, exit $rc"; exit 1; fi
  echo "PASS: no finding"; exit 0
fi
if [ $rc -eq 0 ]; then echo "FAIL: expected finding $id, target exited 0"; exit 1; fi
if grep -qF "mdfuzz: $id: " "$out"; then echo "PASS: found $id"; exit 0; fi
echo "FAIL: expected finding $id, got: ${findings:-none}"; exit 1
