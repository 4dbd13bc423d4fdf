"""Lexicon words claims are built from: reporting cues, event triggers, counted items,
hedges, zero-count phrases ("no injuries were reported") and one-person casualties
("a woman was injured").

Each concept is one file in ``models/lexicons`` (negations: ``models/patterns``), matched
case-insensitively with spaCy's PhraseMatcher/Matcher; overlapping matches of one label
keep the longest, so "HIMARS rocket system rounds" is one item, not "rounds".
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from spacy.attrs import LOWER
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.strings import StringStore
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..resources import load_data
from . import labels


def plural(word: str) -> str:
    """Regular English plural of the last word of ``word``.

    The blank pipeline has no lemmatizer, so the item lexicon lists singulars and
    we add regular plurals here; irregular ones are listed in the lexicon itself.
    """
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


class LexiconRecognizer:
    """Finds CUE, EVENT, ITEM, HEDGE and NEGATION spans; ``span.id_`` holds the key."""

    def __init__(self, nlp: Language, data_dir: Path) -> None:
        self.vocab = nlp.vocab
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        make = nlp.make_doc

        def add(label: str, key: str, terms: list[str]) -> None:
            self.phrases.add(f"{label}|{key}", [make(t) for t in dict.fromkeys(terms)])

        cues = load_data("lexicons/cues.json", data_dir)
        add(labels.CUE, "verb", cues["verb"])
        add(labels.CUE, "according_to", cues["according_to"])
        for kind, terms in load_data("lexicons/events.json", data_dir).items():
            if not kind.startswith("_"):
                add(labels.EVENT, kind, terms)
        for item, terms in load_data("lexicons/items.json", data_dir).items():
            if not item.startswith("_"):
                add(labels.ITEM, item, terms + [plural(t) for t in terms])
        add(labels.HEDGE, "", load_data("lexicons/hedges.json", data_dir)["terms"])

        self.negations = Matcher(nlp.vocab)
        self.gate = _Gate()
        for label, path in (
            (labels.NEGATION, "patterns/negations.json"),
            (labels.SINGLE, "patterns/single_casualties.json"),
        ):
            for entry in load_data(path, data_dir)["patterns"]:
                self.negations.add(f"{label}|{entry['id']}", [entry["pattern"]])
                self.gate.add(entry["pattern"], self.vocab.strings)

    def __call__(self, doc: Doc) -> list[Span]:
        by_label: dict[str, list[Span]] = {}
        strings = self.vocab.strings
        for match_id, start, end in [*self.phrases(doc), *self._token_matches(doc)]:
            label, key = strings[match_id].split("|", 1)
            by_label.setdefault(label, []).append(Span(doc, start, end, label=label, span_id=key))
        spans: list[Span] = []
        for group in by_label.values():
            spans.extend(filter_spans(group))
        return spans

    def _token_matches(self, doc: Doc) -> Iterator[tuple[int, int, int]]:
        """The token-pattern matches of ``doc``, found only in windows where a pattern can
        start: matching the whole Doc costs a Token object per position, and most
        positions start no zero-count or one-casualty phrase."""
        if self.gate.ungated:
            yield from self.negations(doc)
            return
        for lo, hi in self.gate.windows(doc.to_array(LOWER).tolist()):
            for match_id, start, end in self.negations(doc[lo:hi]):
                yield match_id, lo + start, lo + end


class _Gate:
    """Where token patterns can match: each pattern's leading fixed words (up to two,
    read from its ``LOWER`` values) must be present. Windows reach ``WINDOW`` tokens past
    a candidate start, longer than any phrase the patterns describe."""

    WINDOW = 16

    def __init__(self) -> None:
        self.prefixes: dict[int, list[frozenset[int] | None]] = {}
        self.ungated = False  # a pattern whose first word is not a fixed list

    def add(self, pattern: list[dict], strings: StringStore) -> None:
        sets = []
        for spec in pattern[:2]:
            words = spec.get("LOWER") if set(spec) == {"LOWER"} else None
            if isinstance(words, dict) and set(words) == {"IN"}:
                words = words["IN"]
            if not isinstance(words, (str, list)):
                break
            sets.append(frozenset(strings.add(w) for w in ([words] if isinstance(words, str) else words)))
        if not sets:
            self.ungated = True
            return
        for first in sets[0]:
            self.prefixes.setdefault(first, []).append(sets[1] if len(sets) > 1 else None)

    def windows(self, lower: list[int]) -> Iterator[tuple[int, int]]:
        """Token ranges to match in, merged where they overlap, left to right."""
        lo = hi = -1
        n = len(lower)
        for i, word in enumerate(lower):
            seconds = self.prefixes.get(word)
            if seconds is None or not any(s is None or (i + 1 < n and lower[i + 1] in s) for s in seconds):
                continue
            if i > hi:
                if hi > lo:
                    yield lo, hi
                lo = i
            hi = min(n, i + self.WINDOW)
        if hi > lo:
            yield lo, hi
