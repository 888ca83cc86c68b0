#!/usr/bin/env bash
# installer/systemd's units, without a running systemd (CI's containers have none as PID 1):
#  1. `systemd-analyze verify` accepts both units with no warning, ExecStart pointed at the built binary
#     (verify needs the binary to exist; check-deb.sh verifies the installed units against /usr/bin/ferry);
#  2. `systemd-analyze security --offline` rates the system unit's exposure at most 2.0 ("OK");
#  3. the system unit keeps the settings the deployment guide promises (a mutated copy without each one
#     must fail this check, so the check itself is tested);
#  4. the system unit's ExecStart command line, with its paths moved to a temporary folder, starts the
#     daemon, and SIGTERM ends it with exit 0 (so Restart=on-failure does not restart a stop).
# Usage: tests/deploy/check-systemd-units.sh FERRY_BINARY
set -euo pipefail
ferry=${1:?usage: check-systemd-units.sh FERRY_BINARY}
units=$(cd "$(dirname "$0")/../../installer/systemd" && pwd)
work=$(mktemp -d)
pid=
trap '[ -z "$pid" ] || kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
fail() { echo "check-systemd-units: $*" >&2; exit 1; }

# 1. verify, with any warning (an unknown key, a bad value) counted as a failure.
mkdir -p "$work/system" "$work/user" "$work/runtime"
chmod 700 "$work/runtime"
sed "s#/usr/bin/ferry#$ferry#" "$units/system/ferry.service" >"$work/system/ferry.service"
sed "s#/usr/bin/ferry#$ferry#" "$units/user/ferry.service" >"$work/user/ferry.service"
verify() {
    local out
    out=$("$@" 2>&1) || fail "$* failed: $out"
    [ -z "$out" ] || fail "$* warns: $out"
}
verify systemd-analyze verify "$work/system/ferry.service"
XDG_RUNTIME_DIR=$work/runtime verify systemd-analyze --user verify "$work/user/ferry.service"
echo "check-systemd-units: systemd-analyze verify: system and user unit ok"

# 2. the exposure score (0-100 on the command line; 20 is the "2.0 OK" that `security` prints).
systemd-analyze security --offline=yes --threshold=20 "$work/system/ferry.service" >"$work/security" ||
    fail "exposure above 2.0: $(tail -n 1 "$work/security")"
echo "check-systemd-units: $(grep 'Overall exposure' "$work/security")"

# 3. the settings the docs promise.
required=(
    "User=ferry" "Group=ferry" "EnvironmentFile=/etc/ferry/ferry.env" "Restart=on-failure"
    "RestartPreventExitStatus=2" "StateDirectory=ferry" "ReadWritePaths=/var/lib/ferry"
    "ProtectSystem=strict" "ProtectHome=yes" "PrivateTmp=yes" "NoNewPrivileges=yes"
    "ExecStart=/usr/bin/ferry --config /etc/ferry/config.json --data-dir /var/lib/ferry daemon"
)
check_settings() { # FILE: prints the required settings FILE lacks; fails if any
    local s missing=0
    for s in "${required[@]}"; do
        grep -qxF -- "$s" "$1" || { echo "$s"; missing=1; }
    done
    return $missing
}
lacking=$(check_settings "$units/system/ferry.service") || fail "the system unit lacks: $lacking"
for s in "${required[@]}"; do
    grep -vxF -- "$s" "$units/system/ferry.service" >"$work/mutant"
    check_settings "$work/mutant" >/dev/null && fail "the settings check misses a unit without $s"
done
echo "check-systemd-units: the system unit has its ${#required[@]} settings (each one's absence is caught)"

# 4. ExecStart as the unit writes it, on a config with one schedule and nothing to fetch.
exec_start=$(sed -n 's/^ExecStart=//p' "$units/system/ferry.service")
mkdir -p "$work/etc" "$work/lib"
cat >"$work/etc/config.json" <<'JSON'
{"ingestion": {"github": {"api_url": "http://127.0.0.1:9", "repositories": [],
                          "schedule": {"time": "04:00", "timezone": "UTC"}}}}
JSON
command=${exec_start//\/usr\/bin\/ferry/$ferry}
command=${command//\/etc\/ferry/$work/etc}
command=${command//\/var\/lib\/ferry/$work/lib}
# shellcheck disable=SC2086 # the unit's command line, split on spaces as systemd does (no quotes in it)
$command >"$work/out" 2>"$work/err" &
pid=$!
for _ in $(seq 100); do
    grep -q "SIGTERM or Ctrl+C to stop" "$work/out" && break
    kill -0 "$pid" 2>/dev/null || fail "the daemon ended at start: $(cat "$work/err")"
    sleep 0.1
done
grep -q "SIGTERM or Ctrl+C to stop" "$work/out" || fail "the daemon did not start in 10 s: $(cat "$work/out" "$work/err")"
kill -TERM "$pid"
status=0
wait "$pid" || status=$?
pid=
[ "$status" -eq 0 ] || fail "SIGTERM: exit $status, expected 0: $(cat "$work/err")"
grep -q "ferry daemon: stopped" "$work/out" || fail "SIGTERM: no 'stopped' line: $(cat "$work/out")"
echo "check-systemd-units: ExecStart's command line starts the daemon; SIGTERM ends it with exit 0"
