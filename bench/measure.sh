# Sourced by the benchmarks (run from the project root, target/cloudooo.jar built):
#
#   start_server JVM_FLAG...  starts the server jar with these JVM flags (-Dkey=value, -Xmx...)
#                             in a temp dir on a free HTTP port; sets server_pid (the JVM's pid),
#                             server_port and server_work. If the shell exits first (Ctrl-C, an
#                             error) the server is stopped all the same.
#   stop_server               stops it (SIGTERM: it stops its soffice) and deletes the temp dir.
#   cpu_seconds PID           CPU seconds (user + system) used so far by PID's own process and
#                             by its descendants that still run, as '<own> <descendants>' (a
#                             recycled soffice drops out of the second).
#   measure CLIENTS SECONDS WARMUP_CLIENTS CORPUS JVM_FLAG...
#                             starts the server, warms every worker up (WARMUP_CLIENTS clients
#                             for $WARMUP_SECONDS, default 5), then runs load.py with CLIENTS
#                             for SECONDS over CORPUS (a corpus.py name or a corpus file) and
#                             prints load.py's two lines:
#                               '<conversions> <seconds> <errors> <p50 ms> <p99 ms>'
#                               'medians <type>=<ms> ...'
#                             and, on stderr, how many workers were recycled.
#   measure_bare CLIENTS SECONDS CORPUS_FILE PORT
#                             the same two lines for bench/BareJodConverter.java (a pool of 2
#                             soffice on PORT and PORT+1, warmed up for $WARMUP_SECONDS).

# The JVM flags the README, the systemd unit and the image start the server with; the bare
# JodConverter reference runs on the same JVM with the same flags.
SERVER_JVM_FLAGS=(-XX:TieredStopAtLevel=1)

start_server() {
  server_work=$(mktemp -d)
  java "${SERVER_JVM_FLAGS[@]}" -Dserver.port=0 -Dworking_path="$server_work/cloudooo" "$@" -jar target/cloudooo.jar >"$server_work/server.log" 2>&1 &
  server_pid=$!
  # A script's background job ignores SIGINT: Ctrl-C would leave the server and its soffice.
  trap stop_server EXIT
  trap 'stop_server; exit 130' INT TERM
  server_port=""
  for _ in $(seq 1 120); do
    server_port=$(sed -n 's|.*Accepting on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$server_work/server.log")
    [ -n "$server_port" ] && { await_workers; return 0; }
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 1
  done
  cat "$server_work/server.log" >&2
  exit 1
}

cpu_seconds() {
  ps -eo pid=,ppid=,times= | python3 -c '
import sys
root, rows = int(sys.argv[1]), [tuple(map(int, line.split())) for line in sys.stdin]
children = {}
for pid, ppid, secs in rows:
    children.setdefault(ppid, []).append((pid, secs))
own = next(secs for pid, _, secs in rows if pid == root)
stack, below = [root], 0
while stack:
    for pid, secs in children.get(stack.pop(), []):
        below += secs
        stack.append(pid)
print(own, below)' "$1"
}

# The server accepts with its first office worker; the others start then. A measurement starts
# once every worker runs (at most 2 minutes), so that both sides begin with the same pool.
await_workers() {
  python3 - "$server_port" <<'PY'
import json, sys, time, urllib.request
deadline = time.monotonic() + 120
while time.monotonic() < deadline:
    status = json.load(urllib.request.urlopen("http://127.0.0.1:%s/status" % sys.argv[1], timeout=10))
    if all(w["state"] != "starting" for p in status["pools"] for w in p["workers"]):
        sys.exit(0)
    time.sleep(0.2)
sys.exit("workers still starting after 120 s")
PY
}

stop_server() {
  trap - EXIT INT TERM
  [ -n "${server_pid:-}" ] || return 0
  kill -TERM "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  rm -rf "$server_work"
  server_pid=""
}

measure() {
  local clients=$1 seconds=$2 warmup=$3 corpus=$4 result
  shift 4
  start_server "$@"
  python3 bench/load.py "$server_port" "$warmup" "${WARMUP_SECONDS:-5}" tests-data --corpus "$corpus" >/dev/null
  result=$(python3 bench/load.py "$server_port" "$clients" "$seconds" tests-data --corpus "$corpus")
  echo "recycled workers: $(grep -c 'recycling office' "$server_work/server.log" || true)" >&2
  stop_server
  echo "$result"
}

measure_bare() {
  java "${SERVER_JVM_FLAGS[@]}" -cp target/cloudooo.jar bench/BareJodConverter.java "$3" \
    --clients "$1" --seconds "$2" --warmup "${WARMUP_SECONDS:-5}" --pool 2 --port "$4" --max-tasks "${5:-200}"
}
