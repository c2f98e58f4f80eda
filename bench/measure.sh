# Sourced by the benchmarks: runs the server jar with some -D settings under load.
# measure CLIENTS SECONDS WARMUP_CLIENTS -Dkey=value... prints load.py's line
# '<conversions> <seconds> <errors> <p50 ms> <p99 ms>' and, on stderr, how many workers were recycled.
measure() {
  local clients=$1 seconds=$2 warmup=$3 work log port pid result
  shift 3
  work=$(mktemp -d)
  log="$work/server.log"
  java -Dserver.port=0 -Dworking_path="$work/cloudooo" "$@" -jar target/cloudooo.jar >"$log" 2>&1 &
  pid=$!
  port=""
  for _ in $(seq 1 120); do
    port=$(sed -n 's|.*Accepting on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$log")
    [ -n "$port" ] && break
    sleep 1
  done
  [ -n "$port" ] || { cat "$log" >&2; kill "$pid"; exit 1; }
  # Warm up every worker before measuring.
  python3 bench/load.py "$port" "$warmup" 5 tests-data >/dev/null
  result=$(python3 bench/load.py "$port" "$clients" "$seconds" tests-data)
  echo "recycled workers: $(grep -c 'recycling office' "$log" || true)" >&2
  kill -TERM "$pid"
  wait "$pid" || true
  rm -rf "$work"
  echo "$result"
}
