"""TIME recognition (claimx.entities.times) and normalization (claimx.timeparse)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
import spacy

import claimx
from claimx.entities.labels import TIME
from claimx.entities.times import TimeRecognizer
from claimx.resources import models_dir
from claimx.timeparse import ResolvedTime, resolve_time

MSK = ZoneInfo("Europe/Moscow")
KYIV = ZoneInfo("Europe/Kyiv")
UTC = timezone.utc


@pytest.fixture(scope="module")
def spans_of():
    nlp = spacy.blank("en")
    recognizer = TimeRecognizer(nlp, models_dir())
    return lambda text: recognizer(nlp(text))


@pytest.fixture(scope="module")
def find(spans_of):
    def run(text: str) -> list[tuple[str, str]]:
        spans = spans_of(text)
        for span in spans:
            assert span.label_ == TIME
            assert text[span.start_char : span.end_char] == span.text
        return [(span.text, span.kb_id_) for span in spans]

    return run


def window(text: str, published: date | None, **kw) -> tuple:
    result = resolve_time(text, published, **kw)
    assert result is not None, text
    return result.start, result.end


# ----------------------------------------------------------------------------- detection


def test_range_with_a_day_on_each_end_is_one_span(find):
    text = "Between 23:00 MSK on the 11th and 7:00 MSK on the 12th, air defences downed 22 drones."
    assert find(text) == [("Between 23:00 MSK on the 11th and 7:00 MSK on the 12th", "range")]


def test_offsets_of_a_range_in_running_text(spans_of):
    text = (
        "The ministry said the drones were downed between 11:00 PM and 7:00 AM MSK on November 12th, "
        "over eight regions."
    )
    (span,) = spans_of(text)
    assert (span.start_char, span.end_char) == (41, 90)
    assert text[span.start_char : span.end_char] == "between 11:00 PM and 7:00 AM MSK on November 12th"


def test_parenthetical_equivalent_is_part_of_the_span(find):
    text = (
        "The drones were intercepted between 9:00 a.m. and 4:00 p.m. Moscow time (06:00-13:00 GMT), "
        "the ministry said."
    )
    assert find(text) == [("between 9:00 a.m. and 4:00 p.m. Moscow time (06:00-13:00 GMT)", "range")]
    text = "A bomb hit the city centre at around 11:40 a.m. (08:40 GMT), the governor said."
    assert find(text) == [("11:40 a.m. (08:40 GMT)", "clock")]


def test_subtypes(find):
    text = (
        "Early on Tuesday, April 23, Russia launched 16 drones; the same day Kyiv said 15 were "
        "destroyed overnight, the highest tally in the past 24 hours, during a seven-hour attack "
        "that began at 1:30 a.m."
    )
    assert find(text) == [
        ("Early on Tuesday, April 23", "date"),
        ("the same day", "anaphoric"),
        ("overnight", "relative"),
        ("the past 24 hours", "relative"),
        ("a seven-hour", "duration"),
        ("1:30 a.m.", "clock"),
    ]


def test_night_phrases(find):
    assert find("Drones attacked during the night of January 2, the Air Force said.") == [
        ("the night of January 2", "date")
    ]
    assert find("Eleven drones were brought down overnight on Feb. 1 above Belgorod.") == [
        ("overnight on Feb. 1", "date")
    ]
    assert find("It was downed in the early hours of November 12.") == [
        ("the early hours of November 12", "date")
    ]
    assert find("Kyiv reported 29 drones in the overnight attack.") == [("overnight", "relative")]


def test_dateline_is_a_date(find):
    assert find("MOSCOW, January 10. Air defences destroyed 33 drones.") == [("January 10", "date")]


def test_years_only_after_a_preposition_or_article(find):
    assert find("Strikes rose in 2024 after a 2020 U.S. air strike in Baghdad.") == [
        ("2024", "date"),
        ("2020", "date"),
    ]
    assert find("Russia launched 2024 drones and 1,200 missiles.") == []


def test_regimental_ordinals_are_not_days(find):
    text = (
        "The 47th Mechanized Brigade and the 3rd Assault Brigade held the line; "
        "the 3rd, 5th and 7th regiments withdrew."
    )
    assert find(text) == []


def test_ages_and_count_ranges_are_not_times(find):
    text = (
        "A 73-year-old woman and children between 3 and 16 years old were hurt; "
        "between 9 and 11 drones hit Kharkiv."
    )
    assert find(text) == []


def test_durations_are_marked(find):
    assert find("Over 130 drones were downed in a single 24-hour period.") == [
        ("a single 24-hour period", "duration")
    ]
    assert find("It was the first day of a two-day visit during the three-year war.") == [
        ("a two-day", "duration"),
        ("three-year", "duration"),
    ]


def test_spans_never_overlap(spans_of):
    text = (
        "On Monday, from 22:00 on Nov 11 to 6:00 Kyiv time, the city was shelled; overnight into "
        "Tuesday more drones came, and on the night of 11 to 12 November the raids went on until midnight."
    )
    spans = spans_of(text)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))
    assert [s.text for s in spans] == [
        "Monday",
        "from 22:00 on Nov 11 to 6:00 Kyiv time",
        "overnight into Tuesday",
        "the night of 11 to 12 November",
        "midnight",
    ]


# ----------------------------------------------------------------------- absolute dates


@pytest.mark.parametrize(
    "text",
    [
        "November 12",
        "Nov. 12",
        "12 November",
        "November 12th",
        "the 12th of November",
        "Wednesday, 12 November",
    ],
)
def test_absolute_dates_without_a_year(text):
    assert window(text, date(2025, 11, 20)) == (date(2025, 11, 12), date(2025, 11, 12))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on April 23, 2024", date(2024, 4, 23)),
        ("2024-02-01", date(2024, 2, 1)),
        ("Feb. 1", date(2024, 2, 1)),
        ("Thursday, 18 September", date(2025, 9, 18)),
        ("12.11.2025", date(2025, 11, 12)),
    ],
)
def test_absolute_dates(text, expected):
    published = {"Feb. 1": date(2024, 2, 1), "Thursday, 18 September": date(2025, 9, 18)}.get(
        text, date(2025, 12, 1)
    )
    assert window(text, published) == (expected, expected)


def test_missing_year_is_the_latest_not_after_publication():
    assert window("December 30", date(2025, 1, 2)) == (date(2024, 12, 30), date(2024, 12, 30))
    assert window("January 2", date(2025, 1, 2)) == (date(2025, 1, 2), date(2025, 1, 2))
    assert window("January 3", date(2025, 1, 2)) == (date(2024, 1, 3), date(2024, 1, 3))


def test_missing_year_without_publication_is_unresolved():
    assert resolve_time("November 12", None) == ResolvedTime(None, None, "day", False, True, False)
    assert window("November 12, 2025", None) == (date(2025, 11, 12), date(2025, 11, 12))


def test_regression_dateparser_reads_count_after_date_as_year(find):
    """dateparser: "November 12, 22" -> 2022-11-12."""
    text = "On November 12, 22 drones were shot down over the Belgorod region."
    assert find(text) == [("November 12", "date")]
    assert window(text, date(2025, 11, 13)) == (date(2025, 11, 12), date(2025, 11, 12))


def test_regression_dateparser_reads_bare_ordinal_as_month():
    """dateparser: "on the 12th" -> December 12."""
    assert window("on the 12th", date(2025, 11, 12)) == (date(2025, 11, 12), date(2025, 11, 12))
    assert window("the 11th", date(2025, 11, 12)) == (date(2025, 11, 11), date(2025, 11, 11))
    assert window("the 28th", date(2025, 11, 12)) == (date(2025, 10, 28), date(2025, 10, 28))
    assert window("the 31st", date(2025, 12, 5)) == (date(2025, 10, 31), date(2025, 10, 31))
    assert resolve_time("the 12th", None).resolved is False


# ----------------------------------------------------------------------------- weekdays


@pytest.mark.parametrize("text", ["on Tuesday", "Tuesday's attack", "early on Tuesday", "Tuesday morning"])
def test_weekday_is_the_latest_such_day(text):
    assert window(text, date(2024, 4, 24)) == (date(2024, 4, 23), date(2024, 4, 23))


def test_weekday_on_publication_day_is_that_day():
    assert window("early on Tuesday", date(2023, 10, 31)) == (date(2023, 10, 31), date(2023, 10, 31))
    assert window("late on Monday", date(2023, 10, 31)) == (date(2023, 10, 30), date(2023, 10, 30))
    assert window("last Tuesday", date(2023, 10, 31)) == (date(2023, 10, 24), date(2023, 10, 24))


def test_weekday_without_publication_is_unresolved():
    result = resolve_time("on Saturday", None)
    assert (result.resolved, result.has_date, result.start) == (False, True, None)


# ----------------------------------------------------------------------------- relative

P = date(2024, 8, 22)  # a Thursday


@pytest.mark.parametrize(
    "text", ["overnight", "last night", "during the night", "in the overnight attack", "Overnight,"]
)
def test_regression_overnight_is_the_night_into_publication(text):
    """dateparser does not know "overnight"."""
    assert window(text, P) == (date(2024, 8, 21), P)


@pytest.mark.parametrize("text", ["the past 24 hours", "over the past day", "in the last day"])
def test_past_day(text):
    assert window(text, P) == (date(2024, 8, 21), P)


@pytest.mark.parametrize("text", ["today", "this morning", "early in the morning", "in the early hours"])
def test_today(text):
    assert window(text, P) == (P, P)


def test_calendar_relatives():
    assert window("yesterday", P) == (date(2024, 8, 21), date(2024, 8, 21))
    assert window("this week", P) == (date(2024, 8, 19), P)
    assert window("last week", P) == (date(2024, 8, 12), date(2024, 8, 18))
    assert window("the past three days", P) == (date(2024, 8, 19), P)
    this_year = resolve_time("the third time this year", date(2025, 2, 24))
    assert (this_year.start, this_year.end, this_year.granularity) == (
        date(2025, 1, 1),
        date(2025, 2, 24),
        "year",
    )


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        (date(2024, 11, 25), (date(2024, 11, 23), date(2024, 11, 24))),  # Monday: the weekend before
        (date(2024, 11, 28), (date(2024, 11, 23), date(2024, 11, 24))),  # Thursday
        (date(2024, 11, 23), (date(2024, 11, 23), date(2024, 11, 23))),  # Saturday: cut at P
    ],
)
def test_weekend_is_the_latest_saturday_and_sunday(published, expected):
    assert window("over the weekend", published) == expected


def test_relative_without_publication_is_unresolved():
    result = resolve_time("overnight", None)
    assert (result.start, result.end, result.resolved, result.has_date) == (None, None, False, True)


def test_night_of_a_date_ends_on_that_date():
    assert window("the night of November 11", date(2025, 11, 12)) == (date(2025, 11, 10), date(2025, 11, 11))
    assert window("on the night of January 2", date(2024, 1, 2)) == (date(2024, 1, 1), date(2024, 1, 2))
    assert window("overnight on Feb. 1", date(2024, 2, 1)) == (date(2024, 1, 31), date(2024, 2, 1))
    # "Monday night" is the evening of that Monday, not the night into Tuesday
    assert window("Monday night", date(2024, 8, 22)) == (date(2024, 8, 19), date(2024, 8, 19))


def test_months_and_years():
    assert window("in 2024", P) == (date(2024, 1, 1), P)
    result = resolve_time("a 2020 U.S. air strike", P)
    assert (result.start, result.end, result.granularity) == (date(2020, 1, 1), date(2020, 12, 31), "year")
    assert window("in March", P) == (date(2024, 3, 1), date(2024, 3, 31))
    assert window("in November", P) == (date(2023, 11, 1), date(2023, 11, 30))
    assert window("November 2022", P) == (date(2022, 11, 1), date(2022, 11, 30))


# ------------------------------------------------------------------------------- clocks


def test_clock_forms():
    d = date(2025, 11, 12)
    assert window("23:00", None, day=d)[0] == datetime(2025, 11, 12, 23, 0)
    assert window("11:00 PM", None, day=d)[0] == datetime(2025, 11, 12, 23, 0)
    assert window("9:00 a.m.", None, day=d)[0] == datetime(2025, 11, 12, 9, 0)
    assert window("at 4 p.m.", None, day=d)[0] == datetime(2025, 11, 12, 16, 0)
    assert window("6.30am", None, day=d)[0] == datetime(2025, 11, 12, 6, 30)
    assert window("0300 GMT", None, day=d)[0] == datetime(2025, 11, 12, 3, 0, tzinfo=UTC)


def test_regression_24_00_is_midnight_ending_the_day():
    """dateparser returns None for "24:00"."""
    assert window("24:00 MSK", date(2025, 11, 12)) == (datetime(2025, 11, 13, 0, 0, tzinfo=MSK),) * 2
    start, end = window("from 20:00 to 24:00", date(2025, 11, 12))
    assert (start, end) == (datetime(2025, 11, 12, 20, 0), datetime(2025, 11, 13, 0, 0))


@pytest.mark.parametrize(
    ("zone", "tz"),
    [
        ("MSK", MSK),
        ("Moscow time", MSK),
        ("Moscow Standard Time (MSK)", MSK),
        ("Kyiv time", KYIV),
        ("Kiev time", KYIV),
        ("UTC", UTC),
        ("GMT", UTC),
    ],
)
def test_regression_zones_dateparser_does_not_know(zone, tz):
    """dateparser returns None for "23:00 Moscow time"."""
    assert window(f"23:00 {zone}", date(2025, 11, 12))[0] == datetime(2025, 11, 12, 23, 0, tzinfo=tz)


def test_zone_offsets_follow_daylight_saving():
    winter = window("14:00 Kyiv time", date(2025, 1, 15))[0]
    summer = window("14:00 Kyiv time", date(2025, 7, 15))[0]
    assert (winter.utcoffset(), summer.utcoffset()) == (timedelta(hours=2), timedelta(hours=3))


def test_local_time_is_naive():
    start, _ = window("6 a.m. local time", date(2025, 5, 4))
    assert start == datetime(2025, 5, 4, 6, 0) and start.tzinfo is None


def test_equivalent_in_gmt_gives_the_local_offset():
    start, end = window("11:40 a.m. (08:40 GMT)", date(2025, 4, 22))
    assert start == end == datetime(2025, 4, 22, 11, 40, tzinfo=timezone(timedelta(hours=3)))
    assert start.utcoffset() == timedelta(hours=3)


def test_clock_only_takes_its_day_from_day_then_publication():
    text = "between 12:00 and 16:00 MSK"
    expected = (datetime(2025, 11, 12, 12, 0, tzinfo=MSK), datetime(2025, 11, 12, 16, 0, tzinfo=MSK))
    assert window(text, date(2025, 12, 1), day=date(2025, 11, 12)) == expected
    assert window(text, date(2025, 11, 12)) == expected
    result = resolve_time(text, None)
    assert (result.resolved, result.has_clock, result.has_date, result.start) == (False, True, False, None)


def test_clock_range_with_a_day_on_each_end():
    result = resolve_time("between 23:00 MSK on the 11th and 7:00 MSK on the 12th", date(2025, 11, 12))
    assert (result.start, result.end) == (
        datetime(2025, 11, 11, 23, tzinfo=MSK),
        datetime(2025, 11, 12, 7, tzinfo=MSK),
    )
    assert (result.granularity, result.has_date, result.has_clock) == ("minute", True, True)
    assert result.start.isoformat() == "2025-11-11T23:00:00+03:00"


def test_overnight_clock_range_date_belongs_to_the_end():
    assert window("between 11:00 PM and 7:00 AM MSK on November 12th", date(2025, 11, 12)) == (
        datetime(2025, 11, 11, 23, tzinfo=MSK),
        datetime(2025, 11, 12, 7, tzinfo=MSK),
    )
    # without any date the night ends on the publication day
    assert window("between 11 p.m. and 2 a.m.", date(2024, 4, 24)) == (
        datetime(2024, 4, 23, 23, 0),
        datetime(2024, 4, 24, 2, 0),
    )


def test_zone_written_once_applies_to_both_ends():
    assert window("from 3:00 to 8:00 PM Moscow time", date(2025, 11, 12)) == (
        datetime(2025, 11, 12, 15, tzinfo=MSK),
        datetime(2025, 11, 12, 20, tzinfo=MSK),
    )
    assert window("between 9:00 a.m. and 4:00 p.m. Moscow time (06:00-13:00 GMT)", date(2026, 1, 10)) == (
        datetime(2026, 1, 10, 9, tzinfo=MSK),
        datetime(2026, 1, 10, 16, tzinfo=MSK),
    )


def test_zone_after_the_last_day_covers_the_whole_range(find):
    text = (
        "Air defences downed 61 drones from 20:00 on October 3 to 07:00 on October 4 Moscow time, "
        "the ministry said."
    )
    assert find(text) == [("from 20:00 on October 3 to 07:00 on October 4 Moscow time", "range")]
    assert window("from 20:00 on October 3 to 07:00 on October 4 Moscow time", date(2025, 10, 4)) == (
        datetime(2025, 10, 3, 20, tzinfo=MSK),
        datetime(2025, 10, 4, 7, tzinfo=MSK),
    )
    # each end takes the zone's offset on its own day (Kyiv moves to summer time on 30 March 2025)
    start, end = window("between 21:00 on March 29 and 05:00 on March 30 Kyiv time", date(2025, 3, 30))
    assert (start.isoformat(), end.isoformat()) == ("2025-03-29T21:00:00+02:00", "2025-03-30T05:00:00+03:00")
    assert window("at 05:30 on Sunday Kyiv time", date(2025, 3, 31))[0] == datetime(
        2025, 3, 30, 5, 30, tzinfo=KYIV
    )


def test_range_ends_with_a_day_but_no_on(find):
    assert find("Drones flew from 9 p.m. Friday to 4 a.m. Saturday, the mayor said.") == [
        ("from 9 p.m. Friday to 4 a.m. Saturday", "range")
    ]
    assert window("from 9 p.m. Friday to 4 a.m. Saturday", date(2025, 8, 10)) == (
        datetime(2025, 8, 8, 21, 0),
        datetime(2025, 8, 9, 4, 0),
    )
    assert window("between 22:00 August 8 and 05:00 August 9 MSK", date(2025, 8, 10)) == (
        datetime(2025, 8, 8, 22, tzinfo=MSK),
        datetime(2025, 8, 9, 5, tzinfo=MSK),
    )


# -------------------------------------------------------------------------- date ranges


def test_date_range():
    assert window("from Oct. 17 to Oct. 30", date(2023, 10, 31)) == (date(2023, 10, 17), date(2023, 10, 30))
    assert window("from Dec. 28 to Jan. 3", date(2024, 1, 5)) == (date(2023, 12, 28), date(2024, 1, 3))
    assert window("11-12 November", date(2025, 11, 12)) == (date(2025, 11, 11), date(2025, 11, 12))
    assert window("the night of Monday to Tuesday", date(2024, 8, 22)) == (
        date(2024, 8, 19),
        date(2024, 8, 20),
    )


def test_regression_dateparser_reads_day_range_as_year(find):
    """dateparser: "November 11-12" -> 2012-11-11."""
    assert find("Drones attacked on November 11-12 near Kursk.") == [("November 11-12", "range")]
    assert window("November 11-12", date(2025, 11, 13)) == (date(2025, 11, 11), date(2025, 11, 12))


# ------------------------------------------------------------------ durations, anaphora


@pytest.mark.parametrize(
    "text", ["a seven-hour period", "a single 24-hour period", "two-day", "for three hours"]
)
def test_durations_are_not_anchors(text):
    assert resolve_time(text, P) is None


def test_anaphora_resolve_against_their_antecedent_day():
    result = resolve_time("The same day", P, day=date(2025, 11, 12))
    assert (result.start, result.end, result.anaphoric, result.resolved) == (
        date(2025, 11, 12),
        date(2025, 11, 12),
        True,
        True,
    )
    assert window("the following day", P, day=date(2025, 11, 12))[0] == date(2025, 11, 13)
    for text in ("that night", "the same night"):
        result = resolve_time(text, P, day=date(2025, 11, 12))
        assert (result.anaphoric, result.resolved, result.start) == (True, False, None)
    assert resolve_time("that day", P).resolved is False


def test_not_a_time():
    assert resolve_time("22 drones over Belgorod", P) is None


def test_resolution_is_cached():
    resolve_time.cache_clear()
    resolve_time("overnight", P)
    resolve_time("overnight", P)
    assert resolve_time.cache_info().hits == 1


# --- times of claims: aggregates, relative periods, stamps, local zones ------------------


def _claim_times(text, published):
    return [(c, c.time) for c in claimx.extract(text, published=published) if c.quantity is not None]


def test_a_month_and_last_month_are_the_whole_month():
    ((_, july),) = _claim_times(
        "Russia launched 4,700 drones at Ukraine in July, the air force said.", "2025-08-05"
    )
    assert (july.start, july.end) == (date(2025, 7, 1), date(2025, 7, 31))
    ((_, last),) = _claim_times("Ukraine's air force said it downed 3,900 drones last month.", "2025-03-02")
    assert (last.start, last.end) == (date(2025, 2, 1), date(2025, 2, 28))
    ((_, fig),) = _claim_times(
        "The air force's figures for September showed 3,100 drones launched.", "2025-10-09"
    )
    assert (fig.start, fig.end) == (date(2025, 9, 1), date(2025, 9, 30))


def test_since_a_date_last_year_runs_from_that_date_to_the_report():
    ((_, span),) = _claim_times(
        "At least 1,200 people have been killed in the province since March 3 last year, officials said.",
        "2025-06-10",
    )
    assert (span.start, span.end) == (date(2024, 3, 3), date(2025, 6, 10))


def test_a_record_since_a_month_is_not_the_time_of_the_claim():
    got = _claim_times(
        "Of 190 missiles launched in May, air defences intercepted 120, the lowest share since January.",
        "2025-06-10",
    )
    assert [(c.quantity.value, t.start, t.end) for c, t in got] == [
        (190, date(2025, 5, 1), date(2025, 5, 31)),
        (120, date(2025, 5, 1), date(2025, 5, 31)),
    ]


def test_at_night_and_a_weekday_night():
    ((_, night),) = _claim_times(
        "Four drones were shot down over Sumy at night, officials said.", "2025-06-10"
    )
    assert (night.start, night.end) == (date(2025, 6, 9), date(2025, 6, 10))
    ((_, sat),) = _claim_times(
        "Bombs hit Zaporizhzhia on Saturday night, wounding nine people.", "2025-06-08"
    )
    assert (sat.start, sat.end) == (date(2025, 6, 7), date(2025, 6, 7))


def test_a_look_back_ends_at_the_report_even_beside_an_older_date():
    ((_, span),) = _claim_times(
        "The toll includes 31 deaths in the previous 24 hours, the ministry said of the war that began "
        "on February 24, 2022.",
        "2025-06-10",
    )
    assert (span.start, span.end) == (date(2025, 6, 9), date(2025, 6, 10))


def test_around_keeps_the_instant_and_says_it_is_approximate():
    ((claim, span),) = _claim_times(
        "A missile struck a warehouse in the Lviv region at around 4 a.m., the governor said.", "2025-06-10"
    )
    assert span.start == datetime(2025, 6, 10, 4, 0, tzinfo=ZoneInfo("Europe/Kyiv"))
    assert any(e.rule == "time.approximate" and e.detail == "around 4 a.m." for e in claim.evidence)


def test_a_report_stamp_is_not_the_time_of_the_event():
    ((claim, span),) = _claim_times(
        "As of 9:40 a.m., 11 people had been injured in Kharkiv, the mayor said.", "2025-06-10"
    )
    assert (span.start, span.end, span.text) == (date(2025, 6, 10), date(2025, 6, 10), "")
    assert any(e.rule == "time.report_stamp" and e.detail == "9:40 a.m." for e in claim.evidence)


def test_a_clock_time_takes_the_local_zone_of_the_place():
    ((claim, span),) = _claim_times(
        "At 21:15 a drone hit a garage in the Kursk region, officials said.", "2025-01-14"
    )
    assert span.start.utcoffset() == timedelta(hours=3)  # Moscow time
    assert any(e.rule == "time.local_zone" and e.detail == "Europe/Moscow" for e in claim.evidence)
    ((_, winter),) = _claim_times("At 6:30 a.m. a missile hit a depot in the Rivne region.", "2025-01-14")
    ((_, summer),) = _claim_times("At 6:30 a.m. a missile hit a depot in the Rivne region.", "2025-07-14")
    assert winter.start.utcoffset() == timedelta(hours=2) and summer.start.utcoffset() == timedelta(hours=3)
    # places in two countries: no zone is plain
    (claim,) = claimx.extract(
        "At 6:30 a.m. missiles hit depots in the Rivne and Belgorod regions.", published="2025-07-14"
    )
    assert claim.time.start == datetime(2025, 7, 14, 6, 30) and claim.time.start.tzinfo is None


def test_a_range_of_two_dated_clock_times_with_asides_is_one_window():
    ((_, span),) = _claim_times(
        "From 10:00 p.m. Moscow time (7:00 p.m. GMT) on March 3 to 6:00 a.m. Moscow time (3:00 a.m. GMT) on "
        "March 4, air defences destroyed 31 drones, the ministry said.",
        "2025-03-04",
    )
    assert (span.start, span.end) == (
        datetime(2025, 3, 3, 22, 0, tzinfo=MSK),
        datetime(2025, 3, 4, 6, 0, tzinfo=MSK),
    )


def test_at_least_before_since_is_no_record():
    ((_, span),) = _claim_times(
        "Militias attacked the base at least 17 times since May 2, officials said.", "2025-06-10"
    )
    assert (span.start, span.end) == (date(2025, 5, 2), date(2025, 6, 10))


def test_the_onset_of_a_night_refines_its_start_and_keeps_its_end():
    got = _claim_times(
        "Air defences shot down 60 of the 75 drones launched at Ukraine overnight into Friday, the air force "
        "said. Launches started at 21:45 on Thursday, March 6.",
        "2025-03-07",
    )
    for _, span in got:
        assert span.start == datetime(2025, 3, 6, 21, 45, tzinfo=KYIV) and span.end == date(2025, 3, 7)


def _all_times(text: str, published: str) -> list[tuple[str, object]]:
    return [(text[c.start : c.end], c.time) for c in claimx.extract(text, published=published)]


def test_a_statement_before_any_event_time_is_dated_by_its_saying_not_a_later_frame():
    text = (
        "The retailer said on Monday that its sales rose faster than analysts expected. "
        "Its chief executive said she was confident about the holiday season. "
        "Last month, the retailer opened 40 stores in Texas, the company said."
    )
    times = _all_times(text, "2023-11-15")
    first = next(t for s, t in times if "sales rose" in s)
    assert (first.start, first.end) == (date(2023, 11, 13), date(2023, 11, 13))
    assert all(t is None or t.start != date(2023, 10, 1) for s, t in times if "sales rose" in s)


def test_a_lede_without_a_time_takes_the_first_event_time_told_after_it():
    text = (
        "Russian glide bombs hit two schools in Zaporizhzhia and wounded at least nine people, "
        "officials said. The bombs fell on Friday evening, Governor Ivan Fedorov said."
    )
    (lede,) = [c for c in claimx.extract(text, published="2025-03-02") if c.event == "casualty"]
    assert lede.quantity.value == 9
    assert (lede.time.start, lede.time.end) == (date(2025, 2, 28), date(2025, 2, 28))
    assert any(e.rule == "time.lede" for e in lede.evidence)


def test_a_lede_keeps_the_report_day_when_the_first_time_is_background():
    text = (
        "A Russian missile hit a hospital in Kharkiv and wounded 12 people, officials said. "
        "The hospital was last hit in March 2022."
    )
    (lede,) = [c for c in claimx.extract(text, published="2025-03-02") if c.event == "casualty"]
    assert (lede.time.start, lede.time.end) == (date(2025, 3, 2), date(2025, 3, 2))


def test_a_background_date_does_not_move_a_recent_frame():
    text = (
        "Drones struck the port of Izmail on Saturday, the governor said. "
        "The port was also hit on July 14, when two workers were killed. "
        "On the same day, three people were injured in Odesa, the governor said."
    )
    times = _all_times(text, "2025-08-10")
    injured = next(t for s, t in times if "three people were injured" in s)
    assert (injured.start, injured.end) == (date(2025, 8, 9), date(2025, 8, 9))
    killed = next(t for s, t in times if "two workers were killed" in s)
    assert killed.start == date(2025, 7, 14)


def test_a_background_time_in_a_later_relative_clause_does_not_date_the_claim():
    text = "Rockets struck an army base near Haifa, the group said, in a conflict that began on September 2."
    times = _all_times(text, "2025-10-19")
    struck = next(t for s, t in times if "struck" in s)
    assert struck.start == date(2025, 10, 19)


def test_a_recent_time_in_a_relative_clause_dates_the_event_it_describes():
    text = (
        "Rescuers said 40 people were injured in the flood, which swept through the valley late on Wednesday."
    )
    times = _all_times(text, "2025-10-16")
    hurt = next(t for s, t in times if "40 people" in s)
    assert hurt.start == date(2025, 10, 15)


def test_the_evening_that_opens_the_night_leaves_the_night_as_the_frame():
    text = (
        "Russia fired 20 drones at Ukraine overnight, the air force said. Late on Monday, blasts "
        "were heard in Kyiv. In the south, 12 drones were downed over the Odesa region."
    )
    times = _all_times(text, "2024-08-06")
    odesa = next(t for s, t in times if "12 drones" in s)
    assert (odesa.start, odesa.end) == (date(2024, 8, 5), date(2024, 8, 6))


def test_a_dateline_date_is_when_the_report_was_filed_not_a_frame():
    text = (
        "ADEN, Mar. 4 — Two rebel drones were shot down by coalition forces over the sea, the "
        "coalition said on Tuesday.\n"
        "In the past 24 hours, its ships also destroyed a missile launcher near Hodeidah, it said."
    )
    times = _all_times(text, "2025-03-04")
    downed = next(t for s, t in times if "Two rebel drones" in s)
    assert (downed.start, downed.end) == (date(2025, 3, 3), date(2025, 3, 4))


def test_figures_taken_at_a_clock_time_are_a_report_stamp():
    text = (
        "Russia launched 60 drones at Ukraine overnight, the air force said. Preliminary figures at "
        "08:00 on Monday showed 40 drones downed over the north."
    )
    times = _all_times(text, "2025-03-03")
    downed = next(t for s, t in times if "40 drones" in s)
    assert (downed.start, downed.end) == (date(2025, 3, 2), date(2025, 3, 3))
