"""claimx: structured, attributed claims from news text.

>>> import claimx
>>> claims = claimx.extract(text, published="2025-11-12")
"""

from . import claims as _claims  # noqa: F401  (registers the claimx_claims factory)
from . import entities as _entities  # noqa: F401  (registers the claimx_entities factory)
from .api import extract, load
from .batch import ExtractionResult, extract_many
from .compare import ClaimGroup, Comparison, Report, compare
from .consistency import Finding, check
from .html import ClaimList
from .records import explode_regions, to_dataframe, to_records
from .render import render
from .schema import Claim, Evidence, Location, Mention, Quantity, Source, TimeSpan

__version__ = "0.1.0"

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
