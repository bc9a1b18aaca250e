#!/usr/bin/env bash
# Issue 19's fair-use figure: the sends' delivery latency for everybody while one user reads history pages as fast
# as wrk can ask. The server is pinned to core 0 (development mode, a fresh data directory, send limits lifted; its
# read limits as given after the jars), the generator and wrk to core 1. Prints the bench report of the timed run and
# wrk's own report.
#
#   bench/read-flood.sh SERVER_JAR BENCH_JAR FLOOD(yes|no) [server flags...]
set -euo pipefail
server_jar=$1 bench_jar=$2 flood=$3
shift 3
source "$(dirname "$0")/pinned-server.sh"
start_pinned_server "$server_jar" "$@"
token=$(java -jar "$server_jar" token reader --data-dir "$data")
# The reader's chat with bob: 50 messages, so that each page is a real one.
for i in $(seq 1 50); do
  curl -s -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
      -d "{\"text\":\"page line $i\"}" "$base/api/v1/chat/bob/messages"
done
load() { pinned_load --rate 100 "$@"; }
load --duration 30 > /dev/null   # warm-up
if [[ $flood == yes ]]; then
  taskset -c 1 wrk -t1 -c8 -d45s -H "Authorization: Bearer $token" \
      "$base/api/v1/chat/bob/messages?limit=50" > "$data/wrk.txt" &
  wrk_pid=$!
fi
load --duration 30
if [[ $flood == yes ]]; then wait "$wrk_pid"; cat "$data/wrk.txt"; fi
