"""A plain pyuno script, as one written for a normal soffice: connects to a UNO URL and does
one thing. Used by UnoPassThroughIT and bench/uno-relay.sh.

usage: uno_client.py MODE UNO_URL [ARGS]
  convert SOURCE OUTDIR   load SOURCE, store OUTDIR/out.pdf and OUTDIR/out.odt, close it
  look                    only connect (READY tells the profile and open components)
  hold                    stay connected until a line arrives on stdin
  leave-open SOURCE       load SOURCE and leave without closing it
  terminate               call Desktop.terminate()
  cycles SOURCE OUTDIR N  N load/store(odt) cycles (the bench)

Prints "READY <profile url> components=<open components>" once connected, "DONE" at the end,
"NOT CONNECTED ..." (exit 3) when the URL cannot be resolved.
"""
import os
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def load(desktop, path):
    return desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(path)), "_blank", 0, (prop("Hidden", True),))


def store(document, path, filter_name):
    document.storeToURL(uno.systemPathToFileUrl(os.path.abspath(path)), (prop("FilterName", filter_name),))


def main():
    mode, url = sys.argv[1], sys.argv[2]
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    try:
        context = resolver.resolve(url)
    except Exception as e:
        print("NOT CONNECTED", type(e).__name__, e, flush=True)
        os._exit(3)
    manager = context.ServiceManager
    desktop = manager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    profile = manager.createInstanceWithContext("com.sun.star.util.PathSubstitution", context).substituteVariables("$(user)", True)
    components = desktop.getComponents().createEnumeration()
    count = 0
    while components.hasMoreElements():
        components.nextElement()
        count += 1
    print("READY", profile, "components=%d" % count, flush=True)
    if mode == "convert":
        document = load(desktop, sys.argv[3])
        store(document, os.path.join(sys.argv[4], "out.pdf"), "writer_pdf_Export")
        store(document, os.path.join(sys.argv[4], "out.odt"), "writer8")
        document.close(True)
    elif mode == "look":
        pass
    elif mode == "hold":
        sys.stdin.readline()
    elif mode == "leave-open":
        load(desktop, sys.argv[3])
    elif mode == "terminate":
        try:
            desktop.terminate()
        except Exception as e:  # the bridge may die before the reply
            print("terminate:", type(e).__name__, flush=True)
    elif mode == "cycles":
        start = time.monotonic()
        for i in range(int(sys.argv[5])):
            document = load(desktop, sys.argv[3])
            store(document, os.path.join(sys.argv[4], "cycle.odt"), "writer8")
            document.close(True)
        print("SECONDS %.3f" % (time.monotonic() - start), flush=True)
    else:
        print("unknown mode", mode, flush=True)
        os._exit(2)
    print("DONE", flush=True)
    # Leaving without a goodbye ends the bridge the way a finished script does: its connection closes.
    os._exit(0)


main()
