"""SOURCE recognizer: who is speaking (ministries, militaries, governors, officials,
anonymous insiders, analysts, media, witnesses) and ``describe_source`` for the
person, role and anonymity behind one mention.

There is no parser or NER, so a mention is built around *anchors* found by two
PhraseMatchers (organisations, roles, titles from ``models/lexicons/sources.json``):
the anchor grows left over determiners, modifiers and capitalized words ("Russia's
Defence Ministry", "Belgorod Governor"), right over chained anchors ("Foreign
Ministry spokeswoman"), a capitalized name after a title ("Governor Andrei
Klachkov"), a role complement ("head of the Kharkiv regional administration") and an
appositive name ("Vyacheslav Gladkov, the Belgorod Oblast governor"). Only the few
tokens around each anchor are inspected, so a document costs two matcher calls.

Span contract (``doc.spans["claimx"]``, label ``SOURCE``): ``span.id_`` is the source
kind (``""`` when unknown: pronouns, "the statement", "its press service");
``span.kb_id_`` is ``entity``, ``reference`` (needs an antecedent: "the ministry",
"its governor", a bare surname) or ``pronoun`` ("he" before a reporting verb).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

import numpy
from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..resources import load_data, models_dir
from .labels import SOURCE
from .regions import load_gazetteer

LEXICON = "lexicons/sources.json"

ENTITY = "entity"
REFERENCE = "reference"
PRONOUN = "pronoun"
ANONYMOUS = "anonymous_official"
WITNESS = "witness"
#: Ages that follow a private person's name in news copy ("said Oksana Hrytsenko, 54,").
PERSON = "person"
DOCUMENT = "document"
MEDIA = "media"
AGE_RANGE = range(1, 111)
#: Most tokens in an aside between a speaker's name and its reporting verb.
MAX_NAME_ASIDE = 12
#: Most tokens of the place after a body's name and before its cue ("in Hamas-run Gaza said").
MAX_SEAT_TOKENS = 5
#: Most lowercase adjectives between a body's possessive and its person role ("the
#: agency's principal deputy director").
MAX_ROLE_ADJECTIVES = 2

_MARKER = "marker"
_WITNESS_EVENTS_KEY = "claimx.sources.witness_events"  # doc.user_data: the text tells of an event
_BLOCK = "block"
_PEOPLE = "people"  # prominent people by surname: a mention of their own only where no role took them
_POSSESSIVES = frozenset({"'s", "’s", "'"})
#: Kinds of a mention that is only a person's name ("Mitch McConnell"): it has a surname.
_NAMED_KINDS = frozenset({PERSON, WITNESS, "politician"})
#: Kinds of bodies whose possessive names one of their people ("Al Jazeera's Rob McBride").
_PEOPLE_OWNERS = frozenset({"media", "organization"})
_CLAUSE_END = frozenset({",", ".", ";", ":", ")", "”", '"', "'", "!", "?"})
_SENTENCE_BREAK = frozenset({".", "!", "?", '"', "“", "”", ":", ";"})
_PERSON = frozenset({"strong", "neutral", "title"})
_HEAD_BREAKS = frozenset({"of", "for", "with", "to", "on", "in", "familiar", "close", "briefed"})


@dataclass(frozen=True)
class SourceInfo:
    """What a SOURCE mention says about its speaker.

    ``name`` is a person's name ("Andrei Klachkov"), an outlet's name ("V1") or, for a
    body or group, the mention without its leading article ("Russian Defence
    Ministry", "local officials"); it is None for unnamed individuals ("a senior
    defense official") and references ("the governor"). ``role`` is the stated
    function ("governor of the southeastern Ukrainian region"). ``surname`` is the
    short form later mentions use ("Klitschko").
    """

    kind: str
    name: str | None = None
    role: str | None = None
    anonymous: bool = False
    surname: str | None = None


class _Lexicon:
    """The parsed sources lexicon: phrase lists for the matchers, word sets for the rules."""

    def __init__(self, data: dict[str, Any], cues: dict[str, Any]) -> None:
        self.lower_phrases: dict[str, list[str]] = {}
        self.cased_phrases: dict[str, list[str]] = {}
        for kind, phrases in _kinds(data["organisations"]):
            self.lower_phrases.setdefault(f"org|{kind}", []).extend(phrases)
        for kind, phrases in _kinds(data["organisations_cased"]):
            self.cased_phrases.setdefault(f"org|{kind}", []).extend(phrases)
        for kind, phrases in _kinds(data["people_cased"]):
            self.cased_phrases.setdefault(f"{_PEOPLE}|{kind}", []).extend(phrases)
        roles = data["roles"]
        for cls in ("strong", "neutral"):
            for kind, phrases in _kinds(roles[cls]):
                self.lower_phrases.setdefault(f"{cls}|{kind}", []).extend(phrases)
        self.media_tails = frozenset(data["media_name_tails"]["words"])
        self.cased_phrases.setdefault(f"org|{MEDIA}", []).extend(sorted(self.media_tails))
        body_tails = _kinds(data["body_name_tails"])
        for kind, words in body_tails:
            self.cased_phrases.setdefault(f"org|{kind}", []).extend(words)
        #: words that name a body or outlet only after its name ("ABC News", "Budget Office")
        self.name_tails = _lower_set(list(self.media_tails) + [w for _, words in body_tails for w in words])
        for kind, phrases in _kinds(data["titles"]):
            self.cased_phrases.setdefault(f"title|{kind}", []).extend(phrases)
        self.lower_phrases["document|"] = list(data["documents"]["heads"])
        self.lower_phrases[_BLOCK] = list(data["blocked"]["phrases"])
        self.lower_phrases[_MARKER] = list(data["anonymity_markers"])

        self.anon_heads = _lower_set(roles["anonymous_if_unnamed"]["heads"])
        self.anon_dets = _lower_set(roles["anonymous_if_unnamed"]["determiners"])
        self.media_heads = _lower_set(roles["media_heads"])
        self.document_modifiers = _lower_set(data["documents"]["modifiers"])
        self.reference_heads = _lower_set(data["reference_heads"])
        self.antecedent_heads = _lower_set(data["antecedent_heads"])
        self.noun_only = _lower_set(data["noun_only"]["heads"])
        self.org_tails = _lower_set(data["org_tails"]["words"])
        self.followers = _lower_set(data["noun_only"]["followers"])
        # One lexicon of reporting verbs for the whole library: the cue lexicon, plus
        # "according", which opens "according to" after a mention.
        self.reporting_verbs = _lower_set(cues["verb"] + ["according"])
        self.pronouns = _lower_set(data["pronouns"])
        self.pronoun_adverbs = _lower_set(data["pronoun_adverbs"])
        dets = data["determiners"]
        self.definite = _lower_set(dets["definite"])
        self.possessive = _lower_set(dets["possessive"])
        self.determiners = self.definite | _lower_set(dets["indefinite"])
        names = data["names"]
        self.modifiers = {w.lower(): kind for kind, words in _kinds(data["modifiers"]) for w in words}
        self.function_words = _lower_set(names["function_words"])
        comp = data["complement"]
        self.openers = {tuple(p.lower().split()) for p in comp["openers"]}
        self.stoppers = _lower_set(comp["stoppers"])
        self.complement_max = int(comp["max_tokens"])
        self.verb_suffixes = tuple(comp["verb_suffixes"])
        self.complement_heads = {w.lower(): kind for kind, words in _kinds(comp["heads"]) for w in words}
        self.particles = _lower_set(names["particles"])
        self.name_max = int(names["max_tokens"])
        self.honorifics = _lower_set(names["honorifics"])
        self.needs_context = _lower_set(roles["needs_context"]["heads"])
        persons = [
            _head_word(p)
            for key, ps in self.lower_phrases.items()
            if key.startswith("strong") or (key.startswith("neutral") and not key.endswith("|"))
            for p in ps
        ]
        titles = [
            w
            for key, ps in self.cased_phrases.items()
            if key.startswith("title")
            for p in ps
            for w in p.split()
        ]
        #: head words of roles held by people ("spokesman", "governor", "sources")
        self.person_words = _lower_set(persons) - self.function_words
        #: role words written in lower case in a role ("Governor" -> "governor"), incl. outlets
        self.role_words = self.person_words | {_head_word(p) for p in self.media_heads}
        self.name_openers = self.role_words | _lower_set(titles) | self.honorifics
        self.credentials = _lower_set(names["credentials"])
        self.non_name_words = _lower_set(names["non_name_words"]) | self.name_openers | self.credentials
        self.place_prepositions = _lower_set(data["prepositions_before_place"])
        self.witness_events = _lower_set(data["witness_events"])
        self.candidate_followers = _lower_set(data["candidate_followers"]["words"])
        self.company_suffixes = frozenset(data["organisations_cased"]["organization"])
        #: lowercase roles a person's name follows ("correspondent Tareq Abu Azzoum")
        self.name_roles = frozenset(w for w in self.person_words if w.islower()) | _lower_set(
            names["media_roles"]
        )


def _kinds(section: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """The ``kind -> phrases`` pairs of a lexicon section, skipping ``_doc`` notes."""
    return [(kind, phrases) for kind, phrases in section.items() if not kind.startswith("_")]


def _head_word(phrase: str) -> str:
    """The head of a role phrase: its last word before a complement ("minister of
    defense" -> "minister", "people familiar with" -> "people")."""
    words = phrase.split()
    for k, word in enumerate(words[1:], 1):
        if word.lower() in _HEAD_BREAKS:
            return words[k - 1]
    return words[-1]


def _lower_set(words: list[str]) -> frozenset[str]:
    return frozenset(w.lower() for w in words)


@lru_cache(maxsize=8)
def _lexicon(data_dir: Path) -> _Lexicon:
    return _Lexicon(load_data(LEXICON, data_dir), load_data("lexicons/cues.json", data_dir))


@lru_cache(maxsize=8)
def _lexicon_for(data_dir: Path | None) -> _Lexicon:
    """The lexicon of a models folder given as the caller wrote it; resolving the path
    (a file-system call) happens once per folder, not once per described mention."""
    return _lexicon(models_dir(data_dir).resolve())


@dataclass(frozen=True)
class _Anchor:
    """A lexicon match: ``cls`` is org/strong/neutral/title/document, ``key`` its lowercase text."""

    start: int
    end: int
    cls: str
    kind: str
    key: str


@dataclass
class _Chunk:
    """A mention under construction, with the parts the kind and reference rules need."""

    start: int
    end: int
    parts: list[_Anchor]
    det: str | None = None
    mod_kinds: list[str] = field(default_factory=list)
    name: tuple[int, int] | None = None
    complement: tuple[int, int] | None = None
    kind: str = ""
    kb: str = ENTITY

    @property
    def head(self) -> _Anchor:
        return self.parts[-1]


class SourceRecognizer:
    """Finds SOURCE mentions; see the module docstring for the span contract."""

    def __init__(self, nlp: Language, data_dir: Path) -> None:
        self.lex = _lexicon(Path(data_dir).resolve())
        self.places = load_gazetteer(data_dir).names  # a name next to a cue may be a place
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.cased = PhraseMatcher(nlp.vocab, attr="ORTH")
        for matcher, table, cased in (
            (self.lower, self.lex.lower_phrases, False),
            (self.cased, self.lex.cased_phrases, True),
        ):
            for key, phrases in table.items():
                matcher.add(key, _pattern_docs(nlp, phrases, cased))
        strings = nlp.vocab.strings
        self.pronoun_hashes = frozenset(strings.add(p) for p in sorted(self.lex.pronouns))
        self.candidate_hashes = frozenset(strings.add(w) for w in sorted(self.lex.candidate_followers))
        self.verb_hashes = frozenset(strings.add(v) for v in sorted(self.lex.reporting_verbs) if " " not in v)

    def __call__(self, doc: Doc) -> list[Span]:
        anchors, markers = self._anchors(doc)
        people = [a for a in anchors if a.cls == _PEOPLE]
        anchors = [a for a in anchors if a.cls != _PEOPLE]
        by_start = {a.start: a for a in anchors}
        chunks: list[_Chunk] = []
        floor = 0
        for anchor in anchors:
            if anchor.start < floor:
                continue
            chunk = self._build(doc, anchor, by_start, floor)
            if chunk is None:
                continue
            self._appositive_before(doc, chunk, chunks, floor)
            self._resolve(doc, chunk, chunks, anchors, markers)
            chunks.append(chunk)
            floor = chunk.end
        spans = [Span(doc, c.start, c.end, label=SOURCE, kb_id=c.kb, span_id=c.kind) for c in chunks]
        spans += self._pronouns(doc, spans)
        spans += self._aged_people(doc, spans)
        spans += self._surnames(doc, spans)
        spans += self._people(doc, spans, people)
        named, extended = self._cue_names(doc, spans)
        named = _refer_to_roles(doc, named, extended)
        spans += named
        spans += self._surnames(doc, spans, named + extended)
        spans += self._outlet_acronyms(doc, spans)
        spans.sort(key=lambda s: s.start)
        return self._candidates(doc, self._company_short_names(doc, spans))

    def _candidates(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """A person named without a role whose surname also names a campaign, a rally or
        supporters ("the Harris campaign", "Trump supporters") speaks as a politician."""
        if not any(s.id_ == PERSON for s in spans):
            return spans
        surnames = {
            doc[i - 1].orth
            for i in _positions(doc, self.candidate_hashes)
            if i > 0 and _capitalized(doc[i - 1]) and doc[i - 1].lower_ not in self.lex.function_words
        }
        if not surnames:
            return spans
        return [
            Span(doc, s.start, s.end, label=SOURCE, kb_id=s.kb_id_, span_id="politician")
            if s.id_ == PERSON and s[-1].orth in surnames and s[-1].text[:1].isupper()
            else s
            for s in spans
        ]

    def _outlet_acronyms(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """An outlet named with an acronym and a tail ("ABC News", "CBS News") is later
        called by the acronym alone ("ABC reported"): those mentions refer to it."""
        acronyms = {}
        for span in spans:
            words = [t for t in span if t.lower_ not in self.lex.determiners]
            if (
                span.id_ == MEDIA
                and len(words) == 2
                and words[1].text in self.lex.media_tails
                and words[0].text.isalpha()
                and words[0].text.isupper()
            ):
                acronyms.setdefault(words[0].orth, span.end)
        if not acronyms:
            return []
        taken = _covered(spans)
        return [
            Span(doc, i, i + 1, label=SOURCE, kb_id=REFERENCE, span_id=MEDIA)
            for i, orth in enumerate(doc.to_array(ORTH).tolist())
            if orth in acronyms and i >= acronyms[orth] and i not in taken
        ]

    def _company_short_names(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """A company named with its suffix ("Thomson Reuters Corp", "Acme Holdings") is
        later called by the name without it: such a later mention is that company, an
        ``organization``, whatever a lexicon says of its words ("Reuters" is an outlet)."""
        short: dict[str, str] = {}
        out = []
        for span in spans:
            words = [t.text for t in span if t.lower_ not in self.lex.determiners]
            if span.kb_id_ == ENTITY and span.id_ == "organization" and len(words) > 1:
                if words[-1] in self.lex.company_suffixes:
                    short.setdefault(" ".join(words[:-1]), span.id_)
                    out.append(span)
                    continue
            kind = short.get(" ".join(words))
            if kind is not None and kind != span.id_:
                span = Span(doc, span.start, span.end, label=SOURCE, kb_id=span.kb_id_, span_id=kind)
            out.append(span)
        return out

    # -- anchors -------------------------------------------------------------------

    def _anchors(self, doc: Doc) -> tuple[list[_Anchor], list[int]]:
        """Non-overlapping lexicon matches (longest first, blocked phrases removed) and
        the token starts of anonymity markers."""
        strings = doc.vocab.strings
        found = [(strings[m], s, e) for m, s, e in self.lower(doc)]
        found += [(strings[m], s, e) for m, s, e in self.cased(doc)]
        markers = sorted(s for key, s, _ in found if key == _MARKER)
        spans = filter_spans([Span(doc, s, e, label=key) for key, s, e in found if key != _MARKER])
        anchors = []
        for span in spans:
            if span.label_ == _BLOCK or _hyphen_attached(doc, span.start, span.end):
                continue
            cls, kind = span.label_.split("|")
            anchors.append(_Anchor(span.start, span.end, cls, kind, span.text.lower()))
        return anchors, markers

    # -- building one mention ---------------------------------------------------------

    def _build(self, doc: Doc, anchor: _Anchor, by_start: dict[int, _Anchor], floor: int) -> _Chunk | None:
        lex = self.lex
        if anchor.cls == "document":
            start, det, _ = self._left(doc, anchor.start, floor, lex.document_modifiers)
            if det in ("a", "an") and any(_capitalized(t) for t in doc[start + 1 : anchor.start]):
                # "a USA Today report", "a new Pew Research Center survey": a document of its own;
                # an outlet's own ("an ABC News analysis of air force data") is the outlet speaking
                owner = [by_start[k] for k in range(start + 1, anchor.start) if k in by_start]
                kind = MEDIA if any(a.kind == MEDIA for a in owner) else DOCUMENT
                chunk = _Chunk(start, anchor.end, [anchor], det=det, kind=kind)
                if chunk.end < len(doc) and doc[chunk.end].lower_ in ("of", "by", "on"):
                    chunk.complement = self._complement(doc, chunk.end)
                    if chunk.complement:
                        chunk.end = chunk.complement[1]
                return chunk
            if det not in lex.definite:
                return None
            return _Chunk(start, anchor.end, [anchor], det=det, kb=REFERENCE)
        chunk = _Chunk(anchor.start, anchor.end, [anchor])
        self._chain(doc, chunk, by_start)
        head = chunk.head
        if self._takes_name(head):
            chunk.name = _name_after(doc, chunk.end, lex, by_start)
        if chunk.name:
            chunk.end = chunk.name[1]
        elif head.cls == "title":
            return None
        elif head.key in lex.noun_only and not self._noun_follows(doc, chunk.end):
            return None
        chunk.start, chunk.det, chunk.mod_kinds = self._left(doc, chunk.start, floor, frozenset())
        if (
            head.key in lex.name_tails
            and len(chunk.parts) == 1
            and chunk.end == head.end
            and not any(
                _capitalized(t) and t.lower_ not in lex.function_words for t in doc[chunk.start : head.start]
            )
        ):
            return None  # "Today, officials said", "Office hours": no name before the tail
        if chunk.name is None and head.cls in ("strong", "neutral"):
            chunk.complement = self._complement(doc, chunk.end)
            if chunk.complement:
                chunk.end = chunk.complement[1]
            self._appositive_after(doc, chunk, by_start)
        if head.key in lex.needs_context and not (
            chunk.name or chunk.complement or len(chunk.parts) > 1 or any(chunk.mod_kinds)
        ):
            return None  # "my head", "the deputy": not a speaker by itself
        if head.kind == "media" and chunk.det in lex.possessive:
            return None  # "his Telegram channel": where it was said, not who said it
        return chunk

    def _chain(self, doc: Doc, chunk: _Chunk, by_start: dict[int, _Anchor]) -> None:
        """Extend over anchors that continue the mention: "(MoD) press service",
        "IDF spokesman Rear Admiral", "the ministry's press service", "General Staff of
        the Armed Forces of Ukraine", "spokesman and information minister Khalid"."""
        n = len(doc)
        while True:
            j = chunk.end
            last = chunk.head
            if last.cls == "org" and _paren_acronym(doc, j):
                j = chunk.end = j + 3
            possessive = j < n and doc[j].text in _POSSESSIVES
            k = j + 1 if possessive else j
            if possessive:  # "the agency's principal deputy director": adjectives before the role
                while k < n and k - j <= MAX_ROLE_ADJECTIVES and k not in by_start and doc[k].is_lower:
                    k += 1
            nxt = by_start.get(k)
            if nxt and _continues(last, nxt, possessive):
                chunk.parts.append(nxt)
                chunk.end = nxt.end
                continue
            if j >= n:
                return
            word = doc[j].lower_
            if last.cls == "org" and word in self.lex.org_tails and not possessive:
                chunk.end = j + 1  # "Gaza's Civil Defence agency"
                return
            if last.cls == "org" and word == "in" and not possessive:
                end = self._place_before_cue(doc, j + 1)
                if end is not None:
                    chunk.end = end  # "the Health Ministry in Hamas-run Gaza said": the body's seat
                return
            if last.cls == "org" and word == "of":
                k = j + 1 + (j + 1 < n and doc[j + 1].lower_ == "the")
                nxt = by_start.get(k)
                if nxt and nxt.cls == "org" and last.kind == DOCUMENT:
                    chunk.end = nxt.end  # "an analysis of hospital figures": the work stays the head
                    return
                if nxt and nxt.cls == "org":
                    chunk.parts.append(nxt)
                    chunk.end = nxt.end
                    continue
                run = _capitalized_run(doc, k, self.lex)
                if run:
                    chunk.end = run
                    continue
            if last.cls in _PERSON and word == "and":
                k = j + 1
                while k < n and k - j <= 2 and doc[k].lower_ in self.lex.modifiers:
                    k += 1
                nxt = by_start.get(k)
                if nxt and nxt.cls in _PERSON and _name_after(doc, nxt.end, self.lex, by_start):
                    chunk.parts.append(nxt)
                    chunk.end = nxt.end
                    continue
            return

    def _place_before_cue(self, doc: Doc, i: int) -> int | None:
        """End of a short capitalized place name from ``i`` ("Gaza", "Hamas-run Gaza", "New
        York") that a reporting verb follows, else None."""
        n, j = len(doc), i
        while j < n and j - i < MAX_SEAT_TOKENS:
            token = doc[j]
            glued = token.text == "-" and not doc[j - 1].whitespace_ and not token.whitespace_
            if not (glued or (_capitalized(token) and token.lower_ not in self.lex.function_words)):
                if glued or token.is_lower and j > i and doc[j - 1].text == "-":
                    j += 1  # "Hamas-run"
                    continue
                break
            j += 1
        if j == i or j >= n or doc[j].lower_ not in self.lex.reporting_verbs:
            return None
        return j

    def _takes_name(self, head: _Anchor) -> bool:
        if head.cls == "title" or head.key in self.lex.media_heads:
            return True
        plural = head.key.endswith("s") and not head.key.endswith("ss")
        return head.cls in ("strong", "neutral") and not plural

    def _noun_follows(self, doc: Doc, i: int) -> bool:
        """Whether a head that doubles as a modifier ("military", "police") is a noun here."""
        if i >= len(doc):
            return True
        token = doc[i]
        if token.text == "-" and not doc[i - 1].whitespace_:
            return False
        return token.is_punct or token.is_space or token.lower_ in self.lex.followers

    def _left(
        self, doc: Doc, start: int, floor: int, extra: frozenset[str]
    ) -> tuple[int, str | None, list[str]]:
        """Grow a mention leftwards over modifiers, capitalized words, possessives
        ("Russia's") and hyphenated units ("73-year-old", "Houthi-run"), stopping after
        a determiner. Returns the new start, the determiner and the modifiers' kinds."""
        lex = self.lex
        new_start, i, kinds = start, start - 1, []
        while i >= floor and start - i <= 8:
            token = doc[i]
            low = token.lower_
            if token.is_space:
                break
            if low in lex.determiners:
                return i, low, kinds
            unit = _hyphen_unit_start(doc, i, floor)
            if unit < i:
                pieces = [doc[k] for k in range(unit, i + 1, 2)]
                joined = doc[unit : i + 1].text.lower()
                if joined in lex.modifiers or any(
                    _capitalized(p) or p.like_num or p.lower_ in lex.modifiers for p in pieces
                ):
                    kinds.append(lex.modifiers.get(joined, ""))
                    new_start, i = unit, unit - 1
                    continue
                break
            if (
                low in _POSSESSIVES
                and i - 1 >= floor
                and _capitalized(doc[i - 1])
                and doc[i - 1].lower_ not in lex.function_words
            ):
                new_start, i = i - 1, i - 2
                continue
            if low in lex.modifiers or low in extra or low[:1].isdigit():
                kinds.append(lex.modifiers.get(low, ""))
                new_start, i = i, i - 1
                continue
            if (
                _capitalized(token)
                and low not in lex.function_words
                and not (_sentence_initial(doc, i) and low.endswith(("ing", "ly", "ed")))
            ):
                new_start, i = i, i - 1
                continue
            break
        return new_start, None, kinds

    def _complement(self, doc: Doc, i: int) -> tuple[int, int] | None:
        """A role's complement: "of the southeastern Ukrainian region", "close to the
        ministry", "at the Kyiv Institute of Strategic Studies"."""
        lex, n = self.lex, len(doc)
        width = next(
            (w for w in (2, 1) if i + w <= n and tuple(t.lower_ for t in doc[i : i + w]) in lex.openers), 0
        )
        if not width:
            return None
        j = i + width
        infinitive = j < n and not (_capitalized(doc[j]) or doc[j].lower_ in lex.determiners)
        if doc[i].lower_ == "to" and width == 1 and infinitive:
            return None  # "adviser to the president", not "Democrats to fill buses": an infinitive
        while j < n:
            if j - i > lex.complement_max:
                return None  # no clear end: rather no complement than a run-on one
            token = doc[j]
            low = token.lower_
            if token.text == "-" and not doc[j - 1].whitespace_ and not token.whitespace_:
                j += 1
                continue
            if (
                token.is_space
                or (token.is_punct and low not in _POSSESSIVES)
                or low in lex.stoppers
                or low in lex.reporting_verbs
            ):
                break
            if low == "and" and not (j + 1 < n and _capitalized(doc[j + 1])):
                break
            if self._verb_after_name(doc, j):
                break
            j += 1
        while j > i + width and doc[j - 1].lower_ in lex.determiners | {"and", "of"}:
            j -= 1
        return (i, j) if j > i + width else None

    def _verb_after_name(self, doc: Doc, j: int) -> bool:
        """Token ``j`` is the speaker's own verb after the name ending a complement:
        "officials in Kazan closed the airport" (a lowercase "-ed" word right after a
        capitalized one; "Russian-occupied", with its hyphen, is no such word)."""
        token = doc[j]
        return (
            token.is_lower
            and token.lower_.endswith(self.lex.verb_suffixes)
            and _capitalized(doc[j - 1])
            and doc[j - 1].whitespace_ != ""
        )

    def _appositive_after(self, doc: Doc, chunk: _Chunk, by_start: dict[int, _Anchor]) -> None:
        """Take the name after a comma: "the regional governor, Oleksandr Prokudin, said",
        "the Pentagon's press secretary, Maj. Gen. Pat Ryder, said"."""
        n, i = len(doc), chunk.end
        if chunk.head.key in self.lex.media_heads or i + 1 >= n or doc[i].text != ",":
            return
        title = by_start.get(i + 1)
        first = title.end if title is not None and title.cls == "title" else i + 1
        name = _name_after(doc, first, self.lex, by_start, skip_space=False)
        if not name:
            return
        after = doc[name[1]] if name[1] < n else None
        if after is None or after.text in _CLAUSE_END or after.lower_ in self.lex.reporting_verbs:
            chunk.name, chunk.end = name, name[1]

    def _appositive_before(self, doc: Doc, chunk: _Chunk, chunks: list[_Chunk], floor: int) -> None:
        """Join a name before a comma to the role after it: "Vyacheslav Gladkov, the
        Belgorod Oblast governor", "Dr. Elena Petrova, a defense analyst ..."."""
        lex, n = self.lex, len(doc)
        start = chunk.start
        if (
            chunk.name
            or chunk.head.cls not in ("strong", "neutral")
            or start < 2
            or doc[start - 1].text != ","
        ):
            return
        after = doc[chunk.end] if chunk.end < n else None
        tail = None
        if not (chunk.complement or after is None or after.text in _CLAUSE_END or after.lower_ == "who"):
            tail = self._appositive_tail(doc, chunk.end)
            if tail is None:
                return  # "In Kherson, the governor said": a clause, not an appositive
        prev = chunks[-1] if chunks else None
        if prev and prev.end == start - 1 and prev.name and all(p.cls == "title" for p in prev.parts):
            chunks.pop()
            chunk.start, chunk.name, chunk.parts = prev.start, prev.name, prev.parts + chunk.parts
            return
        comma = start - 1
        while comma - 2 >= floor and doc[comma - 1].lower_ in lex.credentials and doc[comma - 2].text == ",":
            comma -= 2  # "Nirav Shah, MD, JD, the agency's deputy director"
        name = _name_before(doc, comma, floor, lex)
        if name is None:
            return
        before = doc[name[0] - 1] if name[0] > 0 else None
        if before is not None and before.lower_ in lex.place_prepositions:
            return
        chunk.start, chunk.name = name[0], name
        if tail is not None:
            chunk.end = tail

    def _appositive_tail(self, doc: Doc, i: int) -> int | None:
        """The comma closing a role's free-form description when a reporting verb follows
        it ("Mark Galeotti, an expert on Russian security, said"): the description belongs
        to the appositive. None when punctuation or too many words come first."""
        for j in range(i, min(len(doc) - 1, i + self.lex.complement_max)):
            token = doc[j]
            if token.text == ",":
                return j if doc[j + 1].lower_ in self.lex.reporting_verbs else None
            if token.is_punct or token.is_space or token.lower_ in self.lex.reporting_verbs:
                return None
        return None

    # -- kind and reference ---------------------------------------------------------

    def _resolve(
        self, doc: Doc, chunk: _Chunk, chunks: list[_Chunk], anchors: list[_Anchor], markers: list[int]
    ) -> None:
        """Set ``chunk.kind`` and ``chunk.kb`` from its head, modifiers, complement,
        earlier mentions and the anonymity phrases after it."""
        lex, head = self.lex, chunk.head
        if head.cls == "document":
            return  # a reference ("the statement") or a document named by its owner
        kind = head.kind
        if kind == DOCUMENT and any(p.kind == MEDIA for p in chunk.parts[:-1]):
            kind = MEDIA  # "an ABC News analysis of …", "a Reuters survey": the outlet's own work
        if head.cls == "neutral":
            steer = [p.kind for p in reversed(chunk.parts[:-1])] + list(chunk.mod_kinds)
            steer.append(self._complement_kind(doc, chunk, anchors))
            kind = next((k for k in steer if k), head.kind)
        content = doc[chunk.start + (chunk.det is not None) : chunk.end].text
        lowercase = chunk.name is None and content == content.lower()
        if head.key in lex.antecedent_heads and lowercase:
            kind = _antecedent_kind(chunks, kind)
        anonymous = kind == ANONYMOUS or (
            chunk.name is None and head.key in lex.anon_heads and chunk.det in lex.anon_dets
        )
        k = bisect.bisect_left(markers, chunk.end)  # markers are in text order
        if head.cls in _PERSON and k < len(markers) and markers[k] <= chunk.end + 3:
            anonymous = True
        if kind == PERSON and chunk.name and _aged(doc, chunk.name[1]):
            kind = self._aged_kind(doc)  # "Iryna, a 41-year-old nurse": residents, voters
        chunk.kind = ANONYMOUS if anonymous else kind
        if lowercase and chunk.det in lex.definite and head.key in lex.reference_heads:
            chunk.kb = REFERENCE

    def _complement_kind(self, doc: Doc, chunk: _Chunk, anchors: list[_Anchor]) -> str:
        if not chunk.complement:
            return ""
        s, e = chunk.complement
        for anchor in anchors:
            if s <= anchor.start and anchor.end <= e and anchor.kind and anchor.cls != "document":
                return anchor.kind
        return next(
            (self.lex.complement_heads[t.lower_] for t in doc[s:e] if t.lower_ in self.lex.complement_heads),
            "",
        )

    # -- pronouns and later surnames ----------------------------------------------------

    def _pronouns(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """Pronouns before a reporting verb ("he said", "they later added"), kind
        unknown. Hand-written over one vectorized lookup because a token Matcher with
        IN-sets cost half the recognizer's time evaluating every token."""
        lex, n = self.lex, len(doc)
        taken = _covered(spans)
        found = []
        for i in _positions(doc, self.pronoun_hashes):
            j = i + 1
            if j < n and doc[j].lower_ in lex.pronoun_adverbs:
                j += 1
            if i not in taken and j < n and doc[j].lower_ in lex.reporting_verbs:
                found.append(Span(doc, i, i + 1, label=SOURCE, kb_id=PRONOUN, span_id=""))
        return found

    def _aged_kind(self, doc: Doc) -> str:
        """A private person named with an age speaks as a witness in a report of an event
        a person can witness (``witness_events``: a strike, a blast, a quake), else as a
        person giving an opinion (voters at a rally). Looked up once per document."""
        seen = doc.user_data.get(_WITNESS_EVENTS_KEY)
        if seen is None:
            seen = any(t.lower_ in self.lex.witness_events for t in doc)
            doc.user_data[_WITNESS_EVENTS_KEY] = seen
        return WITNESS if seen else PERSON

    def _aged_people(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """Private people quoted with their age, a news convention for residents and
        eyewitnesses: "said Oksana Hrytsenko, 54, whose flat was damaged", "Svitlana, 62,
        told Reuters", "Dan Roe, 66, who was at the rally, said". Their kind: ``_aged_kind``."""
        lex, n = self.lex, len(doc)
        taken = _covered(spans)
        found = []
        for i in _positions(doc, self.verb_hashes):
            after = _name_after(doc, i + 1, lex, {}) if i + 1 < n else None
            if after is not None and _aged(doc, after[1]):
                name = after
            else:
                if i < 5 or doc[i - 1].text != ",":
                    continue
                # "<name> , <age> , said" or "<name> , <age> , who came to the rally , said"
                aside = _aside_start(doc, i - 1, max(0, i - MAX_NAME_ASIDE - 2))
                age_comma = next((c - 2 for c in (i - 1, aside) if c is not None and _aged(doc, c - 2)), None)
                name = _name_before(doc, age_comma, 0, lex) if age_comma is not None else None
                if name is None:
                    continue
            if not any(k in taken for k in range(*name)):
                kind = self._aged_kind(doc)
                found.append(Span(doc, name[0], name[1], label=SOURCE, kb_id=ENTITY, span_id=kind))
                taken.update(range(*name))
        return found

    def _people(self, doc: Doc, spans: list[Span], people: list[_Anchor]) -> list[Span]:
        """Prominent people named without a role ("Zelenskiy said", "Vyacheslav Gladkov
        wrote"), with the kind they speak as; a role mention ("Governor Vyacheslav
        Gladkov") or an earlier full mention has already taken the others."""
        taken = _covered(spans)
        found = []
        for a in people:
            if any(i in taken for i in range(a.start, a.end)):
                continue
            start = a.start
            while start > 0 and start - 1 not in taken and _is_name(doc[start - 1], self.lex):
                start -= 1  # the first name: "Vyacheslav Gladkov"
            found.append(Span(doc, start, a.end, label=SOURCE, kb_id=ENTITY, span_id=a.kind))
        return found

    def _cue_names(self, doc: Doc, spans: list[Span]) -> tuple[list[Span], list[Span]]:
        """Speakers known only by the shape of the text: a capitalized name right before
        a reporting verb ("Mitch McConnell said", "Starmer also told"), before the aside
        that separates it from the verb ("Adam Smith, referring to his father, said"),
        before a relative clause ("Jane Doe, who chairs the board, said"), or right after
        the verb or "according to" ("said John Smith.", "according to Maria Lopez").
        A name ending in a company word ("Acme Corp") was taken by the lexicon; another
        name is a ``person`` until its role says more. Returns the new mentions and the
        role mentions a name completed ("Al Jazeera's Rob McBride")."""
        lex, n = self.lex, len(doc)
        taken = _covered(spans)
        found: list[Span] = []
        ends = {span.end: k for k, span in enumerate(spans)}

        starts = {span.start: k for k, span in enumerate(spans)}
        extended: list[Span] = []  # role mentions a name completed: antecedents of surnames

        def add(name: tuple[int, int] | None) -> None:
            if name is None or self._place(doc, *name):
                return
            inside = starts.get(name[0])
            if (
                inside is not None
                and spans[inside].end < name[1]
                and not any(k in taken for k in range(spans[inside].end, name[1]))
            ):
                # "Bloomberg News reported": the name goes on past a listed outlet or body
                known = spans[inside]
                spans[inside] = Span(
                    doc, known.start, name[1], label=SOURCE, kb_id=known.kb_id_, span_id=known.id_
                )
                taken.update(range(*name))
                return
            if any(k in taken for k in range(*name)):
                return
            before = ends.get(name[0])
            if before is None and name[0] > 1 and doc[name[0] - 1].text in _POSSESSIVES:
                owner = ends.get(name[0] - 1)  # "Al Jazeera's Rob McBride", "Acme's Jane Roe"
                if owner is not None and spans[owner].id_ in _PEOPLE_OWNERS:
                    before = owner
            if (
                before is not None
                and (doc[name[0] - 1].is_lower or doc[name[0] - 1].text in _POSSESSIVES)
                and spans[before].kb_id_ == ENTITY
            ):
                # "Al Jazeera correspondent Tareq Abu Azzoum": the name completes the role
                role = spans[before]
                spans[before] = Span(doc, role.start, name[1], label=SOURCE, kb_id=ENTITY, span_id=role.id_)
                extended.append(spans[before])
            else:
                found.append(Span(doc, name[0], name[1], label=SOURCE, kb_id=ENTITY, span_id=PERSON))
            taken.update(range(*name))

        for i in _positions(doc, self.verb_hashes):
            if doc[i].text[:1].isupper() and not _sentence_initial(doc, i):
                continue  # part of a name: "the United States", "Says Street"
            if doc[i].lower_ == "according":
                if i + 1 < n and doc[i + 1].lower_ == "to":
                    add(self._name_closing(doc, i + 2))
                continue
            j = i
            while j > 0 and doc[j - 1].lower_ in lex.pronoun_adverbs:
                j -= 1
            floor = max(0, j - 2 * lex.name_max - MAX_NAME_ASIDE)
            if j > 0 and doc[j - 1].text == ",":
                comma = _aside_start(doc, j - 1, floor)
                if comma is not None:
                    add(_name_before(doc, comma, floor, lex))
            elif j > 0 and _is_name(doc[j - 1], lex):
                add(_name_before(doc, j, floor, lex))
            add(self._name_closing(doc, i + 1))
        return self._full_names(doc, sorted(found, key=lambda s: s.start), taken), extended

    def _full_names(self, doc: Doc, found: list[Span], taken: set[int]) -> list[Span]:
        """A one-word name next to a cue is a surname ("Sanders said") when the document
        named the person in full before, next to a cue or not ("Bernie Sanders spoke
        first."): the bare mention becomes a reference to that full mention."""
        out: list[Span] = []
        full: dict[int, int] = {}  # surname orth -> end of the full mention seen first
        orths = None
        searched: set[int] = set()
        longest: dict[int, Span] = {}  # last orth -> the first multiword name ending in it
        for span in found:
            if len(span) > 1:
                first = longest.get(span[-1].orth)
                if first is not None and len(first) > len(span) and first[-len(span) :].text == span.text:
                    # "Abu Khalil said" after "Omar Abu Khalil": the tail of the full name
                    kb, kind = REFERENCE, span.id_
                    out.append(Span(doc, span.start, span.end, label=SOURCE, kb_id=kb, span_id=kind))
                    continue
                longest.setdefault(span[-1].orth, span)
                full.setdefault(span[-1].orth, span.end)
                out.append(span)
                continue
            orth = span[0].orth
            if orth not in full and orth not in searched:
                searched.add(orth)  # one look back per word: the first full mention is before
                if orths is None:
                    orths = doc.to_array([ORTH])
                for p in numpy.flatnonzero(orths[: span.start] == orth).tolist():
                    name = _name_before(doc, p + 1, max(0, p - self.lex.name_max), self.lex)
                    if name and name[1] - name[0] > 1 and not any(k in taken for k in range(*name)):
                        out.append(Span(doc, name[0], name[1], label=SOURCE, kb_id=ENTITY, span_id=PERSON))
                        taken.update(range(*name))
                        full[orth] = name[1]
                        break
            kb = REFERENCE if full.get(orth, span.end) < span.end else ENTITY
            out.append(Span(doc, span.start, span.end, label=SOURCE, kb_id=kb, span_id=span.id_))
        return out

    def _place(self, doc: Doc, start: int, end: int) -> bool:
        """A capitalized name that is a place ("the Houthis in Yemen said", "Gaza said"):
        a country or region, or a one-word town; "Jack London" stays a person."""
        entry = self.places.get(doc[start:end].text)
        return entry is not None and (entry[1] != "place" or end - start == 1)

    def _name_closing(self, doc: Doc, i: int) -> tuple[int, int] | None:
        """The name starting at ``i`` when it closes its clause ('…," said John Smith.',
        "according to Maria Lopez, …"), not when it opens a reported clause ("said Smith
        would resign")."""
        if i >= len(doc) or not _is_name(doc[i], self.lex):
            return None
        name = _name_after(doc, i, self.lex, {}, skip_space=False)
        if name is None:
            return None
        nxt = doc[name[1]] if name[1] < len(doc) else None
        return name if nxt is None or nxt.is_space or nxt.text in _CLAUSE_END else None

    def _surnames(self, doc: Doc, spans: list[Span], antecedents: list[Span] | None = None) -> list[Span]:
        """Bare surnames after a full mention ("Klitschko wrote"), as references;
        ``antecedents`` limits the full mentions looked at (default: all of ``spans``)."""
        taken = _covered(spans)
        orths = doc.to_array([ORTH])
        found: list[Span] = []
        last_at = {orth: i for i, orth in enumerate(orths.tolist())}
        for span in spans if antecedents is None else antecedents:
            # a surname repeats a word of the mention; describing a mention costs far more
            # than checking that one of its words occurs again after it
            if span.kb_id_ != ENTITY or all(last_at[t.orth] < span.end for t in span):
                continue
            info = describe_source(span, lex=self.lex)
            if not info.surname:
                continue
            tail = [doc.vocab.strings.add(w) for w in _split_surname(info.surname)]
            for i in numpy.flatnonzero(orths == tail[0]).tolist():
                end = i + len(tail)
                if i < span.end or end > len(doc) or any(k in taken for k in range(i, end)):
                    continue
                if [t.orth for t in doc[i:end]] == tail:
                    found.append(Span(doc, i, end, label=SOURCE, kb_id=REFERENCE, span_id=span.id_))
                    taken.update(range(i, end))
        return found


# -- describe ---------------------------------------------------------------------------


def describe_source(span: Span, data_dir: Path | None = None, *, lex: _Lexicon | None = None) -> SourceInfo:
    """The speaker behind a SOURCE span: kind (``span.id_``), person or body name,
    role, anonymity and surname. ``data_dir`` selects the lexicon (default: shipped).
    Each mention is described once per lexicon: the entity stage (surnames) and the
    claims stage (speakers) ask for the same mentions."""
    lex = lex or _lexicon_for(data_dir)
    described = _DESCRIBED.get(span.doc)
    if described is None:
        described = _DESCRIBED[span.doc] = {}
    key = (span.start, span.end, span.kb_id, span.id, lex)
    info = described.get(key)
    if info is None:
        info = described[key] = _describe(span, lex)
    return info


#: Per document (dropped with it): ``describe_source`` results by mention and lexicon.
_DESCRIBED: WeakKeyDictionary[Doc, dict[tuple[int, int, int, int, _Lexicon], SourceInfo]]
_DESCRIBED = WeakKeyDictionary()


def _describe(span: Span, lex: _Lexicon) -> SourceInfo:
    kind = span.id_
    anonymous = kind == ANONYMOUS
    if span.kb_id_ == PRONOUN:
        return SourceInfo(kind, anonymous=anonymous)
    tokens = [t for t in span if not t.is_space]
    if (
        span.kb_id_ == REFERENCE
        and tokens
        and all(_capitalized(t) or t.text == "-" or t.lower_ in lex.particles for t in tokens)
    ):
        text = _text(tokens)
        return SourceInfo(kind, name=text, anonymous=anonymous, surname=text)
    comma = next((k for k, t in enumerate(tokens) if t.text == ","), None)
    segments = [tokens] if comma is None else [tokens[:comma], tokens[comma + 1 :]]
    name: list[Token] = []
    for segment in segments:
        name = _segment_name(segment, lex, whole=comma is not None)
        if name:
            break
    taken = {t.i for t in name}
    role: list[str] = []
    for segment in segments:
        part = [t for t in segment if t.i not in taken and t.lower_ not in lex.honorifics]
        if part and part[0].lower_ in lex.determiners:
            part = part[1:]
        if part:
            role.append(_role_text(part, lex))
    role_text = ", ".join(role) or None
    if name:
        return SourceInfo(
            kind, name=_text(name), role=role_text, anonymous=anonymous, surname=_text(_last_unit(name, lex))
        )
    if kind in _NAMED_KINDS and span.kb_id_ == ENTITY and tokens and _run(tokens, lex) == tokens:
        # "Mitch McConnell", "Oksana Hrytsenko" (a witness named with her age)
        return SourceInfo(kind, name=_text(tokens), surname=_text(_last_unit(tokens, lex)))
    tail = _trailing_name(tokens, lex)
    if tail:  # "Al Jazeera correspondent Tareq Abu Azzoum", "the company's lawyer Jane Roe"
        role_text = _role_text(tokens[: len(tokens) - len(tail)], lex) or None
        return SourceInfo(
            kind, name=_text(tail), role=role_text, anonymous=anonymous, surname=_text(_last_unit(tail, lex))
        )
    det = tokens[0].lower_ if tokens and tokens[0].lower_ in lex.determiners else None
    if anonymous or span.kb_id_ == REFERENCE or det in ("a", "an", "one") or _individual(tokens, lex):
        return SourceInfo(kind, role=role_text, anonymous=anonymous)
    return SourceInfo(kind, name=_text(tokens[1:] if det else tokens) or None)


def _refer_to_roles(doc: Doc, named: list[Span], extended: list[Span]) -> list[Span]:
    """A surname next to a cue ("McBride said", "Abu Azzoum said") after a role mention
    its full name completed ("Al Jazeera's Rob McBride") is a reference with that
    mention's kind: the tail of the full name."""
    if not extended:
        return named
    last: dict[int, Span] = {}
    for span in extended:
        last.setdefault(span[-1].orth, span)
    out = []
    for span in named:
        role = last.get(span[-1].orth) if span.kb_id_ == ENTITY else None
        tail = [t.orth for t in span]
        if (
            role is not None
            and role.end <= span.start
            and len(span) < len(role)
            and [t.orth for t in role[len(role) - len(span) :]] == tail
        ):
            span = Span(doc, span.start, span.end, label=SOURCE, kb_id=REFERENCE, span_id=role.id_)
        out.append(span)
    return out


def _trailing_name(tokens: list[Token], lex: _Lexicon) -> list[Token]:
    """The name closing a mention after a lowercase person's role ("correspondent Tareq
    Abu Azzoum", "lawyer Jane Roe"); empty after a body ("the company Naftogaz" names the
    body) or a capitalized word ("the Palestinian Red Crescent")."""
    k = len(tokens)
    while k > 0 and _is_name(tokens[k - 1], lex):
        k -= 1
    if k == 0 or k == len(tokens) or tokens[k - 1].text not in lex.name_roles | _POSSESSIVES:
        return []
    return tokens[k:]


def _aside_start(doc: Doc, comma: int, floor: int) -> int | None:
    """The comma opening the aside closed by the comma at ``comma`` ("Adam Smith,
    referring to his father, said"; "Jane Doe, who chairs the board, said"), when the
    aside holds no other punctuation and no quotation mark; None otherwise."""
    for k in range(comma - 1, max(floor, comma - MAX_NAME_ASIDE - 1), -1):
        token = doc[k]
        if token.text == ",":
            return k if k < comma - 1 else None
        if token.is_punct or token.is_quote or token.is_space:
            return None
    return None


def _aged(doc: Doc, comma: int) -> bool:
    """Tokens from ``comma`` read ", <age>," (or end the sentence after the age), or
    ", a <age>-year-old …" ("said Natalia, a 39-year-old teacher")."""
    n = len(doc)
    if comma + 2 >= n or doc[comma].text != ",":
        return False
    if doc[comma + 1].lower_ in ("a", "an") and comma + 4 < n:
        words = [t.lower_ for t in doc[comma + 2 : comma + 7]]
        return doc[comma + 2].is_digit and words[1:] == ["-", "year", "-", "old"]
    if not doc[comma + 1].is_digit:
        return False
    return int(doc[comma + 1].text) in AGE_RANGE and doc[comma + 2].text in (",", ".", ";")


def _individual(tokens: list[Token], lex: _Lexicon) -> bool:
    """Whether an unnamed mention is one person ("the head of the regional
    administration") rather than a body or group: a singular role word before any
    complement."""
    openers = {words[0] for words in lex.openers}
    for k, token in enumerate(tokens):
        low = token.lower_
        if low in openers:
            return False
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        if nxt is not None and _capitalized(nxt) and nxt.lower_ in lex.non_name_words:
            continue  # part of a body's name: "General Staff", "Chief Command"
        if low in lex.person_words and not (low.endswith("s") and not low.endswith("ss")):
            return True
    return False


def _segment_name(segment: list[Token], lex: _Lexicon, *, whole: bool) -> list[Token]:
    """The person or outlet name in one comma-separated part of a mention: the
    capitalized run right after a title or role word, or (in an appositive) the whole
    part when it is only a name, optionally after an honorific."""
    for k, token in enumerate(segment):
        low = token.lower_
        if low in lex.name_openers:
            run = _run(segment[k + 1 :], lex)
            if run:
                return run
    if whole:
        body = [t for t in segment if t.lower_ not in lex.honorifics]
        if body and _run(body, lex) == body:
            return body
    return _name_after_complement(segment, lex)


def _name_after_complement(segment: list[Token], lex: _Lexicon) -> list[Token]:
    """The name closing a role's complement: "Governor of Belgorod region Vyacheslav
    Gladkov", "head of the city military administration Ihor Terekhov". The name must
    follow the body the complement names (an institutional or lowercase word, not a
    function word), so "analyst at the Institute of Strategic Studies" has none."""
    openers = {words[0] for words in lex.openers}
    k = len(segment)
    while k > 0 and (
        _is_name(segment[k - 1], lex) or (k < len(segment) and _joins_name(segment[k - 1], segment[k], lex))
    ):
        k -= 1
    if k == len(segment) or k < 3 or not any(t.lower_ in openers for t in segment[1 : k - 1]):
        return []
    opener = next(m for m in range(1, k - 1) if segment[m].lower_ in openers)
    if not any(t.lower_ in lex.person_words for t in segment[:opener]):
        return []  # "the Health Ministry in Hamas-run Gaza": a body's seat, not a person's name
    before, name = segment[k - 1], _run(segment[k:], lex)
    # after a capitalized body word ("General Staff", "Belgorod Oblast") only a full name
    # (given name and surname) is taken: a single word may end the body's own name
    body_word = (before.is_lower and before.is_alpha) or (
        before.lower_ in lex.non_name_words and sum(t.is_alpha for t in name) >= 2
    )
    if not body_word or before.lower_ in lex.function_words or before.lower_ in openers:
        return []
    return name


def _run(tokens: list[Token], lex: _Lexicon) -> list[Token]:
    """The name tokens at the start of ``tokens`` (see ``_is_name``)."""
    out: list[Token] = []
    for k, token in enumerate(tokens):
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        if _is_name(token, lex) or (nxt is not None and _joins_name(token, nxt, lex)):
            out.append(token)
        else:
            break
    while out and not _is_name(out[-1], lex):
        out.pop()
    return out


def _role_text(tokens: list[Token], lex: _Lexicon) -> str:
    """The role as written, with role words before any complement in lower case
    ("Belgorod Governor" -> "Belgorod governor")."""
    openers = {words[0] for words in lex.openers}
    out, lowering = [], True
    for token in tokens:
        lowering = lowering and token.lower_ not in openers
        low = token.lower_
        word = low if lowering and low in lex.role_words else token.text
        out.append(word + (token.whitespace_ or ""))
    return " ".join("".join(out).split()).strip(" ,")


# -- token helpers ------------------------------------------------------------------------


def _pattern_docs(nlp: Language, phrases: list[str], cased: bool) -> list[Doc]:
    """Tokenized phrases; uncased phrases also as lower- and title-case so abbreviation
    exceptions tokenize the way they appear in text ("Gov." and "gov.")."""
    seen: set[tuple[str, ...]] = set()
    docs = []
    for phrase in phrases:
        variants = [phrase] if cased else [phrase, phrase.lower(), phrase.title()]
        for variant in dict.fromkeys(variants):  # a lower-case phrase is its own .lower()
            doc = nlp.make_doc(variant)
            key = tuple(t.text if cased else t.lower_ for t in doc)
            if key not in seen:
                seen.add(key)
                docs.append(doc)
    return docs


def _capitalized(token: Token) -> bool:
    text = token.text
    return text[:1].isupper() and any(c.isalpha() for c in text)


def _is_name(token: Token, lex: _Lexicon) -> bool:
    """A word that can be part of a person's or outlet's name (no NER: capitalized,
    not a function, institutional, demonym or role word, not an all-caps dateline)."""
    text = token.text
    if not _capitalized(token) or token.lower_ in lex.function_words or token.lower_ in lex.non_name_words:
        return False
    return not (text.isalpha() and text.isupper() and len(text) >= 3)


def _joins_name(token: Token, nxt: Token, lex: _Lexicon) -> bool:
    """A particle or hyphen inside a name ("al-Aisir", "Abu Mahdi al-Muhandis")."""
    if token.lower_ in lex.particles:
        return nxt.text == "-" or _is_name(nxt, lex)
    return token.text == "-" and not token.whitespace_ and _is_name(nxt, lex)


def _name_after(
    doc: Doc, i: int, lex: _Lexicon, by_start: dict[int, _Anchor], *, skip_space: bool = True
) -> tuple[int, int] | None:
    """The name starting at token ``i`` (after one line break, for "Dr.\\nElena")."""
    n = len(doc)
    if skip_space and i < n and doc[i].is_space and "\n" in doc[i].text:
        i += 1
    if i >= n or not _is_name(doc[i], lex) or i in by_start:
        return None
    j, last = i, None
    while j < n and j - i < lex.name_max * 2:
        token = doc[j]
        if j in by_start and j > i:
            break
        if _is_name(token, lex):
            last = j + 1
        elif not (
            j + 1 < n
            and (_joins_name(token, doc[j + 1], lex) or (token.text == "-" and not doc[j - 1].whitespace_))
        ):
            break
        if token.whitespace_ and not _is_name(token, lex):
            break
        j += 1
    if last is None or sum(1 for t in doc[i:last] if t.is_alpha) > lex.name_max:
        return None
    return i, last


def _name_before(doc: Doc, comma: int, floor: int, lex: _Lexicon) -> tuple[int, int] | None:
    """The name ending just before ``comma`` ("Vyacheslav Gladkov, ...", "Alla, ...")."""
    j = comma - 1
    while j >= floor and (_is_name(doc[j], lex) or (j + 1 < comma and _joins_name(doc[j], doc[j + 1], lex))):
        j -= 1
    start = j + 1
    if start >= comma or not _is_name(doc[start], lex):
        return None
    if sum(1 for t in doc[start:comma] if t.is_alpha) > lex.name_max:
        return None
    return start, comma


def _capitalized_run(doc: Doc, i: int, lex: _Lexicon) -> int | None:
    """End of a run of capitalized words from ``i`` ("of Ukraine", "of the Russian
    Federation"), or None."""
    j = i
    while j < len(doc) and _capitalized(doc[j]) and doc[j].lower_ not in lex.function_words:
        j += 1
    return j if j > i else None


def _hyphen_attached(doc: Doc, start: int, end: int) -> bool:
    """A match glued into a hyphenated modifier ("Kremlin-backed", "pro-Kremlin")."""
    if end < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_:
        return True
    return (
        start >= 2
        and doc[start - 1].text == "-"
        and not doc[start - 1].whitespace_
        and not doc[start - 2].whitespace_
    )


def _hyphen_unit_start(doc: Doc, i: int, floor: int) -> int:
    """First token of the hyphenated word ending at ``i`` ("73-year-old")."""
    while (
        i - 2 >= floor
        and doc[i - 1].text == "-"
        and not doc[i - 1].whitespace_
        and not doc[i - 2].whitespace_
    ):
        i -= 2
    return i


def _paren_acronym(doc: Doc, j: int) -> bool:
    """``(MoD)`` or ``(RSF)`` right after an organisation."""
    if j + 2 >= len(doc) or doc[j].text != "(" or doc[j + 2].text != ")":
        return False
    inner = doc[j + 1].text
    return len(inner) <= 8 and inner.isalnum() and any(c.isupper() for c in inner)


def _continues(last: _Anchor, nxt: _Anchor, possessive: bool) -> bool:
    """Whether anchor ``nxt`` right after ``last`` belongs to the same mention."""
    if "document" in (last.cls, nxt.cls):
        return False
    if possessive:
        return nxt.cls == "neutral"
    if last.cls == "org":
        return True
    return nxt.cls in _PERSON


def _sentence_initial(doc: Doc, i: int) -> bool:
    if i == 0 or doc[i - 1].is_space or doc[i - 1].text in _SENTENCE_BREAK:
        return True
    return doc.has_annotation("SENT_START") and bool(doc[i].is_sent_start)


def _positions(doc: Doc, hashes: frozenset[int]) -> list[int]:
    """Indices of the tokens whose lower-case form is one of ``hashes``. A set look-up
    per token: ``numpy.isin`` costs about a millisecond per call whatever the length,
    most of a one-sentence document's time."""
    return [i for i, h in enumerate(doc.to_array(LOWER).tolist()) if h in hashes]


#: Most source mentions a bare "the ministry" looks back over for the ministry it means.
MAX_ANTECEDENT_CHUNKS = 100


def _antecedent_kind(chunks: list[_Chunk], default: str) -> str:
    """Kind of the last ministry mentioned before a bare "the ministry" (among the
    ``MAX_ANTECEDENT_CHUNKS`` mentions before it: an article holds fewer, and a longer
    document's earlier ones belong to other reports)."""
    for chunk in reversed(chunks[-MAX_ANTECEDENT_CHUNKS:]):
        if chunk.kb == ENTITY and any(
            "ministr" in p.key or p.kind == "ministry_of_defense" for p in chunk.parts
        ):
            return chunk.kind
    return default


def _covered(spans: list[Span]) -> set[int]:
    return {i for span in spans for i in range(span.start, span.end)}


def _text(tokens: list[Token]) -> str:
    """Tokens joined as written, line breaks folded to spaces."""
    out = "".join(t.text + t.whitespace_ if not t.is_space else " " for t in tokens)
    return " ".join(out.split())


def _last_unit(tokens: list[Token], lex: _Lexicon) -> list[Token]:
    """The last word of a name, with its particles ("al-Aisir", "Tareq Abu Azzoum" ->
    "Abu Azzoum"): later mentions keep them."""
    k = len(tokens) - 1
    while k >= 2 and tokens[k - 1].text == "-" and not tokens[k - 2].whitespace_:
        k -= 2
    while k >= 2 and tokens[k - 1].lower_ in lex.particles and tokens[k - 1].whitespace_:
        k -= 1
    return tokens[k:]


def _split_surname(surname: str) -> list[str]:
    """A surname's tokens as the tokenizer splits hyphenated names ("al-Aisir")."""
    out = []
    for word in surname.split():
        for k, piece in enumerate(word.split("-")):
            if k:
                out.append("-")
            out.append(piece)
    return out
