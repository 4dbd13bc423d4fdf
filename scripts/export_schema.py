"""Write the JSON Schema of ``claimx.Claim`` to docs/claim.schema.json.

    python scripts/export_schema.py

tests/test_schema.py fails when the committed file is out of date.
"""

from __future__ import annotations

import json
from pathlib import Path

from claimx.schema import Claim

TARGET = Path(__file__).resolve().parent.parent / "docs" / "claim.schema.json"


def render() -> str:
    return json.dumps(Claim.model_json_schema(mode="serialization"), indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET}")
