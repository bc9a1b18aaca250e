#!/usr/bin/env bash
# Heap per idle /ws connection: the server on core 0 (as bench/pinned.sh starts it), `jmap -histo:live` (a full
# collection first) before and while the generator on core 1 holds CONNECTIONS sockets; prints the live heap per
# connection and the classes that grew most, and leaves both histograms in OUT.before / OUT.after.
#
#   bench/connections-heap.sh SERVER_JAR BENCH_JAR [CONNECTIONS=10000] [OUT=/tmp/connections-heap]
set -euo pipefail
bench_jar=$2 connections=${3:-10000} out=${4:-/tmp/connections-heap}
source "$(dirname "$0")/pinned-server.sh"
start_pinned_server "$1"
jmap -histo:live "$pid" > "$out.before"
taskset -c 1 java -jar "$bench_jar" --url "$base" --secret-file "$data/dev-secret" --mode connections \
    --connections "$connections" --hold 40 --connect-concurrency 200 > "$out.bench" 2>&1 &
bench=$!
port=${base##*:}
for _ in $(seq 1 300); do
  open=$(ss -tn state established "( sport = :$port )" | tail -n +2 | wc -l)
  [[ $open -ge $connections ]] && break
  sleep 1
done
sleep 3
jmap -histo:live "$pid" > "$out.after"
wait "$bench" || true
tail -1 "$out.bench"
python3 - "$out" "$connections" <<'PY'
import sys
def load(f):
    d = {}
    for line in open(f):
        p = line.split()
        if len(p) >= 4 and p[0].endswith(':'):
            d[p[3]] = int(p[2])
    return d
before, after = load(sys.argv[1] + '.before'), load(sys.argv[1] + '.after')
n = int(sys.argv[2])
grown = sorted(((b - before.get(k, 0), k) for k, b in after.items()), reverse=True)
print(f"live heap per connection: {sum(g for g, _ in grown) / n:.0f} B")
for g, k in grown[:15]:
    print(f"  {g / n:7.1f} B  {k}")
PY
