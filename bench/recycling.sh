#!/usr/bin/env bash
# Latency cost of recycling workers: the same load (8 clients, mixed corpus, pool of 2 with one
# spare) against a server that restarts each soffice after 10 conversions and one that never
# does; prints p50/p99 latency of both and the p99 ratio (measured in the same run).
#
# Usage: bash bench/recycling.sh [SECONDS_PER_RUN]   (default 60; needs target/cloudooo.jar)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
clients="${CLIENTS:-8}"
jar=target/cloudooo.jar
[ -f "$jar" ] || mvn -B -q -DskipTests package

run() {
  local limit=$1 first_port=$2 work log port pid result
  work=$(mktemp -d)
  log="$work/server.log"
  java -Dserver.port=0 -Dpool_size=2 -Dspare_workers=1 -Dlimit_number_request="$limit" \
    -Dopenoffice_port="$first_port" -Dworking_path="$work/cloudooo" -jar "$jar" >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do
    port=$(sed -n 's|.*Accepting on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$log")
    [ -n "$port" ] && break
    sleep 1
  done
  [ -n "$port" ] || { cat "$log" >&2; kill "$pid"; exit 1; }
  python3 bench/load.py "$port" 2 5 tests-data >/dev/null
  result=$(python3 bench/load.py "$port" "$clients" "$seconds" tests-data)
  echo "recycled workers: $(grep -c 'recycling office' "$log" || true)" >&2
  kill -TERM "$pid"
  wait "$pid" || true
  rm -rf "$work"
  echo "$result"
}

never=$(run 1000000 24100)
every10=$(run 10 24200)
python3 - "$never" "$every10" <<'PY'
import sys
(d1, s1, e1, p50a, p99a), (d2, s2, e2, p50b, p99b) = (x.split() for x in sys.argv[1:3])
print("no recycling:        %s conversions in %ss, %s errors, p50 %s ms, p99 %s ms" % (d1, s1, e1, p50a, p99a))
print("recycle after 10:    %s conversions in %ss, %s errors, p50 %s ms, p99 %s ms" % (d2, s2, e2, p50b, p99b))
print("p99 ratio recycling/none: %.2fx" % (float(p99b) / float(p99a)))
PY
