"""Datelines and headlines: the lines of a news text that are not part of any claim.

A dateline ("KYIV (Reuters) -", "Jerusalem, Nov 7 (IANS):", "MOSCOW, January 10.") says
where the reporter files from, not where anything happened; a headline (a first line
without final punctuation) is a title, not a sentence of the report. Each becomes a
sentence of its own, so no claim's text runs through it, and a place named in a dateline
is never a location (the region recognizer drops it).
"""

from __future__ import annotations

import re

from spacy.attrs import SENT_START
from spacy.tokens import Doc

from ..doctext import text_of

# One place word: "KYIV", "New", "Wis.", "Ra'anana". The repetitions below are bounded and
# every alternative starts with a distinct character, so matching cannot backtrack badly.
_WORD = r"[A-Z][\w.'’-]{0,30}"
_PLACE = rf"[ \t]*(?P<place>{_WORD}(?:,?[ ]{_WORD}){{0,3}})?"
_DATE = r"(?P<date>,?[ ]?(?:[A-Z][a-z]{2,8}\.?[ ]\d{1,2}(?:,[ ]?\d{4})?))"
_AGENCY = r"(?P<agency>[ ]?\([^()\n]{1,40}\)|[ ]?/[^/\n]{1,20}/)?"
# ended by a dash or colon ("KYIV -", "New Delhi, May 10 (ANI):"), or by a full stop after a
# date ("MOSCOW, January 10.", "MOSCOW, November 16. /TASS/.")
_DASHED = re.compile(_PLACE + _DATE + "?" + _AGENCY + r"[ ]?(?P<end>[-—–]{1,2}|:)[ ]")
_DOTTED = re.compile(_PLACE + _DATE + _AGENCY + r"[ ]?(?P<end>\.(?:[ ]?/[^/\n]{1,20}/\.)?)[ ]")
_TERMINAL = frozenset(".!?:;\"'”’)")


def dateline_end(text: str, pos: int) -> int | None:
    """End (character offset) of a dateline starting at ``pos``, a line start, if one is there.

    A dateline needs a mark of one: the city in capitals before a dash ("KYIV -"), a
    date, or an agency in brackets or slashes; a full stop or colon ends one only after
    a date or an agency ("MOSCOW, January 10.", "New Delhi, May 10 (ANI):")."""
    stop = min(len(text), pos + 120)
    m = _DASHED.match(text, pos, stop)
    if m is not None and (m.group("place") or m.group("date")):
        place, dated = m.group("place") or "", bool(m.group("date") or m.group("agency"))
        capitals = len(place) >= 3 and place.split(",")[0].replace(" ", "").replace(".", "").isupper()
        if dated or (capitals and m.group("end") != ":"):
            return m.end()
    m = _DOTTED.match(text, pos, stop)
    return m.end() if m is not None else None


def line_starts(text: str) -> list[int]:
    """Offsets of the text's first character and of each character after a newline."""
    return [0] + [m.end() for m in re.finditer(r"\n", text) if m.end() < len(text)]


def mark(doc: Doc) -> list[tuple[int, int]]:
    """Make each dateline and a first-line headline a sentence of its own; return the
    dateline character ranges. Linear in the text: one match attempt per line start."""
    text = text_of(doc)
    if not text:
        return []
    ranges = []
    starts = line_starts(text)
    firsts = []  # tokens that start a sentence
    for pos in starts:
        end = dateline_end(text, pos)
        if end is not None:
            ranges.append((pos, end))
            firsts.append(_first_token_at(doc, end, len(text)))
    first_line_end = starts[1] - 1 if len(starts) > 1 else len(text)
    first_line = text[:first_line_end].rstrip()
    if len(starts) > 1 and first_line and first_line[-1] not in _TERMINAL:
        firsts.append(_first_token_at(doc, starts[1], len(text)))
    firsts = [i for i in firsts if i]  # not None, not the first token
    if firsts:
        # in one array: spaCy's Token.is_sent_start setter checks the whole Doc each time
        column = doc.to_array([SENT_START])
        column[firsts] = 1
        doc.from_array([SENT_START], column.reshape(-1, 1))
    return ranges


def _first_token_at(doc: Doc, char: int, length: int) -> int | None:
    """The first non-space token at or after ``char`` (``length`` is the text's:
    ``doc.text`` joins every token again on each call)."""
    span = doc.char_span(char, length, alignment_mode="expand")
    if span is None:
        return None
    for tok in span:
        if not tok.is_space:
            return tok.i
    return None
