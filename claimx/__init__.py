"""claimx: structured, attributed claims from news text.

>>> import claimx
>>> claims = claimx.extract(text, published="2025-11-12")

The batch and table helpers (``extract_many``, ``to_records``…) are imported on first
use (PEP 562 ``__getattr__``): ``import claimx`` plus a first :func:`extract` need
neither, and a notebook user's first answer should not wait for them. ``compare`` and
``render`` are imported eagerly: each shares its name with its module, which importing
it later would bind in its place.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .gcpause import paused as _gc_paused

with _gc_paused():  # importing spaCy and the pipeline modules makes objects, no garbage
    from . import claims as _claims  # noqa: F401  (registers the claimx_claims factory)
    from . import entities as _entities  # noqa: F401  (registers the claimx_entities factory)
    from .api import extract, load
    from .compare import ClaimGroup, Comparison, Report, compare
    from .consistency import Finding, check
    from .html import ClaimList
    from .render import render
    from .schema import Claim, Evidence, Location, Mention, Quantity, Source, TimeSpan

if TYPE_CHECKING:  # pragma: no cover (for type checkers and IDEs: the lazy names below)
    from .batch import ExtractionResult, extract_many
    from .records import explode_regions, to_dataframe, to_records

__version__ = "0.1.0"

#: Public names imported on first access, with the module that defines each.
_LAZY = {
    "extract_many": "batch",
    "ExtractionResult": "batch",
    "to_records": "records",
    "to_dataframe": "records",
    "explode_regions": "records",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'claimx' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = [
    "extract",
    "load",
    "extract_many",
    "ExtractionResult",
    "to_records",
    "to_dataframe",
    "explode_regions",
    "compare",
    "Comparison",
    "ClaimGroup",
    "Report",
    "check",
    "Finding",
    "render",
    "ClaimList",
    "Claim",
    "Evidence",
    "Location",
    "Mention",
    "Quantity",
    "Source",
    "TimeSpan",
    "__version__",
]
