"""HTML views: displaCy rendering of a report and the notebook tables.

The render tests build a processed Doc by hand (spans and claims as the pipeline would
set them), so they check the markup without depending on extraction quality.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from html.parser import HTMLParser

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

import claimx  # noqa: F401  (registers the Doc extensions)
from claimx.compare import Report, compare
from claimx.consistency import Finding
from claimx.html import ClaimList, claims_table
from claimx.render import COLORS, render
from claimx.schema import Claim, Location, Quantity, Source, TimeSpan

KYIV = timezone(timedelta(hours=2))
TEXT = (
    "Ukraine's air force said 18 drones were shot down over the Kyiv region overnight. "
    "Governor Ruslan Kravchenko said debris damaged three homes near Bucha."
)


class Markup(HTMLParser):
    """Elements as (tag, attributes, direct text) in document order."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.elements: list[list] = []
        self._open: list[list] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        element = [tag, dict(attrs), ""]
        self.elements.append(element)
        self._open.append(element)

    def handle_endtag(self, tag):
        while self._open and self._open.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if self._open:
            self._open[-1][2] += data

    def tags(self, name: str) -> list[list]:
        return [e for e in self.elements if e[0] == name]

    def ids(self) -> set[str]:
        return {e[1]["id"] for e in self.elements if "id" in e[1]}


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    return pipeline


def _span(doc: Doc, words: str, label: str, key: str = "") -> Span:
    start = doc.text.index(words)
    span = doc.char_span(start, start + len(words), label=label)
    span.id_ = key
    return span


def _claim(
    doc: Doc,
    sentence: str,
    number: str,
    value: int,
    event: str,
    item: str,
    place: str,
    code: str,
    source: str,
    kind: str,
) -> Claim:
    start = doc.text.index(sentence)
    q = doc.text.index(number, start)
    loc = doc.text.index(place, start)
    src = doc.text.index(source, start)
    night = (datetime(2024, 3, 20, 23, 0, tzinfo=KYIV), datetime(2024, 3, 21, 7, 0, tzinfo=KYIV))
    t = doc.text.index("overnight")
    return Claim(
        text=sentence,
        start=start,
        end=start + len(sentence),
        event=event,
        item=item,
        quantity=Quantity(value=value, text=number, start=q, end=q + len(number)),
        locations=[
            Location(code=code, name=place, country="UA", text=place, start=loc, end=loc + len(place))
        ],
        time=TimeSpan(
            start=night[0],
            end=night[1],
            granularity="minute",
            text="overnight",
            char_start=t,
            char_end=t + len("overnight"),
        ),
        source=Source(kind=kind, name=source, text=source, start=src, end=src + len(source)),
    )


@pytest.fixture(scope="module")
def doc(nlp: Language) -> Doc:
    doc = nlp(TEXT)
    doc.spans["claimx"] = [
        _span(doc, "Ukraine's air force", "SOURCE", "military"),
        _span(doc, "said", "CUE", "say"),
        _span(doc, "18", "QUANTITY"),
        _span(doc, "Kyiv region", "REGION", "UA-32"),
        _span(doc, "overnight", "TIME"),
        _span(doc, "Governor Ruslan Kravchenko", "SOURCE", "governor"),
        _span(doc, "three", "QUANTITY"),
    ]
    sentences = [s.text for s in doc.sents]
    claims = [
        _claim(
            doc,
            sentences[0],
            "18",
            18,
            "interception",
            "drone",
            "Kyiv region",
            "UA-32",
            "Ukraine's air force",
            "military",
        ),
        _claim(
            doc,
            sentences[1],
            "three",
            3,
            "damage",
            "home",
            "Bucha",
            "UA-32",
            "Governor Ruslan Kravchenko",
            "governor",
        ),
    ]
    doc._.claimx_claims = claims
    return doc


class TextOf(HTMLParser):
    """The characters of the rendered text (inside ``claimx-text``, labels left out),
    and each label's name in order."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.text, self.labels = "", []
        self._stack: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self._stack.append(dict(attrs).get("class") or "")
        if self._stack[-1] == "claimx-label":
            self.labels.append(dict(attrs)["data-label"])

    def handle_endtag(self, tag):
        self._stack.pop()

    def handle_data(self, data):
        if "claimx-text" in self._stack and "claimx-label" not in self._stack:
            self.text += data


def _labels(markup: Markup) -> list[list]:
    return [e for e in markup.tags("a") if e[1].get("class") == "claimx-label"]


def _bars(style: str) -> list[tuple[str, str]]:
    """(colour, vertical position) of each underline a mark's style paints."""
    return re.findall(r"linear-gradient\((#[0-9a-f]{6}),#[0-9a-f]{6}\) 0 (calc\([^)]*\))", style)


