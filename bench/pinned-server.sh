# Sourced by the pinned benchmark scripts: start_pinned_server SERVER_JAR [server flags...] starts the server on
# core 0 in development mode (a fresh data directory, the per-user send limit lifted), waits for it to listen, and
# sets $pid, $data and $base; the server is stopped and its data removed when the script exits.
start_pinned_server() {
  local jar=$1
  shift
  data=$(mktemp -d)
  local port=$(( 20000 + RANDOM % 20000 ))
  read -r -a jvm_flags <<< "${SERVER_JVM_FLAGS:-}"
  # The class-data archive the build records beside the jar, where there is one.
  if [[ -f ${jar%.jar}.jsa ]]; then jvm_flags+=("-XX:SharedArchiveFile=${jar%.jar}.jsa"); fi
  taskset -c 0 java "${jvm_flags[@]}" -jar "$jar" --port "$port" --data-dir "$data" \
      --send-burst 100000 --send-per-second 100000 "$@" > "$data/server.log" 2>&1 &
  pid=$!
  trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$data"' EXIT
  for _ in $(seq 1 120); do grep -q "listening on" "$data/server.log" && break; sleep 0.5; done
  grep -q "listening on" "$data/server.log" || { cat "$data/server.log"; exit 1; }
  base="http://127.0.0.1:$port"
}

# The load generator on core 1 against that server, 100 users x 2 devices (bench flags added after).
pinned_load() {
  taskset -c 1 java ${BENCH_JVM_FLAGS:-} -jar "$bench_jar" --url "$base" --secret-file "$data/dev-secret" \
      --users 100 --devices 2 --drain 15 "$@"
}
