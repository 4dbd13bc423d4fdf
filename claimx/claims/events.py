"""Event claims without a count: "the drones had struck Beersheba", "falling debris
caused a fire".

A verb trigger of an attack or damage becomes a claim with no quantity when the text
places it: in its own clause, at the front of the sentence ("In the Ryazan region, …"),
in the area its speaker governs, or, for a subject that points back ("the drones",
"it"), where the earlier claim about it happened. Generic, modal and irrealis mentions
("is able to hit", "did not say whether anything had been damaged") are not claims.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Span

from ..entities import labels
from ..schema import Evidence, Location
from .context import Sentence
from .drafts import Draft, Drafting
from .locations import location_evidence

_REACH = 15  # tokens a look-back from a trigger reads (denials, generic markers), kept bounded


class EventDrafter:
    """Builds the value-less event claims of one document, sentence by sentence."""

    def __init__(self, state: Drafting) -> None:
        self.state = state
        self.ctx, self.g, self.places = state.ctx, state.g, state.places
        self._marks: _ClauseMarks | None = None
        self._time_starts: tuple[int, list[int]] = (-1, [])  # a sentence's time mention starts
        self._vessel_phrases: dict[str, list[list[str]]] = {}
        self._names: dict[str, str] | None = None  # ship names of the document
        for phrase in sorted(self.g["vessel_damage_phrases"], key=lambda p: -len(p.split())):
            words = phrase.split()
            self._vessel_phrases.setdefault(words[0], []).append(words)

    def for_sentence(self, i: int, counts: list[Draft]) -> list[Draft]:
        """Attacks and damage reported without a count in sentence ``i`` ("the drones had
        struck Beersheba", "falling debris caused a fire"), when the text places them;
        a clause that holds one of the sentence's ``counts`` is already claimed."""
        sent = self.ctx.sents[i]
        out: list[Draft] = []
        taken: list[tuple[int, int]] = []
        last_end = sent.start  # where the last drafted trigger ends
        triggers = [
            t
            for t in self.ctx.within(labels.EVENT, sent.start, sent.end)
            if t.id_ in ("attack", "damage") and self._verbal(t)
        ]
        extra = self._vessel_damage(sent) + self._impacts(sent) + self._destroyed_sites(sent)
        triggers = sorted(triggers + extra, key=lambda t: t.start)
        if not triggers:
            return out
        lower = self.ctx.lower
        by_anchor = sorted(counts, key=lambda d: d.anchor)
        anchors = [d.anchor for d in by_anchor]
        for trigger in triggers:
            act = self._act_start(trigger)
            if not self.g["modal_markers"].isdisjoint(lower[max(sent.start, act - 2) : act]):
                continue  # "is able to hit", "will strike": not a reported event
            if trigger.end < sent.end and lower[trigger.end] in self.g["origin_prepositions"]:
                continue  # "drones launched from Yemen": a description, not the reported act
            lo, hi = self._clause(trigger.start, sent)
            if taken and taken[-1][0] <= trigger.start < taken[-1][1]:
                # a second event in the clause of one already drafted: its own claim only
                # when "and" opens a new subject ("a house was damaged and a fire broke
                # out at a garage"), not a second verb of the same one ("hit and damaged")
                j = self._coordinate(last_end, self._act_start(trigger), trigger.end, self._finite(trigger))
                if j is None or not out or out[-1].anchor >= j:
                    continue
                out[-1].end = j
                taken[-1] = (taken[-1][0], j)
                lo = j + 1
            if self._generic(trigger, lo, hi):
                continue  # "a series of strikes", "attacks have become more frequent"
            # only the counts anchored in the clause can claim it (bisection keeps a long
            # sentence of many counts linear); ``taken`` holds earlier, disjoint clauses
            in_clause = by_anchor[bisect.bisect_left(anchors, lo) : bisect.bisect_left(anchors, hi)]
            if any(self._claims(d, trigger, lo, hi) for d in in_clause):
                continue
            later = [self._split_before(trigger, d) for d in in_clause if d.event != "casualty"]
            hi = min([j for j in later if j is not None], default=hi)  # the count's clause is its own
            if not self.g["irrealis_markers"].isdisjoint(lower[lo : trigger.start]):
                continue  # "did not say whether anything had been damaged"
            if self._denied(trigger, sent):
                continue  # "the group denied that its drones hit the camp"
            if self._background(i, trigger):
                continue  # "the hospital was last hit in March 2022": history, not the news
            if trigger.id_ == "attack" and not self._attacker(trigger, lo):
                continue  # "falling debris struck a house", "the bus hit a tree"
            quote = self.ctx.quotation_at(trigger.start_char)
            locations, own_place = self.places.find(lo, hi, quote)
            # a ship hit is a specific target even at sea, where no land place is named
            vessel = self._vessel_target(trigger, lo, hi)
            evidence = [
                Evidence(
                    rule="event.trigger", detail=trigger.id_, start=trigger.start_char, end=trigger.end_char
                )
            ]
            if not locations and not own_place:
                locations = self._fronted_locations(sent, lo)
            if not locations and not own_place:
                att = self.state.attributor.for_token(trigger.start, self.state.attributions[i])
                region = self.state.speaker_region_span(att) if att is not None else None
                locations = [self.places.to_location(region)] if region is not None else []
            if not locations and not own_place:
                items_before = self.ctx.within(labels.ITEM, lo, trigger.start)
                donor = (
                    self.state.previous_located(
                        i, any_level=True, item=items_before[0].id_ if items_before else None
                    )
                    if self._anaphoric_subject(lo, trigger.start, hi)
                    else None
                )
                if donor is not None:
                    locations = list(donor.locations)
                    evidence.append(location_evidence("location.inherited", locations))
                elif not vessel:
                    continue
            elif locations:
                evidence.append(location_evidence("location.segment", locations))
            if not locations and not vessel:
                continue
            event = trigger.id_
            undergo = self.ctx.span_text(trigger).lower() in self.g["undergo_triggers"]
            passive = self._passive(trigger, lo) and not self._targeted_noun(trigger)
            if vessel and event == "attack" and not undergo and passive:
                event = "damage"  # "the tanker had been hit": what the ship suffered
            out.append(
                Draft(
                    sentence=i,
                    start=lo,
                    end=hi,
                    anchor=trigger.start,
                    event=event,
                    item=vessel or self._item(trigger, lo, hi, i),
                    locations=locations,
                    hedged=self.state.hedged(lo, hi),
                    evidence=evidence,
                )
            )
            taken.append((lo, hi))
            last_end = trigger.end
        return out

    def _split_before(self, trigger: Span, count: Draft) -> int | None:
        """The "and" that opens the clause of a count told after ``trigger`` with a subject
        of its own ("a bridge was destroyed and two houses were damaged"), else None."""
        if count.anchor <= trigger.end:
            return None
        return self._coordinate(trigger.end, count.anchor + 1, min(len(self.ctx.lower), count.anchor + 6))

    def _coordinate(self, after: int, act: int, verb_end: int, verbal: bool = False) -> int | None:
        """The "and" between tokens ``after`` and ``act`` that opens a clause with a subject
        of its own ("… was partly destroyed and a fire broke out at a warehouse", "… and the
        roof of a school was damaged", "… and two houses were damaged"): a determiner, a
        count or an item right after it, and no verb of the first event's subject ("and was
        set on fire", "and set it ablaze"). The new clause has a verb: ``verbal`` (its
        trigger is one) or an auxiliary before ``verb_end`` ("under rocket and drone fire"
        coordinates nouns, not clauses)."""
        lower, g = self.ctx.lower, self.g
        for j in range(act - 1, after - 1, -1):
            if lower[j] != "and" or j + 1 >= act:
                continue
            nxt = j + 1
            subject = lower[nxt] in g["attributive_determiners"] or any(
                s.start == nxt
                for s in self.ctx.within(labels.ITEM, nxt, act) + self.ctx.within(labels.QUANTITY, nxt, act)
            )
            verb = verbal or not g["auxiliaries"].isdisjoint(lower[nxt:verb_end])
            return j if subject and verb and lower[nxt] not in g["partitive_anaphors"] else None
        return None

    def _generic(self, trigger: Span, lo: int, hi: int) -> bool:
        """The clause tells attacks in general, not one ("a series of strikes", "attacks
        have become more frequent", "it was the third time that the plant had been hit"):
        a generic marker from the sentence's start to the first comma after the trigger; an
        aside after it ("…, the latest in a string of attacks") comments on the event
        without making it generic."""
        lower = self.ctx.lower
        end = trigger.end
        while end < hi and lower[end] != ",":
            end += 1
        start = max(self.ctx.sentence(lo).start, trigger.start - _REACH)
        words = " " + " ".join(lower[start:end]) + " "
        return any(f" {m} " in words for m in self.g["generic_markers"])

    def _denied(self, trigger: Span, sent: Sentence) -> bool:
        """A denial governs the trigger: a denial word before it in its sentence, after the
        last strong delimiter ("denied that its drones hit …", not "X denied it, but
        officials said drones hit …")."""
        g = self.g
        for w in reversed(self.ctx.lower[max(sent.start, trigger.start - _REACH) : trigger.start]):
            if w in g["strong_delimiters"]:
                return False
            if w in g["denial_words"]:
                return True
        return False

    def _background(self, i: int, trigger: Span) -> bool:
        """The trigger's own sentence dates it long before the report (more than
        ``recent_days``): background history, not a reported event."""
        mentions, _ = self.state.times.get(i, ([], None))
        timeline = self.state.timeline
        if not mentions or timeline.published is None:
            return False
        if self._time_starts[0] != i:
            self._time_starts = (i, [m.span.start for m in mentions])
        starts = self._time_starts[1]
        # only the times near the trigger, so a sentence of many times stays linear
        k = bisect.bisect_left(starts, trigger.start - 2 * _REACH)
        mentions = mentions[k : bisect.bisect_right(starts, trigger.start + 2 * _REACH)]
        if not mentions:
            return False
        span, evidence = timeline.for_token(trigger.start, mentions, None)
        own = any(e.rule == "time.sentence" for e in evidence)
        return own and span is not None and span.start is not None and not timeline.recent(span)

    def _impacts(self, sent: Sentence) -> list[Span]:
        """Attacks told by where a weapon came down ("the shells landed in a village",
        "a rocket exploded near the port"): an ``impact_verbs`` verb right
        after a weapon item (up to two words between), as an attack trigger."""
        ctx, g, out = self.ctx, self.g, []
        weapons = [it for it in ctx.within(labels.ITEM, sent.start, sent.end) if it.id_ in g["weapon_items"]]
        for it in weapons:
            if ctx.within(labels.QUANTITY, max(sent.start, it.start - 3), it.start):
                continue  # "two rockets landed …": a count, the count drafter's
            for j in range(it.end, min(it.end + 3, sent.end)):
                if ctx.lower[j] in g["impact_verbs"]:
                    if ctx.covering(labels.EVENT, j) is None:
                        out.append(Span(ctx.doc, j, j + 1, label=labels.EVENT, span_id="attack"))
                    break
        return out

    def _destroyed_sites(self, sent: Sentence) -> list[Span]:
        """A site told destroyed in the passive ("a residential building was partly
        destroyed", "the bridge has been destroyed"): damage, not an interception; a
        destroyed weapon stays the interception the count drafter tells."""
        ctx, g, out = self.ctx, self.g, []
        for t in ctx.within(labels.EVENT, sent.start, sent.end):
            if t.id_ != "interception" or ctx.span_text(t).lower() not in g["ground_destruction_triggers"]:
                continue
            lo = max(self._clause(t.start, sent)[0], t.start - 2 * _REACH)
            if not self._passive(t, lo):
                continue
            before = [it for it in ctx.within(labels.ITEM, lo, t.start) if it.id_ not in g["place_items"]]
            if before and before[-1].id_ in g["site_items"]:
                out.append(Span(ctx.doc, t.start, t.end, label=labels.EVENT, span_id="damage"))
        return out

    def _vessel_damage(self, sent: Sentence) -> list[Span]:
        """Damage only a ship suffers in these words ("had lost engine power", "sank"),
        in a sentence that names a ship: as damage triggers (``vessel_damage_phrases``)."""
        ctx = self.ctx
        ships = self._ships(sent.start, sent.end)
        if not ships:
            return []
        out, lower = [], ctx.lower
        for j in range(ships[0][1], sent.end):
            for phrase in self._vessel_phrases.get(lower[j], ()):
                if lower[j : j + len(phrase)] == phrase:
                    out.append(Span(ctx.doc, j, j + len(phrase), label=labels.EVENT, span_id="damage"))
                    break
        return out

    def _ships(self, lo: int, hi: int) -> list[tuple[int, int, str]]:
        """The ships named in tokens ``[lo, hi)`` as (start, end, item): a ship item ("the
        tanker"), or a name the document gave a ship before, by a ship word beside it
        ("the tanker Sounion", "the MV Delta Star oil tanker"), later told alone ("the
        Sounion had lost engine power")."""
        vessels = self.g["vessel_items"]
        out = [(it.start, it.end, it.id_) for it in self.ctx.within(labels.ITEM, lo, hi) if it.id_ in vessels]
        names = self._ship_names()
        if names:
            words = self.ctx.words
            out += [(j, j + 1, names[words[j]]) for j in range(lo, hi) if words[j] in names]
            out.sort()
        return out

    def _ship_names(self) -> dict[str, str]:
        """Each capitalised word that names a ship beside a ship item of the document
        (up to three words after it, or between a determiner and it), with that item; built
        once per document."""
        if self._names is None:
            ctx, self._names = self.ctx, {}
            words, vessels = ctx.words, self.g["vessel_items"]
            for it in ctx.by_label[labels.ITEM]:
                if it.id_ not in vessels:
                    continue
                sent = ctx.sentence(it.start)
                after = range(it.end, min(sent.end, it.end + 3))
                before = range(it.start - 1, max(sent.start, it.start - 4) - 1, -1)
                for side in (after, before):
                    for j in side:
                        w = words[j]
                        if (
                            not (w[:1].isupper() and w.isalpha())
                            or ctx.covering(labels.REGION, j) is not None
                        ):
                            break
                        if len(w) > 2 and w.lower() not in self.g["ship_name_stoplist"]:
                            self._names[w] = it.id_
        return self._names

    def _vessel_target(self, trigger: Span, lo: int, hi: int) -> str | None:
        """The ship a trigger reports hit or disabled: a ship item as the subject of a
        passive or disabling trigger ("the tanker had been hit", "the vessel had lost
        engine power"), or right after an active one ("attacked a cargo ship")."""
        vessels = self.g["vessel_items"]
        text = self.ctx.span_text(trigger).lower()
        sent = self.ctx.sentence(trigger.start)
        if lo - 1 > sent.start and self.ctx.quote[lo - 1]:
            # a quoted fragment ('the vessel had been "hit directly"'): its subject is outside
            lo = self._clause(lo - 1, sent)[0]
        lower = self.ctx.lower
        if not self.g["relative_pronouns"].isdisjoint(lower[max(lo, trigger.start - 3) : trigger.start]):
            lo = max(sent.start, trigger.start - 2 * _REACH)  # "another ship …, which was struck"
        before = self._ships(lo, trigger.start)
        if before and (
            self._passive(trigger, lo)
            or text in self.g["undergo_triggers"]
            or text in self.g["vessel_damage_phrases"]
        ):
            return before[-1][2]
        target = self._target_preposition(trigger) if trigger.id_ == "attack" else None
        if target is not None and self._targeted_noun(trigger):
            ships = self._ships(target, min(hi, target + 6))  # "attacks … on a cargo vessel"
            return ships[0][2] if ships else None
        after = self.ctx.within(labels.ITEM, trigger.end, min(hi, trigger.end + 4))
        return after[0].id_ if after and after[0].id_ in vessels and trigger.id_ == "attack" else None

    def _passive(self, trigger: Span, lo: int) -> bool:
        """The trigger is a passive participle ("was hit", "had been struck", 'had been
        "hit directly"')."""
        k = trigger.start
        while k > max(lo - 1, 0) and self.ctx.quote[k - 1]:
            k -= 1
        return not self.g["auxiliaries"].isdisjoint(self.ctx.lower[max(0, k - 2) : k])

    def _attacker(self, trigger: Span, lo: int) -> bool:
        """Whether what hit can be an attack: not debris of a downed weapon ("falling
        debris struck a house") and, when the subject names an item, a weapon or an
        attack ("a drone attack hit the region", not "the bus hit a tree"); in the
        passive or after "came under", the subject is the target. A verb of use ("used",
        "sent", "launched") needs a weapon or an attack near it ("a tunnel was used to
        store weapons" is none)."""
        lower, g = self.ctx.lower, self.g
        if not g["debris_nouns"].isdisjoint(lower[lo : trigger.start]):
            return False
        if not g["non_attack_subjects"].isdisjoint(lower[max(lo, trigger.start - 8) : trigger.start]):
            return False  # "the earthquake struck the region", "shares were hit hard"
        if self.ctx.span_text(trigger).lower() in g["weapon_object_verbs"]:
            # "used drones", "drones were sent": a weapon or an attack is what was used;
            # "was used to store weapons for attacks" tells a purpose
            if trigger.end < len(lower) and lower[trigger.end] == "to":
                return False
            near = self.ctx.within(labels.ITEM, lo, min(self.ctx.sentence(lo).end, trigger.end + 6))
            return any(it.id_ in g["weapon_items"] or it.id_ in g["attack_items"] for it in near)
        if self._passive(trigger, lo):
            return True  # passive ("a substation was hit"): the subject is the target
        if self.ctx.span_text(trigger).lower() in self.g["undergo_triggers"]:
            return True  # "the tanker came under attack"
        skip = self.g["casualty_items"] | self.g["place_items"]
        subject = [it.id_ for it in self.ctx.within(labels.ITEM, lo, trigger.start) if it.id_ not in skip]
        return not subject or any(i in self.g["weapon_items"] or i in self.g["attack_items"] for i in subject)

    def _claims(self, count: Draft, trigger: Span, lo: int, hi: int) -> bool:
        """Whether ``count``, a count claim of the sentence, already tells what ``trigger``
        reports: it lies in the trigger's clause, unless the trigger is damage and the count
        a casualty toll ("an enterprise was damaged, and two residents were hospitalised"
        reports both) or an attack the damage follows ("two drones hit the depot and set
        it on fire")."""
        if not lo <= count.anchor < hi:
            return False
        if count.event != "casualty" and self._split_before(trigger, count) is not None:
            return False  # "a bridge was destroyed and two houses were damaged": both
        if trigger.id_ == "damage" and count.event == "attack" and count.anchor < trigger.start:
            return False  # "several missiles hit the camp and set stalls on fire": the fire too
        if count.event == "casualty" and count.anchor > trigger.end:
            # "an enterprise was damaged, and two residents were hospitalised", "A drone
            # strike on a camp killed 11": the damage or the attack is reported too
            return not (trigger.id_ == "damage" or self._targeted_noun(trigger))
        return True

    def _item(self, trigger: Span, lo: int, hi: int, i: int) -> str | None:
        """What the claim is about: for damage, the site hit anywhere in the clause ("a
        fire broke out at an oil refinery", "an enterprise was damaged"); otherwise, or
        when no site is named, the weapon before the trigger, as its subject, else the
        weapon right after it, as its object ("launched dozens of drones at Odesa"), else
        the site right after it ("had hit a Russian ammunition depot")."""
        if trigger.id_ == "damage":
            return self._damage_item(trigger, lo, hi, i)
        # people before the trigger are those it harmed or moved ("100 people were evacuated
        # after drone debris sparked a fire"), and places say where: neither attacked
        skip = self.g["casualty_items"] | self.g["place_items"]  # "In the Lviv region, a drone hit …"
        items = [it for it in self.ctx.within(labels.ITEM, lo, trigger.start) if it.id_ not in skip]
        if items:
            return items[0].id_
        # after a perpetration verb the weapon may come late ("were carried out with KAB-type
        # aerial glide bombs"); else it is right after the trigger
        reach = hi if self._perpetrated(trigger) else min(hi, trigger.end + 5)
        after = self.ctx.within(labels.ITEM, trigger.end, reach)
        weapon = next((it for it in after if it.id_ in self.g["weapon_items"]), None)
        if weapon is not None:
            return weapon.id_
        # no weapon named: the site the attack hit ("it had hit a Russian ammunition depot")
        site = next((it for it in after if it.id_ in self.g["site_items"]), None)
        if site is not None:
            return site.id_
        words = " " + " ".join(self.ctx.lower[lo:hi]) + " "
        if any(f" {p} " in words for p in self.g["anaphoric_events"]):
            return self._site_told_before(lo, i)  # "had planned the attack": on what was told
        return None

    def _damage_item(self, trigger: Span, lo: int, hi: int, i: int) -> str | None:
        """What was damaged: what a resultative act left in its state ("set stalls on fire"),
        else the site hit anywhere in the clause ("a fire broke out at an oil refinery"),
        else, after an attack as subject ("The raid caused damage"), the site the
        attack was told to hit just before, else the subject before the trigger. A weapon
        after it is the cause ("a fire started by drone debris"), not what was damaged."""
        act = self._act_start(trigger)
        if act < trigger.start:  # "set stalls on fire": what the act left in that state
            places = self.g["place_items"]
            held = [it for it in self.ctx.within(labels.ITEM, act + 1, trigger.start) if it.id_ not in places]
            if held:
                return held[0].id_
            # a bare object with no item of its own ("set a field alight", "set the stalls
            # on fire"): that noun, singular; after a copula ("was still on fire") the
            # subject is what burns, a site of the clause
            noun = self.ctx.lower[trigger.start - 1]
            between = self.ctx.lower[act + 1 : trigger.start]
            if (
                self.ctx.lower[act] not in self.g["copulas"]
                and (
                    len(between) == 1
                    or (len(between) == 2 and between[0] in self.g["attributive_determiners"])
                )
                and noun.isalpha()
                and noun not in self.g["partitive_anaphors"]  # "set it on fire": the site
                and self.ctx.covering(labels.REGION, trigger.start - 1) is None
            ):
                return noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun
        sites = self.g["site_items"]
        items = self.ctx.within(labels.ITEM, lo, hi)
        k = next((k for k, it in enumerate(items) if it.id_ in sites), None)
        if k is not None:
            # the head of a compound ("a car repair garage"): a site up to one word on
            while k + 1 < len(items) and items[k + 1].id_ in sites and items[k + 1].start - items[k].end <= 1:
                gap = self.ctx.lower[items[k].end : items[k + 1].start]
                if any(not w.isalpha() or w in self.g["compound_breakers"] for w in gap):
                    break  # "a house and a garage", "a car, a garage": two sites
                k += 1
            return items[k].id_
        skip = self.g["casualty_items"] | self.g["place_items"]
        subject = [it.id_ for it in self.ctx.within(labels.ITEM, lo, trigger.start) if it.id_ not in skip]
        if subject and all(i in self.g["attack_items"] for i in subject):
            return self._site_told_before(lo, i)
        return subject[0] if subject else None

    def _site_told_before(self, lo: int, i: int) -> str | None:
        """The last site named in sentence ``i`` before ``lo`` or in the sentence before it:
        the target an anaphoric attack refers to ("… hit the air base. The raid caused
        damage"; "… at a refinery. Intelligence had planned the attack")."""
        start = max(self.ctx.sents[max(0, i - 1)].start, lo - 3 * _REACH)
        sites = self.g["site_items"]
        told = [it for it in self.ctx.within(labels.ITEM, start, lo) if it.id_ in sites]
        return told[-1].id_ if told else None

    def _verbal(self, trigger: Span) -> bool:
        """A trigger used as a verb ("struck", "set off a fire"), not a noun ("strikes"):
        only a reported act is a claim, a mention of attacks in general is not."""
        text = self.ctx.span_text(trigger).lower()
        if text in self.g["vessel_damage_phrases"] or text in self.g["impact_verbs"]:
            return True
        if text in self.g["resultative_triggers"]:
            return self._act_start(trigger) < trigger.start
        if text in self.g["event_nouns"] or text in self.g["targeted_event_nouns"]:
            return (
                self._placed_noun(trigger) or self._targeted_noun(trigger) or self._perpetrated(trigger) > 0
            )
        if self._attributive(trigger):
            return False
        return text in self.g["irregular_event_verbs"] or any(
            w.endswith("ed") or w in self.g["irregular_event_verbs"]
            for w in self.ctx.lower[trigger.start : trigger.end]
        )

    def _finite(self, trigger: Span) -> bool:
        """The trigger is a verb phrase of its own ("fire broke out", "caught fire",
        "struck"), not a noun ("drone fire")."""
        words = self.ctx.lower[trigger.start : trigger.end]
        return len(words) > 1 or any(w.endswith("ed") or w in self.g["irregular_event_verbs"] for w in words)

    def _act_start(self, trigger: Span) -> int:
        """Where the act a trigger reports starts: the resultative verb that governs a
        resulting state ("set a field alight", "put the water plant out of action", "were
        ablaze"), else the trigger itself."""
        if self.ctx.span_text(trigger).lower() not in self.g["resultative_triggers"]:
            return trigger.start
        lo = max(self.ctx.sentence(trigger.start).start, trigger.start - 10)
        lower = self.ctx.lower
        for k in range(trigger.start - 1, lo - 1, -1):
            if lower[k] in self.g["resultative_verbs"]:
                return k
        return trigger.start

    def _perpetrated(self, trigger: Span) -> int:
        """Where the perpetration verb an attack noun is the subject of ends ("the strikes
        were carried out with guided bombs", "the raid was conducted by drones"), else 0."""
        if trigger.id_ != "attack":
            return 0
        lower, j = self.ctx.lower, trigger.end
        end = self.ctx.sentence(trigger.start).end
        while j < end and j - trigger.end < 3 and lower[j] in self.g["auxiliaries"]:
            if lower[j] in self.g["modal_markers"]:
                return 0  # "the attacks would be carried out with drones": not done
            j += 1
        for phrase in self.g["perpetration_verbs"]:
            words = phrase.split()
            if lower[j : j + len(words)] == words:
                return j + len(words)
        return 0

    def _attributive(self, trigger: Span) -> bool:
        """A participle between a determiner and the item it describes ("near the damaged
        substation", "a destroyed bridge"): it describes a site, it does not report an act."""
        lower, k = self.ctx.lower, trigger.start
        if k == 0 or lower[k - 1] not in self.g["attributive_determiners"]:
            return False
        item = self.ctx.covering(labels.ITEM, trigger.end) if trigger.end < len(lower) else None
        return item is not None and item.start == trigger.end

    def _placed_noun(self, trigger: Span) -> bool:
        """A damage noun the clause puts somewhere ("the fire was at an oil refinery",
        "the blaze was in a warehouse") or tells with its cause ("a fire started by falling
        debris"): reported as a fact, like a verb."""
        lower, j, g = self.ctx.lower, trigger.end, self.g
        if trigger.id_ != "damage" or j + 1 >= self.ctx.sentence(trigger.start).end:
            return False
        if lower[j] in g["cause_participles"] and lower[j + 1] == "by":
            # "a fire started by falling debris": told with its cause, unless only feared
            before = lower[max(self.ctx.sentence(trigger.start).start, trigger.start - 4) : trigger.start]
            return g["hypothetical_nouns"].isdisjoint(before)
        return lower[j] in g["copulas"] and lower[j + 1] in g["locative_prepositions"]

    def _targeted_noun(self, trigger: Span) -> bool:
        """One attack named with its target ("the strike on Kiryat Ata", "A drone strike on
        a camp", "an air raid against the port"): a singular noun after a determiner,
        followed by "on"/"against", reports a specific event. Plurals ("strikes on power
        stations") are attacks in general, and a threat, fear or plan of an attack ("the
        threat of a strike on …") is not one that happened."""
        lower, g, k = self.ctx.lower, self.g, trigger.start
        claimed = lower[k] in g["claimed_event_nouns"]
        if (
            trigger.id_ != "attack"
            or trigger.end - trigger.start != 1
            or (lower[k] not in g["targeted_event_nouns"] and not claimed)
        ):
            return False
        if self._target_preposition(trigger) is None:
            return False
        before = lower[max(self.ctx.sentence(k).start, k - 4) : k]
        if claimed:
            # "they were behind attacks on a cargo vessel", "claimed responsibility for
            # strikes on the port": the attacks a side owns are reported ones
            return not g["responsibility_markers"].isdisjoint(before)
        if not g["hypothetical_nouns"].isdisjoint(before):
            return False
        if not g["circumstance_prepositions"].isdisjoint(before):
            # "injured in the strike on X", "the toll from a strike on X": told with the casualty
            return False
        return not g["attributive_determiners"].isdisjoint(before) or any(w.endswith("'s") for w in before)

    def _target_preposition(self, trigger: Span) -> int | None:
        """Where "on"/"against" follows an attack noun, right after it or past an aside set
        off by commas ("attacks, using missiles and drones, on a cargo vessel")."""
        lower, j = self.ctx.lower, trigger.end
        end = self.ctx.sentence(trigger.start).end
        if j < end and lower[j] == ",":
            close = next((m for m in range(j + 1, min(end, j + 10)) if lower[m] == ","), None)
            j = close + 1 if close is not None else end
        return j if j < end and lower[j] in self.g["target_prepositions"] else None

    def _clause(self, token: int, sent: Sentence) -> tuple[int, int]:
        """The clause around ``token``: from the last clause opener before it to the
        next strong delimiter or "and that" after it."""
        ctx, marks = self.ctx, self._clause_marks()
        k = bisect.bisect_left(marks.openers, token) - 1
        lo = marks.openers[k] + 1 if k >= 0 and marks.openers[k] >= sent.start else sent.start
        # reported content starts after its cue: the latest cue end among the cues
        # lying between the sentence start and the token
        k = bisect.bisect_right(marks.cue_ends, (token, len(ctx.words))) - 1
        while k >= 0 and marks.cue_ends[k][0] > sent.start:
            if marks.cue_ends[k][1] >= sent.start:
                lo = max(lo, marks.cue_ends[k][0])
                break
            k -= 1
        hi = sent.end
        quote = ctx.quotation_at(ctx.token_starts[token])
        if quote is not None and not marks.fragment(quote):
            hi = min(hi, self.ctx.token_at(quote.end - 1) + 1)
        k = bisect.bisect_left(marks.delimiters, token)
        if k < len(marks.delimiters) and marks.delimiters[k] < sent.end:
            hi = marks.delimiters[k]
        limit, breaks = hi, marks.breaks
        for k in range(bisect.bisect_left(breaks, (token + 1,)), len(breaks)):
            cue_start, cue_end, new_hi, speaker = breaks[k]
            if cue_start >= limit:
                break
            if cue_end <= limit and (speaker is None or (speaker > token and cue_start > token + 1)):
                hi = new_hi
                break
        return lo, hi

    def _clause_marks(self) -> _ClauseMarks:
        """Where clauses of the document open and end (see :class:`_ClauseMarks`), found once."""
        if self._marks is None:
            self._marks = _ClauseMarks(self.ctx, self.g)
        return self._marks

    def _fronted_locations(self, sent: Sentence, lo: int) -> list[Location]:
        """Locations set at the front of the sentence for what follows ("In the Ryazan
        region, Governor X wrote that …"), before its speaker: a place in the speaker's
        description ("channels with close links to Russia's security forces said") is not
        where the event happened."""
        speaker = self.ctx.first_within(labels.SOURCE, sent.start, lo)
        end = speaker.start if speaker is not None else lo
        if end <= sent.start:
            return []
        locations, _ = self.places.find(sent.start, end)
        return locations

    def _anaphoric_subject(self, lo: int, trigger: int, hi: int) -> bool:
        """The clause's subject points back ("the drones", "The raid", "it", "wreckage of
        the downed drones") or the clause names a place by reference ("the city")."""
        lower = self.ctx.lower
        first = lower[lo] if lo < trigger else ""
        if first in self.g["anaphoric_subject_words"] or self.state.anaphoric_place(lo, max(hi, trigger + 6)):
            return True
        if not self.g["continuation_words"].isdisjoint(lower[max(lo, trigger - 3) : trigger]):
            return True  # "A warehouse was also damaged": where the event told was
        # "wreckage of the downed drones set a field alight": a definite weapon before it
        definite = self.g["definite_determiners"]
        return any(
            not definite.isdisjoint(lower[max(lo, it.start - 2) : it.start])
            for it in self.ctx.within(labels.ITEM, lo, trigger)
            if it.id_ in self.g["weapon_items"]
        )


class _ClauseMarks:
    """Token positions that bound an event's clause (:meth:`EventDrafter._clause`), in
    document order, so each clause is found by bisection instead of by a walk over its
    sentence: clause openers and quotation marks; the (end, start) of each cue; strong
    delimiters, semicolons, "and that", and a comma before a subordinator (", after …")
    or an inclusion (", among them …"); and the cues that end a clause before them
    (", according to …", ", adding that …", "…, he said"), each with where the clause
    then ends and, for a speaker's cue, where the speaker starts."""

    def __init__(self, ctx, g: dict[str, frozenset[str]]) -> None:
        lower, words = ctx.lower, ctx.words
        n = len(words)
        self.text = ctx.text
        self.fragment_words = 4
        # the marks of a quoted word or phrase ('had "planned" the attack') bound nothing
        inner = set()
        for q in ctx.quotations:
            if q.close is not None and self.fragment(q):
                inner.update((ctx.token_at(q.open), ctx.token_at(q.close)))
        self.openers = [
            j for j in range(n) if lower[j] in g["clause_openers"] or (ctx.quote[j] and j not in inner)
        ]
        cues = ctx.by_label[labels.CUE]
        self.cue_ends = sorted((c.end, c.start) for c in cues)
        inclusions = tuple(f"{m} " for m in g["inclusion_markers"] | g["aside_openers"])
        self.delimiters = [
            j
            for j in range(n)
            if words[j] == ";"
            or lower[j] in g["strong_delimiters"]
            or (lower[j] == "and" and j + 1 < ctx.sentence(j).end and lower[j + 1] == "that")
            # ", after the army counted …", ", among them at a base …", ", the latest in …":
            # a new clause, a part, or an aside
            or (
                words[j] == ","
                and j + 1 < n
                and (
                    lower[j + 1] in g["clause_subordinators"]
                    or f"{' '.join(lower[j + 1 : j + 3])} ".startswith(inclusions)
                )
            )
        ]
        self.breaks: list[tuple[int, int, int, int | None]] = []
        for cue in cues:
            if cue.start == 0:
                continue
            if words[cue.start - 1] == "," and (
                cue.id_ == "according_to" or ctx.span_text(cue).lower().endswith("ing")
            ):
                self.breaks.append((cue.start, cue.end, cue.start - 1, None))
                continue
            source = ctx.covering(labels.SOURCE, cue.start - 1)
            if source is not None and source.start > 0 and words[source.start - 1] == ",":
                self.breaks.append((cue.start, cue.end, source.start - 1, source.start))

    def fragment(self, quote) -> bool:
        """A quoted word or short phrase inside a clause ('had "planned" the attack',
        'been "hit directly" in the Red Sea'), not a quoted clause."""
        return len(self.text[quote.start : quote.end].split()) <= self.fragment_words
