#!/usr/bin/env bash
# The README's two commands on a freshly installed Debian 12, where nothing this machine happens to have
# can stand in for a package .ci/lib.sh forgot to name. In a minimal bookworm (debootstrap minbase,
# cached; see tools/debian-chroot.sh) with a clone of HEAD (committed files, as CI's clean clone):
#   1. `bash .ci/demo`: installs FERRY_PACKAGES, builds ferry, runs the main job (skipped with --quick;
#      then only the install runs);
#   2. `.ci/test`'s dependency step, which must find everything installed, and a configure of every
#      build .ci/test makes (main, asan, noui, fuzz);
#   3. every program of FERRY_PROGRAMS present, pg_virtualenv, a session bus and xvfb-run working,
#      and (without --quick) the desktop app saving its windows under Xvfb (tools/screenshots.sh) and
#      the package built, installed and validated (installer/check-deb.sh);
#   4. with --test, the whole `bash .ci/test` (20-40 min on 2 cores).
# Before that, on the host: every program a test starts (QProcess with a literal name) is in
# FERRY_PROGRAMS, so a new one cannot go unchecked.
#
# Needs root, debootstrap, zstd and the Debian archive. Compiles go through the host's ccache (bound
# in): a cached object is only used when every header it was made from is present with the same
# content, so a missing -dev package still fails. --cold compiles without it, as a first-time user.
# The chroot lives in FERRY_FRESH_DIR (default /var/tmp); caches as tools/debian-chroot.sh says.
# Usage: tools/check-fresh-machine.sh [--quick] [--test] [--cold] [--keep]
set -euo pipefail
source "$(dirname "$0")/../.ci/lib.sh"
export FERRY_CHROOT_TAG=fresh-machine
source "$FERRY_ROOT/tools/debian-chroot.sh"

quick="" full_test="" cold="" keep=""
for arg in "$@"; do
    case $arg in
    --quick) quick=1 ;;
    --test) full_test=1 ;;
    --cold) cold=1 ;;
    --keep) keep=1 ;;
    *) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2 ;;
    esac
done
log() { echo "fresh-machine: $*"; }
phase_start=$SECONDS
phase() { # NAME: the step just done, and the time it took
    log "$1 ($((SECONDS - phase_start)) s)"
    phase_start=$SECONDS
}

# 0. Every program a test starts by name is one the chroot will be checked for.
started=$(cd "$FERRY_ROOT" && git ls-files -z '*.cpp' '*.h' | xargs -0 perl -0777 -ne \
    'while (/\b(?:start|startDetached|execute|setProgram)\(\s*QStringLiteral\("([A-Za-z0-9_.\/+-]+)"\)/g) {print "$1\n"}' |
    sort -u)
unlisted=()
for p in $started; do
    [[ " ${FERRY_PROGRAMS[*]} " == *" $p "* ]] || unlisted+=("$p")
