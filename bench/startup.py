"""Times a start to readiness and prints the seconds it took (and, for the server, a second
line 'exit81 <n>': how often a worker's soffice exited with code 81, i.e. initialised a new
profile, during that start).

  bare UNO_PORT
      one soffice (the `soffice` launcher, as anyone would start it) with a fresh profile in a
      temp dir, until a real UNO call answers: connect, read the remote component context,
      create the Desktop. Then it is terminated and its profile deleted.
  server HTTP_PORT WORKING_PATH UNO_PORT LOG_FILE
      java -XX:TieredStopAtLevel=1 -jar target/cloudooo.jar on the bundled configuration (pool 2 plus a spare), until
      an XML-RPC call answers (getAllowedExtensionList, polled every 20 ms); then one odt->pdf
      conversion must succeed, and the server is stopped with SIGTERM. WORKING_PATH is kept:
      a second run on it is a warm start.

Needs Python with the `uno` module (Debian: python3-uno, in /usr/bin/python3).
"""
import base64
import os
import shutil
import subprocess
import sys
import tempfile
import time
import xmlrpc.client

POLL_SECONDS = 0.02
GIVE_UP_SECONDS = 180


def bare(uno_port):
    import uno
    from com.sun.star.connection import NoConnectException

    profile = tempfile.mkdtemp(prefix="bench-soffice-")
    url = "socket,host=127.0.0.1,port=%d,tcpNoDelay=1;urp;StarOffice.ServiceManager" % uno_port
    started = time.monotonic()
    soffice = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--nologo", "--norestore", "--nodefault", "--nolockcheck",
         "--accept=" + url, "-env:UserInstallation=file://" + profile],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        while True:
            try:
                manager = resolver.resolve("uno:" + url)
                remote = manager.getPropertyValue("DefaultContext")
                desktop = manager.createInstanceWithContext("com.sun.star.frame.Desktop", remote)
                break
            except NoConnectException:
                if soffice.poll() is not None:
                    sys.exit("soffice exited with code %d before accepting" % soffice.returncode)
                if time.monotonic() - started > GIVE_UP_SECONDS:
                    sys.exit("soffice did not accept within %d s" % GIVE_UP_SECONDS)
                time.sleep(POLL_SECONDS)
        elapsed = time.monotonic() - started
        try:
            desktop.terminate()
        except Exception:  # noqa: BLE001 - the bridge is disposed as soffice exits
            pass
        soffice.wait(timeout=30)
    finally:
        if soffice.poll() is None:
            soffice.kill()
            soffice.wait()
        shutil.rmtree(profile, ignore_errors=True)
    print("%.2f" % elapsed)


def server(http_port, working_path, uno_port, log_file):
    with open("tests-data/hello.odt", "rb") as f:
        hello = base64.encodebytes(f.read()).decode()
    with open(log_file, "w") as log:
        started = time.monotonic()
        java = subprocess.Popen(
            ["java", "-XX:TieredStopAtLevel=1", "-Dserver.port=%d" % http_port, "-Dworking_path=" + working_path,
             "-Dopenoffice_port=%d" % uno_port, "-jar", "target/cloudooo.jar"],
            stdout=log, stderr=subprocess.STDOUT)
    try:
        proxy = xmlrpc.client.ServerProxy("http://127.0.0.1:%d/RPC2" % http_port, allow_none=True)
        while True:
            try:
                proxy.getAllowedExtensionList({"extension": "odt"})
                break
            except (ConnectionError, OSError):
                if java.poll() is not None:
                    sys.exit("the server exited with code %d before accepting; see %s" % (java.returncode, log_file))
                if time.monotonic() - started > GIVE_UP_SECONDS:
                    sys.exit("the server did not accept within %d s; see %s" % (GIVE_UP_SECONDS, log_file))
                time.sleep(POLL_SECONDS)
        elapsed = time.monotonic() - started
        pdf = base64.decodebytes(proxy.convertFile(hello, "odt", "pdf").encode())
        if not pdf.startswith(b"%PDF"):
            sys.exit("the server accepted but did not convert odt to pdf; see %s" % log_file)
    finally:
        java.terminate()
        java.wait(timeout=120)
    with open(log_file) as log:
        exits = sum("exit code 81" in line for line in log)
    print("%.2f" % elapsed)
    print("exit81 %d" % exits)


if __name__ == "__main__":
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode == "bare" and len(sys.argv) == 3:
        bare(int(sys.argv[2]))
    elif mode == "server" and len(sys.argv) == 6:
        server(int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5])
    else:
        sys.exit(__doc__)
