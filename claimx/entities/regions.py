"""REGION recognizer and the region gazetteer (stub: being built)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    country: str
    kind: str  # "country" | "region" | "place"


class Gazetteer:
    def __init__(self, data_dir: Path) -> None:
        self._by_code: dict[str, Region] = {}

    def get(self, code: str) -> Region | None:
        return self._by_code.get(code)


def load_gazetteer(data_dir: Path) -> Gazetteer:
    return Gazetteer(data_dir)


class RegionRecognizer:
    def __init__(self, nlp: Language, data_dir: Path) -> None:
        self.gazetteer = load_gazetteer(data_dir)

    def __call__(self, doc: Doc) -> list[Span]:
        return []
