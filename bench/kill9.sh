#!/usr/bin/env bash
# kill -9 during a load: nothing acknowledged is lost, nothing is stored twice, seq order holds.
# The server on core 0 (as bench/pinned.sh), the generator on core 1 sending RATE messages/s over /ws for
# DURATION seconds; after KILL_AT seconds the server gets SIGKILL; the generator records every send the
# server acknowledged (--acked-file); the server starts again on the same data directory, and the
# generator reads every chat's history back (--mode verify).
#
#   bench/kill9.sh SERVER_JAR BENCH_JAR [RATE=1000] [DURATION_S=40] [KILL_AT_S=25]
set -euo pipefail
server_jar=$1 bench_jar=$2 rate=${3:-1000} duration=${4:-40} kill_at=${5:-25}
source "$(dirname "$0")/pinned-server.sh"
start_pinned_server "$server_jar"
port=${base##*:}
prefix="k9-$RANDOM-"
taskset -c 1 java -jar "$bench_jar" --url "$base" --secret-file "$data/dev-secret" --users 100 --devices 2 \
    --rate "$rate" --duration "$duration" --drain 5 --user-prefix "$prefix" --acked-file "$data/acked.tsv" \
    > "$data/load.txt" 2>&1 &
load_pid=$!
sleep "$kill_at"
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
echo "server killed with SIGKILL after ${kill_at} s of a ${rate}/s load"
wait "$load_pid" || true
tail -3 "$data/load.txt" | grep -v '^{'
# The same data directory, the same port.
taskset -c 0 java "${jvm_flags[@]}" -jar "$server_jar" --port "$port" --data-dir "$data" > "$data/server2.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do grep -q "listening on" "$data/server2.log" && break; sleep 0.5; done
grep -q "listening on" "$data/server2.log" || { cat "$data/server2.log"; exit 1; }
echo "restarted on the same data"
taskset -c 1 java -jar "$bench_jar" --mode verify --url "$base" --secret-file "$data/dev-secret" --users 100 \
    --user-prefix "$prefix" --acked-file "$data/acked.tsv" | grep -v '^{'
