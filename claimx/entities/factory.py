"""The ``claimx_entities`` spaCy factory.

It runs one recognizer per concept (each a small module next to this one, reading its
lexicons and patterns from ``models/``) and writes their spans to one span group, so
overlapping mentions (a region inside a source name) coexist and a statistical
pipeline's ``doc.ents`` is left untouched.
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokens import Doc, Span

from ..pipes import StatelessPipe
from ..resources import load_data, models_dir
from .labels import SPANS_KEY
from .lexicon import LexiconRecognizer
from .quantities import QuantityRecognizer
from .regions import RegionRecognizer
from .sources import SourceRecognizer
from .times import TimeRecognizer


def add_title_abbreviations(nlp: Language, data_dir: Path) -> None:
    """Keep title abbreviations ("Lt.", "Col.") whole in ``nlp``'s tokenizer: split, their
    full stop would end a sentence in the middle of a speaker's name. Run before any
    recognizer tokenizes its patterns, so patterns and texts agree."""
    for abbreviation in load_data("lexicons/abbreviations.json", data_dir)["titles"]:
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])


class EntityRecognizer(StatelessPipe):
    """Finds claimx's mentions and stores them in ``doc.spans[spans_key]``."""

    def __init__(
        self,
        nlp: Language,
        name: str = "claimx_entities",
        *,
        data_dir: str | Path | None = None,
        spans_key: str = SPANS_KEY,
    ) -> None:
        self.name = name
        self.spans_key = spans_key
        self.data_dir = models_dir(data_dir)
        add_title_abbreviations(nlp, self.data_dir)
        self.recognizers = [
            RegionRecognizer(nlp, self.data_dir),
            QuantityRecognizer(nlp, self.data_dir),
            TimeRecognizer(nlp, self.data_dir),
            SourceRecognizer(nlp, self.data_dir),
            LexiconRecognizer(nlp, self.data_dir),
        ]

    def __call__(self, doc: Doc) -> Doc:
        error_handler = self.get_error_handler()
        try:
            spans: list[Span] = []
            for recognizer in self.recognizers:
                spans.extend(recognizer(doc))
            spans.sort(key=lambda s: (s.start, -s.end, s.label_))
            doc.spans[self.spans_key] = spans
        except Exception as exc:  # spaCy's contract: route to the pipe's error handler
            error_handler(self.name, self, [doc], exc)
        return doc


@Language.factory(
    "claimx_entities",
    default_config={"data_dir": None, "spans_key": SPANS_KEY},
    assigns=["doc.spans"],
)
def make_entity_recognizer(
    nlp: Language, name: str, data_dir: str | None, spans_key: str
) -> EntityRecognizer:
    """Create the claimx entity recognizer (regions, quantities, times, sources, cues)."""
    return EntityRecognizer(nlp, name, data_dir=data_dir, spans_key=spans_key)
