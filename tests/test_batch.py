"""extract_many (order, errors, workers, chunking, memory zones) and the flat records."""

from __future__ import annotations

import gc
from datetime import date, timedelta

import pytest
import spacy
from pydantic import ValidationError
from spacy.language import Language
from spacy.tokens import Doc

import claimx
from claimx.batch import ExtractionResult, extract_many
from claimx.records import COLUMNS, to_dataframe, to_records
from claimx.schema import Claim, Location, Quantity, Source, TimeSpan

CLAIM_TEXT = (
    "Russian air defences destroyed 33 Ukrainian drones over the Rostov Region on Saturday, "
    "the Defence Ministry said."
)


@Language.component("batch_test_counts")
def _count_claims(doc: Doc) -> Doc:
    """A stand-in for claimx_claims: one claim per sentence with a digit count, so these
    tests check batching, offsets and order, not extraction quality."""
    claims = []
    for sent in doc.sents:
        for token in sent:
            if token.is_digit:
                claims.append(
                    Claim(
                        text=sent.text,
                        start=sent.start_char,
                        end=sent.end_char,
                        event="attack",
                        quantity=Quantity(
                            value=int(token.text),
                            text=token.text,
                            start=token.idx,
                            end=token.idx + len(token),
                        ),
                        time=TimeSpan(
                            start=date.fromisoformat(doc._.claimx_published),
                            granularity="day",
                            text="",
                            char_start=0,
                            char_end=0,
                        )
                        if doc._.claimx_published
                        else None,
                    )
                )
                break
    doc._.claimx_claims = claims
    return doc


@Language.component("batch_test_fragile")
def _fragile(doc: Doc) -> Doc:
    """Fails on one kind of document, as a buggy rule might."""
    if "\u202e" in doc.text:
        raise ValueError("cannot handle right-to-left override")
    return doc


@pytest.fixture(scope="module")
def fake_nlp() -> Language:
    import claimx.claims.factory  # noqa: F401  (registers the doc extensions)

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("batch_test_counts")
    return nlp


REPORTS = [
    "Ukraine's air force said it shot down 41 of 57 drones launched overnight. Two more were jammed.",
    {
        "id": "tass-1",
        "text": "The ministry said 12 drones were destroyed over the Belgorod Region.",
        "published": "2025-03-08",
    },
    {"id": "idf-7", "text": "   ", "published": "2024-10-02"},
    {"id": "bad-date", "text": "Officials said 3 people were hurt.", "published": "last Tuesday"},
    {"id": "no-text", "title": "Houthis claim strike"},
    17,
    {
        "id": 42,
        "text": "Sudan's army said it repelled 2 attacks near El Fasher.",
        "published": date(2024, 5, 11),
    },
]


def test_one_result_per_record_in_order_with_errors(fake_nlp: Language) -> None:
    results = list(extract_many(REPORTS, nlp=fake_nlp, batch_size=3))
    assert [r.index for r in results] == list(range(len(REPORTS)))
    assert [r.id for r in results] == [0, "tass-1", "idf-7", "bad-date", "no-text", 5, 42]
    ok, tass, blank, bad_date, no_text, wrong_type, sudan = results
    assert ok.error is None and [c.quantity.value for c in ok.claims] == [41]
    assert tass.claims[0].time.start.isoformat()[:10] == "2025-03-08"  # published reached the pipeline
    assert blank.error is None and blank.claims == []  # empty text: no claims, not an error
    assert bad_date.error.startswith("[E011]") and bad_date.claims == []
    assert no_text.error.startswith("[E030]") and "'text'" in no_text.error
    assert wrong_type.error.startswith("[E030]")
    assert sudan.claims[0].quantity.value == 2
    assert sudan.claims[0].time.start.isoformat()[:10] == "2024-05-11"


def test_a_document_that_breaks_the_pipeline_fails_alone() -> None:
    import claimx.claims.factory  # noqa: F401  (registers the doc extensions)

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("batch_test_fragile")
    nlp.add_pipe("batch_test_counts")
    texts = ["Kherson said 6 shells hit.", "Kherson said \u202e 9 shells hit.", "Sumy said 4 drones fell."]
    results = list(extract_many(texts, nlp=nlp))
    assert [r.error for r in results] == [None, "ValueError: cannot handle right-to-left override", None]
    assert [c.quantity.value for r in results for c in r.claims] == [6, 4]


