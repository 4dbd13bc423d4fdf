"""Count claims: a number (or "nobody", "a woman", "all of them") of an item in an event.

Each anchor of a sentence (:mod:`.anchors`) gets its *item* (the counted noun after it,
or, for an elliptical count such as "The majority—eight—", the item of the claim it
continues), its *event* (the nearest trigger; the item can overrule it: counted homes
are damage) and its *locations* (:mod:`.locations`: those of its segment, else
inherited from the claim it continues). A count over several regions marked
"each"/"apiece" becomes one claim per region.
"""

from __future__ import annotations

import bisect
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

from spacy.tokens import Span

from ..entities import labels
from ..entities.quantities import parse_quantity
from ..resources import load_data
from ..schema import Evidence, Location, Quantity
from .anchors import AnchorFinder
from .context import Sentence
from .drafts import Draft, Drafting
from .harm import HarmReader
from .locations import country_level, location_evidence
from .rates import RateDrafter
from .remainder import RemainderDrafter
from .timing import TimedMention

#: Most words naming the harmed people between a count and its casualty verb ("22
#: Palestinians were killed", "12 Hezbollah members were killed").
MAX_HARMED_NOUN = 2
#: Most tokens between "toll" and its value ("the death toll from Monday's missile strike on
#: the city rose to 58").
MAX_TOLL_GAP = 16
#: Most tokens from a vague count to its own event word ("dozens of drones were shot down").
MAX_VAGUE_TRIGGER_GAP = 6
#: A count whose own time ended this long before the report is background history.
BACKGROUND_AGE = timedelta(days=366)
#: Most tokens from "since" to the date that opens the period ("since the war began with
#: the attack on the south on October 7, 2023"); the clause also ends at punctuation.
MAX_SINCE_GAP = 16


# the location rules whose place a coordinated count before may share
_SHARED_PLACE_RULES = frozenset(
    {"location.segment", "location.cause", "location.implied", "location.coordinated"}
)


