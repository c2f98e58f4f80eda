#!/usr/bin/env bash
# Jobs against synchronous calls on the same pool, in one run: one server (pool_size 2), warmed
# up, then COUNT documents of the pdf corpus (20 office documents of 9 types → pdf, corpus.py)
#   sync  converted by convertFile from 2 load.py clients (--count COUNT),
#   jobs  submitted as jobs at once (bench/jobs.py), then collected by 2 pollers,
# back to back on the same workers, and prints both throughputs and the ratio jobs/sync.
# job_max_running is 2 here (its default, pool_size - 1, keeps a worker for interactive calls;
# with no interactive load this bench gives jobs the same two workers the 2 clients use).
# Ratios from one run are what counts: measure on a quiet machine.
#
# Usage: bash bench/jobs.sh [COUNT]   (default 200; needs target/cloudooo.jar)
#   env JOB_MAX_RUNNING (default 2), WARMUP_SECONDS (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-200}"
running="${JOB_MAX_RUNNING:-2}"
[ -f target/cloudooo.jar ] || mvn -B -q -DskipTests package

# shellcheck source=bench/measure.sh
. bench/measure.sh

start_server -Dpool_size=2 -Dspare_workers=1 -Dopenoffice_port=24500 -Djob_max_running="$running" \
  -Djob_max_queued="$((count + 10))"
python3 bench/load.py "$server_port" 2 "${WARMUP_SECONDS:-5}" tests-data --corpus pdf >/dev/null
cpu0=$(cpu_seconds "$server_pid")
sync=$(python3 bench/load.py "$server_port" 2 3600 tests-data --corpus pdf --count "$count" | sed -n 1p)
cpu1=$(cpu_seconds "$server_pid")
jobs=$(python3 bench/jobs.py "$server_port" "$count" tests-data --corpus pdf --collectors 2)
cpu2=$(cpu_seconds "$server_pid")
# Where the time goes: the server JVM's own CPU seconds in each phase (what jobs add to the
# conversions: submissions, status files, polls, collection).
echo "server JVM CPU seconds: sync $(( ${cpu1%% *} - ${cpu0%% *} )), jobs $(( ${cpu2%% *} - ${cpu1%% *} ))" >&2
echo "recycled workers: $(grep -c 'recycling office' "$server_work/server.log" || true)" >&2
stop_server
python3 - "$sync" "$jobs" "$running" <<'PY'
import sys

(done_s, secs_s, err_s, p50, p99), (done_j, secs_j, err_j) = sys.argv[1].split(), sys.argv[2].split()
rate_s, rate_j = int(done_s) / float(secs_s), int(done_j) / float(secs_j)
print("sync: %s convertFile calls from 2 clients in %ss (%.2f/s, %s errors, p50 %s ms)" % (done_s, secs_s, rate_s, err_s, p50))
print("jobs: %s jobs (job_max_running %s) submitted and collected in %ss (%.2f/s, %s errors)"
      % (done_j, sys.argv[3], secs_j, rate_j, err_j))
print("jobs/sync throughput ratio: %.2fx" % (rate_j / rate_s))
PY