def test_a_failing_document_inside_a_memory_zone_fails_alone() -> None:
    import claimx.claims.factory  # noqa: F401  (registers the doc extensions)
    from claimx.batch import WARMUP_DOCS

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("batch_test_fragile")
    nlp.add_pipe("batch_test_counts")
    texts = [f"Sumy said {n} drones fell." for n in range(WARMUP_DOCS + 40)]
    texts[WARMUP_DOCS + 20] = "Kherson said \u202e 9 shells hit."  # in a zoned batch
    results = list(extract_many(texts, nlp=nlp, batch_size=16))
    assert [r.index for r in results if r.error] == [WARMUP_DOCS + 20]
    assert [c.quantity.value for r in results[WARMUP_DOCS + 16 :] for c in r.claims] == [
        n for n in range(WARMUP_DOCS + 16, WARMUP_DOCS + 40) if n != WARMUP_DOCS + 20
    ]


def test_results_are_frozen(fake_nlp: Language) -> None:
    result = next(extract_many(["Kyiv said 5 drones were downed."], nlp=fake_nlp))
    with pytest.raises(ValidationError):
        result.error = "x"  # type: ignore[misc]


def test_custom_field_names(fake_nlp: Language) -> None:
    rows = [
        {
            "url": "https://example.org/a",
            "body": "Gaza officials said 9 people were killed.",
            "date": "2024-01-03",
        }
    ]
    (result,) = extract_many(rows, nlp=fake_nlp, text_field="body", id_field="url", date_field="date")
    assert result.id == "https://example.org/a"
    assert result.claims[0].time.start.isoformat()[:10] == "2024-01-03"


def test_long_text_is_chunked_with_true_offsets(fake_nlp: Language) -> None:
    paragraphs = [f"Governor Gladkov said {n} houses were damaged in Shebekino." for n in range(10, 40)]
    text = "\n\n".join(paragraphs)
    old = fake_nlp.max_length
    fake_nlp.max_length = 300
    try:
        (result,) = extract_many([text], nlp=fake_nlp)
    finally:
        fake_nlp.max_length = old
    assert [c.quantity.value for c in result.claims] == list(range(10, 40))
    for claim in result.claims:
        assert text[claim.start : claim.end] == claim.text
        assert text[claim.quantity.start : claim.quantity.end] == claim.quantity.text


def test_many_memory_zones_stay_consistent(fake_nlp: Language) -> None:
    texts = [f"Commander Petro{n}enko said {n} drones hit Kharkiv." for n in range(1500)]
    results = list(extract_many(texts, nlp=fake_nlp, batch_size=50))
    assert [r.claims[0].quantity.value for r in results] == list(range(1500))
    # Strings interned inside the zones were evicted; the pipeline still works after them.
    (after,) = extract_many(["Officials said 7 drones hit Odesa."], nlp=fake_nlp)
    assert after.claims[0].quantity.text == "7"


def test_two_workers_match_one(fake_nlp: Language) -> None:
    records = [
        {
            "id": f"r{n}",
            "text": f"The air force said {n} drones were downed over Sumy.",
            "published": "2025-06-01",
        }
        if n % 7
        else {"id": f"r{n}", "body": "missing text"}
        for n in range(120)
    ]
    serial = list(extract_many(records, nlp=fake_nlp, batch_size=16))
    parallel = list(extract_many(records, nlp=fake_nlp, batch_size=16, n_workers=2))
    assert parallel == serial
    assert [r.id for r in parallel] == [f"r{n}" for n in range(120)]
    assert sum(r.error is not None for r in parallel) == len(range(0, 120, 7))


@pytest.mark.parametrize("start_method", [None, "spawn"])
def test_default_pipeline_in_workers_keeps_order(start_method: str | None) -> None:
    texts = [CLAIM_TEXT, "", {"text": None}, "Kyiv, 3 June. Nothing happened."] * 10
    results = list(extract_many(texts, n_workers=2, batch_size=4, start_method=start_method))
    assert [r.index for r in results] == list(range(40))
    assert [r.error is not None for r in results] == [False, False, True, False] * 10
    assert results[0].claims == claimx.extract(CLAIM_TEXT)