class CountDrafter:
    """Builds the count claims of one document, sentence by sentence."""

    def __init__(self, state: Drafting, data_dir: Path) -> None:
        self.state = state
        self.ctx, self.g, self.places = state.ctx, state.g, state.places
        self.finder = AnchorFinder(state.ctx, state.g)
        self.harm = HarmReader(state.ctx, data_dir)
        self.remainder = RemainderDrafter(state)
        self.rates = RateDrafter(state, data_dir)
        # per-sentence indexes, built once for the sentence being drafted
        self._times_of: tuple[int, list[TimedMention], list[int]] = (-1, [], [])
        self._marks_of: tuple[int, list[int]] = (-1, [])
        qualifiers = load_data("lexicons/qualifiers.json", data_dir)
        self.distributive = {
            w for w in qualifiers["distributive"] + qualifiers["distributive_phrases"] if " " not in w
        }

    def for_sentence(self, i: int) -> list[Draft]:
        """The count claims of sentence ``i``: one per anchor (one per region for a
        distributive count), each with its item, event and locations."""
        sent = self.ctx.sents[i]
        anchors = [a for a in self.finder.anchors(sent) if self._may_count(a, sent)]
        drafts: list[Draft] = []
        segments = self.finder.segments(sent, anchors) if anchors else []
        for anchor, (s, e) in zip(anchors, segments, strict=False):
            # a count of places ("over 15 regions") is not what a later count continues
            prev = next((d for d in reversed(drafts) if d.item not in self.g["place_items"]), None)
            prev = prev or self._previous_draft(i)
            governing = next((d for d in reversed(drafts) if not self._partitive_whole(d.anchor)), None)
            make = {
                labels.NEGATION: self._negation_draft,
                labels.SINGLE: self._single_draft,
                "TOTALITY": self._totality_draft,
            }.get(anchor.label_, self._quantity_draft)
            draft = make(anchor, s, e, i, prev, governing)
            if draft is None:
                continue
            draft.background = self._background(draft)
            self._locate(draft, s, e, drafts, prev)
            drafts.extend(self._distribute(draft, anchor, s, e))
        self._share_coordinated_verb(drafts)
        self._share_cause_place(drafts)
        self._share_coordinated_place(drafts)
        self._share_included_place(drafts)
        rest = self.remainder.draft(i, drafts)  # "… and the rest over the Oryol region"
        if rest is not None:
            drafts.append(rest)
        for rate in self.rates.for_sentence(i):  # "the interception rate fell to 54%"
            self._locate(rate, rate.start, rate.end, drafts, None)
            drafts.append(rate)
        last = self._previous_draft(i)
        for d in drafts:
            d.harm = self.harm.harm(d, last)
            last = d
            self._trim_attribution(d)
        return drafts

    def _trim_attribution(self, d: Draft) -> None:
        """End the claim's text before a trailing attribution set off by a comma: "a
        child among them, the governor said", "… were extinguished," Gusev wrote on his
        Telegram channel", "…, according to the ministry" say who, not what."""
        ctx = self.ctx
        marks = self._attribution_marks(d.sentence)
        j = bisect.bisect_right(marks, d.anchor)  # the first attribution after the count
        if j == len(marks) or marks[j] >= d.end:
            return
        k = marks[j]
        while k > d.anchor + 1 and ctx.quote[k - 1]:
            k -= 1  # '…," Gusev wrote'
        if ctx.words[k - 1] in (",", "—", "–") and k - 1 > d.anchor:
            d.end = k - 1

    def _background(self, draft: Draft) -> bool:
        """The count is background history, not news of the report: the time nearest
        before it in its sentence (else the first after it) ended more than a year before
        publication ("In September 1999, a quake left more than 2,400 people dead" in a
        2018 report). A period running up to the report ("since October 2023") is news."""
        published = self.state.timeline.published
        mentions, starts = self._event_times(draft.sentence)
        if published is None or not mentions:
            return False
        k = bisect.bisect_left(starts, draft.anchor)
        nearest = mentions[k - 1] if k else mentions[0]
        if not nearest.value.resolved:
            return False
        if self._in_open_period(draft.start, nearest.span.start):
            return False  # "since the fighting started on October 7, 2023": up to now
        end = nearest.value.end
        day = end.date() if isinstance(end, datetime) else end
        return isinstance(day, date) and published - day > BACKGROUND_AGE

    def _in_open_period(self, floor: int, time_start: int) -> bool:
        """A time inside a clause opened by "since" (no punctuation between them)
        opens a period running up to the report."""
        ctx, opens = self.ctx, self.g["open_period_prepositions"]
        for j in range(time_start - 1, max(floor, time_start - MAX_SINCE_GAP) - 1, -1):
            if ctx.lower[j] in opens:
                return True
            if ctx.punct[j]:
                return False
        return False

    def _event_times(self, i: int) -> tuple[list[TimedMention], list[int]]:
        """The time mentions of sentence ``i`` that may date an event (not the time of a
        saying), in text order, with their first tokens (built once per sentence)."""
        if self._times_of[0] != i:
            found = self.state.times.get(i, ([], None))[0]
            mentions = sorted((m for m in found if not m.statement), key=lambda m: m.span.start)
            self._times_of = (i, mentions, [m.span.start for m in mentions])
        return self._times_of[1], self._times_of[2]

    def _attribution_marks(self, i: int) -> list[int]:
        """The first tokens of the attributions of sentence ``i`` (the earlier of source
        and cue), sorted (built once per sentence)."""
        if self._marks_of[0] != i:
            firsts = []
            for att in self.state.attributions[i]:
                marks = [m.start for m in (att.source, att.cue) if m is not None and m.start is not None]
                if marks:
                    firsts.append(self.ctx.token_at(min(marks)))
            firsts.sort()
            self._marks_of = (i, firsts)
        return self._marks_of[1]

    def _share_coordinated_verb(self, drafts: list[Draft]) -> None:
        """Coordinated subjects share the verb after them: in "3 missiles and 86 drones
        were neutralised" the missiles were neutralised too, not launched like the count
        before them."""
        for d, nxt in zip(reversed(drafts[:-1]), reversed(drafts[1:]), strict=True):
            trigger = next((e for e in nxt.evidence if e.rule == "count.event"), None)
            inherited = any(e.rule == "count.event.inherited" for e in d.evidence)
            if (
                not inherited
                or trigger is None
                or trigger.start is None
                or self.ctx.lower[nxt.start] != "and"
                or self.ctx.token_at(trigger.start) < nxt.anchor
                or d.item in self.g["damage_items"]
            ):
                continue
            d.event = "damage" if nxt.event == "damage" and d.item in self.g["site_items"] else nxt.event
            d.evidence = [e for e in d.evidence if e.rule != "count.event.inherited"]
            d.evidence.append(Evidence(rule="count.event.coordinated", detail=d.event))

    def _share_included_place(self, drafts: list[Draft]) -> None:
        """A total whose verb and place come after a part it includes takes that place:
        "Six people, including two children, were injured … in Kyiv's Obolonskyi district";
        so does a total whose part of it ("three of them fatally, in Detroit") names one."""
        for d, nxt in zip(drafts, drafts[1:], strict=False):
            if d.locations or d.own_place or not nxt.locations or nxt.event != d.event:
                continue
            part = nxt.elliptical and any(e.rule == "count.item.partitive_anaphor" for e in nxt.evidence)
            if (
                part
                and self.ctx.lower[nxt.start] in (",", "—", "–", "(")
                and not self.ctx.within(labels.EVENT, nxt.start, nxt.end)
                and self._place_past_part(nxt)
            ):  # set off, sharing the total's verb ("…, three of them fatally"): not a new clause
                d.locations = list(nxt.locations)
                d.evidence.append(location_evidence("location.included", nxt.locations))
                continue
            words = " ".join(self.ctx.lower[nxt.start : nxt.anchor]).strip(" ,(—–")
            if words not in self.g["inclusion_markers"] or self.ctx.within(labels.EVENT, d.start, d.end):
                continue
            d.locations = list(nxt.locations)
            d.evidence.append(location_evidence("location.included", nxt.locations))

    def _place_past_part(self, part: Draft) -> bool:
        """The part's places lie past a comma after it ("three of them fatally, … in
        Detroit"), so they frame the whole clause; "12 of them in Syria" says where only
        those 12 were."""
        places = [loc.start for loc in part.locations if loc.code]
        if not places:
            return False
        first = self.ctx.token_at(min(places))
        return "," in self.ctx.words[part.anchor + 1 : first]

    def _share_cause_place(self, drafts: list[Draft]) -> None:
        """A toll with no place takes the place of the event clause that tells how it came
        about: "Nine people were wounded when a drone hit a bus in Kherson"."""
        for d, nxt in zip(drafts, drafts[1:], strict=False):
            if d.locations or d.own_place or not nxt.locations or d.event not in ("casualty", "damage"):
                continue
            if self.ctx.lower[nxt.start] in self.g["event_subordinators"]:
                d.locations = list(nxt.locations)
                d.evidence.append(location_evidence("location.cause", nxt.locations))

    def _share_coordinated_place(self, drafts: list[Draft]) -> None:
        """A conjunct joined by "and" lends its place back to the count before it when
        that count names none: "Russia fired 78 missiles and 106 drones at Ukraine"."""
        for d, nxt in zip(reversed(drafts[:-1]), reversed(drafts[1:]), strict=True):
            # "and 5 were downed over Kursk" is a clause of its own, but the toll of one
            # incident shares its place ("a man was killed and two were wounded in Kherson")
            # a verbless member of a list shares the list's verb and place ("A, B and C fired
            # by Russia were destroyed by Ukraine's air defences")
            first = self.ctx.lower[nxt.start]
            verbless = not self.ctx.within(labels.EVENT, d.start, d.end)
            joined = (first in ("and", ",") and verbless) or (
                first == "and"
                and (
                    d.event == "casualty"
                    or self.g["auxiliaries"].isdisjoint(self.ctx.lower[nxt.start : nxt.end])
                )
            )
            # the place of its own clause, of the when-clause both tolls share, of its side
            own = any(e.rule in _SHARED_PLACE_RULES for e in nxt.evidence)
            if not d.locations and not d.own_place and joined and own and nxt.event == d.event:
                d.locations = list(nxt.locations)
                d.evidence.append(location_evidence("location.coordinated", nxt.locations))

    def _previous_draft(self, i: int, items: frozenset[str] | None = None) -> Draft | None:
        """The latest count claim of the last two sentences with an item (of one of
        ``items`` if given) and not a zero, which an elliptical count ("Four fell in …")
        continues."""
        for d in reversed(self.state.drafts):
            if i - d.sentence > 2:
                break
            if (
                d.quantity is not None
                and d.quantity.value != 0  # "no damage" is not what "Seventeen more" continues
                and d.item is not None
                and d.item not in self.g["place_items"]
                and (items is None or d.item in items)
            ):
                return d
        return None

    def _region_tally(self, s: int, token: int) -> bool:
        """The count at ``token`` is a region's share of a tally of weapons ("The Rostov
        region accounted for a further 18", "Lipetsk for two"): a region verb or "for"
        right before it."""
        lower = self.ctx.lower
        words = lower[max(s, token - 4) : token]
        return not (self.g["region_subject_verbs"] | self.g["region_tally_prepositions"]).isdisjoint(
            words
        ) and bool(self.ctx.within(labels.REGION, s, token))

    def _quantity_draft(
        self, q: Span, s: int, e: int, i: int, prev: Draft | None, first: Draft | None = None
    ) -> Draft | None:
        """The claim of count ``q`` in segment ``[s, e)``, or None when it counts nothing
        claimx knows (no item, or no event). ``prev`` is the count an elliptical one
        continues, ``first`` the sentence's governing count that lends its verb."""
        text = self.ctx.span_text(q)
        parsed = parse_quantity(text)
        if parsed.value is None and parsed.low is None and not parsed.unrepresentable:
            return None
        evidence = [Evidence(rule="count.quantity", detail=text, start=q.start_char, end=q.end_char)]
        item, how, item_span = self._item_after(q, e)
        if how == "partitive" and item in self.g["place_items"] and parsed.value == 1:
            return None  # "in one of Kyiv's districts" says where, it counts nothing
        if item in self.g["place_items"] and self._locative_qualifier(q, s):
            q = self.ctx.doc[q.start + 1 : q.end]  # "158 drones over 15 regions": where, not "more than"
            text = self.ctx.span_text(q)
            parsed = parse_quantity(text)
            evidence = [Evidence(rule="count.quantity", detail=text, start=q.start_char, end=q.end_char)]
        elliptical = False
        if item is None and how in ("partitive_anaphor", "anaphor") and self._region_tally(s, q.start):
            prev = (
                self._previous_draft(i, self.g["weapon_items"]) or prev
            )  # "Rostov accounted for a further 18"
        if item is None and how == "partitive_anaphor" and prev is not None:
            item, elliptical = prev.item, True
        elif how == "partitive" and item_span is not None and prev is not None and prev.item == item:
            elliptical = True  # "Two of the missiles were shot down": those just counted
        events = self.ctx.within(labels.EVENT, s, e)
        if item is None:
            casualty = [ev for ev in events if ev.id_ == "casualty" and abs(ev.start - q.start) <= 3]
            killed_before = any(ev.id_ == "casualty" and 0 < q.start - ev.end + 1 <= 1 for ev in events)
            if casualty and (how != "none" or killed_before):  # "killed at least 29 Palestinians"
                item, how = "person", "casualty_trigger"
            elif how == "none" and self._harmed_subject(q, events):  # "22 Palestinians were killed"
                item, how = "person", "casualty_subject"
            elif self._toll_value(q, s):  # "the death toll rose to 58"
                item, how = "person", "toll"
            elif (counted := self._number_of_item(q, s)) is not None:  # "the number of drones rose to 300"
                item, how, item_span = counted.id_, "number_of", counted
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
        event, trigger = self._event_for(
            q.start, item, events, i, prev if elliptical else None, first, own_noun=q.end
        )
        if event is None:
            return None
        if trigger is not None:
            evidence.append(
                Evidence(rule="count.event", detail=event, start=trigger.start_char, end=trigger.end_char)
            )
            if self.ctx.span_text(trigger).lower() in self.g["locally_lost_triggers"]:
                evidence.append(  # "44 drones were lost locally": jammed, not shot down
                    Evidence(
                        rule="count.outcome",
                        detail="locally lost (electronic warfare), not shot down",
                        start=trigger.start_char,
                        end=trigger.end_char,
                    )
                )
        else:
            evidence.append(Evidence(rule="count.event.inherited", detail=event))
        quantity = parsed.to_quantity(text, q.start_char, q.end_char)
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
            hedged=self.state.hedged(s, e),
        )

    def _may_count(self, a: Span, sent: Sentence) -> bool:
        """Whether anchor ``a`` can be a claim, judged before the sentence is cut into
        segments so that one that cannot does not cut it: "in one of Kyiv's districts"
        says where, and a vague count must pass :meth:`_vague_claim`."""
        if a.label_ != labels.QUANTITY:
            return True
        if a.kb_id_ == "vague":
            return self._vague_claim(a, sent)
        item, how, _ = self._item_after(a, sent.end)
        one = parse_quantity(self.ctx.span_text(a)).value == 1
        if item in self.g["place_items"] and self._joined_to_place(a):
            return False  # "over Voronezh and two of the region's districts": where, not what
        return not (how == "partitive" and item in self.g["place_items"] and one)

    def _joined_to_place(self, a: Span) -> bool:
        """Count ``a`` is coordinated with a named place before it ("over Voronezh and two
        of the region's districts"): a further part of the same place phrase."""
        k = a.start - 1
        if k < 1 or self.ctx.lower[k] not in self.g["region_list_connectors"]:
            return False
        return self.ctx.covering(labels.REGION, k - 1) is not None

    def _vague_claim(self, q: Span, sent: Sentence) -> bool:
        """A vague count ("dozens", "several") is a claim only when it counts no places
        ("across a number of regions" says where) and has an event word of its own next
        to it ("dozens of drones were shot down"), not one it merely shares with a count
        nearby ("sending millions of people to shelters")."""
        item = self._item_after(q, sent.end)[0]
        if item is None:
            return self._harmed_right_after(q, sent.end)  # "Dozens more were wounded"
        if item is None or item in self.g["place_items"]:
            return False
        events = self.ctx.within(
            labels.EVENT, max(sent.start, q.start - 3), min(sent.end, q.end + MAX_VAGUE_TRIGGER_GAP)
        )
        return any(ev.start >= q.end or q.start - ev.end <= 2 for ev in events)

    def _harmed_right_after(self, q: Span, limit: int) -> bool:
        """A vague count with no noun is the subject of a casualty verb after at most an
        auxiliary or two ("dozens more were wounded", "scores have been killed"): people."""
        j = q.end
        while j < limit and j - q.end < 3:
            event = self.ctx.covering(labels.EVENT, j)
            if event is not None:
                return event.id_ == "casualty" and event.start == j
            if self.ctx.lower[j] not in self.g["auxiliaries"]:
                return False
            j += 1
        return False

    def _number_of_item(self, q: Span, s: int) -> Span | None:
        """The item a count is the new value of: "the number of drones launched has risen
        to 300" (a count noun, "of", an item, then a link such as "to" right before it)."""
        lower = self.ctx.lower
        if q.start <= s or lower[q.start - 1] not in self.g["toll_links"]:
            return None
        lo = max(s, q.start - MAX_TOLL_GAP)
        for t in range(lo, q.start - 2):
            if lower[t] in self.g["toll_count_nouns"] and lower[t + 1] == "of":
                item = self.ctx.covering(labels.ITEM, t + 2)
                if item is not None and item.id_ not in self.g["place_items"]:
                    return item
        return None

    def _toll_value(self, q: Span, s: int) -> bool:
        """Count ``q`` is the value of a toll named before it in its segment: "the death
        toll from Monday's strike rose to 58", "bringing the toll to 12", "a toll of 40"."""
        lower = self.ctx.lower
        if q.start <= s or lower[q.start - 1] not in self.g["toll_links"]:
            return False
        lo = max(s, q.start - MAX_TOLL_GAP)
        if not self.g["toll_nouns"].isdisjoint(lower[lo : q.start]):
            return True
        # "the number of people hurt has risen to 17": a count noun with a casualty word
        return not self.g["toll_count_nouns"].isdisjoint(lower[lo : q.start]) and any(
            ev.id_ == "casualty" for ev in self.ctx.within(labels.EVENT, lo, q.start)
        )

    def _harmed_subject(self, q: Span, events: list[Span]) -> bool:
        """Count ``q`` and a noun claimx does not list ("Palestinians", "Hezbollah
        members") are the subject of a casualty verb right after them: people."""
        limit = MAX_HARMED_NOUN + 1
        return any(
            ev.id_ == "casualty"
            and 0 < ev.start - q.end <= limit
            and all(self.ctx.alpha[t] for t in range(q.end, ev.start))
            for ev in events
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
                k = self._partitive_head(j + 1, limit)
                if k < limit and lower[k] in self.g["partitive_people"]:
                    return "person", "partitive", self.ctx.doc[k : k + 1]  # "14 of the wounded"
                inner = self.ctx.covering(labels.QUANTITY, k) if k < limit else None
                if inner is not None:  # "24 of the 29 Shahed drones": the item of the whole
                    return self._item_after(inner, limit)[0], "partitive", None
                item = self.ctx.covering(labels.ITEM, k) if k < limit else None
                if item is None:
                    item = self._modified_item(k, limit)  # "80 of the enemy drones"
                if item is not None:
                    return item.id_, "partitive", item
                return None, "none", None
            bare_punct = self.ctx.punct[j] and not self.ctx.quote[j] and self.ctx.words[j] != "-"
            if bare_punct or word in self.g["auxiliaries"]:
                break
            if word in self.g["locative_prepositions"] or word in self.g["origin_prepositions"]:
                break
            if word in self.g["deprivation_prepositions"]:
                break  # "left 100,000 without homes": people who lack them, not homes counted
            if (
                self.ctx.covering(labels.CUE, j) is not None
                or self.ctx.covering(labels.QUANTITY, j) is not None
            ):
                break
            event = self.ctx.covering(labels.EVENT, j)
            if event is not None and not (event.end < limit and self.ctx.covering(labels.ITEM, event.end)):
                break
            if self._plural_head(j):
                break  # "the two countries traded strikes": the count's own noun, then its verb
            j += 1
        return None, nothing, None

    def _plural_head(self, j: int) -> bool:
        """Token ``j`` is a lowercase plural noun that ends the counted phrase: English
        modifiers before a noun are singular ("attack drones", "cruise missiles"), so a
        plural word claimx does not count ("countries", "sides") is the count's head."""
        word = self.ctx.words[j]
        return (
            word.islower()
            and len(word) > 3
            and word.endswith("s")
            and not word.endswith(("ss", "us", "is"))
            and self.ctx.covering(labels.ITEM, j) is None
        )

    def _locative_qualifier(self, q: Span, s: int) -> bool:
        """The count of places ``q`` opens with a preposition that is a qualifier only in
        other places ("over"): after a counted noun ("destroyed 158 drones over 15
        regions") it says where the drones were downed, while "over 150 drones" and
        "attacked over 15 regions" keep "more than"."""
        if len(q) < 2 or self.ctx.lower[q.start] not in self.g["locative_prepositions"] or q.start <= s:
            return False
        before = self.ctx.covering(labels.ITEM, q.start - 1)
        if before is None:
            return False
        counts = self.ctx.within(labels.QUANTITY, max(s, before.start - 4), before.start)
        return bool(counts) and not any(self.ctx.punct[counts[-1].end : before.start])

    def _whole_start(self, token: int) -> int:
        """The first token of the count at ``token`` ("roughly 80" starts at "roughly")."""
        q = self.ctx.covering(labels.QUANTITY, token)
        return q.start if q is not None else token

    def _modified_item(self, k: int, limit: int) -> Span | None:
        """The item after at most two plain modifiers of a partitive's whole ("of the enemy
        drones", "of the Russian attack drones"): words that are no event, cue, place or
        count of their own."""
        for t in range(k, min(limit, k + 3)):
            item = self.ctx.covering(labels.ITEM, t)
            if item is not None:
                return item if item.start == t and t > k else None
            if not self.ctx.alpha[t] or any(
                self.ctx.covering(label, t) is not None
                for label in (labels.EVENT, labels.CUE, labels.REGION, labels.QUANTITY)
            ):
                return None
        return None

    def _partitive_head(self, k: int, limit: int) -> int:
        """The first token of the whole after "of" in a partitive, past its determiners and
        a possessor: "seven of the capital's 10 districts" -> "10", so that the part (seven)
        takes the item of the whole and the possessor ("capital") is not read as one."""
        lower, markers = self.ctx.lower, self.g["possessive_markers"]
        while k < limit and lower[k] in self.g["partitive_determiners"]:
            k += 1
        for owner in (1, 2, 3):  # "Russia's", "the Kharkiv region's"
            if (
                k + owner < limit
                and lower[k + owner] in markers
                and all(self.ctx.alpha[t] for t in range(k, k + owner))
            ):
                return k + owner + 1
        return k

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
        own_noun: int | None = None,
    ) -> tuple[str | None, Span | None]:
        """The event kind of a count at ``token``, and the trigger that says so.

        The nearest trigger in the count's own clause wins. A clause without one shares
        the verb of the sentence's previous count ("destroyed 9 missiles and 46 drones";
        "shot down 24 of the 29 drones Russia launched, as well as two missiles", where
        the partitive whole 29 does not count); casualties look for a casualty trigger
        anywhere in the sentence. An event noun at ``own_noun``, right after the count, is
        what it counts ("28 fatalities and 54 injuries"), never a later noun it shares."""
        sent = self.ctx.sents[i]
        if self._partitive_whole(token):  # "24 of the 29 drones Russia launched": 29 was launched
            events = [ev for ev in events if ev.start > token]
        if first is not None:  # "shot down 146 drones and seven missiles, one of the largest attacks"
            events = [
                ev for ev in events if ev.start < token or ev.start == own_noun or not self._event_noun(ev)
            ]
        if item in self.g["casualty_items"]:
            own = next((ev for ev in events if ev.start == own_noun and ev.id_ == "casualty"), None)
            if own is not None:  # "treated 12 fatalities": the noun, not the verb, says what
                return "casualty", own
            pool = events or self.ctx.within(labels.EVENT, sent.start, sent.end)
            casualty = [ev for ev in pool if ev.id_ == "casualty"]
            if casualty:
                events = casualty
            elif prev is None or prev.event != "casualty":
                return None, None
        if not events and first is not None:  # counted homes are damage whichever verb they share
            return ("damage" if item in self.g["damage_items"] else first.event), None
        if not events:
            events = self.ctx.within(labels.EVENT, sent.start, sent.end)
        if events:
            best = min(events, key=lambda ev: min(abs(ev.start - token), abs(ev.end - token)))
            kind = (
                "damage"
                if item in self.g["damage_items"] or self._on_the_ground(item, best, sent)
                else best.id_
            )
            return kind, best
        if prev is not None:
            return prev.event, None
        return None, None

    def _on_the_ground(self, item: str, trigger: Span, sent: Sentence) -> bool:
        """Weapons destroyed on the ground are damage, not interceptions: air-defence
        systems, launchers and radars always; aircraft when the sentence puts them on the
        ground ("destroyed two Su-34s at the Morozovsk airfield", "parked")."""
        if (
            trigger.id_ != "interception"
            or self.ctx.span_text(trigger).lower() not in self.g["ground_destruction_triggers"]
        ):
            return False
        if item in self.g["ground_items"]:
            return True
        if item != "aircraft":
            return False
        words = " " + " ".join(self.ctx.lower[sent.start : sent.end]) + " "
        if any(f" {m} " in words for m in self.g["ground_markers"]):
            return True
        return any(
            it.id_ in self.g["ground_site_items"] for it in self.ctx.within(labels.ITEM, sent.start, sent.end)
        )

    def _event_noun(self, trigger: Span) -> bool:
        """The trigger names an event ("attacks", "strike") rather than reporting one."""
        return self.ctx.span_text(trigger).lower() in self.g["event_nouns"]

    def _partitive_whole(self, token: int) -> bool:
        """The count at ``token`` is the whole of a partitive ("24 of the 29 drones")."""
        lower = self.ctx.lower
        for of in range(
            token - 1, max(token - 7, 0), -1
        ):  # "24 of 29", "24 of the 29", "seven of the city's 10"
            if lower[of] == "of":  # the part: a count, or "most of the roughly 80 missiles"
                part = self.ctx.covering(labels.QUANTITY, of - 1) is not None or (
                    lower[of - 1] in self.g["partitive_quantifiers"]
                )
                return part and self._partitive_head(of + 1, token + 1) == self._whole_start(token)
        return False

    def _distributive(self, q: Span, s: int, e: int) -> bool:
        """Count ``q`` applies to each place of its segment ("three each", "apiece")."""
        return q.kb_id_ == "distributive" or not self.distributive.isdisjoint(self.ctx.lower[s:e])

    def _negation_draft(
        self, n: Span, s: int, e: int, i: int, prev: Draft | None, first: Draft | None = None
    ) -> Draft:
        """A zero count: "nobody was hurt" is 0 casualties, "no damage" 0 damage."""
        event, text = n.id_ or "casualty", self.ctx.span_text(n)
        quantity = Quantity(
            value=0, low=0, high=0, qualifier="exact", text=text, start=n.start_char, end=n.end_char
        )
        item = "person" if event == "casualty" else None
        if event == "interception":  # "none of the missiles was intercepted", "none of them"
            named = self.ctx.within(labels.ITEM, n.start, n.end)
            item = named[0].id_ if named else (prev.item if prev is not None else None)
        return Draft(
            sentence=i,
            start=s,
            end=e,
            anchor=n.start,
            event=event,
            quantity=quantity,
            item=item,
            hedged=self.state.hedged(s, e),
            evidence=[Evidence(rule=f"count.zero.{event}", detail=text, start=n.start_char, end=n.end_char)],
        )

    def _totality_draft(
        self, a: Span, s: int, e: int, i: int, prev: Draft | None, first: Draft | None = None
    ) -> Draft | None:
        """A totality after a count: "14 drones were launched … All of them were destroyed"
        is a claim of 14 destroyed; only with an event word of its own clause."""
        if prev is None or prev.quantity is None or not prev.quantity.value:
            return None
        events = self.ctx.within(labels.EVENT, s, e)
        if not events:
            return None  # "…, all of them sophisticated Russian weapons" describes, claims nothing
        event, trigger = self._event_for(a.start, prev.item, events, i, None, None)
        if event is None or trigger is None:
            return None
        total, text = prev.quantity, self.ctx.span_text(a)
        quantity = total.model_copy(update={"text": text, "start": a.start_char, "end": a.end_char})
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
            hedged=self.state.hedged(s, e),
        )

    def _single_draft(
        self, a: Span, s: int, e: int, i: int, prev: Draft | None, first: Draft | None = None
    ) -> Draft | None:
        """One harmed person named with an article: "a woman was injured" is 1 casualty;
        two coordinated ("a girl and a woman were killed") are 2. A part of a toll ("injured
        five people, a child among them") is one only right after a casualty count."""
        text = self.ctx.span_text(a)
        words = f" {' '.join(self.ctx.lower[a.start : a.end])} "
        part = any(f" {m} " in words for m in self.g["inclusion_markers"])
        if part and (first is None or first.event != "casualty" or first.sentence != i):
            return None
        people = 1 + ("and" in self.ctx.lower[a.start : a.end])  # "a girl and a woman were killed"
        quantity = Quantity(
            value=people, low=people, high=people, text=text, start=a.start_char, end=a.end_char
        )
        items = self.ctx.within(labels.ITEM, a.start, a.end)
        return Draft(
            sentence=i,
            start=s,
            end=e,
            anchor=a.start,
            event=a.id_ or "casualty",
            quantity=quantity,
            item=self._single_item(a.id_ or "casualty", items),
            hedged=self.state.hedged(s, e),
            evidence=[Evidence(rule="count.single", detail=text, start=a.start_char, end=a.end_char)],
        )

    def _single_item(self, event: str, items: list[Span]) -> str:
        """The item of a count of one: the harmed person's own noun, not a place in the
        phrase ("a woman from the village of …"); the weapon of "a drone slammed into …"."""
        if event == "casualty":
            people = {it.id_ for it in items if it.id_ in self.g["casualty_items"]}
            return people.pop() if len(people) == 1 else "person"  # "a girl and a woman": people
        weapons = [it for it in items if it.id_ in self.g["weapon_items"]]
        return weapons[-1].id_ if weapons else (items[-1].id_ if items else "person")

    def _locate(
        self, draft: Draft, s: int, e: int, same_sentence: list[Draft], referent: Draft | None
    ) -> None:
        """Set the locations of ``draft``: those its segment names, else those of a donor
        (the sentence's previous count, the claim an elliptical count continues, the
        harm just reported, or an earlier located claim), minus countries of origin."""
        quote = self.ctx.quotation_at(self.ctx.token_starts[draft.anchor])
        s, e = self._reported_clause(draft.anchor, s, e)
        locations, own_place = self.places.find(s, e, quote)
        draft.own_place = own_place
        if locations:
            draft.locations = locations
            draft.evidence.append(location_evidence("location.segment", locations))
            return
        if own_place:
            return
        zero = draft.quantity is not None and draft.quantity.value == 0
        if any(e.rule == "count.outcome" for e in draft.evidence):
            # drones lost to jamming were not where the last ones were shot down: the report's country
            donor = self.state.previous_located(draft.sentence, any_level=False)
            if donor is not None and country_level(donor.locations):
                draft.locations = list(donor.locations)
                draft.evidence.append(location_evidence("location.inherited", donor.locations))
            return
        shift = self._topic_shift(draft.sentence)  # "Separately, …": not the incident just told
        harm = self._previous_harm(draft.sentence) if draft.event in ("casualty", "damage") else None
        shifted, harm = (harm, None) if shift else (None, harm)
        if draft.event in ("attack", "damage") and harm is None and not shift:
            # "A strike on Kharkiv. Two missiles hit …"; not a count whose clause names the
            # attacking country ("Russia also fired 80 drones": the country it fired at)
            if self.places.implied_country(s, e) is None:
                harm = self._previous_incident(draft.sentence)
        latest = self.state.latest_located()
        if zero and harm is not None and latest is not None and latest.sentence > harm.sentence:
            harm = latest  # "Rostov accounted for 18. … no casualties": the place just reported
        if same_sentence:
            donor = same_sentence[-1]
        elif draft.elliptical and referent is not None and referent.locations:
            donor = referent
        elif harm is not None:
            donor = harm  # the toll of the incident just reported
        else:
            anaphoric = self.state.anaphoric_place(s, e)  # "struck the city": the city of the same weapon
            donor = self.state.previous_located(
                draft.sentence, any_level=zero or anaphoric, item=draft.item if anaphoric else None
            )
        origins = self.places.origin_countries(s, e)  # rockets "from Lebanon" did not land in Lebanon
        inherited = [
            loc
            for loc in (donor.locations if donor is not None else [])
            if not loc.code or loc.code.split("-")[0] not in origins
        ]
        if shift and not same_sentence:  # a new topic keeps only the report's country
            donor = donor if inherited or shifted is None else shifted
            inherited = _countries(inherited or (shifted.locations if shifted is not None else []))
        if inherited:
            draft.locations = self.places.war_wide(s, e, inherited)  # "killed in the war": the country
            draft.evidence.append(location_evidence("location.inherited", donor.locations))
            return
        # "fired by Russia", "by Ukraine's air defences", "killed in Russian attacks"
        implied = self.places.implied_country(s, e, harm=draft.event in ("casualty", "damage"))
        if implied is not None:
            draft.locations = [implied]
            draft.evidence.append(location_evidence("location.implied", draft.locations))
            return
        # harm in a report from one city or province (a national tally of interceptions is not)
        whole = self.places.document_region() if draft.event in ("casualty", "damage") else None
        if whole is not None:
            draft.locations = [whole]
            draft.evidence.append(location_evidence("location.document", draft.locations))

    def _reported_clause(self, anchor: int, s: int, e: int) -> tuple[int, int]:
        """The part of segment ``[s, e)`` in the anchor's own reported clause: a speaker
        may report several things, "said it had struck more than 100 targets and that its
        troops were operating in Khan Younis", and the place of the second is not the
        place of the first; nor is the place of a "since" clause that opens its period."""
        lower, joins, that = self.ctx.lower, self.g["verb_coordinators"], self.g["complementizers"]
        for t in range(anchor + 1, e - 1):
            if (lower[t] in joins and lower[t + 1] in that) or lower[t] in self.g["strong_delimiters"]:
                e = t  # "… and that its troops …", "40 missiles were launched; they struck Haifa"
                break
        for t in range(anchor - 1, s, -1):
            if lower[t] in that and lower[t - 1] in joins:
                s = t + 1
                break
            opener = lower[t] in self.g["strong_delimiters"] or (
                lower[t] in self.g["event_subordinators"] and lower[t - 1] == ","
            )
            if opener and not self.ctx.any_within(labels.QUANTITY, s, t):
                s = t + 1  # "fired a salvo at Safed, after/while the army counted 115 projectiles"
                break
        # "wounded across the Gaza Strip since the fighting started with an attack on
        # Israel": the period's opening event happened elsewhere
        since = next((t for t in range(anchor + 1, e) if lower[t] in self.g["open_period_prepositions"]), e)
        return s, since

    def _previous_incident(self, i: int) -> Draft | None:
        """A value-less strike of the sentence before, placed below country level: the
        incident a following count of its missiles or damage belongs to."""
        for d in reversed(self.state.drafts):
            if i - d.sentence > 1:
                return None
            own = any(ev.rule == "location.segment" for ev in d.evidence)  # not a place it inherited
            if d.event == "attack" and d.quantity is None and own and not country_level(d.locations):
                return d
        return None

    def _topic_shift(self, i: int) -> bool:
        """Sentence ``i`` opens with a topic shift ("Separately, …", "Elsewhere, …")."""
        sent, lower = self.ctx.sents[i], self.ctx.lower
        start = sent.start
        while start < sent.end and not lower[start].strip():
            start += 1  # a paragraph's line break opens its first sentence
        opening = " ".join(lower[start : min(sent.end, start + 4)])
        return any(opening.startswith(m) for m in self.g["topic_shift_markers"])

    def _previous_harm(self, i: int) -> Draft | None:
        """The latest located casualty or damage claim of the last two sentences."""
        for d in reversed(self.state.drafts):
            if i - d.sentence > 2:
                return None
            if d.event in ("casualty", "damage") and d.locations:
                return d
        return None

    def _distribute(self, draft: Draft, anchor: Span, s: int, e: int) -> list[Draft]:
        """One claim per coded region for a distributive count over several regions
        ("three each were intercepted in the Bryansk and Oryol Regions")."""
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


def _countries(locations: list[Location]) -> list[Location]:
    """The countries of ``locations``, once each, traced to the place they come from."""
    seen: dict[str, Location] = {}
    for loc in locations:
        country = loc.code.split("-")[0] if loc.code else None
        if country and country not in seen:
            seen[country] = Location(
                code=country, country=country, text=loc.text, start=loc.start, end=loc.end
            )
    return list(seen.values())
