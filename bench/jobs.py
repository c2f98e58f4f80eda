"""Submits COUNT conversions as jobs (going round a corpus), then collects every result, and prints
  '<jobs> <seconds> <errors>'
where seconds run from the first submitJob to the last result collected; a job that failed, or
whose result is not the target's kind of file, counts as an error. Jobs are submitted from one
thread (submitJob answers at once) while one poller asks listJobs('done') and listJobs('failed')
every POLL_MS and COLLECTORS threads fetch each finished job's result (getJobResult) and delete it
(so that the lists stay short).

Usage: python3 bench/jobs.py PORT COUNT DATA_DIR [--corpus NAME|FILE] [--collectors N] [--poll-ms MS]
"""
import argparse
import base64
import os
import queue
import sys
import threading
import time
import xmlrpc.client

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus  # noqa: E402  (bench/corpus.py, beside this file)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("port", type=int)
    parser.add_argument("count", type=int)
    parser.add_argument("data_dir")
    parser.add_argument("--corpus", default="pdf")
    parser.add_argument("--collectors", type=int, default=2)
    parser.add_argument("--poll-ms", type=int, default=100)
    args = parser.parse_args()

    documents = []
    for path, source, target in corpus.corpus(args.corpus, args.data_dir):
        with open(path, "rb") as f:
            documents.append((base64.encodebytes(f.read()).decode(), source, target))

    url = "http://127.0.0.1:%d/RPC2" % args.port
    targets = {}  # ticket -> destination format, filled as jobs are submitted
    finished = queue.Queue()
    errors = [0]
    collected = [0]
    lock = threading.Lock()

    def poll():
        proxy = xmlrpc.client.ServerProxy(url, allow_none=True)
        seen = set()
        while len(seen) < args.count:
            for state in ("done", "failed"):
                for job in proxy.listJobs(state):
                    if job["ticket"] not in seen:
                        seen.add(job["ticket"])
                        finished.put((job["ticket"], state))
            time.sleep(args.poll_ms / 1000.0)
        for _ in range(args.collectors):
            finished.put(None)

    def collect():
        proxy = xmlrpc.client.ServerProxy(url, allow_none=True)
        while True:
            item = finished.get()
            if item is None:
                return
            ticket, state = item
            ok = state == "done"
            if ok:
                result = base64.decodebytes(proxy.getJobResult(ticket).encode())
                with lock:
                    target = targets.get(ticket)
                ok = len(result) > 0 and (target != "pdf" or result.startswith(b"%PDF-"))
            else:
                print("error: job %s: %s" % (ticket, proxy.getJobStatus(ticket).get("error")), file=sys.stderr)
            proxy.deleteJob(ticket)
            with lock:
                collected[0] += 1
                if not ok:
                    errors[0] += 1

    start = time.monotonic()
    threads = [threading.Thread(target=poll, daemon=True)]
    threads += [threading.Thread(target=collect, daemon=True) for _ in range(args.collectors)]
    for t in threads:
        t.start()
    submitter = xmlrpc.client.ServerProxy(url, allow_none=True)
    for n in range(args.count):
        data, source, target = documents[n % len(documents)]
        ticket = submitter.submitJob(data, source, target)
        with lock:
            targets[ticket] = target
    for t in threads:
        t.join()
    print("%d %.2f %d" % (collected[0], time.monotonic() - start, errors[0]))


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(130)
