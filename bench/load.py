"""Sends conversions from CLIENTS concurrent xmlrpc.client threads for SECONDS and prints
'<conversions> <seconds> <errors> <p50 ms> <p99 ms>' on one line.

Usage: python3 load.py PORT CLIENTS SECONDS TESTS_DATA_DIR
"""
import base64
import itertools
import sys
import threading
import time
import xmlrpc.client

port, clients, seconds, data_dir = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]

# A mixed office corpus: text, spreadsheet, presentation, web and CSV sources.
CORPUS = [
    ("hello.docx", "docx", "pdf"),
    ("sheet.xlsx", "xlsx", "ods"),
    ("slides.pptx", "pptx", "pdf"),
    ("hello.odt", "odt", "ms.docx"),
    ("page.html", "html", "odt"),
    ("utf8.csv", "csv", "html"),
    ("sheet.ods", "ods", "pdf"),
    ("hello.doc", "doc", "odt"),
]
documents = []
for name, source, target in CORPUS:
    with open("%s/%s" % (data_dir, name), "rb") as f:
        documents.append((base64.encodebytes(f.read()).decode(), source, target))

deadline = time.monotonic() + seconds
lock = threading.Lock()
done = [0]
errors = [0]
latencies = []
jobs = itertools.count()


def client():
    proxy = xmlrpc.client.ServerProxy("http://127.0.0.1:%d/RPC2" % port, allow_none=True)
    while time.monotonic() < deadline:
        data, source, target = documents[next(jobs) % len(documents)]
        started = time.monotonic()
        try:
            proxy.convertFile(data, source, target)
            ok = True
        except Exception as e:  # counted, the run goes on
            ok = False
            print("error: %s" % e, file=sys.stderr)
        with lock:
            if ok:
                done[0] += 1
                latencies.append((time.monotonic() - started) * 1000)
            else:
                errors[0] += 1


start = time.monotonic()
threads = [threading.Thread(target=client) for _ in range(clients)]
for t in threads:
    t.start()
for t in threads:
    t.join()
latencies.sort()


def percentile(p):
    return latencies[min(len(latencies) - 1, int(len(latencies) * p))] if latencies else 0


print("%d %.2f %d %.0f %.0f" % (done[0], time.monotonic() - start, errors[0], percentile(0.50), percentile(0.99)))
