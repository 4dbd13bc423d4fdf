"""Show a report with its mentions highlighted and its claims listed, as HTML.

:func:`render` runs the pipeline and draws the spans claimx found (regions, numbers,
times, sources by default) with displaCy's span style, one block per sentence, followed
by the claims table. Each claim row links to the sentence that states it, and each
highlighted span's label links to the first claim that uses it, so a reader can go
from a figure in the table to the words it came from and back.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from html import escape

from spacy import displacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from .api import coerce_published, load
from .entities.labels import CUE, EVENT, HEDGE, ITEM, NEGATION, QUANTITY, REGION, SOURCE, SPANS_KEY, TIME
from .html import claims_table
from .schema import Claim

#: The labels drawn unless asked otherwise: where, how many, when, who says.
DEFAULT_LABELS = (REGION, QUANTITY, TIME, SOURCE)

#: One colour per label, light enough to read the text over.
COLORS = {
    REGION: "#7aecec",
    QUANTITY: "#feca74",
    TIME: "#bfe1d9",
    SOURCE: "#c887fb",
    CUE: "#e4e7d2",
    EVENT: "#ff9561",
    ITEM: "#aa9cfc",
    HEDGE: "#dddddd",
    NEGATION: "#ff8197",
}


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


def _claim_of(span: Span, claims: Sequence[Claim]) -> int | None:
    """The first claim whose text contains ``span``."""
    return next(
        (i for i, c in enumerate(claims) if c.start <= span.start_char and span.end_char <= c.end), None
    )


def _sentence_markup(sent: Span, spans: Sequence[Span], claims: Sequence[Claim], anchor: str) -> str:
    """One sentence through displaCy's span renderer (manual mode, so spans can carry
    their normalized key and a link to their claim)."""
    parsed = {
        "text": sent.text,
        "tokens": [t.text for t in sent],
        "spans": [
            {
                "start_token": max(s.start, sent.start) - sent.start,
                "end_token": min(s.end, sent.end) - sent.start,
                "label": s.label_,
                "kb_id": escape(s.id_),  # displaCy writes kb_id into the markup as is
                "kb_url": f"#{anchor}-c{i}" if (i := _claim_of(s, claims)) is not None else "#",
            }
            for s in spans
            if s.start < sent.end and sent.start < s.end
        ],
    }
    return displacy.render(
        parsed, style="span", manual=True, jupyter=False, options={"colors": COLORS, "spans_key": SPANS_KEY}
    )


def render(
    text_or_doc: str | Doc,
    *,
    published: date | datetime | str | None = None,
    labels: Iterable[str] = DEFAULT_LABELS,
    nlp: Language | None = None,
) -> str:
    """HTML showing the text with the spans of ``labels`` highlighted, then its claims.

    ``published`` anchors relative times as in :func:`claimx.extract`. Sentence blocks
    have the ids ``{anchor}-s{k}`` and claim rows ``{anchor}-c{i}``, where ``anchor`` is
    ``claimx-`` plus a hash of the text, so several renders can share one page.
    """
    doc = _prepare(text_or_doc, published, nlp)
    labels = tuple(labels)
    spans = [s for s in doc.spans.get(SPANS_KEY, []) if s.label_ in labels]
    claims = list(doc._.claims)
    anchor = "claimx-" + hashlib.sha1(doc.text.encode("utf-8")).hexdigest()[:8]
    blocks, targets = [], [""] * len(claims)
    for k, sent in enumerate(doc.sents):
        sentence_id = f"{anchor}-s{k}"
        blocks.append(
            f'<div class="claimx-sentence" id="{sentence_id}">'
            f"{_sentence_markup(sent, spans, claims, anchor)}</div>"
        )
        for i, claim in enumerate(claims):
            if not targets[i] and sent.start_char <= claim.start < sent.end_char:
                targets[i] = sentence_id
    legend = " ".join(
        f'<span class="claimx-legend" style="background:{COLORS.get(label, "#dddddd")};padding:1px 4px;'
        f'border-radius:3px">{escape(label)}</span>'
        for label in labels
    )
    return (
        f'<div class="claimx-render" id="{anchor}"><div>{legend}</div>{"".join(blocks)}'
        f"{claims_table(claims, anchor=anchor, targets=targets)}</div>"
    )