def test_render_highlights_default_labels_with_their_colors(doc):
    markup = Markup(render(doc))
    labels = _labels(markup)
    names = [e[1]["data-label"] for e in labels]
    assert set(names) == {"SOURCE", "QUANTITY", "REGION", "TIME"}  # CUE is not drawn by default
    assert names.count("SOURCE") == 2 and names.count("QUANTITY") == 2
    for _, attrs, _ in labels:
        assert f"background:{COLORS[attrs['data-label']]}" in attrs["style"]
    marks = [e for e in markup.tags("span") if e[1].get("class") == "claimx-mark"]
    assert {m[2] for m in marks} >= {"18", "Kyiv region", "overnight", "three", "Governor Ruslan Kravchenko"}


def test_render_label_selection(doc):
    names = {e[1]["data-label"] for e in _labels(Markup(render(doc, labels=("CUE", "REGION"))))}
    assert names == {"CUE", "REGION"}


def test_render_shows_the_original_text(nlp):
    text = (
        "Ukraine's air force said Russia fired two Iskander-M missiles at Kharkiv.\n\n"
        'Officials said the Russian forces had "locally lost"  ground near Vovchansk.'
    )
    doc = nlp(text)
    doc.spans["claimx"] = [
        _span(doc, "Ukraine's air force", "SOURCE", "military"),
        _span(doc, "Ukraine", "REGION", "UA"),
        _span(doc, "two", "QUANTITY", "2"),
        _span(doc, "Kharkiv", "REGION", "UA-63"),
        _span(doc, "Officials", "SOURCE", "official"),
    ]
    doc._.claimx_claims = []
    parsed = TextOf(render(doc))
    assert parsed.text == text  # every character as written: no "Ukraine 's", no "Iskander - M"
    assert parsed.labels == ["SOURCE", "REGION", "QUANTITY", "REGION", "SOURCE"]


def test_overlapping_spans_each_keep_a_visible_underline_and_label(nlp):
    text = "The Kyiv City Military Administration said 12 drones fell on Kyiv overnight."
    doc = nlp(text)
    doc.spans["claimx"] = [
        _span(doc, "The Kyiv City Military Administration", "SOURCE", "official"),
        _span(doc, "Kyiv City", "REGION", "UA-30"),
        _span(doc, "Kyiv", "REGION", "UA-30"),  # nested twice
        _span(doc, "Military Administration said 12", "QUANTITY"),  # crossing the source's end
    ]
    doc._.claimx_claims = []
    html = render(doc)
    assert "position:absolute" not in html  # labels sit in the flow of the text
    markup = Markup(html)
    marks = [e for e in markup.tags("span") if e[1].get("class") == "claimx-mark"]
    by_text = {m[2]: _bars(m[1]["style"]) for m in marks}
    first_kyiv = by_text["Kyiv"]  # under source, city and the bare name: three bars, three levels
    assert len(first_kyiv) == 3 and len({pos for _, pos in first_kyiv}) == 3
    assert {c for c, _ in first_kyiv} == {COLORS["SOURCE"], COLORS["REGION"]}
    crossing = by_text["Military Administration"]
    assert {c for c, _ in crossing} == {COLORS["SOURCE"], COLORS["QUANTITY"]}
    assert len({pos for _, pos in crossing}) == 2
    parsed = TextOf(html)
    assert parsed.text == text and sorted(parsed.labels) == ["QUANTITY", "REGION", "REGION", "SOURCE"]
    # a label is never inside a highlighted stretch: it comes after the run of overlapping spans
    assert html.index('data-label="SOURCE"') > html.index("said 12<")


def test_render_links_claims_and_sentences(doc):
    markup = Markup(render(doc))
    ids = markup.ids()
    sentence_ids = sorted(i for i in ids if re.search(r"-s\d+$", i))
    row_ids = sorted(i for i in ids if re.search(r"-c\d+$", i))
    assert len(sentence_ids) == 2 and len(row_ids) == 2
    row_links = [a[1]["href"] for a in markup.tags("a") if a[1]["href"].lstrip("#") in sentence_ids]
    assert row_links == [f"#{sentence_ids[0]}", f"#{sentence_ids[1]}"]
    span_links = {a[2].strip(): a[1]["href"] for a in _labels(markup)}
    assert span_links["REGION UA-32"].endswith("-c0") and span_links["SOURCE governor"].endswith("-c1")


def test_render_shows_the_claims_table(doc):
    markup = Markup(render(doc))
    cells = [e[2] for e in markup.tags("td")]
    assert "interception" in cells and "damage" in cells
    assert "Kyiv region (UA-32)" in cells
    assert "Governor Ruslan Kravchenko [governor]" in cells


