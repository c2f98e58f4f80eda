#!/usr/bin/env bash
# Start-up time of the server against one bare soffice, in one run: for each round, (a) one
# soffice with a fresh profile until a real UNO call answers, (b) the server on the bundled
# configuration (pool_size 2 plus a spare) from launch until an XML-RPC call answers, first on
# an empty working_path (cold: the first start ever) and then again on the same one (warm: the
# profile template kept by the cold start). Prints each round's seconds, how many times a
# worker's soffice exited with code 81 (initialised a new profile) in each server start, and
# the ratios ours/bare; then the median ratios over the rounds. Target: warm ≤ 1.5× bare.
#
# Usage: bash bench/startup.sh [ROUNDS]   (default 3; needs target/cloudooo.jar, built if missing)
#   Needs Python with the uno module (Debian: python3-uno) for the bare start.
# Ratios from one run are what counts: machines are noisy between runs. Measure on a quiet
# machine (or hold the lock other heavy runs take).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
[ -f target/cloudooo.jar ] || mvn -B -q -DskipTests package

python=python3
$python -c 'import uno' 2>/dev/null || python=/usr/bin/python3
$python -c 'import uno' 2>/dev/null || { echo "no Python with the uno module: apt-get install python3-uno" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

free_port() {
  $python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

results=()
for round in $(seq 1 "$rounds"); do
  bare=$($python bench/startup.py bare 24500)
  rm -rf "$work/cloudooo"
  cold=$($python bench/startup.py server "$(free_port)" "$work/cloudooo" 24510 "$work/cold.log")
  warm=$($python bench/startup.py server "$(free_port)" "$work/cloudooo" 24510 "$work/warm.log")
  line="$bare $(echo "$cold" | tr '\n' ' ')$(echo "$warm" | tr '\n' ' ')"
  results+=("$line")
  $python - "$round" $line <<'PY'
import sys
round_, bare, cold, _, cold81, warm, _, warm81 = sys.argv[1:]
print("round %s: bare %ss | ours cold %ss (%sx, %s exits 81) | ours warm %ss (%sx, %s exits 81)" % (
    round_, bare, cold, "%.2f" % (float(cold) / float(bare)), cold81, warm, "%.2f" % (float(warm) / float(bare)), warm81))
PY
done
$python - "${results[@]}" <<'PY'
import statistics
import sys
rows = [r.split() for r in sys.argv[1:]]
bare = statistics.median(float(r[0]) for r in rows)
cold = statistics.median(float(r[1]) / float(r[0]) for r in rows)
warm = statistics.median(float(r[4]) / float(r[0]) for r in rows)
print("median over %d rounds: bare %.2fs, ours/bare cold %.2fx, warm %.2fx (target warm <= 1.50x)" % (len(rows), bare, cold, warm))
PY
