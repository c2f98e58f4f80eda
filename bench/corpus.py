"""The benchmark corpora: one list of (file, source format, destination format) per name, so that
every client (load.py against the server, BareJodConverter.java against a bare JODConverter)
converts exactly the same files to the same targets.

Usage: python3 bench/corpus.py NAME DATA_DIR > FILE
prints the corpus as a corpus file: one conversion a line, 'PATH<TAB>SOURCE<TAB>DESTINATION',
PATH absolute; both clients read such a file. NAME is one of: mixed, pdf, docx-odt, xlsx-ods.
"""
import os
import sys

# Every office family in one run, eight entries with eight different targets (throughput.sh and
# recycling.sh measure with this one).
MIXED = [
    ("hello.docx", "docx", "pdf"),
    ("sheet.xlsx", "xlsx", "ods"),
    ("slides.pptx", "pptx", "pdf"),
    ("hello.odt", "odt", "ms.docx"),
    ("page.html", "html", "odt"),
    ("utf8.csv", "csv", "html"),
    ("sheet.ods", "ods", "pdf"),
    ("hello.doc", "doc", "odt"),
]

# Twenty office documents of nine types, all to PDF: every distinct test document once, then
# the main type of each family again (odt, doc and csv three times, html once, the others twice).
PDF = [
    (name, source, "pdf")
    for name, source in [
        ("hello.odt", "odt"),
        ("granulate.odt", "odt"),
        ("hello.docx", "docx"),
        ("hello.doc", "doc"),
        ("granulate.doc", "doc"),
        ("sheet.ods", "ods"),
        ("sheet.xlsx", "xlsx"),
        ("slides.odp", "odp"),
        ("slides.pptx", "pptx"),
        ("page.html", "html"),
        ("utf8.csv", "csv"),
        ("tab.csv", "csv"),
        ("semicolon.csv", "csv"),
        ("hello.odt", "odt"),
        ("hello.docx", "docx"),
        ("hello.doc", "doc"),
        ("sheet.ods", "ods"),
        ("sheet.xlsx", "xlsx"),
        ("slides.odp", "odp"),
        ("slides.pptx", "pptx"),
    ]
]

CORPORA = {
    "mixed": MIXED,
    "pdf": PDF,
    # Office Open XML to ODF, the one valid document of each type in tests-data.
    "docx-odt": [("hello.docx", "docx", "odt")],
    "xlsx-ods": [("sheet.xlsx", "xlsx", "ods")],
}


def corpus(name_or_file, data_dir):
    """[(path, source, destination)]: a corpus of CORPORA (its files in data_dir), or one read
    from a corpus file."""
    if name_or_file in CORPORA:
        return [(os.path.abspath(os.path.join(data_dir, f)), s, d) for f, s, d in CORPORA[name_or_file]]
    with open(name_or_file) as lines:
        entries = [tuple(line.rstrip("\n").split("\t")) for line in lines if line.strip()]
    bad = [e for e in entries if len(e) != 3]
    if bad:
        raise SystemExit("%s: not a corpus file (PATH<TAB>SOURCE<TAB>DESTINATION a line): %r" % (name_or_file, bad[0]))
    return entries


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in CORPORA:
        raise SystemExit("usage: python3 bench/corpus.py {%s} DATA_DIR" % "|".join(CORPORA))
    for entry in corpus(sys.argv[1], sys.argv[2]):
        print("\t".join(entry))
