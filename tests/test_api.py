"""claimx.extract / claimx.load: input checking, chunking, serialization of doc._.claims."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import spacy
import srsly
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc, DocBin

import claimx
from claimx.api import _chunks, coerce_published

REPORT = (
    "Russian air defences destroyed 14 Ukrainian drones over the Belgorod Region overnight, "
    "the Defence Ministry said on Tuesday. Nine of them were downed over the Kursk Region."
)


@pytest.mark.parametrize("bad", [None, b"drones", 42, ["text"]])
def test_non_str_text_raises_type_error_naming_argument_and_type(bad):
    with pytest.raises(TypeError, match=r"`text`.*" + type(bad).__name__):
        claimx.extract(bad)


def test_unparseable_published_raises_value_error_quoting_it():
    with pytest.raises(ValueError, match="last Tuesday-ish"):
        claimx.extract(REPORT, published="last Tuesday-ish")
    with pytest.raises(TypeError):
        claimx.extract(REPORT, published=20251112)


@pytest.mark.parametrize(
    "value,expected",
    [
        ("2025-11-12", date(2025, 11, 12)),
        ("2025-11-12T08:30:00+03:00", date(2025, 11, 12)),
        (datetime(2025, 11, 12, 8, 30), date(2025, 11, 12)),
        (date(2025, 11, 12), date(2025, 11, 12)),
        (None, None),
    ],
)
def test_published_accepts_dates_datetimes_and_iso_strings(value, expected):
    assert coerce_published(value) == expected


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t"])
def test_empty_or_whitespace_gives_no_claims(text):
    assert claimx.extract(text) == []


def test_load_is_cached_and_uses_blank_english(nlp):
    assert claimx.load() is nlp
    assert nlp.lang == "en"
    assert nlp.pipe_names == ["sentencizer", "claimx_entities", "claimx_claims"]


def test_components_work_in_a_users_own_pipeline():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("claimx_entities")
    nlp.add_pipe("claimx_claims")
    doc = nlp(REPORT)
    assert [c.quantity.value for c in doc._.claims] == [14, 9]


def test_claims_component_without_entities_reports_what_is_missing():
    nlp = spacy.blank("en")
    nlp.add_pipe("claimx_claims")
    with pytest.raises(ValueError, match=r"\[E020\].*claimx_entities"):
        nlp("Two drones were shot down.")


def test_claims_survive_doc_bytes_and_docbin(nlp):
    doc = nlp(REPORT)
    expected = doc._.claims
    assert expected
    restored = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert restored._.claims == expected
    bin_ = DocBin(store_user_data=True)
    bin_.add(doc)
    (back,) = DocBin().from_bytes(bin_.to_bytes()).get_docs(nlp.vocab)
    assert back._.claims == expected


def test_claims_survive_multiprocess_pipe(nlp):
    docs = list(nlp.pipe([REPORT, REPORT.replace("14", "15")], n_process=2))
    assert [d._.claims[0].quantity.value for d in docs] == [14, 15]


def test_chunks_cut_at_paragraphs_and_keep_offsets():
    text = "para one.\n\npara two is here.\n\npara three."
    pieces = list(_chunks(text, 20))
    assert "".join(p for _, p in pieces) == text
    assert all(text[o : o + len(p)] == p for o, p in pieces)
    assert pieces[1][1].startswith("para two")


def test_long_text_is_chunked_with_correct_offsets(nlp, monkeypatch):
    monkeypatch.setattr(nlp, "max_length", 400)
    text = "\n\n".join([REPORT] * 6)
    claims = claimx.extract(text, nlp=nlp)
    assert len(claims) == 12
    for claim in claims:
        assert text[claim.start : claim.end] == claim.text
        assert text[claim.quantity.start : claim.quantity.end] == claim.quantity.text


def test_odd_characters_never_crash():
    text = "Drones 🚀 атаковали\x00 Belgorod\u200b region: 3 drones shot down \x1b[31m\ud7ff in Kursk Oblast."
    for claim in claimx.extract(text):
        assert text[claim.start : claim.end] == claim.text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)
    | st.lists(
        st.sampled_from(
            [
                "Russian air defences",
                "destroyed",
                "12",
                "three each",
                "drones",
                "over the",
                "Rostov Region",
                "and",
                ",",
                ".",
                "said",
                "the ministry",
                "“",
                "”",
                '"',
                "between 23:00 and 7:00 MSK",
                "nobody was hurt",
                "Governor Ivan Petrov",
                "according to",
                "\n",
                "on Tuesday",
                "—",
                "of them",
            ]
        ),
        max_size=40,
    ).map(" ".join)
)
def test_extract_never_raises_and_offsets_slice_the_input(text):
    for claim in claimx.extract(text, published="2025-11-12"):
        assert text[claim.start : claim.end] == claim.text
        if claim.quantity:
            assert text[claim.quantity.start : claim.quantity.end] == claim.quantity.text
        for loc in claim.locations:
            assert text[loc.start : loc.end] == loc.text
        if claim.source.start is not None:
            assert text[claim.source.start : claim.source.end] == claim.source.text
        if claim.time and claim.time.char_start is not None:
            assert text[claim.time.char_start : claim.time.char_end] == claim.time.text
        if claim.cue:
            assert text[claim.cue.start : claim.cue.end] == claim.cue.text


def test_claims_roundtrip_through_srsly_msgpack_and_other_data_is_untouched(nlp):
    (claim, *_) = nlp(REPORT)._.claims
    payload = {"claims": [claim], "other": {"key": [1, 2], "text": "x"}}
    back = srsly.msgpack_loads(srsly.msgpack_dumps(payload))
    assert back["claims"] == [claim]
    assert back["other"] == {"key": [1, 2], "text": "x"}


def test_claims_read_before_claimx_registered_its_decoder_are_still_claims(nlp):
    # what msgpack leaves when a DocBin is read in a process that has not imported claimx yet
    doc = nlp(REPORT)
    expected = doc._.claims
    doc._.claimx_claims = tuple({"__claimx_claim__": c.model_dump(mode="json")} for c in expected)
    assert doc._.claims == expected
