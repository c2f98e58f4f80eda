"""Sends convertFile calls from CLIENTS concurrent xmlrpc.client threads for SECONDS (or until
--count conversions were started), going round a corpus, and prints two lines:
  '<conversions> <seconds> <errors> <p50 ms> <p99 ms>'
  'medians <type>=<ms> ...'   (median latency of each source type, in corpus order)
Latencies are those of successful calls; errors go to stderr and the run goes on.
BareJodConverter.java prints the same two lines, computed the same way.

Usage: python3 bench/load.py PORT CLIENTS SECONDS DATA_DIR [--corpus NAME|FILE] [--count N]
  --corpus  a corpus of corpus.py (default mixed, its files in DATA_DIR) or a corpus file
"""
import argparse
import base64
import itertools
import os
import sys
import threading
import time
import xmlrpc.client

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus  # noqa: E402  (bench/corpus.py, beside this file)


def percentile(sorted_values, p):
    """The value below which a fraction p of sorted_values lie (nearest rank, no interpolation)."""
    return sorted_values[min(len(sorted_values) - 1, int(len(sorted_values) * p))] if sorted_values else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("port", type=int)
    parser.add_argument("clients", type=int)
    parser.add_argument("seconds", type=float)
    parser.add_argument("data_dir")
    parser.add_argument("--corpus", default="mixed")
    parser.add_argument("--count", type=int, default=None)
    args = parser.parse_args()

    documents = []
    for path, source, target in corpus.corpus(args.corpus, args.data_dir):
        with open(path, "rb") as f:
            documents.append((base64.encodebytes(f.read()).decode(), source, target))

    deadline = time.monotonic() + args.seconds
    lock = threading.Lock()
    errors = [0]
    latencies = []  # (source type, ms)
    jobs = itertools.count()

    def client():
        proxy = xmlrpc.client.ServerProxy("http://127.0.0.1:%d/RPC2" % args.port, allow_none=True)
        while time.monotonic() < deadline:
            job = next(jobs)
            if args.count is not None and job >= args.count:
                break
            data, source, target = documents[job % len(documents)]
            started = time.monotonic()
            try:
                proxy.convertFile(data, source, target)
                ok = True
            except Exception as e:  # counted, the run goes on
                ok = False
                print("error: %s → %s: %s" % (source, target, e), file=sys.stderr)
            with lock:
                if ok:
                    latencies.append((source, (time.monotonic() - started) * 1000))
                else:
                    errors[0] += 1

    start = time.monotonic()
    # Daemons: Ctrl-C ends the run at once instead of waiting for the clients' deadline.
    threads = [threading.Thread(target=client, daemon=True) for _ in range(args.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - start

    every = sorted(ms for _, ms in latencies)
    print("%d %.2f %d %.0f %.0f" % (len(every), elapsed, errors[0], percentile(every, 0.50), percentile(every, 0.99)))
    types = list(dict.fromkeys(source for _, source, _ in documents))
    medians = []
    for source in types:
        of_type = sorted(ms for s, ms in latencies if s == source)
        medians.append("%s=%.0f" % (source, percentile(of_type, 0.50)) if of_type else "%s=-" % source)
    print("medians " + " ".join(medians))


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(130)
