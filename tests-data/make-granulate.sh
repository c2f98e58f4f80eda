#!/usr/bin/env bash
# Regenerates granulate.odt and granulate.doc from the hand-written granulate.fodt with
# LibreOffice, using a private profile so that it neither sees nor disturbs another office.
# Deterministic except for the timestamps LibreOffice writes inside office files.
set -euo pipefail
cd "$(dirname "$0")"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

office() { # office FORMAT[:FILTER] SOURCE
  # timeout signals the whole process group, so soffice.bin cannot outlive a hung conversion.
  timeout 300 soffice "-env:UserInstallation=file://$profile" --headless --norestore \
    --convert-to "$1" --outdir . "$2" >/dev/null
}

office odt granulate.fodt
office "doc:MS Word 97" granulate.fodt
