"""TIME recognizer (stub: being built)."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span


class TimeRecognizer:
    def __init__(self, nlp: Language, data_dir: Path) -> None:
        pass

    def __call__(self, doc: Doc) -> list[Span]:
        return []
