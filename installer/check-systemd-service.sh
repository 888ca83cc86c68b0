#!/usr/bin/env bash
# The system unit run by systemd itself, with all its hardening, on a machine whose PID 1 is not systemd
# (CI's containers): a systemd booted as PID 1 of its own PID, mount and cgroup namespaces, over
# overlays of /etc, /usr and /var (the host's stay untouched), with the .deb installed there by dpkg
# (its postinst makes the user ferry and /etc/ferry). Then:
#   - `systemctl start ferry` runs the daemon as ferry, with no capabilities, no new privileges, a
#     seccomp filter, the secrets file's variables, / read-only but /var/lib/ferry writable, /home and
#     /root hidden and /tmp private; it writes its store in /var/lib/ferry;
#   - a daemon killed with SIGKILL is restarted (Restart=on-failure);
#   - `systemctl stop` (SIGTERM) ends it with exit 0 and result "success";
#   - `ferry status` as the user ferry reads the service's config and store (the docs' way);
#   - a missing config (exit 2) is not restarted (RestartPreventExitStatus=2).
# A drop-in changes what this test needs and nothing of the sandbox: no default dependencies (no
# sysinit.target to boot), output to a file (no journald), RestartSec=1 (not 30 s); network-online.target
# is masked. Needs root with CAP_SYS_ADMIN and overlayfs; where systemd cannot boot, it says so and
# exits 0 (FERRY_REQUIRE_SYSTEMD=1: exits 1).
# Usage: installer/check-systemd-service.sh BUILD_DIR
set -euo pipefail
build=$(cd "${1:?usage: check-systemd-service.sh BUILD_DIR}" && pwd)
say() { echo "check-systemd-service: $*"; }
fail() { echo "check-systemd-service: $*" >&2; exit 1; }
skip() {
    [ "${FERRY_REQUIRE_SYSTEMD:-0}" = 1 ] && fail "cannot run: $*"
    say "skipped: $*"
    exit 0
}
[ "$(id -u)" -eq 0 ] || skip "needs root"
(cd "$build" && cpack -G DEB >/dev/null)
deb=$(ls -t "$build"/ferry_*.deb | head -n 1)

work=$(mktemp -d /var/tmp/ferry-systemd.XXXXXX)
target=ferry-check-${work##*.}.target # names this run's systemd (pgrep), apart from any other run's
init=
# The cgroups systemd makes below this shell's own (the cgroup namespace's root), removed at the end.
own_cgroups() {
    local line path
    while IFS=: read -r _ controllers path; do
        case $controllers in "") line=unified ;; name=systemd) line=systemd ;; *) line=${controllers%%,*} ;; esac
        [ -d "/sys/fs/cgroup/$line$path" ] && echo "/sys/fs/cgroup/$line$path"
    done </proc/self/cgroup
}
cleanup() {
    if [ -n "$init" ] && kill -0 "$init" 2>/dev/null; then
        nsenter -t "$init" -m -p systemctl exit >/dev/null 2>&1 || kill -KILL "$init" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$init" 2>/dev/null || break; sleep 0.1; done
    fi
    local root
    for root in $(own_cgroups); do
        for d in init.scope system.slice; do
            [ -d "$root/$d" ] && find "$root/$d" -depth -type d -exec rmdir {} + 2>/dev/null || true
        done
    done
    rm -rf "$work"
}
trap cleanup EXIT

# The namespace's PID 1: overlays, the package, the test's config and drop-in, then systemd.
cat >"$work/boot.sh" <<'EOF'
set -euo pipefail
work=$1 deb=$2 target=$3
mount -t tmpfs tmpfs /run
for d in etc usr var; do
    mkdir -p "$work/$d.upper" "$work/$d.work"
    mount -t overlay overlay -o "lowerdir=/$d,upperdir=$work/$d.upper,workdir=$work/$d.work" "/$d"
done
# The cgroup hierarchies as this cgroup namespace sees them, so systemd stays below our cgroups: the
# unified one alone, or (cgroup v1 hosts) each controller, name=systemd and the unified one.
if [ "$(grep -vc '^0::' /proc/self/cgroup)" -eq 0 ]; then
    mount -t cgroup2 cgroup2 /sys/fs/cgroup
