#!/usr/bin/env bash
# Jobs against synchronous calls on the same pool, in one run: one server (pool_size 2), warmed
# up (both paths), then COUNT documents of the pdf corpus (20 office documents of 9 types → pdf,
# corpus.py)
#   sync  converted by convertFile from 2 load.py clients (--count COUNT),
#   jobs  submitted as jobs at once (bench/jobs.py), then collected by 2 pollers,
# back to back on the same workers, and prints both throughputs and the ratio jobs/sync.
# job_max_running is 2 here (its default, pool_size - 1, keeps a worker for interactive calls;
# with no interactive load this bench gives jobs the same two workers the 2 clients use).
# Ratios from one run are what counts: measure on a quiet machine.
#
# Usage: bash bench/jobs.sh [COUNT]   (default 200; needs target/cloudooo.jar)
#   env JOB_MAX_RUNNING (default 2), WARMUP_SECONDS (default 15), WARMUP_JOBS (default 200),
#   ROUNDS (default 2)
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-200}"
running="${JOB_MAX_RUNNING:-2}"
[ -f target/cloudooo.jar ] || mvn -B -q -DskipTests package

# shellcheck source=bench/measure.sh
. bench/measure.sh

warmup_jobs="${WARMUP_JOBS:-200}"
start_server -Dpool_size=2 -Dspare_workers=1 -Dopenoffice_port=24500 -Djob_max_running="$running" \
  -Djob_max_queued="$(( (count > warmup_jobs ? count : warmup_jobs) + 10 ))"
# Both paths warm alike, and long enough: the sync phase used to run JIT-compiled code while the
# jobs phase paid for compiling submitJob, listJobs and getJobResult (the JIT threads took 2-3
# CPU-seconds from LibreOffice per phase; methods called once per job reach the JIT's top tier
# only after some hundreds of jobs).
python3 bench/load.py "$server_port" 2 "${WARMUP_SECONDS:-15}" tests-data --corpus pdf >/dev/null
python3 bench/jobs.py "$server_port" "$warmup_jobs" tests-data --corpus pdf --collectors 2 >/dev/null
# Measured in rounds, the order swapped each round (sync jobs, jobs sync, ...), so that what
# drifts along a run (recycled workers, JIT, caches) weighs on both alike.
rounds="${ROUNDS:-2}"
sync_runs=""
jobs_runs=""
cpu_sync=0
cpu_jobs=0
# run_mode MODE COMMAND...: runs the command, appends its first line to MODE_runs and the
# server JVM's CPU seconds it took to cpu_MODE.
run_mode() {
  local -n runs="$1_runs" cpu="cpu_$1"
  shift
  local c0 c1
  c0=$(cpu_seconds "$server_pid")
  runs+="$("$@" | sed -n 1p);"
  c1=$(cpu_seconds "$server_pid")
  cpu=$((cpu + ${c1%% *} - ${c0%% *}))
}
run_sync() { run_mode sync python3 bench/load.py "$server_port" 2 3600 tests-data --corpus pdf --count "$count"; }
run_jobs() { run_mode jobs python3 bench/jobs.py "$server_port" "$count" tests-data --corpus pdf --collectors 2; }
for round in $(seq 1 "$rounds"); do
  if [ $((round % 2)) -eq 1 ]; then run_sync; run_jobs; else run_jobs; run_sync; fi
done
# Where the time goes: the server JVM's own CPU seconds in each mode (what jobs add to the
# conversions: submissions, status files, polls, collection).
echo "server JVM CPU seconds: sync $cpu_sync, jobs $cpu_jobs" >&2
echo "recycled workers: $(grep -c 'recycling office' "$server_work/server.log" || true)" >&2
stop_server
python3 - "$sync_runs" "$jobs_runs" "$running" <<'PY'
import sys

sync = [r.split() for r in sys.argv[1].split(";") if r]
jobs = [r.split() for r in sys.argv[2].split(";") if r]
for n, ((done_s, secs_s, err_s, p50, _), (done_j, secs_j, err_j)) in enumerate(zip(sync, jobs), 1):
    print("round %d sync: %s convertFile calls from 2 clients in %ss (%.2f/s, %s errors, p50 %s ms)"
          % (n, done_s, secs_s, int(done_s) / float(secs_s), err_s, p50))
    print("round %d jobs: %s jobs (job_max_running %s) submitted and collected in %ss (%.2f/s, %s errors)"
          % (n, done_j, sys.argv[3], secs_j, int(done_j) / float(secs_j), err_j))
rate_s = sum(int(r[0]) for r in sync) / sum(float(r[1]) for r in sync)
rate_j = sum(int(r[0]) for r in jobs) / sum(float(r[1]) for r in jobs)
print("jobs/sync throughput ratio: %.2fx (%.2f/s against %.2f/s over %d rounds)" % (rate_j / rate_s, rate_j, rate_s, len(sync)))
PY
