#!/usr/bin/env bash
# `ferry` and `ferry-desktop` (docs/development.md, "Two executables"): the command line loads none of
# the desktop's libraries (Qt GUI, Widgets, Charts, OpenGL, X11), the tray application's does; `ferry`
# without a command starts `ferry-desktop` (tst_trayapp runs that), and without it installed beside it
# exits 2 with a message naming it, while its commands still work.
# Usage: check-cli-executable.sh FERRY FERRY_DESKTOP
set -euo pipefail
ferry=${1:?usage: check-cli-executable.sh FERRY FERRY_DESKTOP}
desktop=${2:?usage: check-cli-executable.sh FERRY FERRY_DESKTOP}
fail() { echo "check-cli-executable: $*" >&2; exit 1; }
desktop_libs='libQt6(Gui|Widgets|Charts|OpenGL)|libGL|libEGL|libX11|libxcb'

cli=$(ldd "$ferry")
! grep -Eq "$desktop_libs" <<<"$cli" || fail "ferry loads desktop libraries: $(grep -E "$desktop_libs" <<<"$cli" | tr -s ' \n' ' ')"
grep -Eq 'libQt6Widgets' <<<"$(ldd "$desktop")" || fail "ferry-desktop does not link Qt Widgets"
echo "check-cli-executable: ferry loads $(wc -l <<<"$cli") shared objects, none of the desktop's"

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp "$ferry" "$scratch/ferry" # alone: no ferry-desktop beside it or in ../libexec/ferry
run() {
    env -u DISPLAY -u WAYLAND_DISPLAY QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$scratch/xdg-config" \
        XDG_DATA_HOME="$scratch/xdg-data" FERRY_CONFIG="$scratch/config.json" FERRY_DATA_DIR="$scratch/data" \
        "$scratch/ferry" "$@"
}
status=0
err=$(run --minimized 2>&1 >/dev/null) || status=$?
[ "$status" -eq 2 ] || fail "ferry without ferry-desktop: exit $status, expected 2 ($err)"
grep -q "ferry-desktop" <<<"$err" || fail "ferry without ferry-desktop does not name it: $err"
run --version >/dev/null || fail "ferry --version failed without ferry-desktop"
echo "check-cli-executable: without ferry-desktop, \`ferry\` exits 2 naming it; its commands still run"
