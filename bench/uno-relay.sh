#!/usr/bin/env bash
# The UNO pass-through's relay overhead (issue 9): a pyuno client does CYCLES load/store cycles
# (hello.odt loaded hidden, stored as ODT, closed) through the server's uno_accept listener,
# then the same against a bare soffice on its own port, in the same run, back to back, never at
# once; ROUNDS times alternately, after a warm-up on each side. Prints each side's total
# seconds and the ratio relay/bare (the issue asks for at most 1.10).
#
# Both soffice run headless with the acceptor jodconverter gives the server's workers
# (socket,...,tcpNoDelay=1;urp;). Run it on a quiet machine (wrap it in the shared lock where
# several sessions share one):
#   flock /tmp/cloudooo-heavy.lock bash bench/uno-relay.sh [CYCLES] [ROUNDS]
# CYCLES default 50, ROUNDS default 3; needs target/cloudooo.jar and Debian's python3-uno.
set -euo pipefail
cd "$(dirname "$0")/.."
cycles="${1:-50}"
rounds="${2:-3}"
python=/usr/bin/python3
[ -x "$python" ] && "$python" -c 'import uno' 2>/dev/null || { echo "needs python3-uno (apt-get install python3-uno)" >&2; exit 1; }
[ -f target/cloudooo.jar ] || mvn -B -q -DskipTests package

# shellcheck source=bench/measure.sh
. bench/measure.sh

work=$(mktemp -d)
bare_pid=""
cleanup() {
  [ -z "$bare_pid" ] || { kill "$bare_pid" 2>/dev/null || true; wait "$bare_pid" 2>/dev/null || true; }
  stop_server
  rm -rf "$work"
}
relay_port=24610
bare_port=24620
client=src/test/resources/uno/uno_client.py
doc=tests-data/hello.odt

start_server -Dpool_size=1 -Dspare_workers=0 -Dopenoffice_port=24600 -Dlimit_number_request=1000 \
  -Duno_accept="socket,host=127.0.0.1,port=$relay_port;urp;" -Duno_max_sessions=1
trap 'cleanup' EXIT
trap 'cleanup; exit 130' INT TERM

start_bare() {
  /usr/lib/libreoffice/program/soffice.bin --headless --invisible --nologo --norestore --nodefault \
    -env:UserInstallation="file://$work/bare-profile" \
    "--accept=socket,host=127.0.0.1,port=$bare_port,tcpNoDelay=1;urp;StarOffice.ServiceManager" >>"$work/bare.log" 2>&1 &
  bare_pid=$!
}
start_bare

url() { echo "uno:socket,host=127.0.0.1,port=$1;urp;StarOffice.ComponentContext"; }
run() { # PORT CYCLES -> seconds
  if ! timeout 600 "$python" "$client" cycles "$(url "$1")" "$doc" "$work" "$2" >"$work/client.log" 2>&1; then
    echo "the client on port $1 failed:" >&2
    cat "$work/client.log" >&2
    tail -20 "$server_work/server.log" >&2
    return 1
  fi
  sed -n 's/^SECONDS //p' "$work/client.log"
}
# A fresh profile makes soffice.bin exit (code 81) once it is initialised, for its launcher to
# start it again: this script is that launcher.
for attempt in $(seq 1 60); do
  timeout 20 "$python" "$client" look "$(url $bare_port)" >/dev/null 2>&1 && break
  if ! kill -0 "$bare_pid" 2>/dev/null; then
    wait "$bare_pid" || true
    start_bare
  fi
  [ "$attempt" -lt 60 ] || { echo "the bare soffice did not start:" >&2; cat "$work/bare.log" >&2; exit 1; }
  sleep 1
done

run "$relay_port" 5 >/dev/null
run "$bare_port" 5 >/dev/null
relay_total=0
bare_total=0
echo "$cycles load/store cycles per run, $rounds rounds, relay (port $relay_port) then bare soffice (port $bare_port)"
for round in $(seq 1 "$rounds"); do
  relay=$(run "$relay_port" "$cycles")
  bare=$(run "$bare_port" "$cycles")
  echo "round $round: relay $relay s, bare $bare s"
  relay_total=$("$python" -c "print($relay_total + $relay)")
  bare_total=$("$python" -c "print($bare_total + $bare)")
done
"$python" -c "print('relay %.2f s, bare %.2f s, relay/bare ratio %.3f' % ($relay_total, $bare_total, $relay_total / $bare_total))"
