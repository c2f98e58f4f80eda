#!/usr/bin/env python3
"""Generate the non-office test files (stdlib only).

Usage: python3 gen.py pre   -> dot.png, CSV/TSV files, site.zip
       python3 gen.py post  -> bad inputs derived from soffice output
Run via make.sh; output is deterministic.
"""
import base64
import os
import random
import re
import struct
import sys
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))


def path(name):
    return os.path.join(HERE, name)


def write(name, data):
    with open(path(name), "wb") as f:
        f.write(data)


def make_png(width=16, height=16):
    """16x16 RGB PNG: red square with a blue centre, white border."""
    rows = []
    for y in range(height):
        row = bytearray([0])  # filter type 0
        for x in range(width):
            if x in (0, width - 1) or y in (0, height - 1):
                px = (255, 255, 255)
            elif 5 <= x <= 10 and 5 <= y <= 10:
                px = (0, 0, 255)
            else:
                px = (255, 0, 0)
            row.extend(px)
        rows.append(bytes(row))
    raw = b"".join(rows)

    def chunk(kind, data):
        c = struct.pack(">I", len(data)) + kind + data
        return c + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def check_fodp_png(png):
    """slides.fodp embeds dot.png as base64; make sure it is the same image."""
    with open(path("slides.fodp"), encoding="utf-8") as f:
        text = f.read()
    m = re.search(r"<office:binary-data>\s*([A-Za-z0-9+/=\s]+?)\s*</office:binary-data>", text)
    if not m or base64.b64decode("".join(m.group(1).split())) != png:
        sys.exit("slides.fodp: embedded PNG differs from dot.png; base64 is:\n"
                 + base64.b64encode(png).decode())


def pre():
    png = make_png()
    write("dot.png", png)
    check_fodp_png(png)

    write("utf8.csv", "name,city\nZoë,Zürich\nAna,São Paulo\n".encode("utf-8"))
    latin9 = "item,price\nEuro,1€\nCrème,2\n".encode("iso-8859-15")
    assert b"1\xa4\n" in latin9
    write("latin9.csv", latin9)
    write("semicolon.csv", "a;b;c\n1;2;3\nx;y;z\n".encode("utf-8"))
    tab = "col1\tcol2\nleft\tright\nup\tdown\n".encode("utf-8")
    write("tab.tsv", tab)
    write("tab.csv", tab)

    index = ('<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n'
             "<title>Zipped Site</title>\n</head>\n<body>\n"
             "<p>Hello from the zip</p>\n"
             '<p><img src="img/dot.png" alt="dot" width="16" height="16"></p>\n'
             "</body>\n</html>\n").encode("utf-8")
    with zipfile.ZipFile(path("site.zip"), "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in (("index.html", index), ("img/dot.png", png)):
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)


def post():
    with open(path("hello.docx"), "rb") as f:
        docx = f.read()
    with open(path("hello.odt"), "rb") as f:
        odt = f.read()
    write("truncated.docx", docx[: len(docx) // 2])
    write("truncated.odt", odt[: len(odt) * 40 // 100])
    write("not_a_docx.docx", make_png())
    rnd = random.Random(42)
    write("garbage.doc", bytes(rnd.getrandbits(8) for _ in range(2000)))
    write("text_as.xlsx", "just some text\n".encode("utf-8"))


if __name__ == "__main__":
    {"pre": pre, "post": post}[sys.argv[1]]()
