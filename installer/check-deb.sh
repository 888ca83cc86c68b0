#!/usr/bin/env bash
# Builds the .deb from a finished build folder, installs it with dpkg, and checks what a user gets:
# `ferry --version` runs from /usr/bin, the desktop file and the AppStream metainfo validate, the icon and
# the translations are in place. Removes the package afterwards. Needs root (CI runs as root).
# Usage: installer/check-deb.sh BUILD_DIR
set -euo pipefail
build=${1:?usage: check-deb.sh BUILD_DIR}
root=$(cd "$(dirname "$0")/.." && pwd)
(cd "$build" && cpack -G DEB >/dev/null)
deb=$(ls -t "$build"/ferry_*.deb | head -n 1)
echo "check-deb: $(basename "$deb") ($(du -h "$deb" | cut -f1))"
dpkg-deb --info "$deb" | sed -n 's/^ *\(Depends\|Recommends\):/  \1:/p'
apt-get install -y -qq --no-install-recommends "$deb" >/dev/null # dpkg -i, with its Depends resolved
trap 'dpkg -r ferry >/dev/null 2>&1 || true' EXIT
version=$(/usr/bin/ferry --version)
echo "check-deb: /usr/bin/ferry --version: $version"
desktop-file-validate /usr/share/applications/ferry.desktop
appstreamcli validate --no-net /usr/share/metainfo/org.ferry.Ferry.metainfo.xml >/dev/null
for f in /usr/share/icons/hicolor/scalable/apps/ferry.svg /usr/share/ferry/translations/ferry_de.qm \
    /usr/share/ferry/translations/ferry_fr.qm; do
    [ -s "$f" ] || { echo "check-deb: missing $f" >&2; exit 1; }
done
echo "check-deb: installed, runs, desktop file and metainfo valid"
