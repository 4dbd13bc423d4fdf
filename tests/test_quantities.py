"""QUANTITY recognition and parsing: counts with their qualifiers, and what is not a count."""

from __future__ import annotations

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from claimx.entities.labels import QUANTITY
from claimx.entities.quantities import (
    ParsedQuantity,
    QuantityRecognizer,
    parse_quantity,
    parse_span,
)
from claimx.resources import models_dir


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


@pytest.fixture(scope="module")
def recognizer(nlp):
    return QuantityRecognizer(nlp, models_dir())


@pytest.fixture(scope="module")
def find(nlp, recognizer):
    """Text -> the QUANTITY spans found in it."""

    def run(text: str):
        doc = nlp(text)
        return recognizer(doc)

    return run


def texts(spans) -> list[str]:
    return [s.text for s in spans]


# --- parse_quantity ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "low", "high", "qualifier"),
    [
        ("22", 22, 22, 22, "exact"),
        ("over 130", 130, 130, None, "more_than"),
        ("More than 20", 20, 20, None, "more_than"),
        ("at least 23", 23, 23, None, "at_least"),
        ("about 40", 40, None, None, "approx"),
        ("some 15", 15, None, None, "approx"),
        ("nearly 30", 30, None, None, "approx"),
        ("up to 50", 50, None, 50, "at_most"),
        ("fewer than 5", 5, None, 5, "less_than"),
        ("between 10 and 15", 10, 10, 15, "range"),
        ("two or three", 2, 2, 3, "range"),
        ("10-15", 10, 10, 15, "range"),
        ("10–15", 10, 10, 15, "range"),
        ("a dozen", 12, 12, 12, "exact"),
        ("two dozen", 24, 24, 24, "exact"),
        ("half a dozen", 6, 6, 6, "exact"),
        ("one hundred and thirty-three", 133, 133, 133, "exact"),
        ("a hundred and twenty", 120, 120, 120, "exact"),
        ("1,200", 1200, 1200, 1200, "exact"),
        ("1.5 million", 1500000, 1500000, 1500000, "exact"),
        ("0.3 million", 300000, 300000, 300000, "exact"),
        ("two million three hundred thousand", 2300000, 2300000, 2300000, "exact"),
        ("twenty-two", 22, 22, 22, "exact"),
        ("a single one", 1, 1, 1, "exact"),
        ("all 29", 29, 29, 29, "exact"),
        ("another eight", 8, 8, 8, "exact"),
        ("a further six", 6, 6, 6, "exact"),
        ("two more", 2, 2, 2, "exact"),
        ("the remaining two", 2, 2, 2, "exact"),
        ("10 or more", 10, 10, None, "at_least"),
        ("100-plus", 100, 100, None, "more_than"),
        ("40-odd", 40, None, None, "approx"),
        ("no more than 10", 10, None, 10, "at_most"),
    ],
)
def test_parse_quantity_values(text, value, low, high, qualifier):
    parsed = parse_quantity(text)
    assert (parsed.value, parsed.low, parsed.high, parsed.qualifier) == (value, low, high, qualifier)
    assert not parsed.vague and not parsed.distributive


def test_parse_quantity_values_are_ints_when_whole():
    assert isinstance(parse_quantity("1.5 million").value, int)
    assert parse_quantity("2.5").value == 2.5


@pytest.mark.parametrize("text", ["three each", "four apiece", "one each"])
def test_parse_quantity_distributive(text):
    parsed = parse_quantity(text)
    assert parsed.distributive and parsed.qualifier == "exact" and parsed.value is not None


@pytest.mark.parametrize(
    ("text", "low"),
    [
        ("several dozen", 36),
        ("dozens", 24),
        ("hundreds", 200),
        ("several", 3),
        ("a few hundred", 200),
        ("tens of thousands", 20000),
        ("hundreds of thousands", 200000),
    ],
)
def test_parse_quantity_vague(text, low):
    parsed = parse_quantity(text)
    assert parsed == ParsedQuantity(None, low, None, "approx", False, True)


