"""The top-level API: ``load()`` the default pipeline and ``extract()`` claims from text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from functools import lru_cache

import spacy
from spacy.language import Language

from .errors import Errors
from .gcpause import paused
from .html import ClaimList
from .resources import models_dir
from .schema import Claim


@lru_cache(maxsize=1)
def load() -> Language:
    """The default pipeline (rules over spaCy's blank English), built once and cached."""
    from . import claims, entities, tokenizer  # noqa: F401  (registers the factories)

    with paused():  # building the tables makes ~10^5 objects and no garbage (gcpause.py)
        config = spacy.util.load_config(models_dir() / "config.cfg")
        return spacy.util.load_model_from_config(config, auto_fill=True, validate=True)


def coerce_published(published: date | datetime | str | None) -> date | None:
    """The publication date as a ``date`` (a datetime keeps only its day)."""
    if published is None:
        return None
    if isinstance(published, datetime):
        return published.date()
    if isinstance(published, date):
        return published
    if isinstance(published, str):
        value = published.strip()
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
        except ValueError:
            try:
                return date.fromisoformat(value[:10])
            except ValueError:
                raise ValueError(Errors.E011.format(value=published)) from None
    raise TypeError(Errors.E012.format(type=type(published).__name__))


#: Surrogate code points: no UTF-8 text holds them, but a Python str can (``json.loads``
#: makes one from a broken escape such as half an emoji, ``os.fsdecode`` from undecodable
#: bytes), and spaCy's tokenizer raises on them.
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def encodable(text: str) -> str:
    """``text`` with each surrogate code point replaced by U+FFFD, one for one, so every
    character offset stays the same."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def _chunks(text: str, max_length: int) -> Iterator[tuple[int, str]]:
    """Split ``text`` at paragraph (else line, else space) boundaries into pieces that
    fit ``max_length`` characters, yielding each with its offset into ``text``."""
    start = 0
    n = len(text)
    while n - start > max_length:
        window_end = start + max_length
        cut = -1
        for sep in ("\n\n", "\n", " "):
            cut = text.rfind(sep, start + 1, window_end)
            if cut > start:
                cut += len(sep)
                break
        if cut <= start:
            cut = window_end  # one unbroken run longer than max_length: hard cut
        yield start, text[start:cut]
        start = cut
    if start < n:
        yield start, text[start:]


def _shift(claim: Claim, offset: int) -> Claim:
    """The claim with every character offset moved by ``offset``."""
    if not offset:
        return claim
    data = claim.model_dump()

    def move(obj: object) -> None:
        if isinstance(obj, dict):
            for key in ("start", "end", "char_start", "char_end"):
                if isinstance(obj.get(key), int):
                    obj[key] += offset
            for value in obj.values():
                if isinstance(value, (dict, list)):
                    move(value)
        elif isinstance(obj, list):
            for value in obj:
                move(value)

    move(data)
    time = data.get("time")
    if time:  # a TimeSpan's start/end are datetimes, not offsets: restore them
        time["start"], time["end"] = claim.time.start, claim.time.end
    return Claim.model_validate(data)


def extract(
    text: str,
    *,
    published: date | datetime | str | None = None,
    nlp: Language | None = None,
) -> ClaimList:
    """Claims stated in ``text``, in text order (a list that shows as a table in notebooks).

    ``published`` (a date, datetime or ISO string) anchors relative and partial times
    such as "on Tuesday" or "the 12th"; without it such times stay unresolved.
    ``nlp`` is a pipeline with the claimx components (default: :func:`load`).
    Texts longer than ``nlp.max_length`` are processed in paragraph-aligned chunks.
    Any str gives claims or an empty list; surrogate code points, which no UTF-8 text
    holds, are read as U+FFFD (offsets unchanged).
    """
    if not isinstance(text, str):
        raise TypeError(Errors.E010.format(type=type(text).__name__))
    day = coerce_published(published)
    if not text.strip():
        return ClaimList()
    nlp = nlp or load()
    claims = ClaimList()
    for offset, chunk in _chunks(encodable(text), nlp.max_length):
        doc = nlp.make_doc(chunk)
        doc._.claimx_published = day.isoformat() if day else None
        doc = nlp(doc)
        claims.extend(_shift(claim, offset) for claim in doc._.claims)
    return claims
