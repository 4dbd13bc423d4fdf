"""Show a report with its mentions highlighted and its claims listed, as HTML.

:func:`render` runs the pipeline and draws the spans claimx found (regions, numbers,
times, sources by default) over the text exactly as written, cut by character offsets,
followed by the claims table. Each span is underlined in its label's colour on a level
of its own, so nested and overlapping spans (a region inside a source's name) all stay
visible, and its label follows it in the flow of the text, so labels never cover each
other or the words (after a run of overlapping spans, so the words of a source's name
stay together). Each claim row links to the sentence that states it, and each
label links to the first claim that uses it, so a reader can go from a figure in the
table to the words it came from and back.

displaCy's span style is not used: it rebuilds the text from tokens joined by spaces
("Ukraine 's") and draws labels at fixed places where overlapping spans hide each other.
"""

from __future__ import annotations

import hashlib
import heapq
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from html import escape

from spacy.language import Language
from spacy.tokens import Doc, Span

from .api import coerce_published, load
from .entities.labels import CUE, EVENT, HEDGE, ITEM, NEGATION, QUANTITY, REGION, SOURCE, SPANS_KEY, TIME
from .html import Markup, claims_table
from .schema import Claim

#: The labels drawn unless asked otherwise: where, how many, when, who says.
DEFAULT_LABELS = (REGION, QUANTITY, TIME, SOURCE)

#: One colour per label, strong enough for an underline, light enough behind a label's name.
COLORS = {
    REGION: "#1aa3a3",
    QUANTITY: "#e69500",
    TIME: "#4c9a7a",
    SOURCE: "#9b4dca",
    CUE: "#8a8f5c",
    EVENT: "#e0602b",
    ITEM: "#6f5fd6",
    HEDGE: "#888888",
    NEGATION: "#d8345f",
}

#: Pixels per underline level (a 3 px bar and a 2 px gap).
_LEVEL_PX = 5


def _prepare(text_or_doc: str | Doc, published: date | datetime | str | None, nlp: Language | None) -> Doc:
    """The processed Doc: a text run through the pipeline, a Doc processed if it was not."""
    if isinstance(text_or_doc, Doc):
        if SPANS_KEY in text_or_doc.spans:
            return text_or_doc
        doc = text_or_doc
        nlp = nlp or load()
    else:
        nlp = nlp or load()
        doc = nlp.make_doc(text_or_doc)
    day = coerce_published(published)
    if day is not None:
        doc._.claimx_published = day.isoformat()
    return nlp(doc)


@dataclass(frozen=True)
class _Piece:
    """The part of a span inside one sentence, with its underline level."""

    start: int
    end: int
    label: str
    key: str
    claim: int | None
    level: int = 0


def _levels(pieces: list[_Piece]) -> list[_Piece]:
    """Give each piece the lowest underline level free over its whole extent (interval
    colouring: pieces that overlap never share a level)."""
    active: list[tuple[int, int]] = []  # (end, level) of pieces still open
    free: list[int] = []
    placed, top = [], 0
    for p in sorted(pieces, key=lambda p: (p.start, -p.end, p.label)):
        while active and active[0][0] <= p.start:
            heapq.heappush(free, heapq.heappop(active)[1])
        if free:
            level = heapq.heappop(free)
        else:
            level, top = top, top + 1
        heapq.heappush(active, (p.end, level))
        placed.append(_Piece(p.start, p.end, p.label, p.key, p.claim, level))
    return placed


def _underlines(pieces: Iterable[_Piece], depth: int) -> str:
    """CSS painting one bar per piece at its level below the text."""
    bars = [
        f"linear-gradient({COLORS.get(p.label, '#888888')},{COLORS.get(p.label, '#888888')}) "
        f"0 calc(100% - {p.level * _LEVEL_PX}px)/100% 3px no-repeat"
        for p in sorted(pieces, key=lambda p: p.level)
    ]
    return f"padding-bottom:{depth * _LEVEL_PX}px;background:{','.join(bars)}"


def _label(piece: _Piece, anchor: str) -> str:
    """The label after a span: its name and normalized key, linked to its claim."""
    color = COLORS.get(piece.label, "#888888")
    key = f" {escape(piece.key)}" if piece.key else ""
    href = f"#{anchor}-c{piece.claim}" if piece.claim is not None else "#"
    return (
        f'<a class="claimx-label" data-label="{escape(piece.label)}" href="{href}" '
        f'style="color:#fff;background:{color};font-size:0.62em;font-weight:bold;padding:0 3px;'
        f'margin:0 2px;border-radius:3px;text-decoration:none;vertical-align:0.3em;user-select:none">'
        f"{escape(piece.label)}{key}</a>"
    )


