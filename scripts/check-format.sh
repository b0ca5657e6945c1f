#!/usr/bin/env bash
# Check that every tracked C/C++ source is formatted by .clang-format
# (Debian 12's clang-format 14): prints the files that differ and exits 1.
# Nothing is rewritten; to format: clang-format -i FILE...
#   scripts/check-format.sh [FILE...]   default: git ls-files '*.c' '*.h' '*.cpp',
#                                       without corpus/ and tests/data/
set -euo pipefail

cd "$(dirname "$0")/.."
CLANG_FORMAT=${CLANG_FORMAT:-}
if [ -z "$CLANG_FORMAT" ]; then
  for c in clang-format-14 clang-format; do
    if command -v "$c" >/dev/null; then CLANG_FORMAT=$c; break; fi
  done
fi
if [ -z "$CLANG_FORMAT" ]; then
  echo "check-format: clang-format not found (scripts/install-deps.sh installs it)" >&2
  exit 2
fi

if [ $# -gt 0 ]; then
  files=("$@")
else
  mapfile -t files < <(git ls-files -- '*.c' '*.h' '*.cpp' ':!:corpus/**' ':!:tests/data/**')
fi

# One clang-format process for every file (one per file cost ~20 s): its
# --dry-run warnings start with "FILE:LINE:COL: error:".
existing=()
for f in "${files[@]}"; do
  [ -f "$f" ] && existing+=("$f")
done
bad=()
out=""
rc=0
if [ ${#existing[@]} -gt 0 ]; then
  out=$("$CLANG_FORMAT" --dry-run --Werror "${existing[@]}" 2>&1) || rc=$?
  mapfile -t bad < <(sed -n -E 's/^(.+):[0-9]+:[0-9]+: (error|warning): code should be clang-formatted.*/\1/p' <<<"$out" | sort -u)
fi
if [ "$rc" -ne 0 ] && [ ${#bad[@]} -eq 0 ]; then
  echo "check-format: $CLANG_FORMAT failed (exit $rc): $(head -n1 <<<"$out")" >&2
  exit 2
fi

if [ ${#bad[@]} -gt 0 ]; then
  printf '%s\n' "${bad[@]}"
  echo "check-format: ${#bad[@]} of ${#files[@]} files differ from .clang-format ($("$CLANG_FORMAT" --version | head -n1))" >&2
  exit 1
fi
echo "check-format: ${#files[@]} files formatted"
