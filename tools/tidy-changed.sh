#!/usr/bin/env bash
# clang-tidy (the checked-in .clang-tidy, every warning an error) on the C++ sources of core/, app/ and
# ui/ that changed since BASE (default: the last 3 commits; FERRY_TIDY_BASE or the first argument), with
# the compile commands of BUILD (default $FERRY_BUILD). CI runs it after the main build, so a change
# cannot bring in a new warning; the whole tree is `tools/tidy-changed.sh --all`.
# Usage: tools/tidy-changed.sh [BASE|--all]
set -euo pipefail
source "$(dirname "$0")/../.ci/lib.sh"
cd "$FERRY_ROOT"

base=${1:-${FERRY_TIDY_BASE:-HEAD~3}}
if [ "$base" = --all ]; then
    mapfile -t files < <(git ls-files 'core/*.cpp' 'app/*.cpp' 'ui/*.cpp')
else
    git rev-parse -q --verify "$base^{commit}" >/dev/null || base=$(git rev-list --max-parents=0 HEAD | tail -n 1)
    mapfile -t files < <(git diff --name-only --diff-filter=d "$base" -- 'core/*.cpp' 'app/*.cpp' 'ui/*.cpp')
fi
[ -f "$FERRY_BUILD/compile_commands.json" ] || { echo "tidy: no $FERRY_BUILD/compile_commands.json (build first)" >&2; exit 2; }
if [ ${#files[@]} -eq 0 ]; then
    echo "tidy: no C++ source of core/, app/ or ui/ changed since $base"
    exit 0
fi
echo "tidy: clang-tidy on ${#files[@]} files changed since $base"
# Qt's logging macros are variadic and called without arguments: a GNU extension every compiler has.
out=$(printf '%s\0' "${files[@]}" | xargs -0 -n 1 -P "$(nproc)" clang-tidy -p "$FERRY_BUILD" --quiet \
    --warnings-as-errors='*' --extra-arg=-Wno-gnu-zero-variadic-macro-arguments 2>/dev/null) || true
if grep -qE '(warning|error):' <<<"$out"; then
    echo "$out"
    echo "tidy: fix the findings above (or NOLINT them with a reason)" >&2
    exit 1
fi
echo "tidy: clean"
