"""Who says it.

An *attribution* pairs a reporting cue with its source mention and records which tokens
of the sentence it governs (its *scope*):

- ``according to X`` / ``as reported by X``: X, for the clause before the cue when the
  cue follows the content ("…, according to the ministry") else for what follows;
- ``X said (that) …`` / ``…, X said`` / ``said X``: the subject or inverted source;
  the scope is the content before the source when it holds the claim and a comma
  separates them, else the content after the cue;
- ``which said`` / ``who said``: the source the relative pronoun follows;
- ``X's statement/report/claim …``: X, for the rest of the sentence.

Short references ("the ministry", "its governor", "he", "Klitschko", "the statement")
resolve to the nearest compatible full mention before them. The *governing* source
(the last reporting institution or official that attributed something) is what an
unattributed follow-on sentence inherits; see :mod:`claimx.claims.assemble`.
"""

from __future__ import annotations

import bisect
import heapq
import re
from dataclasses import dataclass, replace
from pathlib import Path

from spacy.tokens import Span

from ..entities import labels
from ..entities.sources import SourceInfo, describe_source
from ..resources import load_data
from ..schema import Evidence, Mention, Source
from .context import DocContext, Sentence

#: Most full mentions a reference ("the ministry", "he", a surname) looks back over for
#: what it stands for: an article names far fewer, and in a longer document (an archive
#: glued into one record) those further back belong to other reports.
MAX_ANTECEDENTS = 50

#: Source kinds that report events and so govern unattributed follow-on sentences (a report
#: or study named in the lead governs its figures). Analysts and witnesses comment; they
#: never govern.
REPORTERS = {"ministry_of_defense", "military", "governor", "official", "anonymous_official", "media"} | {
    "document"
}
CONTENT = (labels.QUANTITY, labels.NEGATION, labels.EVENT)


@dataclass(frozen=True)
class Attribution:
    """A source with the cue that introduced it and the token range it governs."""

    source: Source
    rule: str
    scope: tuple[int, int]
    cue: Mention | None = None
    antecedent: Source | None = None
    sentence: int = -1

    def evidence(self) -> list[Evidence]:
        notes = [
            Evidence(
                rule=f"source.{self.rule}",
                detail=self.source.kind,
                start=self.source.start,
                end=self.source.end,
            )
        ]
        if self.cue is not None:
            notes.append(
                Evidence(rule="source.cue", detail=self.cue.text, start=self.cue.start, end=self.cue.end)
            )
        if self.antecedent is not None:
            notes.append(
                Evidence(
                    rule="source.antecedent",
                    detail=self.antecedent.text,
                    start=self.antecedent.start,
                    end=self.antecedent.end,
                )
            )
        return notes

    def inherited(self) -> Attribution:
        return replace(self, rule="inherited")


#: A name spelled out with its acronym: "Russian Ministry of Defense (MoD)", from its first
#: capitalized word (at most nine words; no nested quantifiers, so no backtracking blow-up).
ACRONYM_AFTER = re.compile(r"(?:The )?([A-Z][^\s()]*(?: [^\s()]+){0,8}) \(([A-Z][A-Za-z.-]{1,9})\)")

ACRONYM_IN_NAME = re.compile(r" \([A-Z][A-Za-z.-]{1,9}\)")

#: Most tokens in a comma-enclosed aside between a speaker and its cue
#: (", speaking on condition of anonymity,").
MAX_ASIDE = 14
#: Mentions that make a comma-enclosed stretch a clause of its own rather than an aside.
ASIDE_BLOCKERS = (labels.SOURCE, labels.CUE, labels.QUANTITY, labels.EVENT)

#: Auxiliaries of a negated verb ("does not", "did n't", "would never").
NEGATED_AUXILIARIES = frozenset(
    {"do", "does", "did", "would", "could", "will", "can", "may", "might", "should"}
)

#: Most tokens of a described group that speaks ("one of the people familiar").
MAX_GROUP = 6

#: Most tokens from a speaker to its cue over a relative clause ("Jo Hart, 66, who was at
#: the rally here Monday evening, said").
MAX_RELATIVE_SPEAKER = 20

#: Most tokens between a speaker and the participle cue closing its clause ("Sen. Jane Roe
#: praised the bill, saying …"): a longer stretch is more likely a clause of its own.
MAX_PARTICIPLE_CLAUSE = 16

#: Most tokens between a speaker and the "and" before its cue ("Officials closed the
#: airport and said"): a longer first verb phrase is more likely a clause of its own.
MAX_FIRST_VERB_PHRASE = 12


