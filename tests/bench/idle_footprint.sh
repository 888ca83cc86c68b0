#!/usr/bin/env bash
# The tray app's idle footprint (targets: under 60 MB resident with 10,000 files, under 120 MB with
# 100,000; no busy polling): starts `ferry` (offscreen platform) with one profile of FILES files (default
# 10,000) on a local bare remote, waits for the first sync to end, then reports the resident memory and
# the wake-ups per minute of all its threads (context switches over 60 s while nothing changes).
# Usage: tests/bench/idle_footprint.sh [BUILD_DIR] [SECONDS] [FILES]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
ferry=$(cd "${1:-$root/build}" && pwd)/app/ferry
window=${2:-60}
files=${3:-10000}
target=$([ "$files" -gt 10000 ] && echo 120 || echo 60)
demo=$(mktemp -d)
pid= wrapper=
trap 'kill $pid $wrapper 2>/dev/null || true; rm -rf "$demo"' EXIT
git init -q --bare "$demo/remote.git"
mkdir -p "$demo/notes"
for d in $(seq 0 $(( (files + 499) / 500 - 1 ))); do
    mkdir -p "$demo/notes/d$d"
    for i in $(seq 0 $(( files - d * 500 < 500 ? files - d * 500 - 1 : 499 ))); do
        echo "file $d/$i" >"$demo/notes/d$d/f$i.txt"
    done
done
cat >"$demo/config.json" <<JSON
{"profiles": [{"name": "bench", "remote": "$demo/remote.git",
               "folders": [{"local": "$demo/notes", "repo_path": "notes"}]}]}
JSON
export FERRY_CONFIG="$demo/config.json" FERRY_DATA_DIR="$demo/data" XDG_CONFIG_HOME="$demo/xdg"
if command -v trayer >/dev/null && command -v xvfb-run >/dev/null; then
    # As people run it: in a system tray (trayer on Xvfb), no window open.
    mode="in a system tray (Xvfb + trayer), no window open"
    xvfb-run -a -s "-screen 0 1280x800x24" bash -c \
        "trayer --edge top --width 10 --height 24 >/dev/null 2>&1 & sleep 1; exec '$ferry' --minimized" >/dev/null 2>&1 &
    wrapper=$!
    pid=
    for _ in $(seq 1 40); do
        pid=$(pgrep -n -f "^$ferry --minimized\$" || true)
        [ -n "$pid" ] && break
        sleep 0.25
    done
else
    mode="offscreen: no system tray, so the status window is open (apt-get install trayer for the tray case)"
    QT_QPA_PLATFORM=offscreen "$ferry" >/dev/null 2>&1 &
    pid=$!
fi
# The first sync is over when the branch holds the files (up to 2 minutes plus 1 s per 100 files).
for _ in $(seq 1 $(( 240 + files / 50 ))); do
    [ "$(git -C "$demo/remote.git" ls-tree -r --name-only sync 2>/dev/null | wc -l)" -ge "$files" ] && break
    sleep 0.5
done
# Per thread: threads that end or start during the window are left out on the side they are missing.
switches() {
    for t in /proc/"$pid"/task/*; do
        echo "${t##*/} $(awk '/ctxt_switches/ {n += $2} END {print n}' "$t/status" 2>/dev/null)"
    done
}
total_switches() { switches | awk '{n += $2} END {print n + 0}'; }
# The cycle goes on after the push (applying, writing state.json and state.records: seconds at 100,000
# files on a loaded machine): the window starts once the process has been quiet (at most 10 context
# switches in 2 s) for three samples in a row, or after 5 minutes. Measuring from the push alone caught
# the end of the first cycle (270 "wake-ups" a minute at 100,000 files, all in the sync thread).
quiet=0
for _ in $(seq 1 150); do
    a=$(total_switches)
    sleep 2
    b=$(total_switches)
    if [ $((b - a)) -le 10 ]; then quiet=$((quiet + 1)); else quiet=0; fi
    [ "$quiet" -ge 3 ] && break
done
switches >"$demo/before"
sleep "$window"
switches >"$demo/after"
woken=$(awk 'NR == FNR {b[$1] = $2; next} ($1 in b) {n += $2 - b[$1]} END {print n + 0}' "$demo/before" "$demo/after")
rss_kb=$(awk '/VmRSS/ {print $2}' /proc/"$pid"/status)
anon_kb=$(awk '/RssAnon/ {print $2}' /proc/"$pid"/status)
file_kb=$(awk '/RssFile/ {print $2}' /proc/"$pid"/status)
threads=$(ls /proc/"$pid"/task | wc -l)
echo "idle footprint, one profile of $files files (ferry tray app, $mode):"
printf '  resident memory  %6.1f MB   (target < %d MB): %.1f MB its own (heap, stacks), %.1f MB mapped files\n' \
    "$(echo "$rss_kb / 1024" | bc -l)" "$target" "$(echo "$anon_kb / 1024" | bc -l)" "$(echo "$file_kb / 1024" | bc -l)"
echo "  (the mapped files are mostly shared libraries and the repository's pack)"
printf '  wake-ups         %6d per minute, all %d threads (context switches over %d s)\n' \
    "$(( woken * 60 / window ))" "$threads" "$window"