def test_parse_quantity_qualified_vague_keeps_qualifier():
    parsed = parse_quantity("more than several dozen")
    assert parsed.vague and parsed.qualifier == "more_than" and parsed.value is None


@pytest.mark.parametrize(
    "text", ["", "drones", "a", "the 12th", "ten and", "-", "fifteen twenty-", "15 to 10"]
)
def test_parse_quantity_without_a_count(text):
    parsed = parse_quantity(text)
    assert parsed.value is None and not parsed.vague


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_parse_quantity_never_raises(text):
    assert isinstance(parse_quantity(text), ParsedQuantity)


# --- recognizer: counts and their qualifiers ------------------------------------------


def test_mod_report_counts_with_offsets(nlp, recognizer):
    text = (
        "Between 23:00 MSK on the 11th and 7:00 MSK on the 12th, Russian air defences intercepted "
        "22 Ukrainian drones. The majority—eight—were downed over the Belgorod Region. Four drones "
        "were destroyed in the Kursk Region, while three each were intercepted in the Bryansk and "
        "Oryol Regions, and one each in Tula and Kaluga."
    )
    spans = recognizer(nlp(text))
    assert texts(spans) == ["22", "eight", "Four", "three each", "one each"]
    for span in spans:
        assert span.label_ == QUANTITY
        assert text[span.start_char : span.end_char] == span.text
    assert [s.id_ for s in spans] == ["22", "8", "4", "3", "1"]
    assert [s.kb_id_ for s in spans] == ["", "", "", "distributive", "distributive"]


@pytest.mark.parametrize(
    ("text", "expected", "value", "qualifier"),
    [
        ("Air defences shot down over 130 drones overnight.", "over 130", 130, "more_than"),
        ("The base came under fire at least 23 times.", "at least 23", 23, "at_least"),
        ("Kyiv said about 40 missiles were launched.", "about 40", 40, "approx"),
        ("Some 15 shells hit the village of Kozacha Lopan.", "Some 15", 15, "approx"),
        ("Hamas fired up to 50 rockets at Ashkelon.", "up to 50", 50, "at_most"),
        ("Fewer than 5 interceptors were left.", "Fewer than 5", 5, "less_than"),
        ("Between 10 and 15 people were wounded in Sumy.", "Between 10 and 15", 10, "range"),
        ("Two or three drones struck the depot in Engels.", "Two or three", 2, "range"),
        ("Officials counted 10-15 craters near Pokrovsk.", "10-15", 10, "range"),
        ("The army said it destroyed all 29 drones.", "all 29", 29, "exact"),
        ("In the Kherson region another eight were destroyed.", "another eight", 8, "exact"),
        ("A further six were downed near Odesa.", "A further six", 6, "exact"),
        ("Two more were intercepted over Voronezh Oblast.", "Two more", 2, "exact"),
        ("The strike on Kherson wounded 13 more.", "13 more", 13, "exact"),
        ("The remaining two were destroyed above the Belgorod Region.", "The remaining two", 2, "exact"),
        ("Kyiv reported a single one over Kursk Oblast.", "a single one", 1, "exact"),
        ("A single drone was shot down near Bryansk.", "A single", 1, "exact"),
        ("The Houthis launched a dozen drones at Eilat.", "a dozen", 12, "exact"),
        ("Police said 1,200 people were evacuated from Belgorod.", "1,200", 1200, "exact"),
        ("Some 1.5 million people lost power in Kharkiv.", "Some 1.5 million", 1500000, "approx"),
        ("Officials said twenty-two homes were damaged.", "twenty-two", 22, "exact"),
        (
            "Sudan's army said one hundred and thirty-three fighters died.",
            "one hundred and thirty-three",
            133,
            "exact",
        ),
        ("About 2000 people fled the town of Vovchansk.", "About 2000", 2000, "approx"),
    ],
)
def test_qualified_counts(find, text, expected, value, qualifier):
    spans = find(text)
    assert texts(spans) == [expected]
    parsed = parse_quantity(spans[0].text)
    assert (parsed.value, parsed.qualifier) == (value, qualifier)


