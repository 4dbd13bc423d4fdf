#!/usr/bin/env bash
# Re-take docs/img/render.png: render the worked example of docs/compare.md (two reports
# of one night) with claimx.render and claimx.compare, then screenshot it with headless
# Chromium (apt-get install -y chromium). Run from the repository root; PYTHON picks the
# interpreter (default .venv/bin/python).
set -euo pipefail
cd "$(dirname "$0")/.."
page="$(mktemp --suffix=.html)"
profile="$(mktemp -d)"
trap 'rm -rf "$page" "$profile"' EXIT

"${PYTHON:-.venv/bin/python}" - "$page" <<'PY'
import sys

import claimx
from claimx.compare import compare
from claimx.render import render

REPORTS = [
    {
        "id": "mod",
        "published": "2024-05-09",
        "text": (
            "Between 23:00 MSK on May 8 and 06:00 MSK on May 9, Russian air defence systems destroyed "
            "17 Ukrainian drones, the Russian Ministry of Defence said. Nine drones were shot down over "
            "the Belgorod Region, five over the Kursk Region and four over the Moscow Region."
        ),
    },
    {
        "id": "city",
        "published": "2024-05-09",
        "text": (
            "Moscow Mayor Sergei Sobyanin said air defences shot down two drones flying towards Moscow "
            "overnight. Belgorod Governor Vyacheslav Gladkov said nine drones were downed over the "
            "Belgorod region overnight. More than 15 drones were destroyed overnight, the Defence "
            "Ministry said."
        ),
    },
]

parts = [f"<h3>{r['id']}</h3>" + render(r["text"], published=r["published"]) for r in REPORTS]
parts.append("<h3>compare</h3>" + compare(REPORTS)._repr_html_())
with open(sys.argv[1], "w", encoding="utf-8") as fh:
    fh.write("<!doctype html><meta charset='utf-8'><body style='font-family:sans-serif;margin:16px'>")
    fh.write("".join(parts) + "</body>")
print(f"claimx {claimx.__version__}: page written to {sys.argv[1]}")
PY

chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --screenshot=docs/img/render.png --window-size=1200,1400 \
  "file://$page" 2>/dev/null
echo "wrote docs/img/render.png"
