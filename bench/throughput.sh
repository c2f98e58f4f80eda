#!/usr/bin/env bash
# Throughput of the office pool: runs the server with pool_size 1, then 2, each under 8
# concurrent clients over a mixed corpus for a fixed time, and prints conversions per second
# and the ratio pool 2 / pool 1 (measured in the same run: machines are noisy).
#
# Usage: bash bench/throughput.sh [SECONDS_PER_RUN]   (default 60; needs target/cloudooo.jar)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
clients=8
[ -f target/cloudooo.jar ] || mvn -B -q -DskipTests package

# shellcheck source=bench/measure.sh
. bench/measure.sh

run() {
  measure "$clients" "$seconds" "$1" mixed -Dpool_size="$1" -Dspare_workers=0 -Dopenoffice_port=$((24000 + $1 * 10))
}

one=$(run 1)
two=$(run 2)
python3 - "$one" "$two" "$clients" <<'PY'
import sys
(d1, s1, e1, _, _), (d2, s2, e2, _, _) = (x.splitlines()[0].split() for x in sys.argv[1:3])
r1, r2 = int(d1) / float(s1), int(d2) / float(s2)
print("clients=%s pool1: %s conversions in %ss (%.2f/s, %s errors)" % (sys.argv[3], d1, s1, r1, e1))
print("clients=%s pool2: %s conversions in %ss (%.2f/s, %s errors)" % (sys.argv[3], d2, s2, r2, e2))
print("throughput ratio pool2/pool1: %.2fx" % (r2 / r1))
PY