@pytest.mark.parametrize(
    ("text", "expected", "low"),
    [
        ("Russia launched several dozen attack drones at Ukraine.", "several dozen", 36),
        ("The Air Force said dozens of missiles were fired.", "dozens", 24),
        ("Hundreds of residents were evacuated from Kupiansk.", "Hundreds", 200),
        ("Tens of thousands fled El Fasher.", "Tens of thousands", 20000),
        ("Several Telegram channels reported explosions in Tuapse.", "Several", 3),
    ],
)
def test_vague_counts(find, text, expected, low):
    spans = find(text)
    assert texts(spans) == [expected]
    assert spans[0].kb_id_ == "vague" and spans[0].id_ == ""
    parsed = parse_quantity(spans[0].text)
    assert parsed.vague and parsed.value is None and parsed.low == low


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tula Oblast and Moscow Region each saw two drones shot down.", "two"),
        ("The Volgograd and Astrakhan regions accounted for four apiece.", "four apiece"),
        ("Belgorod and Kursk lost two drones each.", "two"),
    ],
)
def test_distributive_counts(find, text, expected):
    spans = find(text)
    assert texts(spans) == [expected]
    assert spans[0].kb_id_ == "distributive"
    assert parse_span(spans[0]).distributive


def test_per_item_each_is_not_distributive(find):
    spans = find("Russia launched three drones, each carrying two warheads.")
    assert texts(spans) == ["three", "two"]
    assert [s.kb_id_ for s in spans] == ["", ""]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ten of them were brought down over the Rostov Region.", ["Ten"]),
        ("Officials said nine of them had been taken to hospital.", ["nine"]),
        ("Two of the drones were shot down near Stroitel.", ["Two"]),
        ("One of the bombs struck a densely populated area.", ["One"]),
        ("Another one fell near Rostov-on-Don.", ["Another one"]),
        ("The shelling killed one person in Kherson.", ["one"]),
        ("Three and four drones fell in Kursk and Belgorod.", ["Three", "four"]),
    ],
)
def test_counts_cover_only_the_number(find, text, expected):
    assert texts(find(text)) == expected


def test_spans_do_not_overlap(find):
    spans = find(
        "Between three and five rockets and two or three drones hit Haifa; 10 or more were intercepted."
    )
    assert texts(spans) == ["Between three and five", "two or three", "10 or more"]
    ends = [(s.start, s.end) for s in spans]
    assert all(a[1] <= b[0] for a, b in zip(ends, ends[1:], strict=False))