class Attributor:
    """Finds and resolves attributions sentence by sentence, in document order."""

    def __init__(
        self,
        ctx: DocContext,
        grammar: dict[str, frozenset[str]],
        negators: frozenset[str],
        data_dir: Path | None = None,
    ) -> None:
        self.ctx = ctx
        self.g = grammar
        self.report_nouns = frozenset(load_data("lexicons/sources.json", data_dir)["documents"]["heads"])
        cues = load_data("lexicons/cues.json", data_dir)
        self.owner_bodies = frozenset(cues["owner_bodies"])
        self.negatable_beliefs = frozenset(cues["negatable_beliefs"])
        self.groups = {k: frozenset(v) for k, v in cues["group_speakers"].items()}
        self.negators = negators
        self.data_dir = data_dir
        self.sources = ctx.by_label[labels.SOURCE]
        self.entities = [s for s in self.sources if s.kb_id_ == "entity"]  # full mentions
        self.entity_starts = [s.start for s in self.entities]
        self.infos: dict[tuple[int, int], SourceInfo] = {}  # filled on demand: most mentions never speak
        self.governing: Attribution | None = None
        self.org_names: dict[str, str] = load_data("lexicons/org_names.json", data_dir)["names"]
        self.acronyms: dict[str, str] | None = None  # acronym -> the document's spelling
        # per sentence's attribution list (kept, so its id is not reused): see _innermost
        self._innermost_at: dict[int, tuple[list[Attribution], int, list[int | None]]] = {}

    # ----------------------------------------------------------------- resolution
    def _source(self, span: Span, info: SourceInfo, kind: str | None = None) -> Source:
        return Source(
            kind=kind or info.kind or "official",
            name=info.name,
            role=info.role,
            anonymous=info.anonymous,
            text=self.ctx.span_text(span),
            start=span.start_char,
            end=span.end_char,
        )

    def info(self, span: Span) -> SourceInfo:
        key = (span.start, span.end)
        if key not in self.infos:
            info = describe_source(span, self.data_dir)
            if info.name:
                info = replace(info, name=self._canonical(info.name))
            self.infos[key] = info
        return self.infos[key]

    def _canonical(self, name: str) -> str:
        """One name per organisation: an acronym the document spells out ("the Russian
        Ministry of Defense (MoD)" … "the MoD said") takes that spelling, else the lexicon's
        (``org_names.json``: "CENTCOM" → "U.S. Central Command"); a spelled-out name drops
        its acronym."""
        if self.acronyms is None:
            self.acronyms = {}
            for span in self.sources:
                match = ACRONYM_AFTER.search(self.ctx.span_text(span))
                if match is not None:
                    self.acronyms.setdefault(match.group(2), match.group(1))
        if ACRONYM_AFTER.search(name) is not None:
            return ACRONYM_IN_NAME.sub("", name)
        return self.acronyms.get(name) or self.org_names.get(name, name)

    def _entities_before(self, token: int):
        """Full source mentions before ``token``, nearest first, at most
        ``MAX_ANTECEDENTS`` of them."""
        # a mention ending before ``token`` starts before it: skip the later ones by bisection
        last = bisect.bisect_left(self.entity_starts, token) - 1
        for k in range(last, max(-1, last - MAX_ANTECEDENTS), -1):
            span = self.entities[k]
            if span.end <= token:
                yield span

    def resolve(self, span: Span) -> tuple[Source, Source | None]:
        """The source a mention stands for, and the full mention it was resolved to."""
        text = self.ctx.span_text(span)
        if span.label_ == labels.REGION:  # a country speaking for itself: "Israel said"
            return Source(
                kind="official",
                name=text,
                role="government",
                text=text,
                start=span.start_char,
                end=span.end_char,
            ), None
        info = self.info(span)
        if span.kb_id_ == "entity":
            return self._source(span, info), None
        wanted = span.id_
        possessive = text.lower().startswith(("its ", "their "))
        for cand in self._entities_before(span.start):
            cinfo = self.info(cand)
            if possessive and wanted != "governor":
                if self.ctx.sent_of_token[cand.start] != self.ctx.sent_of_token[span.start]:
                    break  # "its press service" belongs to an organisation in the same sentence
            elif info.surname:
                if cinfo.surname != info.surname:
                    continue
            elif span.kb_id_ == "pronoun":
                if text.lower() in ("he", "she") and not cinfo.surname:
                    continue  # he/she stand for a named person
                if self._in_said_content(cand, span):
                    continue  # "Specialists were at the site, it added": what it said, not who
                if not (cinfo.name or cinfo.role):
                    continue
            elif wanted and cinfo.kind != wanted:
                continue
            if wanted == "governor" and not self._same_region(span, cinfo):
                break
            return self._as(span, cinfo, role=cinfo.role or info.role), self._source(cand, cinfo)
        if span.kb_id_ == "pronoun" or not wanted:
            near = self._nearest_mention(span)  # "its governor said; … he added"
            if near is not None:
                return self._as(span, near, role=near.role), near
        if not wanted and self.governing is not None:  # "the statement said", "it said"
            gov = self.governing.source
            return gov.model_copy(update={"text": text, "start": span.start_char, "end": span.end_char}), gov
        # An unresolved "the ministry" could be any ministry: a government body, not the MoD.
        kind = "official" if wanted in ("", "ministry_of_defense") else wanted
        return self._source(span, info, kind=kind), None

    def _as(self, span: Span, info: SourceInfo | Source, *, role: str | None) -> Source:
        return Source(
            kind=info.kind or "official",
            name=info.name,
            role=role,
            anonymous=info.anonymous,
            text=self.ctx.span_text(span),
            start=span.start_char,
            end=span.end_char,
        )

    def _in_said_content(self, cand: Span, pronoun: Span) -> bool:
        """``cand`` sits in the content a trailing "it" attribution reports: in "Rescuers
        were at the site and nobody was hurt, it added" the rescuers are what it said. A
        mention followed by a reporting verb of its own speaks ("its governor said; …, he
        added")."""
        ctx = self.ctx
        sent = ctx.sentence(pronoun.start)
        if (
            ctx.lower[pronoun.start] != "it"  # "they" may stand for a group named in the content
            or cand.start < sent.start
            or pronoun.start == sent.start
            or ctx.words[pronoun.start - 1] != ","
        ):
            return False
        k = cand.end
        while k < sent.end and ctx.lower[k] in self.g["verb_cue_gap"]:
            k += 1
        return k >= sent.end or ctx.covering(labels.CUE, k) is None

    def _nearest_mention(self, span: Span) -> Source | None:
        """The closest earlier person-like source mention of the last two sentences,
        resolved, for a pronoun whose named antecedent is missing."""
        first_sent = max(0, self.ctx.sent_of_token[span.start] - 2)
        floor = self.ctx.sents[first_sent].start
        for k in range(bisect.bisect_left(self.ctx.starts[labels.SOURCE], span.start) - 1, -1, -1):
            cand = self.sources[k]
            if cand.end > span.start or cand.kb_id_ == "pronoun":
                continue
            if cand.start < floor:
                break
            source, _ = self.resolve(cand)
            if source.kind not in ("media", "unattributed"):
                return source
        return None

    def _same_region(self, span: Span, cand_info: SourceInfo) -> bool:
        """A governor reference ("its governor") in a sentence naming a region refers to
        that region's governor, not to an earlier governor of another region."""
        sent = self.ctx.sentence(span.start)
        regions = [
            r
            for r in self.ctx.within(labels.REGION, sent.start, span.start)
            if r.kb_id_ in ("region", "place")
        ]
        if not regions:
            return True
        role = (cand_info.role or "") + " " + (cand_info.name or "")
        return any(self.ctx.span_text(r).split()[0] in role for r in regions)

    # ---------------------------------------------------------------- attributions
    def _negated(self, cue: Span) -> bool:
        """A negator in the three words before the cue and in its clause ("did not say",
        "declined to comment"); "The bridge was never inspected, according to …" negates
        the content, not the attribution."""
        lo = max(self.ctx.sentence(cue.start).start, cue.start - 3)
        for k in range(cue.start - 1, lo - 1, -1):
            if self.ctx.punct[k]:
                lo = k + 1
                break
        return not self.negators.isdisjoint(self.ctx.lower[lo : cue.start])

    def _second_cue(self, cue: Span, sent: Sentence) -> bool:
        """The cue is the second verb of the speaker of the cue before it ("told Reuters the
        plan had failed, and said a new one was ready"): "and" (or "but") before it, past
        adverbs."""
        k = cue.start
        while k > sent.start and self.ctx.lower[k - 1] in self.g["verb_cue_gap"]:
            k -= 1
        return k > sent.start and self.ctx.lower[k - 1] in ("and", "but")

    def _negated_belief(self, cue: Span, sent: Sentence) -> int | None:
        """Where the negated phrase of a belief cue starts ("he ultimately | doesn't agree
        that …", "| does not believe that …"), when a that-clause follows the cue
        (``negatable_beliefs`` in cues.json); None for any other negated cue."""
        ctx, lower = self.ctx, self.ctx.lower
        text = ctx.span_text(cue).lower()
        if text not in self.negatable_beliefs:
            return None
        if not (text.endswith(" that") or (cue.end < sent.end and lower[cue.end] == "that")):
            return None
        k = cue.start
        while k > sent.start and (
            lower[k - 1] in self.negators
            or lower[k - 1] in NEGATED_AUXILIARIES
            or lower[k - 1].endswith("ly")
        ):
            k -= 1
        return k if k < cue.start else None

    def _source_ending_before(self, token: int, sent: Sentence) -> Span | None:
        """The source mention ending right before ``token`` (adverbs may intervene)."""
        ctx, lower = self.ctx, self.ctx.lower
        j = token
        while j > sent.start and lower[j - 1] in self.g["verb_cue_gap"]:
            j -= 1
        if (
            j > sent.start
            and ctx.words[j - 1] == ","
            and any(s.kb_id_ == "entity" for s in self.ctx.ending_at(labels.SOURCE, j - 1, sent.start))
        ):
            j -= 1  # "The mayor of Kharkiv, Ihor Terekhov, said"
            parenthetical = True
        else:
            parenthetical = False
            aside = self._aside_before(j, sent)
            if aside is not None:
                j = aside  # "A senior official, speaking on condition of anonymity, said"
        region = self.ctx.covering(labels.REGION, j - 1) if j > sent.start else None
        ends_here = bool(self.ctx.ending_at(labels.SOURCE, j, sent.start))
        if (
            region is not None
            and not ends_here  # "officials in Crimea said": the place is part of the mention
            and region.start > sent.start
            and lower[region.start - 1] in ("in", "from")
        ):
            j = region.start - 1  # "the Houthis in Yemen said"
        for span in self.ctx.ending_at(labels.SOURCE, j, sent.start):
            k = span.start
            if (
                not parenthetical
                and k - 2 > sent.start
                and lower[k - 1] == "by"
                and lower[k - 2].endswith("ed")
                and ctx.words[k - 2].islower()
            ):
                # "Analysts polled by Reuters had expected …": the agent of a participle after
                # the subject is not the speaker; the subject before it is (else no one)
                return self._source_ending_before(k - 2, sent)
            return (parenthetical and self._relative_clause_head(span, sent)) or span
        owner = self._owner_before(j, sent)
        if owner is not None:
            return owner
        if not parenthetical:
            subject = self._coordinated_subject(j, sent)
            if subject is not None:
                return subject
        country = self.ctx.covering(labels.REGION, j - 1) if j > sent.start else None
        if country is not None and country.end == j and country.kb_id_ == "country":
            return country
        apposition = self._apposition_before(j, sent)
        if apposition is not None:
            return apposition
        group = self._group_before(j, sent)
        if group is not None:
            return group
        if j > sent.start and lower[j - 1] in self.g["relative_pronouns"]:
            before = self.ctx.last_within(labels.SOURCE, sent.start, j - 1)
            if before is not None and before.end >= j - 3:
                return before
        # "A senior official who spoke on condition of anonymity said", "Jo Hart, 66, who
        # was at the rally, said": skip the relative clause (and an age before it); the
        # nearest source whose gap opens with the pronoun, so a name inside the clause is passed
        for span in reversed(self.ctx.within(labels.SOURCE, max(sent.start, j - MAX_RELATIVE_SPEAKER), j)):
            gap = [k for k in range(span.end, j) if ctx.words[k] != ","]
            if gap and ctx.words[gap[0]].isdigit():
                gap = gap[1:]
            if (
                gap
                and lower[gap[0]] in self.g["relative_pronouns"]
                and not any(ctx.punct[k] or ctx.covering(labels.CUE, k) is not None for k in gap)
            ):
                return span
        return None

    def _apposition_before(self, j: int, sent: Sentence) -> Span | None:
        """The speaker of "X, <source> …, said" when the comma-enclosed stretch before the
        cue opens with a source (an apposition describing X: "Dave Roe of the Rangers, a
        relief group with long experience of the region, said"): the source ending before
        the apposition when there is one, else the apposition itself, which describes the
        speaker. The stretch holds no cue, count, event or quotation."""
        ctx = self.ctx
        if j - 1 <= sent.start or ctx.words[j - 1] != ",":
            return None
        for c in range(j - 2, max(sent.start, j - 2 - MAX_ASIDE), -1):
            if ctx.words[c] != ",":
                continue
            head = ctx.covering(labels.SOURCE, c + 1)
            if head is None or head.start != c + 1 or head.kb_id_ != "entity":
                return None
            if any(
                ctx.quote[t] or any(ctx.covering(label, t) is not None for label in CONTENT + (labels.CUE,))
                for t in range(c + 1, j - 1)
            ):
                return None
            for span in ctx.ending_at(labels.SOURCE, c, sent.start):
                return span
            return head
        return None

    def _group_before(self, j: int, sent: Sentence) -> Span | None:
        """A described group opening the clause right before token ``j`` when no known
        source is there: "Other tech leaders have argued", "most voters told pollsters",
        "…, and some economists say" (see :meth:`_group`)."""
        ctx = self.ctx
        a = j
        while a > sent.start and j - a < MAX_GROUP and ctx.alpha[a - 1] and not self._group_blocked(a - 1):
            a -= 1
        if a - 1 >= sent.start and " ".join(ctx.lower[a - 1 : a + 2]) in self.groups["determiners"]:
            a -= 1  # "one of the people", whose count the walk stopped at
        for start in range(a, j):
            opens = start == sent.start or ctx.space[start - 1] or ctx.words[start - 1] in (",", ";", "—")
            opens = opens or ctx.lower[start - 1] in self.g["speaker_joiners"]
            if opens:
                group = self._group(start, j)
                if group is not None:
                    return group
        return None

    def _group_after(self, token: int, sent: Sentence) -> Span | None:
        """A described group right after an inverted cue that ends its clause ("…, said
        the people, who asked not to be named")."""
        ctx = self.ctx
        for end in range(min(sent.end, token + MAX_GROUP), token, -1):
            if end == sent.end or (ctx.punct[end] and not ctx.quote[end]):
                group = self._group(token, end)
                if group is not None:
                    return group
        return None

    def _group(self, start: int, end: int) -> Span | None:
        """Tokens ``[start, end)`` as a speaking group: an optional determiner
        (``group_speakers`` in cues.json), at most three lowercase or capitalized words and a
        plural head ("other tech leaders", "Trump supporters", "one of the people"); none of
        them a known mention (a place, a time, a count, a cue or a source)."""
        ctx, lex = self.ctx, self.groups
        lower = ctx.lower
        if end - start < 1 or end - start > MAX_GROUP:
            return None
        if any(not ctx.alpha[t] or self._group_blocked(t) for t in range(start, end)):
            if not (end - start >= 4 and " ".join(lower[start : start + 3]) in lex["determiners"]):
                return None  # "one of the people": the count opens the description
            if any(not ctx.alpha[t] or self._group_blocked(t) for t in range(start + 3, end)):
                return None
        words = lower[start:end]
        if len(words) == 1 and words[0] in lex["pronouns"]:
            return Span(
                ctx.doc, start, end, label=labels.SOURCE, span_id="person", kb_id="entity"
            )  # "Many said"
        body = words
        for width in (3, 1):
            if len(words) > width and " ".join(words[:width]) in lex["determiners"]:
                body = words[width:]
                break
        head = body[-1] if body else ""
        plural = head in lex["irregular_plurals"] or (
            len(head) > 3 and head.endswith("s") and not head.endswith("ss") and head not in lex["not_heads"]
        )
        if not plural or len(body) > 3 or not ctx.words[end - 1].islower() or body[0] in lex["pronouns"]:
            return None
        if any(w in self.g["auxiliaries"] or w in self.g["relative_pronouns"] for w in body):
            return None
        kind = "document" if head in self.report_nouns or head.rstrip("s") in self.report_nouns else "person"
        return Span(ctx.doc, start, end, label=labels.SOURCE, span_id=kind, kb_id="entity")

    def _group_blocked(self, token: int) -> bool:
        """A known mention at ``token``: it is no part of a described group."""
        return any(
            self.ctx.covering(label, token) is not None
            for label in (labels.SOURCE, labels.CUE, labels.QUANTITY, labels.TIME, labels.REGION)
        )

    def _owner_before(self, j: int, sent: Sentence) -> Span | None:
        """The source owning the body that ends right before token ``j`` ("Smith's campaign
        said", "the premier's press office said"; ``owner_bodies`` in cues.json): the body
        speaks for its owner."""
        lower = self.ctx.lower
        for width in (2, 1):
            k = j - width
            if k - 1 <= sent.start or " ".join(lower[k:j]) not in self.owner_bodies:
                continue
            if lower[k - 1] in ("'s", "’s"):
                for span in self.ctx.ending_at(labels.SOURCE, k - 1, sent.start):
                    return span
        return None

    def _aside_before(self, j: int, sent: Sentence) -> int | None:
        """The start of a comma-enclosed aside ending right before token ``j`` when a
        source ends right before it: "A senior official, speaking on condition of
        anonymity, said", "The ministry, in a statement on Telegram, said". The aside holds
        no source, cue, quotation or count of its own, and the source is a speaker, not a
        document ("The statement, released on November 12, described …" describes)."""
        ctx = self.ctx
        if j - 1 <= sent.start or ctx.words[j - 1] != ",":
            return None
        for c in range(j - 2, max(sent.start, j - 2 - MAX_ASIDE), -1):
            if ctx.words[c] != ",":
                continue
            inside = range(c + 1, j - 1)
            age = len(inside) == 1 and ctx.words[c + 1].isdigit()  # "Ihor Petrenko, 47, said"
            partitive = [t for t in inside if ctx.lower[t] == "of" and t - 1 in inside]
            if not age and (
                not inside
                or any(
                    ctx.quote[t]
                    or any(
                        ctx.covering(label, t) is not None
                        for label in ASIDE_BLOCKERS
                        if not (label == labels.QUANTITY and t + 1 in partitive)  # "one of the swimmers"
                        and not (label == labels.SOURCE and self._possessive_in(t, inside))
                    )
                    for t in inside
                )
            ):
                return None
            # "Jane Roe, MD, JD, the agency's deputy director, said": credentials and an age
            # between the name and its aside
            while (
                not self._speaker_ends_at(c, sent)
                and c - 2 > sent.start
                and ctx.words[c - 2] == ","
                and (ctx.words[c - 1].isdigit() or (ctx.words[c - 1].isupper() and ctx.alpha[c - 1]))
            ):
                c -= 2
            return c if self._speaker_ends_at(c, sent) else None
        return None

    def _possessive_in(self, token: int, inside: range) -> bool:
        """The source at ``token`` owns the aside's role ("the committee's ranking member"):
        it describes the speaker, it does not speak."""
        span = self.ctx.covering(labels.SOURCE, token)
        return span is not None and span.end in inside and self.ctx.lower[span.end] in ("'s", "’s")

    def _speaker_ends_at(self, token: int, sent: Sentence) -> bool:
        """A source that is a speaker, not a document, ends right before ``token``."""
        return any(
            self.report_nouns.isdisjoint(self.ctx.lower[s.start : s.end])
            for s in self.ctx.ending_at(labels.SOURCE, token, sent.start)
        )

    def _coordinated_subject(self, j: int, sent: Sentence) -> Span | None:
        """The subject of a first verb coordinated with the cue ending at ``j``:
        "Officials closed the airport and said …", "On Sunday, the governor visited the
        site and told reporters …". The source must open its clause (the sentence, or
        after a comma or semicolon) and be followed by a lowercase word (its verb); the
        words up to the coordinator hold no cue and no quotation."""
        ctx, lower = self.ctx, self.ctx.lower
        k = j - 1
        while k > sent.start and lower[k] in self.g["verb_cue_gap"]:
            k -= 1
        if k <= sent.start or lower[k] not in self.g["verb_coordinators"]:
            return None
        clause_start = ctx.clause_bounds(sent, k, k)[0]
        # the first source ending before k; later ones sit in the first verb's phrase ("met officials")
        subject = ctx.first_within(labels.SOURCE, clause_start, k - 1)
        if subject is None:
            return None
        opens = all(ctx.space[clause_start : subject.start]) or ctx.words[subject.start - 1] in (",", ";")
        verb = ctx.alpha[subject.end] and ctx.words[subject.end].islower()
        between = range(subject.end, k)
        if (
            not opens
            or not verb
            or k - subject.end > MAX_FIRST_VERB_PHRASE
            or any(ctx.quote[t] or ctx.covering(labels.CUE, t) is not None for t in between)
        ):
            return None
        return subject

    def _relative_clause_head(self, span: Span, sent: Sentence) -> Span | None:
        """The source a relative clause holding ``span`` describes: in "Several channels,
        among them Baza, which has close links to Russia's security services, said",
        Baza speaks, not the services named inside its description."""
        ctx, lower = self.ctx, self.ctx.lower
        k = span.start - 1
        while k > sent.start and ctx.words[k] != ",":
            k -= 1
        if k <= sent.start or lower[k + 1] not in self.g["relative_pronouns"]:
            return None
        before = self.ctx.last_within(labels.SOURCE, sent.start, k)
        return before if before is not None and before.end == k else None

    def _source_starting_after(self, token: int, sent: Sentence, gap: int) -> Span | None:
        for span in self.ctx.iter_within(labels.SOURCE, token, sent.end):
            if span.start - token > gap:
                break
            if not any(self.ctx.punct[token : span.start]):
                return span
        return None

    def _opens_reported_clause(self, src: Span, sent: Sentence) -> bool:
        """A source right after a cue is the subject of the reported clause, not an
        inverted speaker, when a verb follows it ("said the RSF had fired", "said the
        army shelled"); an inverted speaker ends its clause ("…," said the ministry)."""
        k = src.end
        if k >= sent.end:
            return False
        lower = self.ctx.lower
        if lower[k] in self.g["auxiliaries"] or self.ctx.covering(labels.EVENT, k) is not None:
            return True
        # "said the minister and his wife were away": a coordinated subject runs on to its verb
        return lower[k] == "and" and k + 1 < sent.end and not self.ctx.words[k + 1][:1].isupper()

    def _by_after(self, token: int, sent: Sentence) -> int | None:
        """The "by" of a passive cue ending at ``token``, past adverbs ("reported earlier
        by"), else None."""
        lower = self.ctx.lower
        while token < sent.end and lower[token] in self.g["verb_cue_gap"]:
            token += 1
        return token if token < sent.end and lower[token] == "by" else None

    def _verb_follows(self, src: Span, sent: Sentence) -> bool:
        """A lowercase word follows ``src`` in its clause: the mention is a subject
        ("said he expects …"), not an inverted speaker closing the clause ("…," said he)."""
        k = src.end
        return k < sent.end and self.ctx.alpha[k] and self.ctx.words[k].islower()

    def _clause_subject(self, token: int, sent: Sentence) -> Span | None:
        """The source opening the clause that a participle cue at ``token`` closes
        ("Sen. Jane Roe praised the bill, saying …", "The judge cut the term, arguing …"):
        the first source of the clause, at its start or after a fronted phrase's comma, with
        a lowercase word (its verb) after it and no cue between it and ``token``."""
        ctx = self.ctx
        clause_start = ctx.clause_bounds(sent, token, token)[0]
        subject = ctx.first_within(labels.SOURCE, clause_start, token - 1)
        if (
            subject is None
            or not (all(ctx.space[clause_start : subject.start]) or ctx.words[subject.start - 1] == ",")
            or not self._verb_follows(subject, sent)
            or token - subject.end > MAX_PARTICIPLE_CLAUSE
            or any(ctx.quote[t] or ctx.covering(labels.CUE, t) is not None for t in range(subject.end, token))
        ):
            return None
        return subject

    def _has_content(self, start: int, end: int) -> bool:
        return start < end and any(self.ctx.any_within(label, start, end) for label in CONTENT)

    def _scope(self, sent: Sentence, first: int, last: int) -> tuple[int, int]:
        """Tokens governed by an attribution occupying tokens ``[first, last)``."""
        ctx = self.ctx
        clause_start, clause_end = ctx.clause_bounds(sent, first, last)
        before = self._has_content(clause_start, first)
        after = self._has_content(last, clause_end)
        separated = first > clause_start and (ctx.punct[first - 1] or ctx.quote[first - 1])
        joined = (
            first > clause_start
            and ctx.lower[first - 1] in self.g["speaker_joiners"]
            and ctx.lower[first - 1] != "and"  # "officials and separatists said": one subject
            and any(not ctx.punct[j] for j in range(last, min(clause_end, last + 2)))
        )
        if before and (separated or not after) and not joined:
            # "…, while company executives said talks would continue": the joiner opens a
            # clause of the new speaker, who governs what follows
            k = last
            while k < clause_end and (
                ctx.covering(labels.TIME, k) is not None or ctx.lower[k] in self.g["statement_time_gap"]
            ):
                k += 1  # "…, the ministry said on Sunday, including 91 over the Moscow region"
            if after and k < clause_end and ctx.words[k] == ",":
                return clause_start, clause_end  # parenthetical: ", he added, ..."
            if k < sent.end and ctx.words[k] == ":":
                return clause_start, sent.end  # "…, the ministry said: 24 over X; 17 over Y"
            return clause_start, first
        if after or joined:
            return last, clause_end
        return clause_start, clause_end

    def sentence_attributions(self, index: int) -> list[Attribution]:
        """Every attribution stated in sentence ``index``."""
        sent = self.ctx.sents[index]
        found: list[Attribution] = []
        last_src: Span | None = None
        for cue in self.ctx.within(labels.CUE, sent.start, sent.end):
            if self._negated(cue):
                negation = self._negated_belief(cue, sent)
                src = self._source_ending_before(negation, sent) if negation is not None else None
                if src is not None:
                    # "he doesn't agree that …": a position of his, governing no count (empty scope)
                    found.append(self._make(src, "negated_belief", (negation, negation), cue, index))
                    last_src = src
                continue
            if cue.id_ == "according_to":
                src = self._source_starting_after(cue.end, sent, gap=4)
                rule = "according_to"
            elif self._by_after(cue.end, sent) is not None:
                # "was reported by officials", "were reported earlier by the Times"
                src = self._source_starting_after(self._by_after(cue.end, sent) + 1, sent, gap=0)
                rule = "passive_cue"
            else:
                src = self._source_ending_before(cue.start, sent)
                rule = "subject_cue"
                if src is None:
                    src = self._source_starting_after(cue.end, sent, gap=0)
                    if src is None and not (last_src is not None and self._second_cue(cue, sent)):
                        # "… and denied shelling homes": a plural after a second cue is its object
                        src = self._group_after(cue.end, sent)
                    rule = "inverted_cue"
                    if src is not None and self._opens_reported_clause(src, sent):
                        src = None  # "said the RSF had fired 10 drones": what is said, not who says it
                    elif src is not None and src.kb_id_ == "pronoun" and self._verb_follows(src, sent):
                        src = None  # "…, said he expects turnout to fall": he opens what is said
                    elif src is not None and self.ctx.span_text(cue).lower() in self.g["recipient_cues"]:
                        src = None  # "…, told AP": whom it was told, not who told it
                if (
                    src is None
                    and cue.start > sent.start
                    and self.ctx.words[cue.start - 1] == ","
                    and self.ctx.span_text(cue).lower().endswith("ing")
                ):
                    # "the air force said, adding that …"; "Sen. X praised the bill, saying …"
                    src = last_src or self._clause_subject(cue.start, sent)
                    rule = "participle_cue"
                elif src is None and last_src is not None and self._second_cue(cue, sent):
                    src, rule = last_src, "coordinated_cue"  # "X told AP A, and said B"
            if src is None:
                continue
            last_src = src
            first, last = min(src.start, cue.start), max(src.end, cue.end)
            if rule == "coordinated_cue":
                first, last = cue.start, cue.end
            scope = (cue.end, sent.end) if rule == "participle_cue" else self._scope(sent, first, last)
            found.append(self._make(src, rule, scope, cue, index))
        found.extend(self._possessive_reports(sent, index))
        frame = self._to_frame(sent, index)
        if frame is not None:
            found.append(frame)
        return found

    def _to_frame(self, sent: Sentence, index: int) -> Attribution | None:
        """A view framed by whose it is, "To X, C" ("To many economists, the cut came too
        late"), read as "according to X": a sentence opened by "To", a source or a described
        group and a comma."""
        ctx = self.ctx
        k = sent.start
        while k < sent.end and ctx.space[k]:
            k += 1
        if k + 2 >= sent.end or ctx.words[k] != "To":
            return None
        src = next(iter(ctx.iter_within(labels.SOURCE, k + 1, sent.end)), None)
        if src is None or src.start != k + 1:
            comma = next((t for t in range(k + 1, min(sent.end, k + 1 + MAX_GROUP)) if ctx.punct[t]), None)
            src = self._group(k + 1, comma) if comma is not None and ctx.words[comma] == "," else None
        if src is None or src.end >= sent.end or ctx.words[src.end] != ",":
            return None
        return self._make(src, "according_to", (src.end + 1, sent.end), ctx.doc[k : k + 1], index)

    def _possessive_reports(self, sent: Sentence, index: int) -> list[Attribution]:
        """``the ministry's report ...`` or ``the ministry has released a statement …``:
        the owner of a report noun governs the rest of the sentence."""
        out, lower = [], self.ctx.lower
        for src in self.ctx.within(labels.SOURCE, sent.start, sent.end):
            j = src.end
            k = j
            while k < min(sent.end, j + 5) and lower[k] in self.g["report_verb_gap"]:
                k += 1
            if k > j and k < sent.end and lower[k] in self.report_nouns:
                out.append(self._make(src, "released_report", (k + 1, sent.end), None, index))
                continue
            if lower[src.end - 1] not in ("'s", "’s"):
                if j >= sent.end or lower[j] not in ("'s", "’s"):
                    continue
                j += 1
            if j < sent.end and lower[j] in self.report_nouns:
                out.append(self._make(src, "possessive_report", (j + 1, sent.end), None, index))
        return out

    def _make(
        self, src: Span, rule: str, scope: tuple[int, int], cue: Span | None, index: int
    ) -> Attribution:
        source, antecedent = self.resolve(src)
        mention = (
            Mention(text=self.ctx.span_text(cue), start=cue.start_char, end=cue.end_char)
            if cue is not None
            else None
        )
        return Attribution(
            source=source, rule=rule, scope=scope, cue=mention, antecedent=antecedent, sentence=index
        )

    def for_token(self, token: int, attributions: list[Attribution]) -> Attribution | None:
        """The innermost attribution whose scope holds ``token`` (of equal ones the first)."""
        if len(attributions) > 8:  # a long sentence of reports: look only near the token
            return self._innermost(token, attributions)
        best = None
        for att in attributions:
            lo, hi = att.scope
            if lo <= token < hi and (best is None or hi - lo < best.scope[1] - best.scope[0]):
                best = att
        return best

    def _innermost(self, token: int, attributions: list[Attribution]) -> Attribution | None:
        """:meth:`for_token` from the innermost scope at every token of the list's
        scopes, found in one sweep over them the first time the list is asked."""
        index = self._innermost_at.get(id(attributions))
        if index is None or index[0] is not attributions:
            index = self._innermost_at[id(attributions)] = (attributions, *_innermost_scopes(attributions))
        _, first, innermost = index
        k = innermost[token - first] if 0 <= token - first < len(innermost) else None
        return attributions[k] if k is not None else None

    def is_document_subject(self, att: Attribution) -> bool:
        """True when the attribution's subject is a document ("the statement said"),
        which reports content but does not make a statement of its own."""
        if att.source.kind == "document":
            return False  # "a Senate report said": a document of its own, quoted as such
        return att.rule == "possessive_report" or any(
            w in self.report_nouns for w in att.source.text.lower().split()
        )

    def govern(self, att: Attribution) -> None:
        """Make ``att`` the source unattributed follow-on sentences inherit."""
        if att.source.kind in REPORTERS:
            self.governing = att


def _innermost_scopes(attributions: list[Attribution]) -> tuple[int, list[int | None]]:
    """The first token any scope holds, and from there for each token the position in
    ``attributions`` of the shortest scope holding it (of equal ones the first), or None."""
    scopes = sorted((lo, hi, k) for k, (lo, hi) in enumerate(a.scope for a in attributions) if hi > lo)
    if not scopes:
        return 0, []
    first, last = scopes[0][0], max(hi for _, hi, _ in scopes)
    out: list[int | None] = []
    active: list[tuple[int, int, int]] = []  # (length, position, end)
    j = 0
    for token in range(first, last):
        while j < len(scopes) and scopes[j][0] <= token:
            lo, hi, k = scopes[j]
            heapq.heappush(active, (hi - lo, k, hi))
            j += 1
        while active and active[0][2] <= token:
            heapq.heappop(active)
        out.append(active[0][1] if active else None)
    return first, out
