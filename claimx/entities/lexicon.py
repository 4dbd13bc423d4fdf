"""Lexicon words claims are built from: reporting cues, event triggers, counted items,
hedges, zero-count phrases ("no injuries were reported") and one-person casualties
("a woman was injured").

Each concept is one file in ``models/lexicons`` (negations: ``models/patterns``), matched
case-insensitively with spaCy's PhraseMatcher/Matcher; overlapping matches of one label
keep the longest, so "HIMARS rocket system rounds" is one item, not "rounds".
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
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
        for entry in load_data("patterns/negations.json", data_dir)["patterns"]:
            self.negations.add(f"{labels.NEGATION}|{entry['id']}", [entry["pattern"]])
        for entry in load_data("patterns/single_casualties.json", data_dir)["patterns"]:
            self.negations.add(f"{labels.SINGLE}|{entry['id']}", [entry["pattern"]])

    def __call__(self, doc: Doc) -> list[Span]:
        by_label: dict[str, list[Span]] = {}
        strings = self.vocab.strings
        for match_id, start, end in [*self.phrases(doc), *self.negations(doc)]:
            label, key = strings[match_id].split("|", 1)
            by_label.setdefault(label, []).append(Span(doc, start, end, label=label, span_id=key))
        spans: list[Span] = []
        for group in by_label.values():
            spans.extend(filter_spans(group))
        return spans