else
    mount -t tmpfs -o mode=755 tmpfs /sys/fs/cgroup
    for c in $(sed -n 's/^[0-9]*:\([a-z,]\+\):.*/\1/p' /proc/self/cgroup); do
        mkdir -p "/sys/fs/cgroup/$c" && mount -t cgroup -o "$c" cgroup "/sys/fs/cgroup/$c"
    done
    mkdir -p /sys/fs/cgroup/systemd /sys/fs/cgroup/unified
    mount -t cgroup -o none,name=systemd cgroup /sys/fs/cgroup/systemd
    mount -t cgroup2 cgroup2 /sys/fs/cgroup/unified
fi
dpkg -i "$deb" >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log" >&2; exit 1; }
install -m 0640 -o root -g ferry /dev/stdin /etc/ferry/config.json <<'JSON'
{"ingestion": {"github": {"api_url": "http://127.0.0.1:9", "repositories": ["octo/hello"],
                          "schedule": {"time": "04:00", "timezone": "UTC"}}}}
JSON
echo "FERRY_CHECK_MARKER=from-ferry-env" >>/etc/ferry/ferry.env
mkdir -p /etc/systemd/system/ferry.service.d /run/systemd/system
cat >/etc/systemd/system/ferry.service.d/check.conf <<'CONF'
[Unit]
DefaultDependencies=no
[Service]
StandardOutput=append:/run/ferry.log
StandardError=append:/run/ferry.log
RestartSec=1
CONF
ln -sf /dev/null /etc/systemd/system/network-online.target
printf '[Unit]\nDescription=ferry check\n' >"/run/systemd/system/$target"
export container=ferry-check
exec /lib/systemd/systemd --system --unit="$target"
EOF
unshare --pid --fork --mount --cgroup --propagation private --mount-proc \
    bash "$work/boot.sh" "$work" "$deb" "$target" >"$work/boot.log" 2>&1 &
booting=$!
for _ in $(seq 100); do
    init=$(pgrep -f -- "--unit=$target" || true)
    [ -n "$init" ] && state=$(nsenter -t "$init" -m -p systemctl is-system-running 2>/dev/null) &&
        [[ $state == running || $state == degraded ]] && break
    kill -0 "$booting" 2>/dev/null || skip "systemd did not boot in a namespace: $(tail -n 5 "$work/boot.log")"
    sleep 0.2
done
[ -n "$init" ] || skip "systemd did not boot in a namespace: $(tail -n 5 "$work/boot.log")"
ns() { nsenter -t "$init" -m -p "$@"; }
ctl() { ns systemctl "$@"; }
show() { ctl show -P "$1" ferry.service; }
say "systemd $(ctl --version | head -n 1 | cut -d' ' -f2) booted as PID 1 of a namespace; the .deb installed there"

# 1. Started: the process as the unit says.
ctl start ferry.service || fail "systemctl start ferry failed: $(ctl status --no-pager ferry.service; ns cat /run/ferry.log)"
for _ in $(seq 100); do ns grep -q "SIGTERM or Ctrl+C to stop" /run/ferry.log 2>/dev/null && break; sleep 0.1; done
ns grep -q "SIGTERM or Ctrl+C to stop" /run/ferry.log || fail "the daemon did not start: $(ns cat /run/ferry.log)"
main=$(show MainPID)
status=$(ns cat "/proc/$main/status")
uid=$(ns id -u ferry)
field() { echo "$status" | sed -n "s/^$1:[[:space:]]*//p"; }
[ "$(field Uid | cut -f1)" = "$uid" ] || fail "runs as uid $(field Uid), not ferry ($uid)"
[ "$(field NoNewPrivs)" = 1 ] || fail "NoNewPrivs is $(field NoNewPrivs)"
[ "$(field Seccomp)" = 2 ] || fail "no seccomp filter (Seccomp: $(field Seccomp))"
[ "$(field CapEff)" = 0000000000000000 ] && [ "$(field CapBnd)" = 0000000000000000 ] ||
    fail "capabilities: effective $(field CapEff), bounding $(field CapBnd)"
ns cat "/proc/$main/environ" | tr '\0' '\n' | grep -qx FERRY_CHECK_MARKER=from-ferry-env ||
    fail "the variables of /etc/ferry/ferry.env did not reach the daemon"