def test_render_escapes_the_text(nlp):
    doc = nlp('Officials said <script>alert("x")</script> 5 drones fell on Kharkiv.')
    start = doc.text.index("Kharkiv")
    doc.spans["claimx"] = [doc.char_span(start, start + 7, label="REGION")]
    doc._.claimx_claims = []
    html = render(doc)
    assert not Markup(html).tags("script")
    assert "&lt;/script" in html and "alert(&quot;x&quot;)" in html


def _hostile_claim() -> Claim:
    text = 'The channel wrote <script>alert("claimx")</script> that 4 drones hit <b>Odesa</b>.'
    q = text.index("4")
    return Claim(
        text=text,
        start=0,
        end=len(text),
        event="attack",
        item="drone",
        quantity=Quantity(value=4, text="4", start=q, end=q + 1),
        source=Source(kind="media", name="<i>channel</i>", text="<i>channel</i>", start=4, end=11),
    )


def test_claim_repr_html_is_a_table_and_escaped():
    html = _hostile_claim()._repr_html_()
    markup = Markup(html)
    assert markup.tags("table") and len(markup.tags("tr")) == 2
    assert not markup.tags("script") and not markup.tags("b") and not markup.tags("i")
    assert any("<script>" in e[2] for e in markup.tags("td"))  # shown as text


def test_claim_list_and_table_anchors():
    claims = ClaimList([_hostile_claim(), _hostile_claim()])
    assert isinstance(claims, list)
    assert len(Markup(claims._repr_html_()).tags("tr")) == 3
    markup = Markup(claims_table(claims, anchor="x", targets=["x-s0", "x-s1"]))
    assert {"x-c0", "x-c1"} <= markup.ids()
    assert [a[1]["href"] for a in markup.tags("a")] == ["#x-s0", "#x-s1"]


def test_comparison_and_finding_repr_html():
    claim = _hostile_claim()
    other = claim.model_copy(update={"quantity": claim.quantity.model_copy(update={"value": 5})})
    result = compare([Report(id="<a>", claims=[claim]), Report(id="b", claims=[other])])
    markup = Markup(result._repr_html_())
    assert not markup.tags("script")
    badges = [e for e in markup.tags("span") if e[1].get("class") == "claimx-badge"]
    assert [b[2] for b in badges] == ["conflict"] and "#c62828" in badges[0][1]["style"]
    finding = Finding(kind="sum_mismatch", message="<b>22</b> vs 23", stated=22, computed=23, claims=[claim])
    cells = [e[2] for e in Markup(finding._repr_html_()).tags("td")]
    assert "<b>22</b> vs 23" in cells and "22" in cells


def test_render_end_to_end():
    text = (
        "Russia's Defence Ministry said air defences destroyed 12 Ukrainian drones over the Bryansk region "
        "on Tuesday night."
    )
    parsed = TextOf(render(text, published="2024-05-08"))
    assert parsed.text == text
    assert {"QUANTITY", "REGION", "SOURCE"} <= set(parsed.labels)


def test_print_and_repr_are_short_summaries(doc):
    claims = ClaimList(doc._.claims)
    line = repr(claims[0])
    assert line.startswith("<Claim interception 18 drone | Kyiv region (UA-32) |")
    assert "Ukraine's air force [military]" in line and "\n" not in line and "Quantity(" not in line
    listing = str(claims)
    assert listing.splitlines()[0] == "2 claims:" and len(listing.splitlines()) == 3
    other = claims[0].model_copy(update={"quantity": claims[0].quantity.model_copy(update={"value": 20})})
    comparison = compare([Report(id="uaf", claims=[claims[0]]), Report(id="kyiv", claims=[other])])
    text = str(comparison)
    assert (
        text.splitlines()[0] == "claimx comparison of uaf, kyiv: 1 conflict, 0 consistent, 0 agree, 0 single"
    )
    assert "uaf: 18" in text and "kyiv: 20" in text and "GroupedClaim(" not in text
    assert repr(comparison) == text and len(text) < 400
    assert repr(Report(id="uaf", claims=[claims[0]])) == "<Report id='uaf' 1 claim>"
    from claimx.batch import ExtractionResult

    assert repr(ExtractionResult(id=4, index=0, error="text is not a string")) == (
        "<ExtractionResult id=4 error='text is not a string'>"
    )
    finding = Finding(
        kind="sum_mismatch", message="a total of 22, parts add up to 23", stated=22, computed=23
    )
    assert repr(finding) == "<Finding sum_mismatch: a total of 22, parts add up to 23>"


def test_render_displays_as_html_in_a_notebook(doc):
    html = render(doc)
    assert isinstance(html, str) and html._repr_html_() == str(html)
