"""spaCy's English tokenizer, guarded against long runs without spaces.

spaCy strips a run's prefixes and suffixes one at a time, and each step searches the
rest of the run again, so a run of n punctuation marks with no space ('"' * 20000, a
table rule of "%" signs) costs n² (about a minute for 20,000 marks). The guard cuts such
runs into bounded pieces before spaCy sees them and tokenizes each piece as spaCy would;
the pieces' tokens are joined with no whitespace between them, so the Doc's text (and
every character offset) is exactly the input. Text without such runs is tokenized by
spaCy unchanged. A wrapper, because spaCy has no setting that bounds this.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import numpy
from spacy.attrs import NORM, ORTH, SPACY
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import registry

from .doctext import remember
from .regexcache import RegexCache

#: Longest run of punctuation and symbols (no letter, digit or space) spaCy gets whole:
#: longer ones are cut into pieces of this many characters. spaCy splits such a run into
#: one-mark tokens anyway, except for a few (".....", "----") that stay whole.
MAX_PUNCT_RUN = 16

#: Longest run without a space spaCy gets whole (a long URL fits): longer ones, which are
#: not words of news text ("1:1:1:…" tables, base64), are cut into pieces of this length.
MAX_RUN = 256

#: What the tokenizer sets on a token: its text, its norm (special cases set one) and its space.
_TOKEN_ATTRS = [ORTH, NORM, SPACY]

_PUNCT_RUN = re.compile(rf"[^\w\s]{{{MAX_PUNCT_RUN + 1},}}")
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")


def cut_points(text: str) -> list[int]:
    """Character offsets inside overlong runs of ``text`` where the guard cuts it, in
    order (empty for ordinary text): every ``MAX_PUNCT_RUN`` characters of a run of
    punctuation, every ``MAX_RUN`` characters of any run without a space."""
    cuts: set[int] = set()
    for pattern, step in ((_PUNCT_RUN, MAX_PUNCT_RUN), (_LONG_RUN, MAX_RUN)):
        for match in pattern.finditer(text):
            start, end = match.span()
            cuts.update(range(start + step, end, step))
    return sorted(cuts)


class GuardedTokenizer(Tokenizer):
    """spaCy's :class:`~spacy.tokenizer.Tokenizer`, cutting overlong runs without spaces
    into bounded pieces first (see the module docstring)."""

    def __call__(self, text: str) -> Doc:
        cuts = cut_points(text)
        if not cuts:
            return remember(super().__call__(text), text)
        tokenize = super().__call__
        pieces = [tokenize(text[a:b]) for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
        # the pieces' tokens as arrays, joined into one Doc: Doc.from_docs visits every
        # token as a Python object, several times slower on a run of marks
        table = numpy.concatenate([piece.to_array(_TOKEN_ATTRS) for piece in pieces])
        strings = self.vocab.strings
        words = [strings[orth] for orth in table[:, 0].tolist()]
        doc = Doc(self.vocab, words=words, spaces=[bool(s) for s in table[:, 2].tolist()])
        doc.from_array([NORM], table[:, 1:2])  # a special case's norm ("n't" -> "not")
        return remember(doc, text)

    def pipe(self, texts, batch_size: int = 1000) -> Iterator[Doc]:  # noqa: D102
        for text in texts:
            yield self(text)


def affix_expressions(nlp: Language) -> tuple[str | None, str | None, str | None]:
    """The prefix, suffix and infix expressions of ``nlp``'s language, as spaCy's
    ``compile_prefix_regex``, ``compile_suffix_regex`` and ``compile_infix_regex`` join
    them (None where the language has no such rules)."""
    defaults = nlp.Defaults

    def join(entries, before: str = "", after: str = "") -> str | None:
        return "|".join(before + piece + after for piece in entries if piece.strip()) if entries else None

    return join(defaults.prefixes, before="^"), join(defaults.suffixes, after="$"), join(defaults.infixes)


@registry.tokenizers("claimx.Tokenizer.v1")
def create_tokenizer() -> Callable[[Language], Tokenizer]:
    """spaCy's default tokenizer for the language (as ``spacy.Tokenizer.v1`` builds it),
    guarded against overlong runs without spaces. Its affix expressions (about 30,000
    characters) are compiled through :class:`~claimx.regexcache.RegexCache`: ``re``
    takes some 40 ms of every start-up to compile them."""

    def make(nlp: Language) -> Tokenizer:
        cache = RegexCache("tokenizer")
        prefixes, suffixes, infixes = (
            cache.compile(expression) if expression is not None else None
            for expression in affix_expressions(nlp)
        )
        cache.save()
        return GuardedTokenizer(
            nlp.vocab,
            rules=nlp.Defaults.tokenizer_exceptions,
            prefix_search=prefixes.search if prefixes else None,
            suffix_search=suffixes.search if suffixes else None,
            infix_finditer=infixes.finditer if infixes else None,
            token_match=nlp.Defaults.token_match,
            url_match=nlp.Defaults.url_match,
        )

    return make
