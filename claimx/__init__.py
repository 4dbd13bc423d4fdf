"""claimx: structured, attributed claims from news text.

>>> import claimx
>>> claims = claimx.extract(text, published="2025-11-12")
"""

from . import claims as _claims  # noqa: F401  (registers the claimx_claims factory)
from . import entities as _entities  # noqa: F401  (registers the claimx_entities factory)
from .api import extract, load
from .schema import Claim, Evidence, Location, Mention, Quantity, Source, TimeSpan

__version__ = "0.1.0"

__all__ = [
    "extract",
    "load",
    "Claim",
    "Evidence",
    "Location",
    "Mention",
    "Quantity",
    "Source",
    "TimeSpan",
    "__version__",
]
