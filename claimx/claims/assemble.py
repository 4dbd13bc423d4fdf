"""Claim assembly: from entity spans to attributed claims.

Per sentence, in document order:

1. *Anchors* are counts (QUANTITY) and zero-count phrases (NEGATION: "nobody was hurt").
   The sentence is cut into one *segment* per anchor at clause delimiters ("while",
   ";", ",", "and") so that "Four drones were destroyed in the Stavropol Region, while
   three each were intercepted in the Bryansk and Oryol Regions" yields two segments.
2. Each anchor gets its *item* (the counted noun after it, or, for an elliptical count
   such as "The majority—eight—", the item of the claim it continues), its *event*
   (the nearest trigger; the item can overrule it: counted homes are damage), its
   *locations* (:mod:`.locations`), *time* (:mod:`.timing`) and *source*
   (:mod:`.attribution`). A count over several regions marked "each"/"apiece" becomes
   one claim per region.
3. Direct quotations with a speaker, and reported speech ("analysts suggest that …")
   with no count in it, become ``statement`` claims.

Context flows forward: a sentence with no source of its own inherits the governing
source when it continues the same topic (same item or event, or an elliptical count);
a clock-only time in a sentence without claims refines the day-level time of the
claims just before it ("…on November 12. The incident occurred between 12:00 and
16:00 MSK.").
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from pathlib import Path

from spacy.tokens import Doc, Span

from ..entities import labels
from ..entities.quantities import parse_quantity
from ..entities.regions import Gazetteer, load_gazetteer
from ..resources import load_data, load_word_sets, models_dir
from ..schema import Claim, Evidence, Location, Quantity, Source, TimeSpan
from .attribution import Attribution, Attributor
from .context import DocContext, Quotation, Sentence
from .locations import LocationFinder, country_level, dedupe
from .timing import Timeline


@cache
def _gazetteer(data_dir: Path) -> Gazetteer:
    """The gazetteer of ``data_dir``, looked up once per folder: ``load_gazetteer``
    resolves the path (file-system calls) on every call, i.e. once per document."""
    return load_gazetteer(data_dir)


@dataclass
class Draft:
    """A claim under construction (mutable until the document is done)."""

    sentence: int
    start: int  # token range of the claim's text
    end: int
    anchor: int
    event: str
    quantity: Quantity | None = None
    item: str | None = None
    locations: list[Location] = field(default_factory=list)
    time: TimeSpan | None = None
    attribution: Attribution | None = None
    quote: bool = False
    hedged: bool = False
    evidence: list[Evidence] = field(default_factory=list)
    elliptical: bool = False
    own_place: bool = False  # its clause names a place (even one without a code)


class Assembler:
    """Builds the claims of one document."""

    def __init__(
        self, doc: Doc, spans: list[Span], published: date | None, data_dir: Path | None = None
    ) -> None:
        data_dir = data_dir or models_dir()
        self.g = load_word_sets("lexicons/grammar.json", data_dir)
        qualifiers = load_data("lexicons/qualifiers.json", data_dir)
        self.distributive = {
            w for w in qualifiers["distributive"] + qualifiers["distributive_phrases"] if " " not in w
        }
        self.ctx = DocContext.build(doc, spans)
        self.doc = doc
        self.attributor = Attributor(
            self.ctx, self.g, load_word_sets("lexicons/cues.json", data_dir)["negators"], data_dir
        )
        self.timeline = Timeline(self.ctx, published, self.g)
        self.places = LocationFinder(self.ctx, self.g, _gazetteer(data_dir))
        self.drafts: list[Draft] = []
        self.statements: list[Draft] = []
        self.attributions: list[list[Attribution]] = []
        self.times: dict[int, tuple[list, TimeSpan | None]] = {}

    # ------------------------------------------------------------------ driver
    def run(self) -> list[Claim]:
        self.attributions = [self.attributor.sentence_attributions(i) for i in range(len(self.ctx.sents))]
        self.quote_speakers = self._quote_speakers()
        last_claims: list[Draft] = []
        for i in range(len(self.ctx.sents)):
            times = self.timeline.sentence_times(i)
            self.times[i] = (times, self.timeline.frame)
            drafts = self._count_drafts(i)
            drafts += self._event_drafts(i, drafts)
            for d in drafts:
                d.time, ev = self.timeline.for_token(d.anchor, times)
                d.evidence.extend(ev)
                self._attribute(d, i)
                self._speaker_region(d)
            moved = self.timeline.advance(times)
            if not drafts and moved is not None:
                for d in last_claims:
                    if Timeline.refines(moved, d.time):
                        d.time = moved
                        d.evidence.append(
                            Evidence(
                                rule="time.refined",
                                detail=moved.text,
                                start=moved.char_start,
                                end=moved.char_end,
                            )
                        )
                        self.timeline.frame = d.time
            self._govern(i, drafts)
            self.drafts.extend(drafts)
            if drafts:
                last_claims = drafts
        self.statements = self._statement_drafts()
        return sorted(
            (self._finish(d) for d in self.drafts + self.statements), key=lambda c: (c.start, c.end)
        )

    # ------------------------------------------------------------------ anchors
    def _anchors(self, sent: Sentence) -> list[Span]:
        times = self.ctx.within(labels.TIME, sent.start, sent.end)
        anchors = []
        for q in self.ctx.within(labels.QUANTITY, sent.start, sent.end):
            if q.kb_id_ == "vague" or any(t.start < q.end and q.start < t.end for t in times):
                continue
            anchors.append(q)
        anchors.extend(self.ctx.within(labels.NEGATION, sent.start, sent.end))
        anchors.extend(self.ctx.within(labels.SINGLE, sent.start, sent.end))
        anchors.extend(self._totalities(sent))
        return sorted(anchors, key=lambda s: s.start)

    def _totalities(self, sent: Sentence) -> list[Span]:
        """Counts equal to the total they refer back to, "All of them were destroyed",
        "all were shot down" (label ``TOTALITY``, never stored on the Doc)."""
        doc, lower, out = self.doc, self.ctx.lower, []
        for i in range(sent.start, sent.end - 1):
            if lower[i] != "all":
                continue
            nxt = lower[i + 1]
            if nxt == "of" and i + 2 < sent.end and lower[i + 2] in self.g["partitive_anaphors"]:
                out.append(Span(doc, i, i + 3, label="TOTALITY"))
            elif nxt in self.g["auxiliaries"]:
                out.append(Span(doc, i, i + 1, label="TOTALITY"))
        return out

    def _protected(self, token: int) -> bool:
        return any(
            self.ctx.covering(label, token) is not None
            for label in (labels.REGION, labels.QUANTITY, labels.TIME, labels.SOURCE, labels.ITEM)
        )

    def _cut(self, lo: int, hi: int) -> int | None:
        """The clause boundary between two anchors: the last strong delimiter between
        them, else the last weak one; None when they share one clause."""
        for vocab in (self.g["strong_delimiters"], self.g["weak_delimiters"]):
            for t in range(hi - 1, lo - 1, -1):
                if self.ctx.lower[t] in vocab and not self._protected(t):
                    return t
        return None

    def _segments(self, sent: Sentence, anchors: list[Span]) -> list[tuple[int, int]]:
        bounds: list[tuple[int, int]] = []
        start = sent.start
        groups: list[list[Span]] = [[anchors[0]]]
        cuts: list[int] = []
        for a, b in zip(anchors, anchors[1:], strict=False):
            cut = self._cut(a.end, b.start)
            if cut is None:
                groups[-1].append(b)
            else:
                cuts.append(cut)
                groups.append([b])
        ends = cuts + [sent.end]
        for group, end in zip(groups, ends, strict=False):
            bounds.extend((start, end) for _ in group)
            start = end
        return bounds

    # ------------------------------------------------------------------ counts
    def _count_drafts(self, i: int) -> list[Draft]:
        sent = self.ctx.sents[i]
        anchors = self._anchors(sent)
        if not anchors:
            return []
        drafts: list[Draft] = []
        for anchor, (s, e) in zip(anchors, self._segments(sent, anchors), strict=False):
            prev = drafts[-1] if drafts else self._previous_draft(i)
            governing = next((d for d in reversed(drafts) if not self._partitive_whole(d.anchor)), None)
            make = {
                labels.NEGATION: self._negation_draft,
                labels.SINGLE: self._single_draft,
                "TOTALITY": self._totality_draft,
            }.get(anchor.label_, self._quantity_draft)
            draft = make(anchor, s, e, i, prev, governing)
            if draft is None:
                continue
            self._locate(draft, s, e, drafts, prev)
            drafts.extend(self._distribute(draft, anchor, s, e))
        self._share_coordinated_place(drafts)
        return drafts

    def _share_coordinated_place(self, drafts: list[Draft]) -> None:
        """A conjunct joined by "and" lends its place back to the count before it when
        that count names none: "Russia fired 78 missiles and 106 drones at Ukraine"."""
        for d, nxt in zip(reversed(drafts[:-1]), reversed(drafts[1:]), strict=True):
            # "and 5 were downed over Kursk" is a clause of its own, but the toll of one
            # incident shares its place ("a man was killed and two were wounded in Kherson")
            joined = self.ctx.lower[nxt.start] == "and" and (
                d.event == "casualty" or self.g["auxiliaries"].isdisjoint(self.ctx.lower[nxt.start : nxt.end])
            )
            own = any(e.rule == "location.segment" for e in nxt.evidence)
            if not d.locations and not d.own_place and joined and own and nxt.event == d.event:
                d.locations = list(nxt.locations)
                d.evidence.append(
                    Evidence(
                        rule="location.coordinated",
                        detail=",".join(loc.code or loc.text for loc in nxt.locations),
                    )
                )

    def _previous_draft(self, i: int) -> Draft | None:
        """The latest count claim of the last two sentences, which an elliptical count
        ("Four fell in …") continues."""
        for d in reversed(self.drafts):
            if i - d.sentence > 2:
                break
            if d.quantity is not None:
                return d
        return None

    def _quantity_draft(
        self, q: Span, s: int, e: int, i: int, prev: Draft | None, first: Draft | None = None
    ) -> Draft | None:
        text = self.ctx.span_text(q)
        parsed = parse_quantity(text)
        if parsed.value is None and parsed.low is None:
            return None
        evidence = [Evidence(rule="count.quantity", detail=text, start=q.start_char, end=q.end_char)]
        item, how, item_span = self._item_after(q, e)
        elliptical = False
        if item is None and how == "partitive_anaphor" and prev is not None:
            item, elliptical = prev.item, True
        events = self.ctx.within(labels.EVENT, s, e)
        if item is None:
            casualty = [ev for ev in events if ev.id_ == "casualty" and abs(ev.start - q.start) <= 3]
            killed_before = any(ev.id_ == "casualty" and 0 < q.start - ev.end + 1 <= 1 for ev in events)
            if casualty and (how != "none" or killed_before):  # "killed at least 29 Palestinians"
                item, how = "person", "casualty_trigger"
            elif (
                how == "anaphor"
                and prev is not None
                and (
                    events
                    or self.places.find(s, e, self.ctx.quotation_at(q.start_char))[1]
                    or self._distributive(q, s, e)
                )
            ):
                item, how, elliptical = prev.item, "elliptical", True
        if item is None:
            return None
        evidence.append(
            Evidence(
                rule=f"count.item.{how}",
                detail=item,
                start=item_span.start_char if item_span is not None else None,
                end=item_span.end_char if item_span is not None else None,
            )
        )
        event, trigger = self._event_for(q.start, item, events, i, prev if elliptical else None, first)
        if event is None:
            return None
        if trigger is not None:
            evidence.append(
                Evidence(rule="count.event", detail=event, start=trigger.start_char, end=trigger.end_char)
            )
        else:
            evidence.append(Evidence(rule="count.event.inherited", detail=event))
        quantity = Quantity(
            value=parsed.value,
            low=parsed.low,
            high=parsed.high,
            qualifier=parsed.qualifier,
            text=text,
            start=q.start_char,
            end=q.end_char,
        )
        return Draft(
            sentence=i,
            start=s,
            end=e,
            anchor=q.start,
            event=event,
            quantity=quantity,
            item=item,
            evidence=evidence,
            elliptical=elliptical,
            hedged=self._hedged(s, e),
        )

    def _item_after(self, q: Span, limit: int) -> tuple[str | None, str, Span | None]:
        """The counted noun after quantity ``q``: ``(item, how, span)``; how is "noun",
        "partitive" ("two of the drones") or "anaphor" ("eight of them", nothing)."""
        lower = self.ctx.lower
        j = q.end
        # "one order from Moscow": a noun claimx does not count follows, so no ellipsis either
        nothing = (
            "none"
            if (
                j < limit
                and self.ctx.alpha[j]
                and lower[j] not in self.g["elliptical_followers"]
                and self.ctx.covering(labels.EVENT, j) is None
            )
            else "anaphor"
        )
        while j < limit and j - q.end <= 5:
            item = self.ctx.covering(labels.ITEM, j)
            if item is not None and item.start == j:
                return self._head_item(item, limit).id_, "noun", self._head_item(item, limit)
            word = lower[j]
            if word == "of":
                k = j + 1
                if k < limit and lower[k] in self.g["partitive_anaphors"]:
                    return None, "partitive_anaphor", None
                while k < limit and lower[k] in ("the", "these", "those", "its", "their"):
                    k += 1
                inner = self.ctx.covering(labels.QUANTITY, k) if k < limit else None
                if inner is not None:  # "24 of the 29 Shahed drones": the item of the whole
                    return self._item_after(inner, limit)[0], "partitive", None
                item = self.ctx.covering(labels.ITEM, k) if k < limit else None
                if item is not None:
                    return item.id_, "partitive", item
                return None, "none", None
            bare_punct = self.ctx.punct[j] and not self.ctx.quote[j] and self.ctx.words[j] != "-"
            if bare_punct or word in self.g["auxiliaries"]:
                break
            if word in self.g["locative_prepositions"] or word in self.g["origin_prepositions"]:
                break
            if (
                self.ctx.covering(labels.CUE, j) is not None
                or self.ctx.covering(labels.QUANTITY, j) is not None
            ):
                break
            event = self.ctx.covering(labels.EVENT, j)
            if event is not None and not (event.end < limit and self.ctx.covering(labels.ITEM, event.end)):
                break
            j += 1
        return None, nothing, None

    def _head_item(self, item: Span, limit: int) -> Span:
        """The head of a compound item: "attack drones", "aircraft-type unmanned aerial
        vehicles" count drones (an item followed, across hyphens and modifiers, by another)."""
        k = item.end
        while k < min(limit, item.end + 3):
            nxt = self.ctx.covering(labels.ITEM, k)
            if nxt is not None and nxt.start == k:
                return self._head_item(nxt, limit)
            if self.ctx.lower[k] not in ("-", "type", "class", "style"):
                break
            k += 1
        return item

    def _event_for(
        self,
        token: int,
        item: str,
        events: list[Span],
        i: int,
        prev: Draft | None,
        first: Draft | None = None,
    ) -> tuple[str | None, Span | None]:
        """The event kind of a count at ``token``, and the trigger that says so.

        The nearest trigger in the count's own clause wins. A clause without one shares
        the verb of the sentence's previous count ("destroyed 9 missiles and 46 drones";
        "shot down 24 of the 29 drones Russia launched, as well as two missiles", where
        the partitive whole 29 does not count); casualties look for a casualty trigger
        anywhere in the sentence."""
        sent = self.ctx.sents[i]
        if self._partitive_whole(token):  # "24 of the 29 drones Russia launched": 29 was launched
            events = [ev for ev in events if ev.start > token]
        if item in self.g["casualty_items"]:
            pool = events or self.ctx.within(labels.EVENT, sent.start, sent.end)
            casualty = [ev for ev in pool if ev.id_ == "casualty"]
            if casualty:
                events = casualty
            elif prev is None or prev.event != "casualty":
                return None, None
        if not events and first is not None:
            return first.event, None
        if not events:
            events = self.ctx.within(labels.EVENT, sent.start, sent.end)
        if events:
            best = min(events, key=lambda ev: min(abs(ev.start - token), abs(ev.end - token)))
            kind = "damage" if item in self.g["damage_items"] else best.id_
            return kind, best
        if prev is not None:
            return prev.event, None
        return None, None

    def _partitive_whole(self, token: int) -> bool:
        lower = self.ctx.lower
        return (
            token >= 3
            and lower[token - 1] == "the"
            and lower[token - 2] == "of"
            and self.ctx.covering(labels.QUANTITY, token - 3) is not None
        )

    def _distributive(self, q: Span, s: int, e: int) -> bool:
        return q.kb_id_ == "distributive" or not self.distributive.isdisjoint(self.ctx.lower[s:e])

    def _negation_draft(
        self, n: Span, s: int, e: int, i: int, prev: Draft | None, first: Draft | None = None
    ) -> Draft:
        event, text = n.id_ or "casualty", self.ctx.span_text(n)
        quantity = Quantity(
            value=0, low=0, high=0, qualifier="exact", text=text, start=n.start_char, end=n.end_char
        )
        return Draft(
            sentence=i,
            start=s,
            end=e,
            anchor=n.start,
            event=event,
            quantity=quantity,
            item="person" if event == "casualty" else None,
            hedged=self._hedged(s, e),
            evidence=[Evidence(rule=f"count.zero.{event}", detail=text, start=n.start_char, end=n.end_char)],
        )

    def _totality_draft(
        self, a: Span, s: int, e: int, i: int, prev: Draft | None, first: Draft | None = None
    ) -> Draft | None:
        """A totality after a count: "14 drones were launched … All of them were destroyed"
        is a claim of 14 destroyed."""
        if prev is None or prev.quantity is None or not prev.quantity.value:
            return None
        events = self.ctx.within(labels.EVENT, s, e)
        event, trigger = self._event_for(a.start, prev.item, events, i, None, None)
        if event is None or trigger is None:
            return None
        total, text = prev.quantity, self.ctx.span_text(a)
        quantity = Quantity(
            value=total.value,
            low=total.low,
            high=total.high,
            qualifier=total.qualifier,
            text=text,
            start=a.start_char,
            end=a.end_char,
        )
        evidence = [
            Evidence(
                rule="count.totality", detail=f"{text} = {total.text}", start=total.start, end=total.end
            ),
            Evidence(rule="count.event", detail=event, start=trigger.start_char, end=trigger.end_char),
        ]
        return Draft(
            sentence=i,
            start=s,
            end=e,
            anchor=a.start,
            event=event,
            quantity=quantity,
            item=prev.item,
            evidence=evidence,
            elliptical=True,
            hedged=self._hedged(s, e),
        )

    def _single_draft(
        self, a: Span, s: int, e: int, i: int, prev: Draft | None, first: Draft | None = None
    ) -> Draft:
        """One harmed person named with an article: "a woman was injured" is 1 casualty."""
        text = self.ctx.span_text(a)
        quantity = Quantity(value=1, text=text, start=a.start_char, end=a.end_char)
        items = self.ctx.within(labels.ITEM, a.start, a.end)
        return Draft(
            sentence=i,
            start=s,
            end=e,
            anchor=a.start,
            event=a.id_ or "casualty",
            quantity=quantity,
            item=items[-1].id_ if items else "person",
            hedged=self._hedged(s, e),
            evidence=[Evidence(rule="count.single", detail=text, start=a.start_char, end=a.end_char)],
        )

    def _hedged(self, s: int, e: int) -> bool:
        """A certainty marker in tokens ``[s, e)``; "May" inside a date is the month."""
        hedges = self.ctx.within(labels.HEDGE, s, e)
        return any(self.ctx.covering(labels.TIME, h.start) is None for h in hedges)

    # ---------------------------------------------------------------- locations
    def _locate(
        self, draft: Draft, s: int, e: int, same_sentence: list[Draft], referent: Draft | None
    ) -> None:
        quote = self.ctx.quotation_at(self.ctx.token_starts[draft.anchor])
        locations, own_place = self.places.find(s, e, quote)
        draft.own_place = own_place
        if locations:
            draft.locations = locations
            draft.evidence.append(
                Evidence(rule="location.segment", detail=",".join(loc.code or loc.text for loc in locations))
            )
            return
        if own_place:
            return
        zero = draft.quantity is not None and draft.quantity.value == 0
        harm = self._previous_harm(draft.sentence) if draft.event in ("casualty", "damage") else None
        if same_sentence:
            donor = same_sentence[-1]
        elif draft.elliptical and referent is not None and referent.locations:
            donor = referent
        elif harm is not None:
            donor = harm  # the toll of the incident just reported
        else:
            anaphoric = self._anaphoric_place(s, e)  # "struck the city": the city of the same weapon
            donor = self._previous_located(
                draft.sentence, any_level=zero or anaphoric, item=draft.item if anaphoric else None
            )
        origins = self.places.origin_countries(s, e)  # rockets "from Lebanon" did not land in Lebanon
        inherited = [
            loc
            for loc in (donor.locations if donor is not None else [])
            if not loc.code or loc.code.split("-")[0] not in origins
        ]
        if inherited:
            draft.locations = inherited
            draft.evidence.append(
                Evidence(
                    rule="location.inherited",
                    detail=",".join(loc.code or loc.text for loc in donor.locations),
                )
            )

    def _anaphoric_place(self, s: int, e: int) -> bool:
        """The clause points back to a place named before ("attacked the city", "there")."""
        words = " " + " ".join(self.ctx.lower[s:e]) + " "
        return any(f" {phrase} " in words for phrase in self.g["anaphoric_places"])

    def _previous_harm(self, i: int) -> Draft | None:
        """The latest located casualty or damage claim of the last two sentences."""
        for d in reversed(self.drafts):
            if i - d.sentence > 2:
                return None
            if d.event in ("casualty", "damage") and d.locations:
                return d
        return None

    def _previous_located(self, i: int, *, any_level: bool, item: str | None = None) -> Draft | None:
        """The latest earlier claim with locations: any for a zero-count follow-up
        ("Nobody was hurt"), else only a whole-country one, since a country frames the
        report while a region belongs to its own breakdown line."""
        located = [d for d in self.drafts if d.locations and (any_level or country_level(d.locations))]
        same_item = [d for d in located if item is not None and d.item == item and i - d.sentence <= 8]
        recent = [d for d in located if i - d.sentence <= 4]
        return (same_item or recent or [None])[-1]

    # ---------------------------------------------------------------- events
    def _verbal(self, trigger: Span) -> bool:
        """A trigger used as a verb ("struck", "set off a fire"), not a noun ("strikes"):
        only a reported act is a claim, a mention of attacks in general is not."""
        text = self.ctx.span_text(trigger).lower()
        if text in self.g["event_nouns"]:
            return False
        return text in self.g["irregular_event_verbs"] or any(
            w.endswith("ed") or w in self.g["irregular_event_verbs"]
            for w in self.ctx.lower[trigger.start : trigger.end]
        )

    def _clause(self, token: int, sent: Sentence) -> tuple[int, int]:
        """The clause around ``token``: from the last clause opener before it to the
        next strong delimiter or "and that" after it."""
        ctx, lower = self.ctx, self.ctx.lower
        lo = sent.start
        for j in range(sent.start, token):
            if lower[j] in self.g["clause_openers"] or ctx.quote[j]:
                lo = j + 1
        for cue in ctx.within(labels.CUE, sent.start, token):
            lo = max(lo, cue.end)  # reported content starts after its cue
        hi = sent.end
        quote = ctx.quotation_at(ctx.token_starts[token])
        if quote is not None:
            hi = min(hi, self._tok(quote.end - 1) + 1)
        for j in range(token, sent.end):
            if (
                ctx.words[j] == ";"
                or lower[j] in self.g["strong_delimiters"]
                or (lower[j] == "and" and j + 1 < sent.end and lower[j + 1] == "that")
            ):
                hi = j
                break
        for cue in ctx.within(labels.CUE, token + 1, hi):
            if cue.id_ == "according_to" and ctx.words[cue.start - 1] == ",":
                hi = cue.start - 1  # "…was damaged in the Dnipropetrovsk region, according to …"
                break
            source = ctx.covering(labels.SOURCE, cue.start - 1) if cue.start > token + 1 else None
            if source is not None and source.start > token and ctx.words[source.start - 1] == ",":
                hi = source.start - 1  # "…in the town of Liski, he said, adding that …"
                break
        return lo, hi

    def _event_drafts(self, i: int, counts: list[Draft]) -> list[Draft]:
        """Attacks and damage reported without a count ("the drones had struck Beersheba",
        "falling debris caused a fire"), when the text places them."""
        sent = self.ctx.sents[i]
        out: list[Draft] = []
        taken: list[tuple[int, int]] = []
        triggers = [
            t
            for t in self.ctx.within(labels.EVENT, sent.start, sent.end)
            if t.id_ in ("attack", "damage") and self._verbal(t)
        ]
        if not triggers:
            return out
        lower = self.ctx.lower
        sentence_words = " " + " ".join(lower[sent.start : sent.end]) + " "
        if any(f" {m} " in sentence_words for m in self.g["generic_markers"]):
            return out
        for trigger in triggers:
            if not self.g["modal_markers"].isdisjoint(
                lower[max(sent.start, trigger.start - 2) : trigger.start]
            ):
                continue  # "is able to hit", "will strike": not a reported event
            if trigger.end < sent.end and lower[trigger.end] in self.g["origin_prepositions"]:
                continue  # "drones launched from Yemen": a description, not the reported act
            lo, hi = self._clause(trigger.start, sent)
            if any(lo <= d.anchor < hi for d in counts) or any(a <= trigger.start < b for a, b in taken):
                continue
            if not self.g["irrealis_markers"].isdisjoint(lower[lo : trigger.start]):
                continue  # "did not say whether anything had been damaged"
            quote = self.ctx.quotation_at(trigger.start_char)
            locations, own_place = self.places.find(lo, hi, quote)
            evidence = [
                Evidence(
                    rule="event.trigger", detail=trigger.id_, start=trigger.start_char, end=trigger.end_char
                )
            ]
            if not locations and not own_place:
                locations = self._fronted_locations(sent, lo)
            if not locations and not own_place:
                att = self.attributor.for_token(trigger.start, self.attributions[i])
                region = self._speaker_region_span(att) if att is not None else None
                locations = [self.places.to_location(region)] if region is not None else []
            if not locations and not own_place:
                items_before = self.ctx.within(labels.ITEM, lo, trigger.start)
                donor = (
                    self._previous_located(
                        i, any_level=True, item=items_before[0].id_ if items_before else None
                    )
                    if self._anaphoric_subject(lo, trigger.start)
                    else None
                )
                if donor is None:
                    continue
                locations = list(donor.locations)
                evidence.append(
                    Evidence(
                        rule="location.inherited", detail=",".join(loc.code or loc.text for loc in locations)
                    )
                )
            elif locations:
                evidence.append(
                    Evidence(
                        rule="location.segment", detail=",".join(loc.code or loc.text for loc in locations)
                    )
                )
            if not locations:
                continue
            items = self.ctx.within(labels.ITEM, lo, trigger.start)  # the weapon, as subject
            out.append(
                Draft(
                    sentence=i,
                    start=lo,
                    end=hi,
                    anchor=trigger.start,
                    event=trigger.id_,
                    item=items[0].id_ if items else None,
                    locations=locations,
                    hedged=self._hedged(lo, hi),
                    evidence=evidence,
                )
            )
            taken.append((lo, hi))
        return out

    def _fronted_locations(self, sent: Sentence, lo: int) -> list[Location]:
        """Locations set at the front of the sentence for what follows ("In the Ryazan
        region, Governor X wrote that …")."""
        locations, _ = self.places.find(sent.start, lo)
        return locations

    def _anaphoric_subject(self, lo: int, trigger: int) -> bool:
        """The clause's subject points back ("the drones", "The raid", "it") or the
        clause names a place by reference ("the city")."""
        first = self.ctx.lower[lo] if lo < trigger else ""
        return first in ("the", "it", "they", "this") or self._anaphoric_place(lo, trigger + 6)

    def _distribute(self, draft: Draft, anchor: Span, s: int, e: int) -> list[Draft]:
        coded = [loc for loc in draft.locations if loc.code]
        if len(coded) < 2 or not self._distributive(anchor, s, e):
            return [draft]
        out = []
        for loc in coded:
            d = replace(draft, locations=[loc], evidence=list(draft.evidence))
            d.evidence.append(
                Evidence(rule="count.distributive", detail=loc.code or "", start=loc.start, end=loc.end)
            )
            out.append(d)
        return out

    # ---------------------------------------------------------------- sources
    def _attribute(self, d: Draft, i: int) -> None:
        quote = self.ctx.quotation_at(self.ctx.token_starts[d.anchor])
        if quote is not None:
            d.quote = True
            speaker = self.quote_speakers.get(quote)
            if speaker is not None:
                d.attribution = speaker
                d.evidence.extend(speaker.evidence())
                d.evidence.append(Evidence(rule="quote.speaker", detail=speaker.source.text))
                return
        att = self.attributor.for_token(d.anchor, self.attributions[i])
        if att is None and d.quantity is not None and d.quantity.value:
            att = self._same_count_series(d)
        gov = self.attributor.governing
        if att is None and gov is not None and i - gov.sentence <= 8 and self._continues(d, gov):
            att = gov.inherited()
        if att is not None:
            d.attribution = att
            d.evidence.extend(att.evidence())

    def _same_count_series(self, d: Draft) -> Attribution | None:
        """An unattributed count of the same item and event as a recent attributed count
        continues that source's tally ("Another two drones were downed near Kyiv"), even
        when another source spoke in between."""
        for prev in reversed(self.drafts):
            if d.sentence - prev.sentence > 3:
                return None
            if (
                prev.attribution is not None
                and prev.quantity is not None
                and prev.item == d.item
                and prev.event == d.event
                and not prev.quote
            ):
                return prev.attribution.inherited()
        return None

    def _speaker_region(self, d: Draft) -> None:
        """A governor or a local authority speaks for its area: a claim of theirs that names
        no place of its own is about that area ("Bryansk Governor X said there were no
        casualties", "according to the Kyiv city administration, debris fell on a house")."""
        if d.attribution is None or any(e.rule == "location.segment" for e in d.evidence):
            return
        region = self._speaker_region_span(d.attribution)
        if region is not None:
            d.locations = [self.places.to_location(region)]
            d.evidence.append(
                Evidence(
                    rule="location.speaker_region",
                    detail=region.id_,
                    start=region.start_char,
                    end=region.end_char,
                )
            )

    def _speaker_region_span(self, att: Attribution) -> Span | None:
        """The region named in a governor's or local authority's mention (or in the full
        mention a pronoun resolved to): "Voronezh Governor Alexander Gusev" → Voronezh."""
        if att.source.kind not in ("governor", "official"):
            return None
        for mention in (att.source, att.antecedent):
            if mention is None or mention.start is None:
                continue
            first, last = self._tok(mention.start), self._tok(mention.end - 1) + 1
            for region in self.ctx.within(labels.REGION, first, last):
                if region.kb_id_ in ("region", "place"):
                    return region
        return None

    def _continues(self, d: Draft, gov: Attribution) -> bool:
        """Whether an unattributed claim continues the report the governing source made.

        A sentence opened by a topic shift ("Separately, …", "Meanwhile, …") never does;
        an elliptical count or a claim in the very next sentence does; otherwise it must
        share the item or the event kind of the latest attributed claim ("Debris set off
        a fire at a cemetery" after a casualty report is a new topic, told in the
        article's own voice)."""
        sent = self.ctx.sents[d.sentence]
        opening = " ".join(self.ctx.lower[sent.start : min(sent.end, sent.start + 4)])
        if any(opening.startswith(m) for m in self.g["topic_shift_markers"]):
            return False
        if d.elliptical or d.sentence - gov.sentence <= 1:
            return True
        previous = [x for x in self.drafts if x.event != "statement" and x.attribution is not None]
        if not previous:
            return d.sentence - gov.sentence <= 2
        last = previous[-1]
        return d.item == last.item or d.event == last.event

    def _govern(self, i: int, drafts: list[Draft]) -> None:
        for d in drafts:
            if d.attribution is not None and d.attribution.rule != "inherited" and not d.quote:
                self.attributor.govern(d.attribution)
        if not drafts:
            for att in self.attributions[i]:
                if att.rule in ("according_to", "possessive_report") or self.attributor.is_document_subject(
                    att
                ):
                    self.attributor.govern(att)

    # ---------------------------------------------------------------- statements
    def _tok(self, char: int) -> int:
        return self.ctx.token_at(char)

    def _quote_speakers(self) -> dict[Quotation, Attribution]:
        """Each quotation's speaker: an attribution right after its closing mark
        ('…,” said X' / '…,” X said'), else the nearest one before its opening mark in
        the same sentence ('X wrote on Telegram that "…'). A quotation with no speaker
        of its own right after a speaker's quotation continues it ('“…,” she said. “But…”')."""
        speakers: dict[Quotation, Attribution] = {}
        cued = [a for atts in self.attributions for a in atts if a.cue is not None]
        previous: tuple[Quotation, Attribution] | None = None
        for q in self.ctx.quotations:
            found = None
            if q.close is not None:
                close = self._tok(q.close)
                for att in cued:
                    first = min(self._tok(att.cue.start), self._tok(att.source.start or att.cue.start))
                    if 0 < first - close <= 3:
                        found = att
                        break
            if found is None:
                opening = self._tok(q.open)
                before = [
                    a
                    for a in self.attributions[self.ctx.sent_of_token[opening]]
                    if a.cue is not None
                    and self._tok(a.cue.end - 1) < opening
                    and (a.source.start or 0) < q.open
                ]
                if before:
                    found = max(before, key=lambda a: a.cue.end)
            if found is None and previous is not None and 0 <= q.open - previous[0].end <= 200:
                found = previous[1]
            if found is not None:
                speakers[q] = found
                previous = (q, found)
        return speakers

    def _statement_drafts(self) -> list[Draft]:
        """Quotations with a speaker, and reported speech ("X said that …"), that hold
        no count: the attributed assertion itself is the claim."""
        out: list[Draft] = []
        by_speaker: dict[int, Draft] = {}
        for q, att in self.quote_speakers.items():
            span = self.doc.char_span(q.start, q.end, alignment_mode="contract")
            if span is None or len(span) < 4 or self._holds_claim(span.start, span.end):
                continue  # a quoted word or two is a scare quote, not a statement
            earlier = by_speaker.get(id(att))
            if earlier is not None and self._tok(q.open) - earlier.end <= 40:
                earlier.end = max(earlier.end, span.end)  # the same quotation, broken by its attribution
                continue
            d = self._statement(span.start, span.end, att, quote=True)
            by_speaker[id(att)] = d
            out.append(d)
        for atts in self.attributions:
            for att in atts:
                content = self._reported_content(att)
                if content is None:
                    continue
                lo, hi = content
                if self._holds_claim(lo, hi) or any(lo <= d.start < hi or d.start <= lo < d.end for d in out):
                    continue  # a count, an event or a quotation already stands for it
                out.append(self._statement(lo, hi, att, quote=False))
        return out

    def _reported_content(self, att: Attribution) -> tuple[int, int] | None:
        """Tokens of the that-clause a speaker asserts ("analysts suggest that …"),
        or None when the attribution introduces no such clause."""
        if att.rule not in ("subject_cue", "inverted_cue") or self.attributor.is_document_subject(att):
            return None
        cue_end = self._tok(att.cue.end - 1) + 1
        sent = self.ctx.sentence(cue_end - 1)
        lower = self.ctx.lower
        that = next(
            (
                j
                for j in range(cue_end, min(sent.end, cue_end + 5))
                if lower[j] == "that" or self.ctx.punct[j]
            ),
            None,
        )
        if that is not None and lower[that] == "that":
            lo = that + 1
        elif att.source.kind in self.g["assessment_kinds"] and att.scope[0] >= cue_end:
            lo = cue_end  # "an official who declined to be named said the strikes may continue"
        else:
            return None
        hi = att.scope[1] if att.scope[0] >= cue_end else sent.end
        if hi - lo < 4 or self.ctx.quotation_at(self.ctx.token_starts[lo]) is not None:
            return None
        return lo, hi

    def _holds_claim(self, lo: int, hi: int) -> bool:
        return any(lo <= d.anchor < hi for d in self.drafts) or bool(self.ctx.within(labels.NEGATION, lo, hi))

    def _statement(self, start: int, end: int, att: Attribution, *, quote: bool) -> Draft:
        i = self.ctx.sent_of_token[start]
        quotation = self.ctx.quotation_at(self.ctx.token_starts[start]) if quote else None
        locations, _ = self.places.find(start, end, quotation)
        if not locations and att.source.start is not None:
            source_tok = self._tok(att.source.start)  # a fronted "In the Ryazan region, Governor X wrote"
            sent = self.ctx.sentence(source_tok)
            locations, _ = self.places.find(sent.start, source_tok)
        d = Draft(
            sentence=i,
            start=start,
            end=end,
            anchor=start,
            event="statement",
            locations=dedupe(locations),
            attribution=att,
            quote=quote,
            hedged=self._hedged(start, end),
            evidence=[
                Evidence(
                    rule="statement.quote" if quote else "statement.reported_speech",
                    detail=att.source.text,
                    start=self.ctx.token_starts[start],
                    end=self.ctx.token_ends[end - 1],
                )
            ]
            + att.evidence(),
        )
        mentions, frame = self.times.get(i, ([], None))
        d.time, ev = self.timeline.for_token(start, mentions, frame)
        d.evidence.extend(ev)
        return d

    # ---------------------------------------------------------------- output
    def _finish(self, d: Draft) -> Claim:
        ctx, start, end = self.ctx, d.start, d.end
        skip = self.g["strong_delimiters"] | self.g["weak_delimiters"]
        while start < end - 1 and (ctx.punct[start] or ctx.lower[start] in skip or ctx.space[start]):
            start += 1
        while end > start + 1 and (ctx.punct[end - 1] or ctx.space[end - 1]):
            end -= 1
        start_char, end_char = ctx.char_range(start, end)
        att = d.attribution
        return Claim(
            text=ctx.text[start_char:end_char],
            start=start_char,
            end=end_char,
            event=d.event,
            quantity=d.quantity,
            item=d.item,
            locations=d.locations,
            time=d.time,
            source=att.source if att is not None else Source(),
            cue=att.cue if att is not None else None,
            quote=d.quote,
            hedged=d.hedged,
            evidence=d.evidence,
        )


def assemble(doc: Doc, spans, published: str | None, data_dir: Path | None = None) -> list[Claim]:
    """Claims of ``doc`` from its claimx span group; ``published`` is an ISO date."""
    day = date.fromisoformat(published) if published else None
    return Assembler(doc, list(spans), day, data_dir).run()
