#!/usr/bin/env bash
# Takes the README's screenshots from the real app under Xvfb, on demo data made with the command line:
# two machines syncing one bare repository into a conflict, a few ingestion runs (one failing), and
# tracked repositories that cannot be reached; then the first run (empty state, the Add a folder wizard's
# pages) in English and German. Writes docs/screenshots/*.png.
# Usage: tools/screenshots.sh [BUILD_DIR]   (default: build)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
ferry=$(cd "${1:-$root/build}" && pwd)/app/ferry
out=$root/docs/screenshots
demo=$(mktemp -d)
trap 'rm -rf "$demo"' EXIT
export FERRY_RETRY_BASE_MS=1 GIT_AUTHOR_NAME=demo GIT_AUTHOR_EMAIL=demo@example.invalid
unset DATABASE_URL FMP_API_KEY GITHUB_TOKEN

git init -q --bare "$demo/remote.git"
machine() { # NAME: a config with one profile on the shared remote, and ingestion sources
    mkdir -p "$demo/$1/notes"
    cat >"$demo/$1/config.json" <<JSON
{"profiles": [{"name": "knowledge", "remote": "$demo/remote.git", "branch": "sync",
               "folders": [{"local": "$demo/$1/notes", "repo_path": "shared/notes"}]}],
 "ingestion": {"github": {"api_url": "http://127.0.0.1:9", "repositories": ["acme/widgets", "acme/gadgets"]},
               "market": {"tickers_file": "$demo/tickers.txt", "api_url": "http://127.0.0.1:9"}}}
JSON
}
run() { "$ferry" --config "$demo/$1/config.json" --data-dir "$demo/$1/data" "${@:2}" >/dev/null 2>&1 || true; }
machine laptop
machine desktop
printf 'AAPL\nMSFT\nNVDA\n' >"$demo/tickers.txt"
printf '# Plans\n\nShip the resolver.\nWrite the docs.\nTake screenshots.\n\nMore later.\n' >"$demo/laptop/notes/plans.md"
run laptop sync
run desktop sync
sed -i 's/Ship the resolver./Ship the resolver on Friday./; s/Take screenshots./Take screenshots under Xvfb./' "$demo/laptop/notes/plans.md"
sed -i 's/Ship the resolver./Ship the resolver next week./; s/Take screenshots./Take screenshots by hand./' "$demo/desktop/notes/plans.md"
printf 'a note written on the desktop\n' >"$demo/desktop/notes/inbox.md"
run laptop sync
run desktop sync # the conflict
run desktop ingest tickers
run desktop ingest market # no API key: a failed run
GITHUB_TOKEN=demo run desktop ingest github # nothing answers: repositories in error

rm -rf "$out"
FERRY_CONFIG="$demo/desktop/config.json" FERRY_DATA_DIR="$demo/desktop/data" FERRY_SCREENSHOTS="$out" \
    XDG_CONFIG_HOME="$demo/xdg" xvfb-run -a -s "-screen 0 1400x1000x24" "$ferry"

# The first run, in English and German: no config, so the app shows its empty state; the wizard is filled
# with a folder that has a new file, a file the branch has with other words (a conflict) and misses one
# the branch has (a download), on the demo remote; Cancel at the end writes nothing.
mkdir -p "$demo/first/Notes"
printf '# Plans\n\nShip the wizard.\n' >"$demo/first/Notes/plans.md"
printf 'Buy milk\n' >"$demo/first/Notes/todo.md"
for lang in en_US de_DE; do
    FERRY_CONFIG="$demo/first/config.json" FERRY_DATA_DIR="$demo/first/data-$lang" FERRY_SCREENSHOTS="$out" \
        FERRY_DEMO_FOLDER="$demo/first/Notes" FERRY_DEMO_REMOTE="$demo/remote.git" LANG="$lang.UTF-8" \
        LANGUAGE="${lang%_*}" XDG_CONFIG_HOME="$demo/xdg-first" xvfb-run -a -s "-screen 0 1400x1000x24" "$ferry"
done
test ! -e "$demo/first/config.json" # the wizard was cancelled: nothing written
ls -1 "$out"
