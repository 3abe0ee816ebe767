#!/usr/bin/env bash
# The format check of the test command: every C++ file of the project is as clang-format
# (.clang-format: Google style, 100 columns) writes it. Debian 12's clang-format 14.
#
#   tools/check-format.sh         # lists the files that differ and exits 1 when there are any
#   tools/check-format.sh --fix   # rewrites them in place
set -euo pipefail
cd "$(dirname "$0")/.."

format=$(command -v clang-format-14 || command -v clang-format || true)
if [[ -z "$format" ]]; then
  echo "check-format: clang-format is not installed (tools/install-deps.sh --tests installs it)" >&2
  exit 2
fi
# Every tracked C++ source and header; generated code lives in the build directory, not here.
mapfile -t files < <(git ls-files '*.cc' '*.h')
if [[ "${1:-}" == --fix ]]; then
  "$format" -i --style=file "${files[@]}"
  exit 0
fi
differ=()
for file in "${files[@]}"; do
  if ! "$format" --style=file --dry-run -Werror "$file" >/dev/null 2>&1; then
    differ+=("$file")
  fi
done
if ((${#differ[@]} > 0)); then
  echo "check-format: ${#differ[@]} file(s) differ from clang-format; run tools/check-format.sh --fix:" >&2
  printf '  %s\n' "${differ[@]}" >&2
  exit 1
fi
echo "check-format: ${#files[@]} files formatted"
