"""An ERP5-style client of the legacy oood API, with Python's xmlrpc.client unchanged:
run_convert -> run_setmetadata -> run_getmetadata -> run_generate to an html zip.

Usage: python3 erp5_legacy_flow.py PORT TESTS_DATA_DIR
"""
import base64
import io
import sys
import xmlrpc.client
import zipfile

port, data_dir = sys.argv[1], sys.argv[2]
oood = xmlrpc.client.ServerProxy("http://127.0.0.1:%s" % port, allow_none=True)


def check(label, condition):
    if not condition:
        print("FAILED: " + label)
        sys.exit(1)
    print("ok: " + label)


with open("%s/hello.docx" % data_dir, "rb") as f:
    data = base64.encodebytes(f.read()).decode()

status, response, message = oood.run_convert("hello.docx", data)
check("run_convert 200", status == 200 and message == "")
check("run_convert keys", sorted(response) == ["data", "meta", "mime"])
check("run_convert gives the ODF", response["mime"] == "application/vnd.oasis.opendocument.text")
odf = response["data"]

status, response, message = oood.run_setmetadata("hello.odt", odf, {"title": "ERP5 Title", "reference": "ERP5-REF"})
check("run_setmetadata 200", status == 200 and list(response) == ["data"])
odf = response["data"]

status, response, message = oood.run_getmetadata("hello.odt", odf)
check("run_getmetadata 200", status == 200)
check("title mirrors Title", response["meta"]["title"] == "ERP5 Title" == response["meta"]["Title"])
check("custom property kept", response["meta"].get("Reference") == "ERP5-REF")

status, response, message = oood.run_generate("hello.odt", odf, None, "html", "application/vnd.oasis.opendocument.text")
check("run_generate 200", status == 200 and response["mime"] == "application/zip")
names = zipfile.ZipFile(io.BytesIO(base64.decodebytes(response["data"].encode()))).namelist()
check("html zip has the page", any(name.endswith("impr.html") for name in names))

status, response, message = oood.run_convert("broken.docx", base64.encodebytes(b"broken").decode())
check("bad data is 402 with a readable message", status == 402 and response == {} and not message.startswith("Traceback") and message)
print("all checks passed")
