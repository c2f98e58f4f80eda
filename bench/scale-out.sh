#!/usr/bin/env bash
# Scale-out throughput: two instances of pool 1 behind HAProxy (packaging/haproxy.cfg) against
# one of them alone, in the same run and warm: both instances are started and warmed up first
# (WARMUP_SECONDS, default 20, through HAProxy), then 8 clients convert the mixed corpus for
# SECONDS against instance 1 alone, then for SECONDS through HAProxy. Prints conversions per
# second of each and the ratio HAProxy / alone.
#
# Usage: bash bench/scale-out.sh [SECONDS_PER_RUN]   (default 60; needs target/cloudooo.jar and
# Debian's haproxy, which .ci/install-deps installs)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
clients=8
warmup="${WARMUP_SECONDS:-20}"
[ -f target/cloudooo.jar ] || mvn -B -q -DskipTests package
# shellcheck source=bench/measure.sh
. bench/measure.sh  # SERVER_JVM_FLAGS

work=$(mktemp -d)
pids=()
stop_all() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap stop_all EXIT
trap 'stop_all; exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_instance N UNO_PORT: pool 1, no spare (as bench/throughput.sh), on a free HTTP port,
# which it leaves in $port (not run in a subshell: the server's pid must reach $pids).
start_instance() {
  local log="$work/server$1.log"
  java "${SERVER_JVM_FLAGS[@]}" -Dserver.port=0 -Dworking_path="$work/cloudooo$1" -Dpool_size=1 -Dspare_workers=0 -Dopenoffice_port="$2" \
    -jar target/cloudooo.jar >"$log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 120); do
    port=$(sed -n 's|.*Accepting on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$log")
    [ -n "$port" ] && return 0
    sleep 1
  done
  cat "$log" >&2
  exit 1
}

start_instance 1 24110
port1=$port
start_instance 2 24120
port2=$port
frontend=$(free_port)
stats=$(free_port)
FRONTEND_PORT=$frontend BACKEND1=127.0.0.1:$port1 BACKEND2=127.0.0.1:$port2 STATS_PORT=$stats \
  haproxy -db -f packaging/haproxy.cfg >"$work/haproxy.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 30); do
  [ "$(curl -s "http://127.0.0.1:$stats/;csv" | grep -c ',UP,')" -ge 2 ] && break
  sleep 1
done

# Both instances warm alike (JIT, LibreOffice's caches): through HAProxy at full load. Instance 1
# then also gets the alone phase; a short warm-up left instance 2 colder for the HAProxy phase.
python3 bench/load.py "$frontend" "$clients" "$warmup" tests-data --corpus mixed >/dev/null
alone=$(python3 bench/load.py "$port1" "$clients" "$seconds" tests-data --corpus mixed)
scaled=$(python3 bench/load.py "$frontend" "$clients" "$seconds" tests-data --corpus mixed)

python3 - "$alone" "$scaled" "$clients" <<'PY'
import sys
(d1, s1, e1, p1, _), (d2, s2, e2, p2, _) = (x.splitlines()[0].split() for x in sys.argv[1:3])
r1, r2 = int(d1) / float(s1), int(d2) / float(s2)
print("clients=%s one instance alone:   %s conversions in %ss (%.2f/s, %s errors, p50 %s ms)" % (sys.argv[3], d1, s1, r1, e1, p1))
print("clients=%s two through HAProxy:  %s conversions in %ss (%.2f/s, %s errors, p50 %s ms)" % (sys.argv[3], d2, s2, r2, e2, p2))
print("throughput ratio HAProxy(2 x pool 1)/alone(pool 1): %.2fx" % (r2 / r1))
PY
