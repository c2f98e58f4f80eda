#!/usr/bin/python3
"""Writes the password-protected test documents (password "secret") with LibreOffice itself.

Run with Debian's python3 (it has LibreOffice's uno module): /usr/bin/python3 make-protected.py
It starts a private headless soffice, stores hello.fodt as protected.odt (ODF encryption) and
protected.doc (Word 97 RC4 encryption), sheet.fods as protected.xls (Excel 97 encryption), and
stops it. LibreOffice 7.4 writes no encrypted OOXML or PowerPoint through its API (the store
fails, or the password is ignored): EncryptOoxml.java makes the OOXML ones.
"""
import os
import shutil
import socket
import subprocess
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue

HERE = os.path.dirname(os.path.abspath(__file__))
PASSWORD = "secret"
DOCUMENTS = [
    ("hello.fodt", "protected.odt", "writer8"),
    ("hello.fodt", "protected.doc", "MS Word 97"),
    ("sheet.fods", "protected.xls", "MS Excel 97"),
]


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def connect(port, soffice):
    resolver = uno.getComponentContext().ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", uno.getComponentContext())
    for _ in range(60):
        try:
            return resolver.resolve("uno:socket,host=127.0.0.1,port=%d;urp;StarOffice.ComponentContext" % port)
        except Exception:
            if soffice.poll() is not None:  # a fresh profile makes the first soffice exit once
                return None
            time.sleep(0.5)
    raise SystemExit("soffice did not start")


def main():
    profile = tempfile.mkdtemp()
    port = free_port()
    command = ["soffice", "--headless", "--invisible", "--norestore", "--nologo",
               "--accept=socket,host=127.0.0.1,port=%d;urp;" % port, "-env:UserInstallation=file://" + profile]
    soffice = subprocess.Popen(command)
    try:
        context = connect(port, soffice)
        if context is None:
            soffice = subprocess.Popen(command)
            context = connect(port, soffice)
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        for source, target, filter_name in DOCUMENTS:
            document = desktop.loadComponentFromURL(
                uno.systemPathToFileUrl(os.path.join(HERE, source)), "_blank", 0, (prop("Hidden", True),))
            document.storeToURL(uno.systemPathToFileUrl(os.path.join(HERE, target)),
                                (prop("FilterName", filter_name), prop("Overwrite", True), prop("Password", PASSWORD)))
            document.close(True)
    finally:
        soffice.terminate()
        soffice.wait(timeout=30)
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()
