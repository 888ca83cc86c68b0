#!/usr/bin/env bash
# The package on a freshly installed Debian 12: a minimal bookworm (tools/debian-chroot.sh: debootstrap
# minbase, cached), the .deb copied in and installed with apt (which pulls its Depends from the
# archive), `ferry --version` run and the desktop file validated there. Needs root and the Debian
# archive; about a minute once the base is cached, so CI runs the quicker installer/check-deb.sh instead.
# Usage: installer/check-deb-clean.sh BUILD_DIR [MIRROR]
set -euo pipefail
build=${1:?usage: check-deb-clean.sh BUILD_DIR [MIRROR]}
export FERRY_MIRROR=${2:-${FERRY_MIRROR:-http://deb.debian.org/debian}} FERRY_CHROOT_TAG=check-deb-clean
FERRY_BUILD=$(cd "$build" && pwd)
source "$(dirname "$0")/../tools/debian-chroot.sh"
(cd "$build" && cpack -G DEB >/dev/null)
deb=$(ls -t "$build"/ferry_*.deb | head -n 1)
work=$(mktemp -d "${FERRY_FRESH_DIR:-/var/tmp}/ferry-deb-clean.XXXXXX")
touch "$work/.ferry-chroot"
trap 'chroot_remove "$work"' EXIT
chroot_new "$work"
echo "check-deb-clean: a fresh Debian 12 (minbase) in $work/root"
cp "$deb" "$work/root/tmp/"
chroot_run "$work" -- sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    --no-install-recommends /tmp/$(basename "$deb") desktop-file-utils >/dev/null"
chroot_keep_debs "$work"
echo "check-deb-clean: $(chroot_run "$work" -- ferry --version)"
echo "check-deb-clean: $(chroot_run "$work" -- /usr/libexec/ferry/ferry-desktop --version) (the tray application)"
chroot_run "$work" -- desktop-file-validate /usr/share/applications/ferry.desktop
echo "check-deb-clean: installed on a fresh Debian 12, runs, desktop file valid"
