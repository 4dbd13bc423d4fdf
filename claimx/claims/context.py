"""A read-only view of one document for claim assembly: its sentences, quotations and
entity spans, indexed so the assembler's questions ("which regions lie in these tokens?",
"is this token inside a quotation?") are cheap."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
from spacy.attrs import IDX, IS_ALPHA, IS_PUNCT, IS_QUOTE, IS_SPACE, LENGTH, LOWER, ORTH, SENT_START
from spacy.tokens import Doc, Span

from ..doctext import text_of
from ..entities import labels

OPEN_QUOTES = {"“": "”", "«": "»", "„": "“"}
CLOSE_QUOTES = {"”", "»"}
STRAIGHT_QUOTE = '"'
_MARKS = "".join(sorted({*OPEN_QUOTES, *OPEN_QUOTES.values(), *CLOSE_QUOTES, STRAIGHT_QUOTE}))
#: Every character the quotation scanner reacts to; all others leave its state unchanged.
QUOTE_MARKS = re.compile(f"[{re.escape(_MARKS)}]")


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
    for match in QUOTE_MARKS.finditer(text):  # only marks matter: skip the words between them
        i, ch = match.start(), match.group()
        if open_at is None:
            if ch in OPEN_QUOTES or ch == STRAIGHT_QUOTE:
                open_at, closer = i, OPEN_QUOTES.get(ch, STRAIGHT_QUOTE)
            continue
        if ch == closer or (ch in CLOSE_QUOTES and closer != STRAIGHT_QUOTE):
            quotes.append(Quotation(open_at + 1, i, open_at, i))
            open_at = None
        elif ch in OPEN_QUOTES:  # a new opening mark before a close: the old one was unbalanced
            quotes.append(_unclosed(text, open_at, i))
            open_at, closer = i, OPEN_QUOTES[ch]
    if open_at is not None:
        quotes.append(_unclosed(text, open_at, len(text)))
    return [q for q in quotes if q.end > q.start]


def _unclosed(text: str, open_at: int, next_open: int) -> Quotation:
    """An unbalanced quotation: it runs to its line's end, or to the next opening mark,
    so quotations never overlap (a run of opening marks is not n quotations of n marks)."""
    line_end = text.find("\n", open_at, next_open)
    return Quotation(open_at + 1, next_open if line_end < 0 else line_end, open_at, None)


@dataclass(frozen=True, slots=True)
class Sentence:
    """Token range ``[start, end)`` of a sentence (the assembler only needs its bounds,
    and a plain object is much cheaper to build than a Span)."""

    start: int
    end: int


#: Token attributes read into plain lists, in the column order ``DocContext._read_tokens`` unpacks.
TOKEN_ATTRS = [ORTH, LOWER, IDX, LENGTH, IS_PUNCT, IS_SPACE, IS_QUOTE, IS_ALPHA, SENT_START]


@dataclass
class DocContext:
    """Indexes over ``doc`` and its claimx span group for the assembler.

    Token attributes are also held as plain lists indexed by token (``lower[i]`` is
    ``doc[i].lower_``): ``doc[i]`` builds a new Token object on every access, which made
    token lookups the dominant cost of claim assembly."""

    doc: Doc
    spans: list[Span]
    by_label: dict[str, list[Span]] = field(default_factory=dict)
    starts: dict[str, list[int]] = field(default_factory=dict)
    ends: dict[str, list[int]] = field(default_factory=dict)
    sents: list[Sentence] = field(default_factory=list)
    sent_of_token: list[int] = field(default_factory=list)
    quotations: list[Quotation] = field(default_factory=list)
    quotation_starts: list[int] = field(default_factory=list)
    semicolons: list[int] = field(default_factory=list)  # token indices of ";"
    _ending: dict[str, dict[int, list[Span]]] = field(default_factory=dict)  # see ending_at
    text: str = ""
    words: list[str] = field(default_factory=list)
    lower: list[str] = field(default_factory=list)
    token_starts: list[int] = field(default_factory=list)
    token_ends: list[int] = field(default_factory=list)
    # lexeme flags as 0/1: is_punct, is_space, is_quote, is_alpha
    punct: list[int] = field(default_factory=list)
    space: list[int] = field(default_factory=list)
    quote: list[int] = field(default_factory=list)
    alpha: list[int] = field(default_factory=list)
    quote_marks: list[int] = field(default_factory=list)  # token indices of quote marks

    @classmethod
    def build(cls, doc: Doc, spans: list[Span]) -> DocContext:
        ctx = cls(doc=doc, spans=list(spans))
        grouped: dict[str, list[Span]] = {label: [] for label in labels.ALL}
        for span in ctx.spans:
            group = grouped.get(span.label_)
            if group is not None:
                group.append(span)
        for label, group in grouped.items():
            group.sort(key=lambda s: (s.start, s.end))
            ctx.by_label[label] = group
            ctx.starts[label] = [s.start for s in group]
            ctx.ends[label] = [s.end for s in group]
        starts = ctx._read_tokens(doc) if len(doc) else [0]
        bounds = list(zip(starts, starts[1:] + [len(doc)], strict=False))
        ctx.sents = [Sentence(a, b) for a, b in bounds]
        ctx.sent_of_token = [0] * len(doc)
        for i, (a, b) in enumerate(bounds):
            ctx.sent_of_token[a:b] = [i] * (b - a)
        ctx.quotations = find_quotations(ctx.text)
        ctx.quotation_starts = [q.start for q in ctx.quotations]
        ctx.semicolons = [i for i, w in enumerate(ctx.words) if w == ";"]
        ctx.quote_marks = [i for i, q in enumerate(ctx.quote) if q]
        return ctx

    def _read_tokens(self, doc: Doc) -> list[int]:
        """Fill the per-token lists from one ``to_array`` call (a C loop, no Token objects)
        and return the first token of each sentence. A doc without sentence boundaries
        flags no token after the first, so it is one sentence."""
        table = doc.to_array(TOKEN_ATTRS)
        orth, lower, idx, length, punct, space, quote, alpha, _ = table.T.tolist()
        strings = doc.vocab.strings
        self.words = [strings[h] for h in orth]
        self.lower = [strings[h] for h in lower]
        self.token_starts = idx
        self.token_ends = [a + n for a, n in zip(idx, length, strict=True)]
        self.text = text_of(doc)
        self.punct, self.space, self.quote, self.alpha = punct, space, quote, alpha
        # SENT_START is 1 on a sentence's first token (-1 or 0 elsewhere)
        return [0] + (np.flatnonzero(table[1:, -1] == 1) + 1).tolist()

    def span_text(self, span: Span) -> str:
        """``span.text`` without visiting its tokens (a Span's offsets are stored on it)."""
        return self.text[span.start_char : span.end_char]

    def char_range(self, start: int, end: int) -> tuple[int, int]:
        """``(start_char, end_char)`` of ``doc[start:end]``, computed as Span does."""
        first = self.token_starts[start] if start < len(self.token_starts) else len(self.text)
        return first, self.token_ends[end - 1] if end > start else first

    def token_at(self, char: int) -> int:
        """Index of the token holding (or, in whitespace, preceding) character ``char``."""
        return max(0, bisect.bisect_right(self.token_starts, char) - 1)

    def within(self, label: str, start: int, end: int) -> list[Span]:
        """Spans of ``label`` lying entirely inside tokens ``[start, end)``."""
        group, starts, ends = self.by_label[label], self.starts[label], self.ends[label]
        lo = bisect.bisect_left(starts, start)
        hi = bisect.bisect_left(starts, end, lo)
        if lo == hi:  # the common case: skip building a comprehension
            return []
        return [group[k] for k in range(lo, hi) if ends[k] <= end]

    def iter_within(self, label: str, start: int, end: int) -> Iterator[Span]:
        """:meth:`within`, lazily: for a caller that stops at the first few."""
        group, starts, ends = self.by_label[label], self.starts[label], self.ends[label]
        for k in range(bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)):
            if ends[k] <= end:
                yield group[k]

    def any_within(self, label: str, start: int, end: int) -> bool:
        """Whether a span of ``label`` lies entirely inside tokens ``[start, end)``."""
        starts, ends = self.starts[label], self.ends[label]
        lo = bisect.bisect_left(starts, start)
        hi = bisect.bisect_left(starts, end, lo)
        return any(ends[k] <= end for k in range(lo, hi))

    def first_within(self, label: str, start: int, end: int) -> Span | None:
        """The first of :meth:`within`, without building the list."""
        starts, ends = self.starts[label], self.ends[label]
        for k in range(bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)):
            if ends[k] <= end:
                return self.by_label[label][k]
        return None

    def last_within(self, label: str, start: int, end: int) -> Span | None:
        """The last of :meth:`within`, without building the list."""
        starts, ends = self.starts[label], self.ends[label]
        for k in range(bisect.bisect_left(starts, end) - 1, bisect.bisect_left(starts, start) - 1, -1):
            if ends[k] <= end:
                return self.by_label[label][k]
        return None

    def ending_at(self, label: str, token: int, start: int = 0) -> list[Span]:
        """Spans of ``label`` ending right before token ``token`` and starting at or
        after ``start``, in :meth:`within` order."""
        index = self._ending.get(label)
        if index is None:
            index = self._ending[label] = {}
            for span in self.by_label[label]:
                index.setdefault(span.end, []).append(span)
        return [s for s in index.get(token, ()) if s.start >= start]

    def has_quote_mark(self, start: int, end: int) -> bool:
        """Whether a quote mark lies in tokens ``[start, end)`` (by bisection: a clause
        may be a whole document without a full stop)."""
        k = bisect.bisect_left(self.quote_marks, start)
        return k < len(self.quote_marks) and self.quote_marks[k] < end

    def clause_bounds(self, sent: Sentence, first: int, last: int) -> tuple[int, int]:
        """The clause of ``sent`` holding tokens ``[first, last)``: from after the last
        semicolon before ``first`` to the first one at or after ``last``."""
        k = bisect.bisect_left(self.semicolons, first) - 1
        lo = self.semicolons[k] + 1 if k >= 0 and self.semicolons[k] >= sent.start else sent.start
        k = bisect.bisect_left(self.semicolons, last)
        hi = self.semicolons[k] if k < len(self.semicolons) and self.semicolons[k] < sent.end else sent.end
        return lo, hi

    def overlaps(self, label: str, start: int, end: int) -> bool:
        """Whether a span of ``label`` shares a token with ``[start, end)`` (spans of one
        label do not overlap, so only the last one starting before ``end`` can)."""
        i = bisect.bisect_left(self.starts[label], end) - 1
        return i >= 0 and self.ends[label][i] > start

    def covering(self, label: str, token: int) -> Span | None:
        """The span of ``label`` containing token index ``token``, if any (spans of one
        label do not overlap, so only the last span starting at or before it can)."""
        starts = self.starts[label]
        i = bisect.bisect_right(starts, token) - 1
        if i >= 0 and token < self.ends[label][i]:
            return self.by_label[label][i]
        return None

    def quotation_at(self, char: int) -> Quotation | None:
        """The quotation whose words contain character offset ``char``."""
        k = bisect.bisect_right(self.quotation_starts, char) - 1  # quotations do not overlap
        if k >= 0 and char < self.quotations[k].end:
            return self.quotations[k]
        return None

    def sentence(self, token: int) -> Sentence:
        return self.sents[self.sent_of_token[token]]
