"""The ``claimx_entities`` component: rule-based mentions of regions, quantities, times,
sources and the lexicon words (cues, events, items, hedges) that claims are built from."""

from .factory import EntityRecognizer, make_entity_recognizer
from .labels import SPANS_KEY

__all__ = ["EntityRecognizer", "make_entity_recognizer", "SPANS_KEY"]
