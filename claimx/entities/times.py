"""TIME recognizer: one span per whole time expression, with its sub-type.

The grammar lives in :mod:`claimx.timeparse` (shared with the normalizer, which takes a
found expression apart again); this module only maps its character matches onto tokens.
Each span's ``kb_id_`` is its sub-type: ``date``, ``clock``, ``range``, ``relative``,
``duration`` or ``anaphoric``. A parenthetical equivalent in another zone ("11:40 a.m.
(08:40 GMT)") is part of the span it explains. Normalizing a span to a window needs the
publication date, so it is left to the caller: ``resolve_time(span.text, published)``.
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..doctext import text_of
from ..timeparse import load_grammar
from .labels import TIME


class TimeRecognizer:
    """Finds time expressions in a ``Doc`` as non-overlapping TIME spans."""

    def __init__(self, nlp: Language, data_dir: Path) -> None:
        self.grammar = load_grammar(data_dir)

    def __call__(self, doc: Doc) -> list[Span]:
        spans: list[Span] = []
        for start, end, subtype in self.grammar.find(text_of(doc)):
            span = doc.char_span(start, end, label=TIME, kb_id=subtype, alignment_mode="expand")
            # expansion to whole tokens can make neighbours touch; the earlier one wins
            if span is not None and (not spans or span.start >= spans[-1].end):
                spans.append(span)
        return spans
