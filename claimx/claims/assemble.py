"""Claim assembly (stub: being built)."""

from __future__ import annotations

from spacy.tokens import Doc, SpanGroup

from ..schema import Claim


def assemble(doc: Doc, spans: SpanGroup, published: str | None) -> list[Claim]:
    return []
