"""The text of a Doc, without joining its tokens again.

``Doc.text`` is not stored: each access makes a ``Token`` object per token and joins
their texts, about half a millisecond for an article, and three recognizers read it per
document. claimx's tokenizer records the text it was given for the Doc it makes
(:func:`remember`); :func:`text_of` returns it, or joins once and keeps the result, for
a Doc made some other way. Entries go when their Doc is garbage (weak keys), and a Doc's
text never changes (retokenizing merges or splits tokens, not characters).
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from spacy.tokens import Doc

_TEXTS: WeakKeyDictionary[Doc, str] = WeakKeyDictionary()


def remember(doc: Doc, text: str) -> Doc:
    """Record ``text`` as ``doc``'s text (the string it was tokenized from); returns ``doc``."""
    _TEXTS[doc] = text
    return doc


def text_of(doc: Doc) -> str:
    """``doc.text``, joined at most once per Doc."""
    text = _TEXTS.get(doc)
    if text is None:
        text = _TEXTS[doc] = doc.text
    return text