done
if [ ${#unlisted[@]} -gt 0 ]; then
    echo "fresh-machine: tests start ${unlisted[*]}, not in FERRY_PROGRAMS (.ci/lib.sh): add them, and" \
        "their package to FERRY_PACKAGES" >&2
    exit 1
fi
log "the $(echo "$started" | wc -w) programs tests start by name are all in FERRY_PROGRAMS"

command -v debootstrap >/dev/null && command -v zstd >/dev/null ||
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap zstd >/dev/null

# Chroots of checks that were killed outright (no chance to clean up), a day old or more.
for old in "${FERRY_FRESH_DIR:-/var/tmp}"/ferry-fresh.*; do
    [ -f "$old/.ferry-chroot" ] && [ -n "$(find "$old/.ferry-chroot" -mmin +1440)" ] && chroot_remove "$old" || true
done

start=$SECONDS
work=$(mktemp -d "${FERRY_FRESH_DIR:-/var/tmp}/ferry-fresh.XXXXXX")
touch "$work/.ferry-chroot"
finish() {
    local status=$?
    if [ -n "$keep" ]; then
        log "kept the chroot in $work/root (remove with: source tools/debian-chroot.sh; chroot_remove $work)"
    else
        chroot_remove "$work" || status=1
    fi
    [ $status -eq 0 ] && log "passed in $((SECONDS - start)) s" || log "FAILED after $((SECONDS - start)) s"
    exit $status
}
trap finish EXIT

chroot_new "$work"
git clone -q --no-checkout "$FERRY_ROOT" "$work/root/root/ferry"
git -C "$work/root/root/ferry" checkout -q --detach "$(git -C "$FERRY_ROOT" rev-parse HEAD)"
git -C "$work/root/root/ferry" remote remove origin
[ -z "$(git -C "$FERRY_ROOT" status --porcelain --untracked-files=no)" ] ||
    log "note: uncommitted changes in $FERRY_ROOT are not part of the check (HEAD is)"
phase "fresh Debian 12 in $work/root, HEAD $(git -C "$FERRY_ROOT" rev-parse --short HEAD) cloned into /root/ferry"

binds=()
if [ -z "$cold" ] && command -v ccache >/dev/null; then
    ccache_dir=$(ccache -k cache_dir)
    mkdir -p "$ccache_dir"
    binds=(--bind "$ccache_dir:/root/.cache/ccache")
fi
in_chroot() { chroot_run "$work" "${binds[@]}" -- bash -c "cd /root/ferry && $1"; }

if [ -n "$quick" ]; then
    in_chroot 'source .ci/lib.sh && ferry_install_deps'
    phase "installed FERRY_PACKAGES"
else
    in_chroot 'bash .ci/demo'
    phase "bash .ci/demo: installed, built and ran the main job"
fi
chroot_keep_debs "$work"

in_chroot '
    source .ci/lib.sh
    ferry_install_deps | tee /tmp/deps.log
    grep -q "already installed" /tmp/deps.log || { echo "ci: .ci/test had to install more than .ci/demo" >&2; exit 1; }
    for build in "${FERRY_BUILDS[@]}"; do
        ferry_configure_build "$build"
        echo "ci: configured $build"
    done'
phase "the dependency step of .ci/test, and a configure of ${FERRY_BUILDS[*]}"

in_chroot '
    source .ci/lib.sh
    ferry_check_programs
    echo "ci: all ${#FERRY_PROGRAMS[@]} programs there"
    version=$(pg_virtualenv -t psql -Atc "show server_version" 2>&1 | grep -E "^[0-9]+\.[0-9]+ ")
    echo "ci: pg_virtualenv: PostgreSQL $version"
    bus=$(dbus-daemon --session --fork --print-address=1 --print-pid=1)
    echo "ci: dbus-daemon --session: $(echo "$bus" | head -n 1)"
    xvfb-run -a sh -c "echo ci: xvfb-run: display \$DISPLAY"'
phase "programs"

if [ -z "$quick" ]; then
    # The desktop app at run time (plugins, SVG icons, the chart, fonts), on Xvfb as the README's
    # screenshots are made.
    in_chroot 'rm -rf docs/screenshots && { bash tools/screenshots.sh >/dev/null 2>&1 || true; }
        shots=$(ls docs/screenshots/*.png 2>/dev/null | wc -l)
        echo "ci: tools/screenshots.sh under xvfb-run: $shots windows saved"
        [ "$shots" -ge 5 ]'
    phase "the desktop app"

    # .ci/test's last step, the package, from a build of the app alone (the objects are the main
    # build's, so ccache has them).
    in_chroot '
        source .ci/lib.sh
        ferry_configure "$FERRY_BUILD-package" -DFERRY_BUILD_TESTS=OFF
        cmake --build "$FERRY_BUILD-package" >/dev/null
        bash installer/check-deb.sh "$FERRY_BUILD-package"'
    phase "the package (cpack -G DEB, installer/check-deb.sh)"
fi

if [ -n "$full_test" ]; then
    in_chroot 'bash .ci/test'
    phase "bash .ci/test passed"
fi
