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

        self._match_names: dict[int, tuple[str, str]] = {}  # match id -> (label, key), once each
        self.negations = Matcher(nlp.vocab)
        self.gate = _Gate()
        for label, path in (
            (labels.NEGATION, "patterns/negations.json"),
            (labels.SINGLE, "patterns/single_casualties.json"),
            (labels.SINGLE, "patterns/single_weapons.json"),
        ):
            for entry in load_data(path, data_dir)["patterns"]:
                self.negations.add(f"{label}|{entry['id']}", [entry["pattern"]])
                self.gate.add(entry["pattern"], self.vocab.strings)

    def __call__(self, doc: Doc) -> list[Span]:
        by_label: dict[str, list[tuple[int, int, str]]] = {}
        names = self._match_names
        for match_id, start, end in [*self.phrases(doc), *self._token_matches(doc)]:
            name = names.get(match_id)
            if name is None:
                name = names[match_id] = tuple(self.vocab.strings[match_id].split("|", 1))
            label, key = name
            if label == labels.EVENT and _in_name(doc, start, end):
                continue
            by_label.setdefault(label, []).append((start, end, key))
        spans: list[Span] = []
        for label, group in by_label.items():
            spans.extend(Span(doc, lo, hi, label=label, span_id=key) for lo, hi, key in _filter(group))
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


def _in_name(doc: Doc, start: int, end: int) -> bool:
    """A capitalised event noun inside a name ("the Al-Aqsa Martyrs Brigades", "Victims
    Fund", "Martyrs Square"): mid-sentence, before another capitalised word; verb forms
    ("Two Killed In …" in a title-case headline) stay events."""
    token = doc[start]
    if end - start != 1 or not token.is_title or token.is_sent_start or end >= len(doc):
        return False
    return doc[end].is_title and not token.lower_.endswith(("ed", "ing"))


def _filter(matches: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """``spacy.util.filter_spans`` on ``(start, end, key)`` tuples: the (first) longest
    of overlapping matches, in text order. Most matches overlap a longer one, and a
    Span object per discarded match cost more than the filtering itself."""
    result: list[tuple[int, int, str]] = []
    seen: set[int] = set()
    for match in sorted(matches, key=lambda m: (m[1] - m[0], -m[0]), reverse=True):
        start, end, _ = match
        if start not in seen and end - 1 not in seen:
            result.append(match)
            seen.update(range(start, end))
    return sorted(result, key=lambda m: m[0])


def _fixed_words(spec: dict, strings: StringStore) -> frozenset[int] | None:
    """The ``LOWER`` hashes a token spec requires, if it is only a fixed word list."""
    words = spec.get("LOWER") if set(spec) <= {"LOWER", "OP", "IS_SENT_START"} else None
    if isinstance(words, dict) and set(words) == {"IN"}:
        words = words["IN"]
    if not isinstance(words, (str, list)):
        return None
    return frozenset(strings.add(w) for w in ([words] if isinstance(words, str) else words))


class _Gate:
    """Where token patterns can match: a pattern's first word, its second when that is a
    fixed word list, and the last word it requires (the casualty or damage word, rarer
    than the "a"/"no" it starts with) must be present. Windows reach ``WINDOW`` tokens
    past a candidate start, longer than any phrase the patterns describe."""

    WINDOW = 16

    def __init__(self) -> None:
        # first word -> (second word set or None, last required word set or None), per pattern
        self.prefixes: dict[int, list[tuple[frozenset[int] | None, frozenset[int] | None]]] = {}
        self.ungated = False  # a pattern whose first word is not a fixed list

    def add(self, pattern: list[dict], strings: StringStore) -> None:
        first = _fixed_words(pattern[0], strings) if pattern and "OP" not in pattern[0] else None
        if first is None:
            self.ungated = True
            return
        second = _fixed_words(pattern[1], strings) if len(pattern) > 1 and "OP" not in pattern[1] else None
        required = [spec for spec in pattern[1:] if spec.get("OP") in (None, "+")]
        last = _fixed_words(required[-1], strings) if required else None
        for word in first:
            options = self.prefixes.setdefault(word, [])
            if (second, last) not in options:  # patterns differing only inside share a gate
                options.append((second, last))

    def windows(self, lower: list[int]) -> Iterator[tuple[int, int]]:
        """Token ranges to match in, merged where they overlap, left to right. A last
        word is looked for in the ``WINDOW`` tokens after a candidate start: a bounded
        look-ahead (a C-level set test), so the pass stays linear."""
        lo = hi = -1
        n = len(lower)
        window = self.WINDOW
        for i, word in enumerate(lower):
            options = self.prefixes.get(word)
            if options is None or not any(
                (second is None or (i + 1 < n and lower[i + 1] in second))
                and (last is None or not last.isdisjoint(lower[i + 1 : i + window]))
                for second, last in options
            ):
                continue
            if i > hi:
                if hi > lo:
                    yield lo, hi
                lo = i
            hi = min(n, i + window)
        if hi > lo:
            yield lo, hi
