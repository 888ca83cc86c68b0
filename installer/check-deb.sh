#!/usr/bin/env bash
# Builds the .deb from a finished build folder, installs it with dpkg, and checks what a user gets:
# `ferry --version` runs from /usr/bin without Qt Widgets (the tray app is /usr/libexec/ferry/ferry-desktop),
# the desktop file and the AppStream metainfo validate, the icon and the translations are in place; the
# server part: the systemd units verify against /usr/bin/ferry, are not enabled, postinst made the user
# ferry, /etc/ferry and its secrets file with the right owners and modes, and the system unit's
# ExecStart, run as ferry on a config in /etc/ferry, starts and stops on SIGTERM.
# Purges the package afterwards (checking what purge removes and keeps). Needs root (CI runs as root).
# Usage: installer/check-deb.sh BUILD_DIR
set -euo pipefail
build=$(cd "${1:?usage: check-deb.sh BUILD_DIR}" && pwd) # absolute: apt takes build/x.deb for a name
root=$(cd "$(dirname "$0")/.." && pwd)
(cd "$build" && cpack -G DEB >/dev/null)
deb=$(ls -t "$build"/ferry_*.deb | head -n 1)
echo "check-deb: $(basename "$deb") ($(du -h "$deb" | cut -f1))"
dpkg-deb --info "$deb" | sed -n 's/^ *\(Depends\|Recommends\):/  \1:/p'
apt-get install -y -qq --no-install-recommends "$deb" >/dev/null # dpkg -i, with its Depends resolved
[ ! -e /etc/ferry/config.json ] || { echo "check-deb: /etc/ferry/config.json exists: not touching it" >&2; exit 1; }
trap 'rm -f /etc/ferry/config.json; dpkg --purge ferry >/dev/null 2>&1 || true' EXIT
version=$(/usr/bin/ferry --version)
echo "check-deb: /usr/bin/ferry --version: $version"
# The tray application is its own executable, which `ferry` without a command starts (docs/development.md).
desktop=/usr/libexec/ferry/ferry-desktop
[ "$("$desktop" --version)" = "$version" ] || { echo "check-deb: $desktop --version differs or fails" >&2; exit 1; }
! ldd /usr/bin/ferry | grep -q libQt6Widgets || { echo "check-deb: /usr/bin/ferry loads Qt Widgets" >&2; exit 1; }
desktop-file-validate /usr/share/applications/ferry.desktop
appstreamcli validate --no-net /usr/share/metainfo/org.ferry.Ferry.metainfo.xml >/dev/null
for f in /usr/share/icons/hicolor/scalable/apps/ferry.svg /usr/share/ferry/translations/ferry_de.qm \
    /usr/share/ferry/translations/ferry_fr.qm; do
    [ -s "$f" ] || { echo "check-deb: missing $f" >&2; exit 1; }
done
echo "check-deb: installed, runs, desktop file and metainfo valid"

# The server part (docs/deployment.md): units, user, /etc/ferry, the unit's command line as ferry.
fail() { echo "check-deb: $*" >&2; exit 1; }
runtime=$(mktemp -d)
for unit in system user; do
    file=/usr/lib/systemd/$unit/ferry.service
    out=$(XDG_RUNTIME_DIR=$runtime systemd-analyze "--$unit" verify "$file" 2>&1) ||
        fail "systemd-analyze verify $file: $out"
    [ -z "$out" ] || fail "systemd-analyze verify $file warns: $out"
    ! ls /etc/systemd/"$unit"/*.wants/ferry.service >/dev/null 2>&1 || fail "the package enabled $file"
done
rm -rf "$runtime"
expect_stat() { # PATH "OWNER:GROUP MODE"
    [ "$(stat -c '%U:%G %a' "$1")" = "$2" ] || fail "$1 is $(stat -c '%U:%G %a' "$1"), expected $2"
}
[ "$(getent passwd ferry | cut -d: -f6,7)" = /var/lib/ferry:/usr/sbin/nologin ] ||
    fail "user ferry: $(getent passwd ferry), expected home /var/lib/ferry, shell /usr/sbin/nologin"
expect_stat /etc/ferry "root:ferry 750"
expect_stat /etc/ferry/ferry.env "root:root 600"
expect_stat /var/lib/ferry "ferry:ferry 750"
install -m 0640 -o root -g ferry /dev/stdin /etc/ferry/config.json <<'JSON'
{"ingestion": {"github": {"api_url": "http://127.0.0.1:9", "repositories": [],
                          "schedule": {"time": "04:00", "timezone": "UTC"}}}}
JSON
exec_start=$(sed -n 's/^ExecStart=//p' /usr/lib/systemd/system/ferry.service)
out=$(mktemp) && chmod 644 "$out"
# As systemd would start it: user ferry, no new privileges, the secrets file in the environment.
# shellcheck disable=SC2086 # the unit's command line, split on spaces as systemd does
(set -a && . /etc/ferry/ferry.env && exec setpriv --reuid=ferry --regid=ferry --init-groups --no-new-privs \
    env HOME=/var/lib/ferry $exec_start) >"$out" 2>&1 &
pid=$!
for _ in $(seq 100); do grep -q "SIGTERM or Ctrl+C to stop" "$out" && break; sleep 0.1; done
kill -TERM "$pid"
status=0
wait "$pid" || status=$?
[ "$status" -eq 0 ] && grep -q "ferry daemon: stopped" "$out" || fail "ExecStart as ferry: exit $status: $(cat "$out")"
rm -f "$out"
[ "$(find /var/lib/ferry -mindepth 1 ! -user ferry | wc -l)" -eq 0 ] || fail "files in /var/lib/ferry not owned by ferry"
echo "check-deb: units verify and are not enabled; user ferry, /etc/ferry (750) and ferry.env (600) made;"
echo "check-deb: ExecStart as ferry read /etc/ferry/config.json, wrote /var/lib/ferry, stopped on SIGTERM (exit 0)"
rm -f /etc/ferry/config.json
dpkg --purge ferry >/dev/null
[ ! -e /etc/ferry ] || fail "purge left /etc/ferry: $(ls -A /etc/ferry)"
[ -d /var/lib/ferry ] || fail "purge removed /var/lib/ferry (the daemon's data)"
rm -rf /var/lib/ferry # this check's own data
echo "check-deb: purged: /etc/ferry removed, /var/lib/ferry kept"
