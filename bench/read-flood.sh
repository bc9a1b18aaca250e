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
data=$(mktemp -d)
port=$(( 20000 + RANDOM % 20000 ))
taskset -c 0 java -jar "$server_jar" --port "$port" --data-dir "$data" \
    --send-burst 100000 --send-per-second 100000 "$@" > "$data/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do grep -q "listening on" "$data/server.log" && break; sleep 0.5; done
base="http://127.0.0.1:$port"
token=$(java -jar "$server_jar" token reader --data-dir "$data")
# The reader's chat with bob: 50 messages, so that each page is a real one.
for i in $(seq 1 50); do
  curl -s -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
      -d "{\"text\":\"page line $i\"}" "$base/api/v1/chat/bob/messages"
done
load() {
  taskset -c 1 java -jar "$bench_jar" --url "$base" --secret-file "$data/dev-secret" \
      --users 100 --devices 2 --rate 100 --drain 15 "$@"
}
load --duration 30 > /dev/null   # warm-up
if [[ $flood == yes ]]; then
  taskset -c 1 wrk -t1 -c8 -d45s -H "Authorization: Bearer $token" \
      "$base/api/v1/chat/bob/messages?limit=50" > "$data/wrk.txt" &
  wrk_pid=$!
fi
load --duration 30
if [[ $flood == yes ]]; then wait "$wrk_pid"; cat "$data/wrk.txt"; fi
