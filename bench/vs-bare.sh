#!/usr/bin/env bash
# Our server against a bare JODConverter, in one run, on the same corpora: for each corpus the
# server (pool_size 2) under 2 load.py clients, then bench/BareJodConverter.java (a
# LocalOfficeManager pool of 2, file to file, our load properties) under 2 client threads, back
# to back, never at once. Both JVMs get the server's JVM flags (measure.sh's SERVER_JVM_FLAGS):
# the quick compiler only made the reference itself 25% faster here. Both convert the same corpus file (written by corpus.py) for the same
# time after the same warm-up; each is measured by load.py's definitions (corpus.py):
#   pdf       20 office documents of 9 types (odt docx doc ods xlsx odp pptx html csv) → pdf
#   docx-odt  docx → odt
#   xlsx-ods  xlsx → ods
# Prints, for each corpus, the two runs (conversions, seconds, errors, p50, p99), the
# 'ours/bare throughput ratio' and the 'median latency ratio ours/bare' of each source type.
# Ratios from one run are what counts: machines are noisy between runs, and within a run the
# noise hits both sides alike. Measure on a quiet machine.
#
# Usage: bash bench/vs-bare.sh [SECONDS_PER_RUN] [CORPUS...]
#   SECONDS_PER_RUN default 60; CORPUS default: pdf docx-odt xlsx-ods
#   env SPARE_WORKERS (default 1, the server's default; 0 leaves only the 2 workers),
#       RECYCLE_AFTER (default 100, the server's limit_number_request default: both sides
#       restart soffice after that many conversions, so that both pay the same restarts),
#       WARMUP_SECONDS (default 5); needs target/cloudooo.jar
# Both sides produce the same files: PDF exports are PDF/A-1b as the server's filter table asks.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
corpora=("$@")
[ ${#corpora[@]} -gt 0 ] || corpora=(pdf docx-odt xlsx-ods)
clients=2
spare="${SPARE_WORKERS:-1}"
recycle="${RECYCLE_AFTER:-100}"
[ -f target/cloudooo.jar ] || mvn -B -q -DskipTests package

# shellcheck source=bench/measure.sh
. bench/measure.sh

corpus_dir=$(mktemp -d)
trap 'rm -rf "$corpus_dir"' EXIT

echo "ours: pool_size=2 spare_workers=$spare limit_number_request=$recycle, XML-RPC from $clients load.py clients"
echo "bare: LocalOfficeManager pool of 2, maxTasksPerProcess $recycle, $clients threads"
echo "each run: ${WARMUP_SECONDS:-5} s warm-up, then $seconds s measured"
for name in "${corpora[@]}"; do
  python3 bench/corpus.py "$name" tests-data >"$corpus_dir/$name"
  ours=$(measure "$clients" "$seconds" 2 "$corpus_dir/$name" \
    -Dpool_size=2 -Dspare_workers="$spare" -Dlimit_number_request="$recycle" -Dopenoffice_port=24300)
  bare=$(measure_bare "$clients" "$seconds" "$corpus_dir/$name" 24400 "$recycle")
  python3 - "$name" "$(wc -l <"$corpus_dir/$name")" "$ours" "$bare" <<'PY'
import sys

name, entries, ours, bare = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]


def parse(result):
    summary, medians = result.splitlines()[:2]
    done, secs, errors, p50, p99 = summary.split()
    per_type = dict(pair.split("=") for pair in medians.split()[1:])
    return int(done) / float(secs), (done, secs, errors, p50, p99), per_type


(rate_ours, line_ours, types_ours), (rate_bare, line_bare, types_bare) = parse(ours), parse(bare)
print("== %s (%s entries) ==" % (name, entries))
for side, rate, (done, secs, errors, p50, p99) in (("ours", rate_ours, line_ours), ("bare", rate_bare, line_bare)):
    print("%s: %s conversions in %ss (%.2f/s, %s errors), p50 %s ms, p99 %s ms" % (side, done, secs, rate, errors, p50, p99))
print("ours/bare throughput ratio: %s" % ("%.2fx" % (rate_ours / rate_bare) if rate_bare else "-"))
ratios = []
for source, ms in types_ours.items():
    other = types_bare.get(source, "-")
    if "-" in (ms, other) or float(other) == 0:
        ratios.append("%s=-" % source)
    else:
        ratios.append("%s=%.2fx (%s/%s ms)" % (source, float(ms) / float(other), ms, other))
print("median latency ratio ours/bare: " + " ".join(ratios))
PY
done
