#!/usr/bin/env bash
# One load figure as docs/benchmarks.md reports them: the server pinned to core 0 (development mode, a fresh data
# directory, the per-user send limit lifted), the generator pinned to core 1, a warm-up run, then the timed run, and
# the server's CPU per message read from /proc/<pid>/stat over the timed run (its drain included), also without the
# JIT compiler threads (on one core they still compile during a 60 s warm-up's timed run, and move the figure a lot).
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
load() { pinned_load --rate "$rate" "$@"; }
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
# The JIT compiler threads' share (user + system; the comm field may hold spaces, so fields are counted after it).
jit_ticks() {
  local sum=0 task
  for task in /proc/"$pid"/task/*; do
    case $(cat "$task/comm" 2>/dev/null) in
      C1\ Compiler* | C2\ Compiler*) sum=$(( sum + $(sed 's/.*) //' "$task/stat" | awk '{print $12 + $13}') )) ;;
    esac
  done
  echo "$sum"
}
if [[ $warmup -gt 0 ]] && ! load --duration "$warmup" "$@" > "$data/warmup.txt"; then
  echo "the warm-up run failed:"; grep -v '^{' "$data/warmup.txt"; exit 1
fi
before=$(ticks) jit_before=$(jit_ticks)
load --duration "$duration" "$@"
after=$(ticks) jit_after=$(jit_ticks)
hz=$(getconf CLK_TCK)
messages=$(( rate * duration ))
echo "server CPU over the timed run: $(( (after - before) * 1000 / hz )) ms for $messages messages:" \
     "$(( (after - before) * 1000000 / hz / messages )) us per message;" \
     "of which the JIT compiler threads $(( (jit_after - jit_before) * 1000 / hz )) ms:" \
     "$(( (after - before - jit_after + jit_before) * 1000000 / hz / messages )) us per message without them"