# --- recognizer: what is not a count ------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # years
        "In 2024 the strikes on Kharkiv intensified.",
        "Survivors of a 2020 air strike in Idlib testified.",
        "The war in Donbas has gone on since 2014.",
        "Fighting over the 2022-2023 winter was fierce.",
        # clock times and dates
        "The alert lasted from 23:00 until 7:00 AM.",
        "The attack came at 5 a.m. local time.",
        "Sirens sounded on the 12th in Odesa.",
        "The strike on November 12 hit a power plant.",
        "Talks resumed on Nov. 1 in Istanbul.",
        "The ceasefire began on 18 September.",
        "Officials met on 2025-11-12 in Geneva.",
        # ordinals
        "The war is now in its fourth year.",
        "It was the third time this year the refinery was hit.",
        # compound adjectives and durations
        "Zelensky began a two-day visit to Washington.",
        "The drones were downed over a seven-hour period.",
        "Air defences worked through a 24-hour period.",
        "A 73-year-old man was wounded in Nikopol.",
        "Russia used one-way attack drones overnight.",
        "A 12-storey building collapsed in Dnipro.",
        "The three-year war has displaced Sudanese families.",
        "The blackout lasted for 24 hours.",
        "Kyiv was without power for several days.",
        "Two or three days later the bridge reopened.",
        # model designations and codes
        "Russia fired Kh-59 and Kh-101 missiles from Tu-95MS bombers.",
        "S-300, Pantsir-S1 and Iskander-M systems were hit.",
        "Shahed-131/136 drones were launched from Kursk.",
        "Su-34, F-16 and MiG-31K aircraft flew sorties.",
        "The M142 launcher was destroyed.",
        "Russia launched Shahed 136 and Geran 2 drones.",
        "COVID-19 restrictions were lifted.",
        'The Houthis said they used a "Palestine 2" missile and Zulfiqar 3 rockets.',
        # articles and pronoun 'one'
        "A drone struck a house in Sumy.",
        "No one was hurt in the attack on Zaporizhzhia.",
        "The sides accused one another of shelling the plant.",
        "Someone filmed the strike.",
        "Police are looking for the one who fired.",
        "It was one of the largest attacks of the war.",
        # percentages, money, measures
        "Inflation reached 9.5% and unemployment 40 percent.",
        "The package is worth $1.2 billion.",
        "Kyiv paid 300 million hryvnias for repairs.",
        "The convoy stopped 30 km from the border.",
        "The brigade is short of 155 mm shells.",
        # phones, URLs, handles, references
        "Call the hotline on +7 (495) 123-45-67.",
        "The video was posted at https://t.me/mod_russia/4512 by @rybar_2.",
        "See page 12 of the report and Article 5 of the treaty.",
        "Iran violated Resolution 2231, diplomats said.",
        # names with number words, blocked 'a single'
        "Formula One cancelled the race in Bahrain.",
        "In a single night the city was hit twice.",
        "Not a single missile reached Kyiv.",
        # multipliers and growth
        "Moscow launched 14 times as many drones in June as a year earlier.",
        "Russia fired three times more missiles at Lviv than in May.",
        "Attacks grew 16% in a month and rose threefold in a year.",
        # ordinals of streaks and unit numbers
        "It was the fourth night in a row that drones attacked Dnipro.",
        "Shelling hit Nikopol for a third consecutive day.",
        "The 3rd Assault Brigade said it held the line near Pokrovsk.",
        "Unit 8200 intercepted the messages.",
        # ages
        "A boy, 12, and his mother were at home in Sumy.",
        "Her son, who was nine, loved football.",
        "Her parents (58 and 61) lived in the building.",
    ],
)
def test_not_quantities(find, text):
    assert texts(find(text)) == []


def test_times_counting_attacks_is_a_count(find):
    assert texts(find("The base came under rocket fire at least 23 times.")) == ["at least 23"]


# --- properties ------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "over",
                "130",
                "drones",
                "each",
                "two",
                "-",
                "hour",
                "and",
                "between",
                "10",
                "15",
                "a",
                "dozen",
                "2024",
                "one",
                "of",
                "them",
                "several",
                "hundreds",
                "Kh-59",
                "(",
                ")",
                "—",
                ",",
                ".",
                "May",
                "5",
                "more",
                "than",
                "the",
                "remaining",
                "twenty",
                "thousand",
                "1,200",
                "1.5",
                "million",
                "apiece",
            ]
        ),
        max_size=25,
    ),
    st.sampled_from([" ", "", "  "]),
)
def test_spans_slice_the_text(nlp, recognizer, words, sep):
    text = sep.join(words) if sep else "".join(words)
    doc = nlp(text)
    spans = recognizer(doc)
    previous_end = 0
    for span in spans:
        assert text[span.start_char : span.end_char] == span.text
        assert span.start >= previous_end
        previous_end = span.end
        parsed = parse_quantity(span.text)
        assert parsed.value is not None or parsed.vague or parsed.unrepresentable


def test_an_age_after_a_name_is_no_count(find):
    assert [s.text for s in find("Maria Lopez, 58, said three neighbours were hurt.")] == ["three"]
    assert [s.text for s in find("In Sumy Oblast, 3 were killed.")] == ["3"]


def test_ages_after_of_a_person_noun(find):
    assert [s.text for s in find("Among the injured were children of two, three and 16.")] == []
    assert [s.text for s in find("A girl of six was hurt.")] == []
    assert [s.text for s in find("The families of two soldiers were evacuated.")] == ["two"]