# What the daemon can touch, in its mount namespace: as root there, so that a read-only mount is what
# stops a write (not file permissions), and as ferry.
in_unit() { ns nsenter -t "$main" -m "$@"; }
as_ferry() { in_unit setpriv --reuid=ferry --regid=ferry --init-groups "$@"; }
as_ferry touch /var/lib/ferry/.check || fail "/var/lib/ferry is not writable for the daemon"
for dir in /etc /etc/ferry /usr /var/cache /var/lib /srv; do
    err=$(in_unit touch "$dir/.ferry-check" 2>&1) && fail "the daemon's $dir is writable (ProtectSystem=strict)"
    [[ $err == *"Read-only file system"* ]] || fail "writing in the daemon's $dir: $err, expected a read-only mount"
done
for dir in /root /home; do
    [ -z "$(in_unit ls -A "$dir")" ] || fail "the daemon sees the contents of $dir (ProtectHome=yes)"
done
marker=$(ns mktemp /tmp/ferry-check-host.XXXXXX)
in_unit test -e "$marker" && { ns rm -f "$marker"; fail "the daemon sees the host's /tmp (PrivateTmp=yes)"; }
ns rm -f "$marker"
as_ferry cat /etc/ferry/ferry.env >/dev/null 2>&1 && fail "the daemon can read /etc/ferry/ferry.env"
for _ in $(seq 50); do ns test -s /var/lib/ferry/ferry.sqlite && break; sleep 0.1; done
[ "$(ns stat -c %U /var/lib/ferry/ferry.sqlite 2>/dev/null)" = ferry ] || fail "no store written by ferry in /var/lib/ferry"
say "started: uid ferry, no capabilities, NoNewPrivs, seccomp, ferry.env in its environment; writes only"
say "/var/lib/ferry (its store is there) and its own /tmp; /etc, /usr, /var/cache, /var/lib, /srv read-only mounts;"
say "/root and /home empty; /etc/ferry/ferry.env unreadable"

# 2. Restart=on-failure: a daemon killed by SIGKILL comes back.
ns kill -KILL "$main"
for _ in $(seq 100); do
    [ "$(show NRestarts)" -ge 1 ] && [ "$(show ActiveState)" = active ] && [ "$(show MainPID)" != "$main" ] && break
    sleep 0.1
done
[ "$(show NRestarts)" -ge 1 ] && [ "$(show ActiveState)" = active ] || fail "not restarted after SIGKILL: $(show ActiveState)"
say "killed with SIGKILL: restarted (NRestarts=$(show NRestarts))"

# 3. systemctl stop: SIGTERM, exit 0, result success.
for _ in $(seq 100); do [ "$(ns grep -c 'SIGTERM or Ctrl+C to stop' /run/ferry.log)" -ge 2 ] && break; sleep 0.1; done
ctl stop ferry.service
[ "$(show Result)" = success ] && [ "$(show ExecMainStatus)" = 0 ] ||
    fail "stop: result $(show Result), exit $(show ExecMainStatus): $(ns tail -n 5 /run/ferry.log)"
ns grep -q "ferry daemon: stopped" /run/ferry.log || fail "stop: no 'stopped' line"
say "systemctl stop: SIGTERM, exit 0, result success"

# 4. The admin's commands on the service's config and data, as the user ferry (docs/deployment.md).
out=$(ns runuser -u ferry -- /usr/bin/ferry --config /etc/ferry/config.json --data-dir /var/lib/ferry status --json) ||
    fail "ferry status as ferry failed: $out"
[[ $out == *'/var/lib/ferry/ferry.sqlite'* ]] || fail "ferry status as ferry: not the service's store: $out"
say "runuser -u ferry -- ferry --config /etc/ferry/config.json --data-dir /var/lib/ferry status: the service's store"

# 5. Exit 2 (no config) is not restarted.
ns rm /etc/ferry/config.json
restarts=$(show NRestarts)
ctl start ferry.service 2>/dev/null || true
sleep 3
[ "$(show ExecMainStatus)" = 2 ] && [ "$(show NRestarts)" = "$restarts" ] && [ "$(show ActiveState)" = failed ] ||
    fail "no config: exit $(show ExecMainStatus), state $(show ActiveState), restarts $(show NRestarts) (was $restarts)"
say "no config: exit 2, failed, not restarted"
