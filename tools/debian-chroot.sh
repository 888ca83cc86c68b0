# shellcheck shell=bash
# A freshly installed Debian 12 in a folder, for the clean-system checks (tools/check-fresh-machine.sh,
# installer/check-deb-clean.sh). Source it; needs root, debootstrap and the Debian archive.
#
#   chroot_new WORK          a fresh minimal bookworm in WORK/root, from the cached debootstrap tarball
#   chroot_run WORK [--bind SRC:DST]... -- COMMAND...
#                            COMMAND in the chroot, with a clean environment and /proc, /sys, /dev,
#                            /dev/pts and /dev/shm mounted
#   chroot_remove WORK       deletes WORK, refusing while anything under it is mounted
#
# Mounts never outlive chroot_run: it makes them in a mount and PID namespace of its own (unshare), so
# when COMMAND ends, or anything kills it, the kernel unmounts them and ends every process the chroot
# started (pg_virtualenv's servers, dbus-daemon, sshd). The host's mount table never holds them, and
# /dev in the chroot is a small tmpfs with its own device nodes, not the host's /dev bound in: even a
# mistaken rm -rf could not reach the host's devices. chroot_remove checks the mount table anyway and
# removes with --one-file-system.
#
# The debootstrapped base is cached as a tarball (FERRY_CACHE_DIR, default /var/cache/ferry, else
# $FERRY_BUILD/fresh-machine-cache), rebuilt when older than FERRY_BASE_MAX_DAYS (default 30). Nothing
# installed after debootstrap is ever cached: each check installs its packages into a new copy of the
# base, from .debs kept in the cache's apt-archives (as apt's own archive would keep them; emptied
# when the base is made again).

shopt -s inherit_errexit # a failure inside $(...) is a failure

