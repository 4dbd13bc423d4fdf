"""Comparing reports across documents and checking each for internal consistency.

The logic is tested on claims built here from short reports written for these tests
(``build`` computes real character offsets), so it does not depend on extraction;
the end-to-end tests at the bottom run ``claimx.extract`` and skip while extraction
is not ready.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from claimx.cli_compare import compare_command
from claimx.compare import Report, compare, place_relation
from claimx.consistency import bounds, check, item_key, window
from claimx.schema import Claim, Location, Quantity, Source, TimeSpan

MSK = timezone(timedelta(hours=3))
KYIV = timezone(timedelta(hours=2))
NIGHT = (datetime(2025, 11, 11, 23, 0, tzinfo=MSK), datetime(2025, 11, 12, 7, 0, tzinfo=MSK))
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"  # the project's shared/ beside the repo


def build(*sentences: tuple[str, dict]) -> tuple[str, list[Claim]]:
    """A report text and its claims: each sentence with the claim it states.

    A spec names the number as written (``number``), its ``value`` and ``qualifier``,
    the places as ``(code, words)`` pairs, a ``time`` window (with ``time_text``), the
    ``source`` kind and ``source_text``; every part gets its offsets in the text.
    """
    text, claims = "", []
    for sentence, spec in sentences:
        base = len(text)
        text += sentence + " "
        if not spec:
            continue

        def at(words: str, base: int = base, sentence: str = sentence) -> tuple[int, int]:
            i = sentence.index(words)
            return base + i, base + i + len(words)

        quantity = None
        if "number" in spec:
            q0, q1 = at(spec["number"])
            quantity = Quantity(
                value=spec["value"],
                low=spec.get("low"),
                high=spec.get("high"),
                qualifier=spec.get("qualifier", "exact"),
                text=spec["number"],
                start=q0,
                end=q1,
            )
        locations = []
        for code, words in spec.get("places", ()):
            l0, l1 = at(words)
            locations.append(Location(code=code, name=words, country=code[:2], text=words, start=l0, end=l1))
        span = None
        if "time" in spec:
            t0, t1 = at(spec["time_text"])
            start, end = spec["time"]
            granularity = "day" if type(start) is date else "minute"
            span = TimeSpan(
                start=start,
                end=end,
                granularity=granularity,
                text=spec["time_text"],
                char_start=t0,
                char_end=t1,
            )
        source = Source()
        if "source_text" in spec:  # named here or earlier (inherited), else no offsets
            s0 = text.lower().rfind(spec["source_text"].lower())
            found = s0 >= 0
            source = Source(
                kind=spec.get("source", "ministry_of_defense"),
                name=spec["source_text"],
                text=text[s0 : s0 + len(spec["source_text"])] if found else "",
                start=s0 if found else None,
                end=s0 + len(spec["source_text"]) if found else None,
            )
        claims.append(
            Claim(
                text=sentence,
                start=base,
                end=base + len(sentence),
                event=spec.get("event", "interception"),
                harm=spec.get("harm"),
                quantity=quantity,
                item=spec.get("item", "drone"),
                locations=locations,
                time=span,
                source=source,
            )
        )
    return text, claims


MOD = {"source": "ministry_of_defense", "source_text": "the Defence Ministry"}


def report(doc_id: str, *sentences: tuple[str, dict], published: date | None = None) -> Report:
    text, claims = build(*sentences)
    return Report(id=doc_id, published=published, text=text, claims=claims)


# --- primitives --------------------------------------------------------------------------


def test_offsets_of_built_claims_point_into_the_text():
    text, claims = build(
        (
            "Air defences destroyed 14 drones over the Belgorod region, the Defence Ministry said.",
            {"number": "14", "value": 14, "places": [("RU-BEL", "Belgorod region")], **MOD},
        ),
    )
    (claim,) = claims
    assert text[claim.start : claim.end] == claim.text
    assert text[claim.quantity.start : claim.quantity.end] == "14"
    assert text[claim.locations[0].start : claim.locations[0].end] == "Belgorod region"
    assert text[claim.source.start : claim.source.end] == claim.source.text == "the Defence Ministry"


@pytest.mark.parametrize(
    ("qualifier", "value", "expected"),
    [
        ("exact", 133, (133, 133)),
        ("more_than", 130, (131, float("inf"))),
        ("at_least", 20, (20, float("inf"))),
        ("less_than", 10, (0, 9)),
        ("at_most", 10, (0, 10)),
        ("approx", 100, (90, 110)),
    ],
)
def test_bounds_follow_the_qualifier(qualifier, value, expected):
    q = Quantity(value=value, qualifier=qualifier, text=str(value), start=0, end=3)
    assert bounds(q) == pytest.approx(expected)


def test_range_bounds_and_missing_numbers():
    assert bounds(
        Quantity(value=None, low=10, high=15, qualifier="range", text="10 to 15", start=0, end=8)
    ) == (10, 15)
    assert bounds(Quantity(value=None, qualifier="approx", text="dozens", start=0, end=6)) is None


def test_item_normalization_uses_the_item_lexicon():
    assert item_key("UAVs") == item_key("drones") == item_key("drone") == "drone"
    assert item_key("Shahed") == "drone"
    assert item_key("warheads of some new kind") == "warheads of some new kind"
    assert item_key(None) is None


def test_day_windows_cover_whole_days_and_instants_a_unit():
    day = TimeSpan(
        start=date(2025, 11, 12),
        end=date(2025, 11, 12),
        granularity="day",
        text="Nov 12",
        char_start=0,
        char_end=6,
    )
    assert window(day) == (datetime(2025, 11, 12), datetime(2025, 11, 13))
    instant = TimeSpan(
        start=NIGHT[0], end=NIGHT[0], granularity="minute", text="23:00", char_start=0, char_end=5
    )
    start, end = window(instant)
    assert end - start == timedelta(minutes=1)


def test_related_regions_table():
    assert place_relation(frozenset({"RU-MOW"}), frozenset({"RU-MOS"})) == "related"
    assert place_relation(frozenset({"UA-30"}), frozenset({"UA-32"})) == "related"
    assert place_relation(frozenset({"RU-MOW"}), frozenset({"RU-MOW"})) == "same"
    assert place_relation(frozenset({"RU-MOW"}), frozenset({"RU-TUL"})) is None
    assert place_relation(frozenset(), frozenset({"RU-MOS"})) is None


# --- grouping and classification -------------------------------------------------------------


def test_agreement_between_two_outlets():
    a = report(
        "tass",
        (
            "Air defences shot down 14 drones over the Belgorod region overnight, the Defence Ministry said.",
            {"number": "14", "value": 14, "places": [("RU-BEL", "Belgorod region")], **MOD},
        ),
        published=date(2024, 3, 2),
    )
    b = report(
        "ria",
        (
            "The Defence Ministry reported 14 UAVs destroyed above Belgorod region.",
            {"number": "14", "value": 14, "item": "UAV", "places": [("RU-BEL", "Belgorod region")], **MOD},
        ),
        published=date(2024, 3, 2),
    )
    result = compare([a, b])
    (group,) = result.groups
    assert group.status == "agree"
    assert group.item == "drone"
    assert group.doc_ids == ["tass", "ria"]
    assert group.places == ["RU-BEL"] and group.relation == "same"
    assert (group.low, group.high) == (14, 14)
    assert [m.source.kind for m in group.members] == ["ministry_of_defense", "ministry_of_defense"]


def test_qualified_numbers_are_consistent():
    a = report(
        "a",
        (
            "The ministry said more than 130 Ukrainian drones had been shot down in 24 hours.",
            {"number": "more than 130", "value": 130, "qualifier": "more_than", **MOD},
        ),
        published=date(2025, 11, 12),
    )
    b = report(
        "b",
        (
            "The ministry confirmed the destruction of 133 drones in one day.",
            {"number": "133", "value": 133, **MOD},
        ),
        published=date(2025, 11, 12),
    )
    c = report(
        "c",
        (
            "At least 120 drones were downed, a military blogger wrote.",
            {"number": "At least 120", "value": 120, "qualifier": "at_least"},
        ),
        published=date(2025, 11, 12),
    )
    (group,) = compare([a, b, c]).groups
    assert group.status == "consistent"
    assert (group.low, group.high) == (133, 133)


def test_range_containing_a_value_is_consistent():
    a = report(
        "a",
        (
            "Between 40 and 50 Shaheds were launched at Odesa overnight, the Air Force said.",
            {
                "number": "Between 40 and 50",
                "value": None,
                "low": 40,
                "high": 50,
                "qualifier": "range",
                "event": "attack",
                "places": [("UA-51", "Odesa")],
            },
        ),
        published=date(2024, 5, 1),
    )
    b = report(
        "b",
        (
            "Russia launched 45 drones at Odesa region, the governor said.",
            {"number": "45", "value": 45, "event": "attack", "places": [("UA-51", "Odesa region")]},
        ),
        published=date(2024, 5, 1),
    )
    (group,) = compare([a, b]).groups
    assert group.status == "consistent"


def test_exact_numbers_that_differ_conflict():
    a = report(
        "a",
        (
            "Hamas said two rockets were fired at Sderot.",
            {
                "number": "two",
                "value": 2,
                "event": "attack",
                "item": "rocket",
                "places": [("IL-D", "Sderot")],
            },
        ),
        published=date(2024, 1, 9),
    )
    b = report(
        "b",
        (
            "The army said one rocket was fired from Gaza at Sderot.",
            {
                "number": "one",
                "value": 1,
                "event": "attack",
                "item": "rockets",
                "places": [("IL-D", "Sderot")],
            },
        ),
        published=date(2024, 1, 9),
    )
    (group,) = compare([a, b]).groups
    assert group.status == "conflict"
    assert group.low is None and group.high is None


def test_moscow_city_and_moscow_region_are_related_not_same():
    a = report(
        "a",
        (
            "Two drones were shot down over Moscow overnight, the mayor said.",
            {
                "number": "Two",
                "value": 2,
                "places": [("RU-MOW", "Moscow")],
                "time": NIGHT,
                "time_text": "overnight",
            },
        ),
    )
    b = report(
        "b",
        (
            "Three drones were downed over the Moscow Region overnight.",
            {
                "number": "Three",
                "value": 3,
                "places": [("RU-MOS", "Moscow Region")],
                "time": NIGHT,
                "time_text": "overnight",
            },
        ),
    )
    (group,) = compare([a, b]).groups
    assert group.relation == "related"
    assert group.places == ["RU-MOS", "RU-MOW"]
    assert group.status == "conflict"


def test_claims_on_different_days_are_not_grouped():
    monday = (date(2024, 6, 3), date(2024, 6, 3))
    tuesday = (date(2024, 6, 4), date(2024, 6, 4))
    a = report(
        "a",
        (
            "On Monday, 12 drones were destroyed over Kursk Oblast.",
            {
                "number": "12",
                "value": 12,
                "places": [("RU-KRS", "Kursk Oblast")],
                "time": monday,
                "time_text": "On Monday",
            },
        ),
    )
    b = report(
        "b",
        (
            "On Tuesday, 5 drones were destroyed over Kursk Oblast.",
            {
                "number": "5",
                "value": 5,
                "places": [("RU-KRS", "Kursk Oblast")],
                "time": tuesday,
                "time_text": "On Tuesday",
            },
        ),
    )
    result = compare([a, b])
    assert [g.status for g in result.groups] == ["single", "single"]


def test_an_undated_claim_cannot_bridge_two_days():
    monday = (date(2024, 6, 3), date(2024, 6, 3))
    tuesday = (date(2024, 6, 4), date(2024, 6, 4))
    a = report(
        "a",
        (
            "On Monday, 12 drones fell on Kursk Oblast.",
            {
                "number": "12",
                "value": 12,
                "places": [("RU-KRS", "Kursk Oblast")],
                "time": monday,
                "time_text": "On Monday",
            },
        ),
    )
    b = report(
        "b",
        (
            "Some 12 drones fell on Kursk Oblast, a channel said.",
            {"number": "12", "value": 12, "places": [("RU-KRS", "Kursk Oblast")]},
        ),
    )
    c = report(
        "c",
        (
            "On Tuesday, 12 drones fell on Kursk Oblast.",
            {
                "number": "12",
                "value": 12,
                "places": [("RU-KRS", "Kursk Oblast")],
                "time": tuesday,
                "time_text": "On Tuesday",
            },
        ),
    )
    groups = compare([a, b, c]).groups
    assert len(groups) == 2
    assert all({"a", "c"} - set(g.doc_ids) for g in groups)


def test_publication_day_dates_an_untimed_claim():
    a = report(
        "a",
        (
            "Ukraine's air force said it destroyed 30 drones.",
            {"number": "30", "value": 30, "source": "military", "source_text": "Ukraine's air force"},
        ),
        published=date(2024, 8, 1),
    )
    b = report(
        "b",
        (
            "The air force said it destroyed 30 drones.",
            {"number": "30", "value": 30, "source": "military", "source_text": "The air force"},
        ),
        published=date(2024, 8, 5),
    )
    assert [g.status for g in compare([a, b]).groups] == ["single", "single"]


def test_unplaced_total_is_not_grouped_with_a_regional_figure_or_a_country():
    a = report("a", ("Russia said it intercepted 40 drones overnight.", {"number": "40", "value": 40, **MOD}))
    b = report(
        "b",
        (
            "Ten drones were intercepted over Bryansk region.",
            {"number": "Ten", "value": 10, "places": [("RU-BRY", "Bryansk region")], **MOD},
        ),
    )
    c = report(
        "c",
        (
            "Air defences destroyed 35 drones over Ukraine, the air force said.",
            {
                "number": "35",
                "value": 35,
                "places": [("UA", "Ukraine")],
                "source": "military",
                "source_text": "the air force",
            },
        ),
    )
    result = compare([a, b, c])
    assert [g.status for g in result.groups] == ["single", "single", "single"]


def test_each_distributes_over_the_places_named():
    a = report(
        "a",
        (
            "Three drones each were downed over the Bryansk and Oryol regions.",
            {
                "number": "Three",
                "value": 3,
                "places": [("RU-BRY", "Bryansk"), ("RU-ORL", "Oryol regions")],
                "time": NIGHT,
                "time_text": "downed",
            },
        ),
    )
    b = report(
        "b",
        (
            "Oryol governor Andrei Klychkov said three drones were shot down over the region.",
            {
                "number": "three",
                "value": 3,
                "places": [("RU-ORL", "Oryol")],
                "time": NIGHT,
                "time_text": "shot down",
                "source": "governor",
                "source_text": "Andrei Klychkov",
            },
        ),
    )
    result = compare([a, b])
    by_place = {tuple(g.places): g for g in result.groups}
    assert by_place[("RU-ORL",)].status == "agree"
    assert by_place[("RU-BRY",)].status == "single"


def test_one_document_repeating_itself_is_single_and_different_figures_stay_apart():
    a = report(
        "a",
        ("Russia says it downed 22 drones.", {"number": "22", "value": 22, **MOD}),
        ("The ministry repeated that 22 drones were destroyed.", {"number": "22", "value": 22, **MOD}),
        (
            "In all, over 130 drones were downed in 24 hours.",
            {"number": "over 130", "value": 130, "qualifier": "more_than", **MOD},
        ),
        published=date(2025, 1, 5),
    )
    groups = compare([a]).groups
    assert [(g.status, len(g.members)) for g in groups] == [("single", 2), ("single", 1)]


def test_inputs_texts_records_and_claim_lists(monkeypatch):
    _, claims = build(
        (
            "Five missiles were shot down over Kyiv.",
            {"number": "Five", "value": 5, "item": "missile", "places": [("UA-30", "Kyiv")]},
        )
    )
    records = [
        {"id": "kyiv-city", "published": "2024-01-02", "claims": [c.model_dump(mode="json") for c in claims]},
        claims,
    ]
    result = compare(records)
    assert result.documents == ["kyiv-city", "doc2"]
    assert result.groups[0].status == "agree"
    with pytest.raises(ValueError):
        compare([claims, {"id": "doc1", "claims": []}])
    with pytest.raises(TypeError):
        compare([42])


# --- consistency within a document -------------------------------------------------------------


def _overnight_mod_report(
    moscow: tuple[str, str],
    moscow_count: int,
    *,
    total: int | None,
    regions_said: int | None = None,
    majority: bool = False,
    lead: tuple[tuple[str, dict], ...] = (),
) -> tuple[str, list[Claim]]:
    """An overnight MoD-style report after the ``lead`` sentences: an optional total, an
    optional number of regions, and a breakdown over six regions."""
    night = {"time": NIGHT, "time_text": "overnight"}
    parts = [
        (
            "Over the Kursk region, air defences destroyed nine drones overnight.",
            {"number": "nine", "value": 9, "places": [("RU-KRS", "Kursk region")]},
        ),
        (
            "Five were downed over Belgorod region overnight.",
            {"number": "Five", "value": 5, "places": [("RU-BEL", "Belgorod region")]},
        ),
        (
            "Two each were intercepted over Bryansk and Voronezh regions overnight.",
            {
                "number": "Two each",
                "value": 2,
                "places": [("RU-BRY", "Bryansk"), ("RU-VOR", "Voronezh regions")],
            },
        ),
        (
            "Lipetsk region saw one drone shot down overnight.",
            {"number": "one", "value": 1, "places": [("RU-LIP", "Lipetsk region")]},
        ),
        (
            f"{moscow[1]} saw {moscow_count} drones shot down overnight.",
            {"number": str(moscow_count), "value": moscow_count, "places": [moscow]},
        ),
    ]
    sentences = list(lead)
    if total is not None:
        sentences.append(
            (
                f"The Defence Ministry said {total} Ukrainian drones were destroyed overnight.",
                {"number": str(total), "value": total, **MOD, **night},
            )
        )
    if regions_said is not None:
        sentences.append(
            (
                f"The attacks overnight targeted {regions_said} regions, the Defence Ministry said.",
                {
                    "number": str(regions_said),
                    "value": regions_said,
                    "item": "region",
                    "event": "attack",
                    **MOD,
                    **night,
                },
            )
        )
    if majority:
        parts[0] = (
            "The majority, nine, were destroyed over the Kursk region overnight.",
            {"number": "nine", "value": 9, "places": [("RU-KRS", "Kursk region")]},
        )
    sentences += [(s, {**spec, **night}) for s, spec in parts]
    return build(*sentences)


def _casualties(number: str, value: int, harm: str, places=()) -> dict:
    return {
        "number": number,
        "value": value,
        "event": "casualty",
        "item": "person",
        "harm": harm,
        "places": list(places),
        "source": "official",
        "source_text": "the emergency service",
    }


def test_killed_and_injured_are_never_summed_together():
    _, claims = build(
        ("Overnight strikes killed two people across Ukraine,", _casualties("two", 2, "killed")),
        ("and injured 14,", _casualties("14", 14, "injured")),
        ("the emergency service said.", {}),
        ("In Kherson one person was killed", _casualties("one", 1, "killed", [("UA-65", "Kherson")])),
        ("and six were injured in Kherson.", _casualties("six", 6, "injured", [("UA-65", "Kherson")])),
        ("In Mykolaiv one died", _casualties("one", 1, "killed", [("UA-48", "Mykolaiv")])),
        ("and five were injured in Mykolaiv.", _casualties("five", 5, "injured", [("UA-48", "Mykolaiv")])),
        ("Three were injured in Odesa.", _casualties("Three", 3, "injured", [("UA-51", "Odesa")])),
    )
    assert check(claims) == []
    # the same figures without the harm would add the injured to the killed
    blind = [c.model_copy(update={"harm": None}) for c in claims]
    assert [f.kind for f in check(blind)] == ["sum_mismatch"]


def test_killed_and_injured_in_two_reports_are_different_groups():
    a = report(
        "a",
        ("Three people were killed in Kherson.", _casualties("Three", 3, "killed", [("UA-65", "Kherson")])),
        published=date(2025, 3, 2),
    )
    b = report(
        "b",
        ("Seven people were injured in Kherson.", _casualties("Seven", 7, "injured", [("UA-65", "Kherson")])),
        published=date(2025, 3, 2),
    )
    result = compare([a, b])
    assert sorted((g.harm, g.status) for g in result.groups) == [("injured", "single"), ("killed", "single")]
    assert result.by_status("conflict") == []


def test_breakdown_that_adds_up_has_no_findings():
    _, claims = _overnight_mod_report(("RU-MOW", "Moscow"), 1, total=20, regions_said=6)
    assert check(claims) == []


def test_breakdown_exceeding_the_total_is_a_sum_mismatch():
    text, claims = _overnight_mod_report(("RU-MOS", "The Moscow Region"), 2, total=20)
    (finding,) = check(claims)
    assert finding.kind == "sum_mismatch"
    assert (finding.stated, finding.computed) == (20, 21)
    assert finding.claims[0].quantity.value == 20 and len(finding.claims) == 6
    assert "20" in finding.message and "21" in finding.message
    total = finding.claims[0]
    assert text[total.quantity.start : total.quantity.end] == "20"


def test_partial_breakdown_of_a_larger_total_is_not_flagged():
    _, claims = build(
        ("Russia said it destroyed 40 drones overnight.", {"number": "40", "value": 40, **MOD}),
        (
            "Two of them came down over the Ryazan region.",
            {"number": "Two", "value": 2, "places": [("RU-RYA", "Ryazan region")]},
        ),
    )
    assert check(claims) == []


def test_regional_total_broken_down_by_its_regions():
    _, claims = build(
        (
            "Eleven drones were brought down above the Belgorod, Kursk and Voronezh regions.",
            {
                "number": "Eleven",
                "value": 11,
                "places": [("RU-BEL", "Belgorod"), ("RU-KRS", "Kursk"), ("RU-VOR", "Voronezh regions")],
                **MOD,
            },
        ),
        (
            "Belgorod accounted for seven of them.",
            {"number": "seven", "value": 7, "places": [("RU-BEL", "Belgorod")]},
        ),
        (
            "Two more were downed over Voronezh.",
            {"number": "Two", "value": 2, "places": [("RU-VOR", "Voronezh")]},
        ),
        ("A single one fell over Kursk.", {"number": "one", "value": 1, "places": [("RU-KRS", "Kursk")]}),
        (
            "Governor Gladkov said two were shot down near Stroitel in Belgorod.",
            {
                "number": "two",
                "value": 2,
                "places": [("RU-BEL", "Belgorod")],
                "source": "governor",
                "source_text": "Governor Gladkov",
            },
        ),
    )
    (finding,) = check(claims)
    assert finding.kind == "sum_mismatch" and (finding.stated, finding.computed) == (11, 10)


def test_stated_region_count_against_regions_named():
    _, claims = _overnight_mod_report(("RU-MOW", "Moscow"), 1, total=None, regions_said=7)
    (finding,) = check(claims)
    assert finding.kind == "region_count_mismatch"
    assert (finding.stated, finding.computed) == (7, 6)
    assert "Lipetsk region" in finding.message


def test_majority_that_is_not_more_than_half():
    _, claims = _overnight_mod_report(("RU-MOW", "Moscow"), 1, total=20, majority=True)
    (finding,) = check(claims)
    assert finding.kind == "majority_mismatch"
    assert (finding.stated, finding.computed) == (20, 9)


def test_time_window_ending_before_it_starts():
    backwards = (datetime(2024, 2, 3, 7, 0, tzinfo=KYIV), datetime(2024, 2, 2, 23, 0, tzinfo=KYIV))
    _, claims = build(
        (
            "Between 07:00 and 23:00, 12 Shaheds were shot down over Odesa.",
            {
                "number": "12",
                "value": 12,
                "places": [("UA-51", "Odesa")],
                "time": backwards,
                "time_text": "Between 07:00 and 23:00",
            },
        )
    )
    (finding,) = check(claims)
    assert finding.kind == "time_inverted"


# --- the seed-like pair, on constructed claims ---------------------------------------------------


def _seed_like_pair() -> list[Report]:
    """Two reports of one night: 'over 130' vs 133 for the day, one drone over Moscow vs
    two over the Moscow Region, a total of 20 vs a breakdown adding up to 21 over what
    the second calls seven regions while naming six."""
    day = {"time": (date(2025, 11, 12), date(2025, 11, 12)), "time_text": "in 24 hours"}
    first_text, first = _overnight_mod_report(
        ("RU-MOW", "Moscow"),
        1,
        total=20,
        lead=(
            (
                "The ministry said over 130 drones were downed in 24 hours.",
                {"number": "over 130", "value": 130, "qualifier": "more_than", **MOD, **day},
            ),
        ),
    )
    second_text, second = _overnight_mod_report(
        ("RU-MOS", "The Moscow Region"),
        2,
        total=None,
        regions_said=7,
        lead=(
            (
                "The ministry confirmed 133 drones destroyed in 24 hours.",
                {"number": "133", "value": 133, **MOD, **day},
            ),
        ),
    )
    return [
        Report(id="first", published=date(2025, 11, 12), text=first_text, claims=first),
        Report(id="second", published=date(2025, 11, 12), text=second_text, claims=second),
    ]


def test_seed_like_pair_comparison():
    result = compare(_seed_like_pair())
    statuses = {(g.item, tuple(g.places)): g.status for g in result.groups if g.status != "single"}
    assert statuses[("drone", ())] == "consistent"  # over 130 vs 133
    assert statuses[("drone", ("RU-MOS", "RU-MOW"))] == "conflict"
    assert statuses[("drone", ("RU-KRS",))] == "agree"
    assert statuses[("drone", ("RU-BRY",))] == "agree"
    total_20 = [g for g in result.groups if g.members[0].claim.quantity.value == 20]
    assert [g.status for g in total_20] == ["single"]
    kinds = {(f.kind, tuple(f.doc_ids)) for f in result.findings}
    assert kinds == {("sum_mismatch", ("first", "second")), ("region_count_mismatch", ("second",))}
    cross = next(f for f in result.findings if f.kind == "sum_mismatch")
    assert (cross.stated, cross.computed) == (20, 21)


def test_comparison_round_trips_as_json():
    result = compare(_seed_like_pair())
    data = json.loads(result.model_dump_json())
    assert data["documents"] == ["first", "second"]
    assert {g["status"] for g in data["groups"]} >= {"consistent", "conflict", "agree", "single"}


# --- command line ---------------------------------------------------------------------------------


def _write_claim_records(tmp_path: Path) -> list[Path]:
    paths = []
    for rep in _seed_like_pair():
        path = tmp_path / f"{rep.id}.json"
        path.write_text(rep.model_dump_json(), encoding="utf-8")
        paths.append(path)
    return paths


def test_cli_json_output(tmp_path, capsys):
    assert compare_command(_write_claim_records(tmp_path), json_output=True) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["documents"] == ["first", "second"]
    assert any(f["kind"] == "region_count_mismatch" for f in data["findings"])


def test_cli_table_output(tmp_path, capsys):
    assert compare_command(_write_claim_records(tmp_path)) == 0
    out = capsys.readouterr().out
    assert "conflict" in out and "RU-MOW" in out and "region_count_mismatch" in out


def test_cli_missing_file(tmp_path, capsys):
    assert compare_command([tmp_path / "nope.txt"]) == 2
    assert "nope.txt" in capsys.readouterr().err


# --- end to end (needs the extraction pipeline) -------------------------------------------------------


def _require(result_claims: list[Claim], needed: int) -> None:
    if len(result_claims) < needed:
        pytest.skip("extraction not ready")


def test_end_to_end_two_reports():
    import claimx

    tass = (
        "Russian air defences destroyed 14 Ukrainian drones over the Belgorod region on Saturday night, "
        "the Defence Ministry said."
    )
    kyiv = (
        "Ukraine's military said it launched 14 drones at the Belgorod region on Saturday night; "
        "Russia's Defence Ministry said all 14 were shot down."
    )
    a = claimx.extract(tass, published="2024-03-03")
    b = claimx.extract(kyiv, published="2024-03-03")
    _require(a + b, 3)
    result = compare([{"id": "tass", "claims": a}, {"id": "kyiv", "claims": b}])
    interceptions = [g for g in result.groups if g.event == "interception"]
    assert interceptions and interceptions[0].status == "agree"


def test_end_to_end_seed_reports():
    import claimx

    texts = sorted(SEEDS.glob("*.txt"))
    if len(texts) != 2:
        pytest.skip("seed reports not available")
    records = [
        {"id": p.stem, "published": "2025-11-12", "text": p.read_text(encoding="utf-8")} for p in texts
    ]
    first = claimx.extract(records[0]["text"], published="2025-11-12")
    _require(first, 10)
    result = compare(records)
    unplaced = [g for g in result.groups if g.item == "drone" and not g.places and g.status != "single"]
    assert any(g.status == "consistent" for g in unplaced)  # over 130 vs 133
    moscow = [g for g in result.groups if "RU-MOW" in g.places]
    assert moscow and moscow[0].status == "conflict" and moscow[0].relation == "related"
    kinds = {(f.kind, tuple(f.doc_ids)) for f in result.findings}
    ids = tuple(r["id"] for r in records)
    assert ("sum_mismatch", ids) in kinds  # 22 stated vs 23 listed
    assert ("region_count_mismatch", (ids[1],)) in kinds  # eight regions, seven named


def test_a_restated_total_is_reported_once_against_another_breakdown():
    night = {"time": NIGHT, "time_text": "overnight"}
    total = (
        "The Defence Ministry said 20 Ukrainian drones were destroyed overnight.",
        {"number": "20", "value": 20, **MOD, **night},
    )
    again = (
        "In all, 20 drones were downed overnight, the Defence Ministry said.",
        {"number": "20", "value": 20, **MOD, **night},
    )
    first_text, first = build(total, again)
    second_text, second = _overnight_mod_report(("RU-MOS", "The Moscow Region"), 2, total=None)
    result = compare(
        [Report(id="a", text=first_text, claims=first), Report(id="b", text=second_text, claims=second)]
    )
    assert [(f.kind, f.doc_ids) for f in result.findings] == [("sum_mismatch", ["a", "b"])]


def test_a_governor_speaking_of_the_region_is_not_a_nationwide_figure():
    night = {"time": NIGHT, "time_text": "overnight"}
    mod = report(
        "mod",
        (
            "The Defence Ministry said 17 drones were destroyed overnight.",
            {"number": "17", "value": 17, **MOD, **night},
        ),
        (
            "Nine were shot down over the Belgorod region overnight.",
            {"number": "Nine", "value": 9, "places": [("RU-BEL", "Belgorod region")], **night},
        ),
    )
    gov = report(
        "gov",
        (
            "Governor Vyacheslav Gladkov said nine drones were downed over the region overnight.",
            {
                "number": "nine",
                "value": 9,
                "source": "governor",
                "source_text": "Vyacheslav Gladkov",
                **night,
            },
        ),
        (
            "Governor Vyacheslav Gladkov added that two more fell near Shebekino overnight.",
            {"number": "two", "value": 2, "source": "governor", "source_text": "Vyacheslav Gladkov", **night},
        ),
    )
    result = compare([mod, gov])
    assert result.findings == []
    assert all(g.status == "single" for g in result.groups)
    assert ["region of Vyacheslav Gladkov"] in [g.places for g in result.groups]
