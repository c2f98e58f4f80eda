"""Drives the server exactly as ERP5 and other Python clients do: xmlrpc.client, unchanged.

Usage: python3 erp5_style_client.py PORT TESTS_DATA_DIR
Prints one line per check and exits non-zero on the first failure.
"""
import base64
import io
import sys
import xmlrpc.client
import zipfile

port, data_dir = sys.argv[1], sys.argv[2]
proxy = xmlrpc.client.ServerProxy("http://127.0.0.1:%s/RPC2" % port, allow_none=True)


def read(name):
    with open("%s/%s" % (data_dir, name), "rb") as f:
        return f.read()


def encode(data):
    return base64.encodebytes(data).decode()


def check(label, condition):
    if not condition:
        print("FAILED: " + label)
        sys.exit(1)
    print("ok: " + label)


methods = proxy.system.listMethods()
check("listMethods has convertFile", "convertFile" in methods)

pdf = base64.decodebytes(proxy.convertFile(encode(read("hello.docx")), "docx", "pdf").encode())
check("docx -> pdf is a PDF", pdf.startswith(b"%PDF-"))

odt = base64.decodebytes(proxy.convertFile(encode(read("hello.doc")), "doc", "odt", False, False, {}).encode())
check("doc -> odt has the ODF mimetype",
      zipfile.ZipFile(io.BytesIO(odt)).read("mimetype") == b"application/vnd.oasis.opendocument.text")

native = base64.decodebytes(proxy.convertFile(encode(read("hello.docx")), "docx", None).encode())
check("None destination gives the native format", zipfile.ZipFile(io.BytesIO(native)).read("mimetype").startswith(b"application/vnd.oasis"))

html_zip = base64.decodebytes(proxy.convertFile(encode(read("slides.odp")), "odp", "html", True).encode())
names = zipfile.ZipFile(io.BytesIO(html_zip)).namelist()
check("odp -> html zip has an impr.html page", any(n.endswith("impr.html") for n in names))

extensions = proxy.getAllowedExtensionList({"extension": "ods"})
check("ods can become ms.xlsx", ["ms.xlsx", "Excel 2007–365"] in extensions)

try:
    proxy.convertFile(xmlrpc.client.Binary(read("hello.odt")), "odt", "pdf")
    check("Binary file refused", False)
except xmlrpc.client.Fault as fault:
    check("Binary file refused with the original's fault", fault.faultCode == 1 and "must be provided as a string" in fault.faultString)

try:
    proxy.convertFile(encode(read("hello.odt")), "odt", "xyz")
    check("unknown target is a fault", False)
except xmlrpc.client.Fault as fault:
    check("unknown target is a fault naming allowed targets", "pdf" in fault.faultString)

print("all checks passed")
