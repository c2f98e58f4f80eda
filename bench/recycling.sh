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
[ -f target/cloudooo.jar ] || mvn -B -q -DskipTests package

# shellcheck source=bench/measure.sh
. bench/measure.sh

run() {
  measure "$clients" "$seconds" 2 mixed -Dpool_size=2 -Dspare_workers=1 -Dlimit_number_request="$1" -Dopenoffice_port="$2"
}

never=$(run 1000000 24100)
every10=$(run 10 24200)
python3 - "$never" "$every10" <<'PY'
import sys
(d1, s1, e1, p50a, p99a), (d2, s2, e2, p50b, p99b) = (x.splitlines()[0].split() for x in sys.argv[1:3])
print("no recycling:        %s conversions in %ss, %s errors, p50 %s ms, p99 %s ms" % (d1, s1, e1, p50a, p99a))
print("recycle after 10:    %s conversions in %ss, %s errors, p50 %s ms, p99 %s ms" % (d2, s2, e2, p50b, p99b))
print("p99 ratio recycling/none: %.2fx" % (float(p99b) / float(p99a)))
PY
