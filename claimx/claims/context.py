"""A read-only view of one document for claim assembly: its sentences, quotations and
entity spans, indexed so the assembler's questions ("which regions lie in these tokens?",
"is this token inside a quotation?") are cheap."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from ..entities import labels

OPEN_QUOTES = {"“": "”", "«": "»", "„": "“"}
CLOSE_QUOTES = {"”", "»"}
STRAIGHT_QUOTE = '"'


@dataclass(frozen=True)
class Quotation:
    """A direct quotation: ``start``/``end`` are character offsets of the quoted words
    (without the marks); ``open``/``close`` those of the marks (``close`` is None when
    the quotation is never closed and runs to the end of its line)."""

    start: int
    end: int
    open: int
    close: int | None


def find_quotations(text: str) -> list[Quotation]:
    """Double-quoted passages of ``text``, straight or curly, possibly over several
    sentences. An unbalanced mark never raises: the passage ends at its line's end."""
    quotes: list[Quotation] = []
    open_at: int | None = None
    closer: str | None = None
    for i, ch in enumerate(text):
        if open_at is None:
            if ch in OPEN_QUOTES or ch == STRAIGHT_QUOTE:
                open_at, closer = i, OPEN_QUOTES.get(ch, STRAIGHT_QUOTE)
            continue
        if ch == closer or (ch in CLOSE_QUOTES and closer != STRAIGHT_QUOTE):
            quotes.append(Quotation(open_at + 1, i, open_at, i))
            open_at = None
        elif ch in OPEN_QUOTES:  # a new opening mark before a close: the old one was unbalanced
            quotes.append(_unclosed(text, open_at))
            open_at, closer = i, OPEN_QUOTES[ch]
    if open_at is not None:
        quotes.append(_unclosed(text, open_at))
    return [q for q in quotes if q.end > q.start]


def _unclosed(text: str, open_at: int) -> Quotation:
    line_end = text.find("\n", open_at)
    return Quotation(open_at + 1, len(text) if line_end < 0 else line_end, open_at, None)


@dataclass
class DocContext:
    """Indexes over ``doc`` and its claimx span group for the assembler."""

    doc: Doc
    spans: list[Span]
    by_label: dict[str, list[Span]] = field(default_factory=dict)
    starts: dict[str, list[int]] = field(default_factory=dict)
    sents: list[Span] = field(default_factory=list)
    sent_of_token: list[int] = field(default_factory=list)
    quotations: list[Quotation] = field(default_factory=list)
    token_starts: list[int] = field(default_factory=list)

    @classmethod
    def build(cls, doc: Doc, spans: list[Span]) -> DocContext:
        ctx = cls(doc=doc, spans=list(spans))
        for label in labels.ALL:
            group = sorted((s for s in ctx.spans if s.label_ == label), key=lambda s: (s.start, s.end))
            ctx.by_label[label] = group
            ctx.starts[label] = [s.start for s in group]
        # Arrays rather than Token objects: building a Token per position is the
        # dominant cost of a Python loop over a Doc.
        starts = [0]
        if doc.has_annotation("SENT_START") and len(doc):
            flags = doc.to_array("SENT_START").tolist()
            starts = [0] + [i for i in range(1, len(doc)) if flags[i] == 1]
        bounds = list(zip(starts, starts[1:] + [len(doc)], strict=False))
        ctx.sents = [doc[a:b] for a, b in bounds]
        ctx.sent_of_token = [0] * len(doc)
        for i, (a, b) in enumerate(bounds):
            ctx.sent_of_token[a:b] = [i] * (b - a)
        ctx.quotations = find_quotations(doc.text)
        ctx.token_starts = doc.to_array("IDX").tolist() if len(doc) else []
        return ctx

    def token_at(self, char: int) -> int:
        """Index of the token holding (or, in whitespace, preceding) character ``char``."""
        return max(0, bisect.bisect_right(self.token_starts, char) - 1)

    def within(self, label: str, start: int, end: int) -> list[Span]:
        """Spans of ``label`` lying entirely inside tokens ``[start, end)``."""
        group, starts = self.by_label[label], self.starts[label]
        i = bisect.bisect_left(starts, start)
        out = []
        while i < len(group) and group[i].start < end:
            if group[i].end <= end:
                out.append(group[i])
            i += 1
        return out

    def covering(self, label: str, token: int) -> Span | None:
        """The span of ``label`` containing token index ``token``, if any (spans of one
        label do not overlap, so only the last span starting at or before it can)."""
        group, starts = self.by_label[label], self.starts[label]
        i = bisect.bisect_right(starts, token) - 1
        if i >= 0 and group[i].start <= token < group[i].end:
            return group[i]
        return None

    def quotation_at(self, char: int) -> Quotation | None:
        """The quotation whose words contain character offset ``char``."""
        for q in self.quotations:
            if q.start <= char < q.end:
                return q
        return None

    def sentence(self, token: int) -> Span:
        return self.sents[self.sent_of_token[token]]
