#!/usr/bin/env bash
# Memory of the server under two big documents at once: makes two ODTs of about MB megabytes
# each that do not compress (random-pixel PNGs, zip stored), starts the server with -Xmx256m
# and pool_size 2, reads the JVM's idle RSS, sends both as convertFile(odt → pdf) from two
# threads at once while sampling the JVM's VmRSS every 100 ms, and prints:
#   one line per document: ok (size of the pdf, seconds) or the fault
#   whether all succeeded, the JVM's idle RSS and peak RSS in MB, the elapsed seconds
# Only the JVM's pid is sampled: neither the Python client (which holds the base64 text of
# both documents) nor the soffice processes are counted.
# Compare the numbers of one run (e.g. before/after a change, on the same machine).
#
# Usage: bash bench/big-documents.sh [MB]   (default 50)
#   env JAVA_FLAGS: the server's JVM flags (default -Xmx256m); needs target/cloudooo.jar
set -euo pipefail
cd "$(dirname "$0")/.."
megabytes="${1:-50}"
read -r -a java_flags <<<"${JAVA_FLAGS:--Xmx256m}"
[ -f target/cloudooo.jar ] || mvn -B -q -DskipTests package

# shellcheck source=bench/measure.sh
. bench/measure.sh

start_server "${java_flags[@]}" -Dpool_size=2 -Dopenoffice_port=24600
# In the server's temp dir, deleted with it; meanwhile the JVM settles (soffice were starting).
documents="$server_work/documents"
mkdir "$documents"
python3 bench/big_documents.py make "$documents/big-1.odt" "$megabytes"
python3 bench/big_documents.py make "$documents/big-2.odt" "$megabytes"
sleep 2
echo "server: ${java_flags[*]} pool_size=2, JVM pid $server_pid"
python3 bench/big_documents.py send "$server_port" "$server_pid" "$documents/big-1.odt" "$documents/big-2.odt"
grep -m 3 -i 'OutOfMemoryError' "$server_work/server.log" | cut -c1-300 | sed 's/^/server log: /' >&2 || true
stop_server