def _sentence_markup(text: str, offset: int, pieces: list[_Piece], depth: int, anchor: str) -> str:
    """The sentence ``text`` (starting at ``offset`` in the document) with ``pieces``
    underlined on their levels (``depth`` levels of room) and labelled; the words are
    the input's own characters."""
    if not pieces:
        return escape(text)
    cuts = sorted({offset, offset + len(text)} | {p.start for p in pieces} | {p.end for p in pieces})
    starting: dict[int, list[_Piece]] = {}
    ending: dict[int, list[_Piece]] = {}
    for p in pieces:
        starting.setdefault(p.start, []).append(p)
        ending.setdefault(p.end, []).append(p)
    out: list[str] = []
    active: set[_Piece] = set()
    pending: list[_Piece] = []  # spans ended inside a run of overlapping spans
    for a, b in zip(cuts, cuts[1:], strict=False):
        pending.extend(ending.get(a, ()))
        active -= set(ending.get(a, ()))
        if not active:  # labels go after the whole run, so the words it covers stay together
            out.extend(_label(p, anchor) for p in sorted(pending, key=lambda p: (p.start, p.level)))
            pending = []
        active |= set(starting.get(a, ()))
        words = escape(text[a - offset : b - offset])
        if active:
            names = ", ".join(f"{p.label} {p.key}".strip() for p in sorted(active, key=lambda p: p.level))
            style = _underlines(active, depth)
            out.append(f'<span class="claimx-mark" title="{escape(names)}" style="{style}">{words}</span>')
        else:
            out.append(words)
    pending.extend(ending.get(cuts[-1], ()))
    out.extend(_label(p, anchor) for p in sorted(pending, key=lambda p: (p.start, p.level)))
    return "".join(out)


def _pieces(doc: Doc, spans: Sequence[Span], claims: Sequence[Claim]) -> list[list[_Piece]]:
    """Each sentence's pieces of ``spans`` (a span crossing a sentence end is cut there),
    each linked to the first claim starting in its sentence whose text holds it."""
    sents = list(doc.sents)
    starts = [s.start_char for s in sents]
    claims_in: list[list[int]] = [[] for _ in sents]
    for i, claim in enumerate(claims):
        k = bisect_right(starts, claim.start) - 1
        if k >= 0:
            claims_in[k].append(i)
    per_sentence: list[list[_Piece]] = [[] for _ in sents]
    for span in spans:
        if span.start_char >= span.end_char:
            continue
        k = max(bisect_right(starts, span.start_char) - 1, 0)
        claim = next(
            (
                i
                for i in claims_in[k]
                if claims[i].start <= span.start_char and span.end_char <= claims[i].end
            ),
            None,
        )
        while k < len(sents) and sents[k].start_char < span.end_char:
            sent = sents[k]
            start, end = max(span.start_char, sent.start_char), min(span.end_char, sent.end_char)
            if start < end:
                per_sentence[k].append(_Piece(start, end, span.label_, span.id_, claim))
            k += 1
    return per_sentence


def render(
    text_or_doc: str | Doc,
    *,
    published: date | datetime | str | None = None,
    labels: Iterable[str] = DEFAULT_LABELS,
    nlp: Language | None = None,
) -> Markup:
    """HTML showing the text with the spans of ``labels`` highlighted, then its claims
    (a ``str`` that a notebook displays as HTML).

    ``published`` anchors relative times as in :func:`claimx.extract`. The text is the
    input's own characters (line breaks kept); sentences are inline elements with the
    ids ``{anchor}-s{k}`` and claim rows have ``{anchor}-c{i}``, where ``anchor`` is
    ``claimx-`` plus a hash of the text, so several renders can share one page.
    """
    doc = _prepare(text_or_doc, published, nlp)
    labels = tuple(labels)
    spans = [s for s in doc.spans.get(SPANS_KEY, []) if s.label_ in labels]
    claims = list(doc._.claims)
    text = doc.text  # built from the tokens on each access: once
    anchor = "claimx-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
    sents = list(doc.sents)
    leveled = [_levels(pieces) for pieces in _pieces(doc, spans, claims)]
    depth = 1 + max((p.level for pieces in leveled for p in pieces), default=0)
    parts, pos = [], 0
    for k, (sent, pieces) in enumerate(zip(sents, leveled, strict=True)):
        parts.append(escape(text[pos : sent.start_char]))
        parts.append(
            f'<span class="claimx-sentence" id="{anchor}-s{k}">'
            f"{_sentence_markup(sent.text, sent.start_char, pieces, depth, anchor)}</span>"
        )
        pos = sent.end_char
    parts.append(escape(text[pos:]))
    starts = [s.start_char for s in sents]
    targets = [f"{anchor}-s{max(bisect_right(starts, c.start) - 1, 0)}" for c in claims]
    legend = " ".join(
        f'<span class="claimx-legend" style="color:#fff;background:{COLORS.get(label, "#888888")};'
        f'padding:1px 4px;border-radius:3px;font-size:0.8em;font-weight:bold">{escape(label)}</span>'
        for label in labels
    )
    text_style = f"white-space:pre-wrap;line-height:calc(1.8em + {depth * _LEVEL_PX}px);margin:6px 0"
    return Markup(
        f'<div class="claimx-render" id="{anchor}"><div>{legend}</div>'
        f'<div class="claimx-text" style="{text_style}">{"".join(parts)}</div>'
        f"{claims_table(claims, anchor=anchor, targets=targets)}</div>"
    )
