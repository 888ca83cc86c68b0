#!/usr/bin/env bash
# The tray app's idle footprint (issue: under 60 MB resident, no busy polling): starts `ferry` (offscreen
# platform) with one profile of 10,000 files on a local bare remote, waits for the first sync to end,
# then reports the resident memory and the wake-ups per minute of all its threads (context switches
# over 60 s while nothing changes). Usage: tests/bench/idle_footprint.sh [BUILD_DIR] [SECONDS]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
ferry=$(cd "${1:-$root/build}" && pwd)/app/ferry
window=${2:-60}
demo=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$demo"' EXIT
git init -q --bare "$demo/remote.git"
mkdir -p "$demo/notes"
for d in $(seq 0 19); do
    mkdir -p "$demo/notes/d$d"
    for i in $(seq 0 499); do echo "file $d/$i" >"$demo/notes/d$d/f$i.txt"; done
done
cat >"$demo/config.json" <<JSON
{"profiles": [{"name": "bench", "remote": "$demo/remote.git",
               "folders": [{"local": "$demo/notes", "repo_path": "notes"}]}]}
JSON
FERRY_CONFIG="$demo/config.json" FERRY_DATA_DIR="$demo/data" QT_QPA_PLATFORM=offscreen \
    XDG_CONFIG_HOME="$demo/xdg" "$ferry" >/dev/null 2>&1 &
pid=$!
# The first sync is over when the branch holds the 10,000 files.
for _ in $(seq 1 240); do
    [ "$(git -C "$demo/remote.git" ls-tree -r --name-only sync 2>/dev/null | wc -l)" -ge 10000 ] && break
    sleep 0.5
done
sleep 5 # the cycle's last writes and the watcher's settling
# Per thread: threads that end or start during the window are left out on the side they are missing.
switches() {
    for t in /proc/"$pid"/task/*; do
        echo "${t##*/} $(awk '/ctxt_switches/ {n += $2} END {print n}' "$t/status" 2>/dev/null)"
    done
}
switches >"$demo/before"
sleep "$window"
switches >"$demo/after"
woken=$(awk 'NR == FNR {b[$1] = $2; next} ($1 in b) {n += $2 - b[$1]} END {print n + 0}' "$demo/before" "$demo/after")
rss_kb=$(awk '/VmRSS/ {print $2}' /proc/"$pid"/status)
anon_kb=$(awk '/RssAnon/ {print $2}' /proc/"$pid"/status)
file_kb=$(awk '/RssFile/ {print $2}' /proc/"$pid"/status)
threads=$(ls /proc/"$pid"/task | wc -l)
echo "idle footprint, one profile of 10,000 files (ferry tray app, offscreen):"
printf '  resident memory  %6.1f MB   (target < 60 MB): %.1f MB its own (heap, stacks), %.1f MB mapped files\n' \
    "$(echo "$rss_kb / 1024" | bc -l)" "$(echo "$anon_kb / 1024" | bc -l)" "$(echo "$file_kb / 1024" | bc -l)"
echo "  (no system tray here, so the status window is open; the mapped files are mostly shared libraries)"
printf '  wake-ups         %6d per minute, all %d threads (context switches over %d s)\n' \
    "$(( woken * 60 / window ))" "$threads" "$window"
