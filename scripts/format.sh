#!/usr/bin/env bash
# clang-format over our C++ sources. --check: fail on any difference.
set -euo pipefail
cd "$(dirname "$0")/.."
files=$(git ls-files -co --exclude-standard -- '*.h' '*.cc' | grep -E '^(include|src|tests|bench|fuzz)/' || true)
[ -n "$files" ] || exit 0
if [ "${1:-}" = "--check" ]; then
  # shellcheck disable=SC2086
  clang-format --dry-run -Werror $files
  echo "format: $(echo "$files" | wc -l) files clean"
else
  # shellcheck disable=SC2086
  clang-format -i $files
fi
