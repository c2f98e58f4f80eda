#!/usr/bin/env bash
# Regenerates every binary test document from the text sources beside it (flat ODF, HTML,
# gen.py), with LibreOffice and Python's standard library. Deterministic except for the
# timestamps LibreOffice writes inside office files.
set -euo pipefail
cd "$(dirname "$0")"
profile=$(mktemp -d)
trap 'pkill -f "$profile" 2>/dev/null || true; rm -rf "$profile"' EXIT

office() { # office FORMAT[:FILTER] SOURCE
  soffice "-env:UserInstallation=file://$profile" --headless --norestore --convert-to "$1" --outdir . "$2" >/dev/null
}

python3 gen.py pre
office odt hello.fodt
office "docx:MS Word 2007 XML" hello.fodt
office "doc:MS Word 97" hello.fodt
office ods sheet.fods
office "xlsx:Calc MS Excel 2007 XML" sheet.fods
office odp slides.fodp
office "pptx:Impress MS PowerPoint 2007 XML" slides.fodp
office odg drawing.fodg
office odt unsafe_link.fodt
office pdf hello.fodt
office ods unsafe_link.fods
office odp unsafe_link.fodp
office odg unsafe_link.fodg
office odt macro.fodt
# Links to a loopback listener (port 65432, which NoFetchIT replaces by its own five-digit port).
office "doc:MS Word 97" linked_image.fodt
office "doc:MS Word 97" linked_inline_image.fodt
office "xls:MS Excel 97" linked_image.fods
office "xls:MS Excel 97" linked_dde.fods
office "ppt:MS PowerPoint 97" linked_image.fodp
python3 gen.py post