def test_zoned_times_from_workers_are_the_same_instants_with_their_offset() -> None:
    text = (
        "Air defences destroyed 31 drones over the Bryansk region between 22:00 and 23:30 "
        "Moscow time on Friday, the defence ministry said."
    )
    record = {"text": text, "published": "2025-10-25"}
    (serial,) = extract_many([record])
    (parallel,) = extract_many([record], n_workers=2)
    one, many = serial.claims[0].time, parallel.claims[0].time
    assert (many.start, many.end) == (one.start, one.end)
    assert many.start.utcoffset() == one.start.utcoffset() == timedelta(hours=3)
    assert many.start.isoformat() == "2025-10-24T22:00:00+03:00"


def test_rejects_bad_arguments() -> None:
    with pytest.raises(ValueError):
        next(extract_many(["x"], n_workers=0))
    with pytest.raises(ValueError):
        next(extract_many(["x"], batch_size=0))
    with pytest.raises(ValueError, match="start_method"):
        next(extract_many(["x"], n_workers=2, start_method="thread"))


def test_real_pipeline_finds_claims_in_a_claim_bearing_text() -> None:
    (result,) = extract_many([{"id": "mod", "text": CLAIM_TEXT, "published": "2026-01-10"}])
    if not result.claims:
        pytest.skip("extraction not ready")
    assert result.error is None
    for claim in result.claims:
        assert CLAIM_TEXT[claim.start : claim.end] == claim.text
    assert any(r["value"] == 33 for r in to_records([result]))


def _claim() -> Claim:
    text = "Ten were brought down over the Rostov and Volgograd regions on Saturday, the ministry said."
    return Claim(
        text=text,
        start=100,
        end=100 + len(text),
        event="interception",
        item="drone",
        quantity=Quantity(value=10, low=10, high=10, text="Ten", start=100, end=103),
        locations=[
            Location(code="RU-ROS", name="Rostov Oblast", country="RU", text="Rostov", start=131, end=137),
            Location(
                code="RU-VGG", name="Volgograd Oblast", country="RU", text="Volgograd", start=142, end=151
            ),
            Location(code=None, text="Caspian Sea", start=160, end=171),
        ],
        time=TimeSpan(
            start=date(2026, 1, 10),
            end=date(2026, 1, 10),
            granularity="day",
            text="on Saturday",
            char_start=160,
            char_end=171,
        ),
        source=Source(
            kind="ministry_of_defense",
            name="Russian Ministry of Defence",
            text="the ministry",
            start=173,
            end=185,
        ),
    )


def test_to_records_flattens_each_claim() -> None:
    claim = _claim()
    result = ExtractionResult(id="tass-2026-01-10", index=0, claims=[claim, claim])
    rows = to_records([result, ExtractionResult(id="empty", index=1), claim])
    assert len(rows) == 3
    row = rows[0]
    assert list(row) == list(COLUMNS)
    assert row["record_id"] == "tass-2026-01-10" and rows[2]["record_id"] is None
    assert (row["value"], row["low"], row["high"], row["qualifier"]) == (10, 10, 10, "exact")
    assert row["location_codes"] == "RU-ROS;RU-VGG" and row["country"] == "RU"
    assert row["location_texts"] == "Rostov; Volgograd; Caspian Sea"
    assert (row["date"], row["time_start_local"], row["granularity"]) == (
        "2026-01-10",
        "2026-01-10T00:00:00",
        "day",
    )
    assert (row["source_kind"], row["source_name"]) == ("ministry_of_defense", "Russian Ministry of Defence")
    assert row["item"] == "drone" and row["hedged"] is False and row["cue"] is None
    with pytest.raises(TypeError):
        to_records(["not a claim"])  # type: ignore[list-item]


def test_to_dataframe_has_every_column() -> None:
    frame = to_dataframe([ExtractionResult(id=7, index=0, claims=[_claim()])])
    assert list(frame.columns) == list(COLUMNS)
    assert frame.loc[0, "location_codes"] == "RU-ROS;RU-VGG" and frame.loc[0, "record_id"] == "7"
    assert to_dataframe([]).shape == (0, len(COLUMNS))


def test_objects_frozen_during_a_run_return_to_the_collector(fake_nlp: Language) -> None:
    results = extract_many([CLAIM_TEXT] * 3, nlp=fake_nlp)
    next(results)
    assert gc.get_freeze_count() > 0  # the pipeline is exempt from collections while running
    results.close()  # abandoned half-way
    assert gc.get_freeze_count() == 0
    list(extract_many([CLAIM_TEXT], nlp=fake_nlp))
    assert gc.get_freeze_count() == 0