FERRY_CHROOT_LIB=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")
FERRY_MIRROR=${FERRY_MIRROR:-http://deb.debian.org/debian}
FERRY_SECURITY_MIRROR=${FERRY_SECURITY_MIRROR:-http://deb.debian.org/debian-security}

chroot_log() { echo "${FERRY_CHROOT_TAG:-chroot}: $*" >&2; }

# The cache folder: /var/cache/ferry survives CI's fresh clones; the build folder is the fallback.
chroot_cache_dir() {
    local dir=${FERRY_CACHE_DIR:-}
    if [ -z "$dir" ]; then
        if mkdir -p /var/cache/ferry 2>/dev/null && [ -w /var/cache/ferry ]; then
            dir=/var/cache/ferry
        else
            dir=${FERRY_BUILD:?}/fresh-machine-cache
        fi
    fi
    mkdir -p "$dir/apt-archives/partial"
    echo "$dir"
}

# Prints the path of the base tarball, making it first if it is missing or too old.
chroot_base_tarball() {
    local cache tarball
    cache=$(chroot_cache_dir)
    tarball=$cache/bookworm-minbase.tar.zst
    (
        set -euo pipefail
        flock 9 # one debootstrap at a time; the others wait for its tarball
        if [ -s "$tarball" ] && [ -n "$(find "$tarball" -mtime -"${FERRY_BASE_MAX_DAYS:-30}")" ] &&
            [ -z "${FERRY_REFRESH_BASE:-}" ]; then
            exit 0
        fi
        # A new base starts a new package cache too, so old versions do not pile up.
        find "$cache/apt-archives" -maxdepth 1 -name '*.deb' -delete
        local work
        work=$(mktemp -d "$cache/debootstrap.XXXXXX")
        touch "$work/.ferry-chroot"
        trap 'chroot_remove "$work"' EXIT
        chroot_log "debootstrap --variant=minbase bookworm from $FERRY_MIRROR (cached in $tarball)"
        local start=$SECONDS
        # Its own mount namespace: debootstrap mounts /proc and /sys in the target and, if it fails,
        # may not unmount them; the namespace takes them away with it.
        unshare --mount --propagation private \
            debootstrap --variant=minbase --cache-dir="$cache/apt-archives" bookworm "$work/root" \
            "$FERRY_MIRROR" >"$work/debootstrap.log" 2>&1 ||
            { tail -n 20 "$work/debootstrap.log" >&2; exit 1; }
        rm -rf "$work/root/var/cache/apt/archives/"*.deb "$work/root/var/lib/apt/lists/"*_Packages
        tar -C "$work/root" --numeric-owner -cf - . | zstd -q -T0 -o "$tarball.new"
        mv "$tarball.new" "$tarball"
        chroot_log "base made in $((SECONDS - start)) s ($(du -h "$tarball" | cut -f1))"
    ) 9>"$cache/base.lock" || return 1
    echo "$tarball"
}

# chroot_new WORK: a fresh Debian 12 (minbase) in WORK/root, configured as the installer leaves one:
# the main, updates and security suites of deb.debian.org, the host's resolver.
chroot_new() {
    local work=$1 tarball
    tarball=$(chroot_base_tarball)
    mkdir -p "$work/root"
    touch "$work/.ferry-chroot"
    zstd -q -dc "$tarball" | tar -C "$work/root" --numeric-owner -xf -
    local root=$work/root
    cat >"$root/etc/apt/sources.list" <<EOF
deb $FERRY_MIRROR bookworm main
deb $FERRY_MIRROR bookworm-updates main
deb $FERRY_SECURITY_MIRROR bookworm-security main
EOF
    cp /etc/resolv.conf "$root/etc/resolv.conf"
    [ -s "$root/etc/hosts" ] || printf '127.0.0.1\tlocalhost\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' \
        >"$root/etc/hosts"
    # The chroot shares the host's network: servers that packages start when installed (PostgreSQL's
    # main cluster, sshd) would take the host's ports. The tests start their own.
    printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
    chmod 755 "$root/usr/sbin/policy-rc.d"
    # A throwaway system: dpkg need not fsync every file it unpacks (most of an install's time).
    echo force-unsafe-io >"$root/etc/dpkg/dpkg.cfg.d/ferry-unsafe-io"
    # Downloaded packages are kept (apt-get's default outside Docker images); seeded from the cache.
    rm -f "$root/etc/apt/apt.conf.d/docker-clean"
    chroot_seed_debs "$work"
}

# The cache's .debs into the chroot's apt archive (hard links where possible), and back after installs.
chroot_seed_debs() {
    local cache
    cache=$(chroot_cache_dir)
    find "$cache/apt-archives" -maxdepth 1 -name '*.deb' -exec cp -l -n -t "$1/root/var/cache/apt/archives/" {} + \
        2>/dev/null ||
        find "$cache/apt-archives" -maxdepth 1 -name '*.deb' -exec cp -n -t "$1/root/var/cache/apt/archives/" {} +
}
chroot_keep_debs() {
    local cache
    cache=$(chroot_cache_dir)
    find "$1/root/var/cache/apt/archives" -maxdepth 1 -name '*.deb' -exec cp -n -t "$cache/apt-archives/" {} +
}

# chroot_run WORK [--bind SRC:DST]... -- COMMAND...
chroot_run() {
    local work=$1
    shift
    [ -f "$work/.ferry-chroot" ] || { chroot_log "$work is not a chroot made by chroot_new" ; return 1; }
    unshare --mount --pid --fork --kill-child --propagation private \
        bash "$FERRY_CHROOT_LIB" --inside "$work/root" "$@"
}

# The mount points under DIR in this mount namespace, deepest first.
chroot_mounts_under() {
    local dir
    dir=$(realpath -m "$1")
    awk -v d="$dir" '$5 == d || index($5, d "/") == 1 {print $5}' /proc/self/mountinfo | sort -r
}

chroot_remove() {
    local work=$1
    [ -n "$work" ] && [ -d "$work" ] || return 0
    work=$(realpath "$work")
    if [ "$work" = / ] || [ ! -f "$work/.ferry-chroot" ]; then
        chroot_log "refusing to remove $work: not a folder made by chroot_new"
        return 1
    fi
    local mounted
    mounted=$(chroot_mounts_under "$work")
    if [ -n "$mounted" ]; then
        chroot_log "refusing to remove $work: still mounted: $(echo "$mounted" | tr '\n' ' ')"
        return 1
    fi
    rm -rf --one-file-system "$work"
}

# --- inside the namespace (bash tools/debian-chroot.sh --inside ROOT [--bind SRC:DST]... -- COMMAND...)
chroot_inside() {
    root=$1 # global: the EXIT trap needs it after this function returns
    shift
    local binds=()
    while [ "${1:-}" = --bind ]; do
        binds+=("$2")
        shift 2
    done
    [ "${1:-}" = -- ] && shift
    trap 'for m in $(chroot_mounts_under "$root"); do umount "$m" 2>/dev/null || umount -l "$m"; done' EXIT
    mount -t proc -o nosuid,nodev,noexec proc "$root/proc"
    # Read-only per mount point (the superblock is the host's). A new sysfs mount was once refused
    # with EBUSY while other namespaces came and went; it went through a moment later.
    local try
    for try in 1 2 3 4 5; do
        mount -t sysfs -o nosuid,nodev,noexec sysfs "$root/sys" && break
        [ "$try" -lt 5 ] || return 1
        sleep 1
    done
    mount -o remount,bind,ro,nosuid,nodev,noexec "$root/sys"
    # /dev: a tmpfs with the usual nodes, a private devpts, a tmpfs for POSIX shared memory (PostgreSQL).
    mount -t tmpfs -o mode=0755,nosuid,size=1m dev "$root/dev"
    local node
    for node in null:1:3 zero:1:5 full:1:7 random:1:8 urandom:1:9 tty:5:0; do
        IFS=: read -r name major minor <<<"$node"
        mknod -m 666 "$root/dev/$name" c "$major" "$minor"
    done
    mkdir "$root/dev/pts" "$root/dev/shm"
    mount -t devpts -o newinstance,ptmxmode=0666,mode=0620,gid=5 devpts "$root/dev/pts"
    ln -s pts/ptmx "$root/dev/ptmx"
    mount -t tmpfs -o mode=1777,nosuid,nodev shm "$root/dev/shm"
    ln -s /proc/self/fd "$root/dev/fd"
    ln -s /proc/self/fd/0 "$root/dev/stdin"
    ln -s /proc/self/fd/1 "$root/dev/stdout"
    ln -s /proc/self/fd/2 "$root/dev/stderr"
    local bind
    for bind in "${binds[@]}"; do
        mkdir -p "$root${bind#*:}"
        mount --bind "${bind%%:*}" "$root${bind#*:}"
    done
    # Nothing of the caller's environment goes in (no PG*, DATABASE_URL, QT_*, CCACHE_*, PATH additions).
    # In the background, so that a signal ends this shell at once: it is the namespace's first process,
    # and when it exits the kernel kills everything the command left running and drops the mounts.
    trap 'exit 130' INT
    trap 'exit 143' TERM
    trap 'exit 129' HUP
    chroot "$root" /usr/bin/env -i HOME=/root USER=root LOGNAME=root SHELL=/bin/bash LANG=C.UTF-8 \
        TERM="${TERM:-dumb}" PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@" <&0 &
    wait $!
}

if [ "${1:-}" = --inside ] && [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -euo pipefail
    shift
    chroot_inside "$@"
fi
