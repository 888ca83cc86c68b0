#!/usr/bin/env bash
# The package on a freshly installed Debian 12: debootstrap a minimal bookworm, copy the .deb in, install
# it with apt (which pulls its Depends from the archive), run `ferry --version` and validate the desktop
# file there. Needs root and the Debian archive; takes a few minutes, so CI runs the quicker
# installer/check-deb.sh instead. Usage: installer/check-deb-clean.sh BUILD_DIR [MIRROR]
set -euo pipefail
build=${1:?usage: check-deb-clean.sh BUILD_DIR [MIRROR]}
mirror=${2:-http://deb.debian.org/debian}
(cd "$build" && cpack -G DEB >/dev/null)
deb=$(ls -t "$build"/ferry_*.deb | head -n 1)
root=$(mktemp -d)
trap 'umount "$root/proc" 2>/dev/null || true; rm -rf "$root"' EXIT
echo "check-deb-clean: debootstrap bookworm (minbase) into $root"
debootstrap --variant=minbase bookworm "$root" "$mirror" >/dev/null
mount -t proc proc "$root/proc"
cp "$deb" "$root/tmp/"
chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "/tmp/$(basename "$deb")" desktop-file-utils >/dev/null
echo "check-deb-clean: $(chroot "$root" ferry --version)"
chroot "$root" desktop-file-validate /usr/share/applications/ferry.desktop
echo "check-deb-clean: installed on a fresh Debian 12, runs, desktop file valid"
