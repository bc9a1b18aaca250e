#!/usr/bin/env bash
# One load figure as docs/benchmarks.md reports them: the server pinned to core 0 (development mode, a fresh data
# directory, the per-user send limit lifted), the generator pinned to core 1, one generator process that sends the
# warm-up and then the timed run (so that the generator's own JIT has warmed up too: a fresh generator JVM for the
# timed run compiled on its core through the run and fell up to ~200 ms behind its schedule), and the server's CPU
# per message read from /proc/<pid>/stat over the timed run and its drain, also without the JIT compiler threads
# (on one core they still compile during a 60 s warm-up's timed run, and move the figure a lot).
#
#   bench/pinned.sh SERVER_JAR BENCH_JAR RATE [DURATION_S=30] [WARMUP_S=60] [extra bench flags...]
# SERVER_FLAGS (an array in the environment is not possible: a space-separated string) adds server flags, e.g.
# SERVER_FLAGS="--http-max-in-flight-per-user 100000" for a REST load. SERVER_JVM_FLAGS (same form) adds JVM options
# to the server, e.g. a profiler: SERVER_JVM_FLAGS="-agentpath:/path/libasyncProfiler.so=start,event=itimer,...".
# BENCH_JVM_FLAGS does the same for the load generator's JVM (e.g. -Xlog:gc:file=bench-gc.log).
set -euo pipefail
read -r -a SERVER_FLAGS <<< "${SERVER_FLAGS:-}"
server_jar=$1 bench_jar=$2 rate=$3 duration=${4:-30} warmup=${5:-60}
shift $(( $# < 5 ? $# : 5 ))
source "$(dirname "$0")/pinned-server.sh"
start_pinned_server "$server_jar" "${SERVER_FLAGS[@]}"
pinned_load --rate "$rate" --warmup "$warmup" --duration "$duration" --server-pid "$pid" "$@"
