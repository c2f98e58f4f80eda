"""The two halves of big-documents.sh.

python3 bench/big_documents.py make FILE MB
    writes an ODT of about MB megabytes that does not compress: a few paragraphs and
    RGB PNG pictures of random pixels (stored deflate blocks), zipped with ZIP_STORED.
python3 bench/big_documents.py send PORT PID FILE...
    sends every FILE at once as convertFile(odt → pdf), one xmlrpc.client thread each, while
    sampling VmRSS of process PID (the server's JVM: the client's own memory is not counted)
    every 100 ms; prints one line per document (ok or the fault), whether all succeeded, the
    idle RSS (before sending), the peak RSS and the elapsed seconds.
"""
import base64
import os
import struct
import sys
import threading
import time
import xmlrpc.client
import zipfile
import zlib

WIDTH, HEIGHT = 1500, 1000  # one picture: 4.5 MB of pixels, shown 16 cm wide on its own page


def random_png():
    """A valid PNG of random RGB pixels: each row is filter byte 0 then random bytes, deflated
    at level 0 (stored blocks), so that the file is as big as its pixels."""
    rows = b"".join(b"\0" + os.urandom(WIDTH * 3) for _ in range(HEIGHT))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 2, 0, 0, 0)  # 8 bits, RGB
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 0)) + chunk(b"IEND", b"")


CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.3">
<office:body><office:text>
%s
</office:text></office:body></office:document-content>
"""
PICTURE = """<text:h text:outline-level="1">Picture %(n)d</text:h>
<text:p>Random pixels that no codec can shrink.</text:p>
<text:p><draw:frame draw:name="picture%(n)d" text:anchor-type="as-char" svg:width="16cm" svg:height="10.67cm">
<draw:image xlink:href="Pictures/picture%(n)d.png" xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/>
</draw:frame></text:p>"""
MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
%s
</manifest:manifest>
"""


def make(path, megabytes):
    pictures = max(1, round(megabytes * 1e6 / (WIDTH * HEIGHT * 3)))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as odt:
        odt.writestr("mimetype", "application/vnd.oasis.opendocument.text")  # first and stored
        odt.writestr("content.xml", CONTENT % "\n".join(PICTURE % {"n": n} for n in range(pictures)))
        entries = []
        for n in range(pictures):
            odt.writestr("Pictures/picture%d.png" % n, random_png())
            entries.append('<manifest:file-entry manifest:full-path="Pictures/picture%d.png" manifest:media-type="image/png"/>' % n)
        odt.writestr("META-INF/manifest.xml", MANIFEST % "\n".join(entries))


def rss_mb(pid):
    with open("/proc/%d/status" % pid) as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise SystemExit("no VmRSS for pid %d" % pid)


def send(port, pid, files):
    idle = rss_mb(pid)
    peak = [idle]
    running = threading.Event()
    running.set()

    def sample():
        while running.is_set():
            try:
                peak[0] = max(peak[0], rss_mb(pid))
            except (OSError, SystemExit):  # the JVM is gone: the documents will say why
                return
            time.sleep(0.1)

    results = [None] * len(files)

    documents = []
    for path in files:
        with open(path, "rb") as f:
            documents.append(base64.b64encode(f.read()).decode())

    def convert(i):
        data = documents[i]
        proxy = xmlrpc.client.ServerProxy("http://127.0.0.1:%d/RPC2" % port, allow_none=True)
        started = time.monotonic()
        try:
            pdf = proxy.convertFile(data, "odt", "pdf")
            results[i] = "ok, %.1f MB of pdf in %.1f s" % (len(pdf) * 3 / 4 / 1e6, time.monotonic() - started)
        except xmlrpc.client.Fault as fault:
            results[i] = "fault after %.1f s: %s" % (time.monotonic() - started, fault.faultString.strip().splitlines()[0][:300])
        except Exception as e:
            results[i] = "failed after %.1f s: %s" % (time.monotonic() - started, e)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.monotonic()
    clients = [threading.Thread(target=convert, args=(i,), daemon=True) for i in range(len(files))]
    for c in clients:
        c.start()
    for c in clients:
        c.join()
    elapsed = time.monotonic() - started
    running.clear()
    sampler.join()

    for i, path in enumerate(files):
        print("document %d (%.1f MB odt → pdf): %s" % (i + 1, os.path.getsize(path) / 1e6, results[i]))
    failed = sum(1 for r in results if not r.startswith("ok"))
    print("all %d succeeded: %s" % (len(files), "yes" if failed == 0 else "no, %d failed" % failed))
    print("JVM RSS idle: %.0f MB" % idle)
    print("JVM RSS peak: %.0f MB (pid %d only, sampled every 100 ms)" % (peak[0], pid))
    print("elapsed: %.1f s" % elapsed)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "make":
        make(sys.argv[2], float(sys.argv[3]))
    elif len(sys.argv) >= 5 and sys.argv[1] == "send":
        send(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:])
    else:
        raise SystemExit(__doc__)
