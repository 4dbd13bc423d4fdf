"""A case-sensitive phrase look-up over a tokenized text, built from plain strings.

spaCy's PhraseMatcher needs one pattern ``Doc`` per phrase: for the ~30k place names
of the gazetteer that is most of claimx's start-up time (a lexeme per new word, a Doc
per name). This table needs no Doc: phrases are grouped by their first word, and a
document is scanned once, token by token; at a token whose leading word starts some
phrases, each is compared with the text at that point and accepted when it ends on a
token boundary. The cost per token is one dict look-up plus the few phrases sharing
that first word, so a document costs time linear in its length.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Hashable, Iterable, Iterator

from spacy.attrs import IDX, IS_ALPHA, IS_DIGIT, LENGTH, ORTH
from spacy.strings import hash_string
from spacy.tokens import Doc

from ..doctext import text_of

# The leading run of letters and digits: "Rostov" of "Rostov-on-Don", "St" of "St.", "Ra" of "Ra'anana".
_LEAD = re.compile(r"[^\W_]+")


def _lead(text: str) -> str:
    if text.isalnum():
        return text
    m = _LEAD.match(text)
    return m.group() if m else text[:1]


class PhraseTable:
    """Phrases (exact strings) with a value each, matched on token boundaries of a Doc."""

    def __init__(self, entries: Iterable[tuple[str, Hashable]]) -> None:
        table: dict[str, list[tuple[str, Hashable]]] = defaultdict(list)
        for phrase, value in entries:
            if phrase:
                table[_lead(phrase)].append((phrase, value))
        self._table = dict(table)
        self._lead_hashes = frozenset(hash_string(lead) for lead in self._table)  # = ORTH ids

    def __len__(self) -> int:
        return sum(len(v) for v in self._table.values())

    def __call__(self, doc: Doc) -> Iterator[tuple[Hashable, int, int]]:
        """``(value, start, end)`` for every phrase occurrence (overlaps included)."""
        text = text_of(doc)
        table = self._table
        # token columns from one array, no Token objects. A token of letters or of digits
        # (spaCy's IS_ALPHA/IS_DIGIT are str.isalpha/isdigit) is its own leading word, so
        # its hash alone says whether any phrase starts there; only the others (and hits)
        # are sliced out of the text.
        columns = doc.to_array([ORTH, IS_ALPHA, IS_DIGIT, IDX, LENGTH])
        orths, alpha, digit, starts, lengths = columns.T.tolist()
        leads = self._lead_hashes
        ends: dict[int, int] | None = None  # end char -> token end, built on the first multi-token hit
        for i, orth_hash in enumerate(orths):
            if alpha[i] or digit[i]:
                if orth_hash not in leads:
                    continue
                idx, length = starts[i], lengths[i]
                orth = text[idx : idx + length]
                entries = table.get(orth)
            else:
                idx, length = starts[i], lengths[i]
                orth = text[idx : idx + length]
                entries = table.get(orth if orth.isalnum() else _lead(orth))
            if entries is None:
                continue
            for phrase, value in entries:
                if phrase == orth:
                    yield value, i, i + 1
                elif len(phrase) > length and text.startswith(phrase, idx):
                    if ends is None:
                        pairs = zip(starts, lengths, strict=True)
                        ends = {start + size: k + 1 for k, (start, size) in enumerate(pairs)}
                    end = ends.get(idx + len(phrase))
                    if end is not None:
                        yield value, i, end
