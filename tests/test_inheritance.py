"""Who says it across sentences: the fullest name of a speaker in the document, and the
source a follow-on claim inherits from the report it continues (sentences written for
these tests)."""

from __future__ import annotations

import pytest

import claimx
from claimx.claims.names import initials


def claim_of(text: str, value: float | None, published: str = "2025-03-04"):
    found = [
        c for c in claimx.extract(text, published=published) if (c.quantity and c.quantity.value) == value
    ]
    assert found, [(c.event, c.quantity and c.quantity.value, c.source.name) for c in claimx.extract(text)]
    return found[0]


# ------------------------------------------------------------------ fullest names
def test_acronym_defined_in_parentheses_names_later_mentions():
    text = (
        "Air defences destroyed 14 drones over the Belgorod region, the Russian Ministry of "
        "Defence (MoD) said on Telegram. Later the MoD said 6 more drones were downed over the "
        "Kursk region."
    )
    c = claim_of(text, 6)
    assert c.source.text == "the MoD"
    assert c.source.name == "Russian Ministry of Defence"
    assert claim_of(text, 14).source.name == "Russian Ministry of Defence"


def test_acronym_spelled_by_initials_of_an_earlier_full_name():
    text = (
        "The Lebanese Civil Defence Directorate said 2 rockets hit a farm near Tyre. "
        "LCDD added that 3 farm workers were injured."
    )
    assert claim_of(text, 3).source.name == "Lebanese Civil Defence Directorate"


def test_acronym_with_its_country_keeps_the_defined_name():
    text = (
        "The Russian Ministry of Defence (MoD) said 8 drones were downed over the Oryol region. "
        "The Russian MoD later said 5 more drones were downed over the Tula region."
    )
    assert claim_of(text, 5).source.name == "Russian Ministry of Defence"


@pytest.mark.parametrize(
    "mention,canonical",
    [
        ("CENTCOM", "U.S. Central Command"),
        ("The IDF", "Israel Defense Forces"),
        ("UKMTO", "UK Maritime Trade Operations"),
    ],
)
def test_short_forms_take_the_canonical_name(mention, canonical):
    c = claim_of(f"{mention} said it had intercepted 4 drones over the Red Sea.", 4)
    assert c.source.name == canonical


def test_a_pronoun_for_an_unnamed_speaker_is_named_by_its_description():
    text = (
        "In the Zaporizhzhia region another 7 drones were shot down, its governor said; "
        "overnight shelling had wounded 3 people, he added."
    )
    c = claim_of(text, 3)
    assert c.source.kind == "governor"
    assert c.source.name == "governor"
    assert any(e.rule == "source.antecedent" for e in c.evidence)


def test_initials():
    assert "ukmto" in initials("UK Maritime Trade Operations")
    assert {"mod", "md"} <= initials("Ministry of Defence")
    assert initials("local officials") == set()


# ------------------------------------------------------------------ who a follow-on claim belongs to
def test_it_added_is_the_body_not_a_noun_in_what_it_said():
    text = (
        "Debris fell on houses in the Seversky district of the Krasnodar region, damaging six "
        "buildings, the regional operational headquarters said. Rescuers were working at the "
        "site, and no residents had been hurt, it added."
    )
    six = claim_of(text, 6)
    assert (six.source.kind, six.source.name) == ("official", "regional operational headquarters")
    zero = claim_of(text, 0)
    assert zero.source.text == "it"
    assert zero.source.name == "regional operational headquarters"


def test_a_study_named_in_the_lead_governs_the_counts_that_follow():
    text = (
        "Strikes on the Kharkiv region grew over the summer, according to an Institute for "
        "Economic Research study of regional data. Of the 3,100 drones Russia launched in July, "
        "air defences downed 2,700."
    )
    c = claim_of(text, 2700, published="2025-08-02")
    assert c.source.kind == "document"
    assert any(e.rule == "source.inherited" for e in c.evidence)


def test_a_list_after_said_colon_is_what_was_said():
    text = (
        "Air defences destroyed 31 drones between 09:00 and 13:00, the Russian Defence Ministry said:\n"
        "19 over the Voronezh Region;\n7 over the Lipetsk Region;\n5 over the Tambov Region."
    )
    for value in (19, 7, 5):
        c = claim_of(text, value, published="2025-05-14")
        assert c.source.kind == "ministry_of_defense", value
        assert c.source.name == "Russian Defence Ministry"


def test_a_speaker_announcing_updates_governs_the_running_series():
    lines = "\n".join(
        f"0{h}:1{h}. {n} drones flying towards the city were destroyed."
        for h, n in zip(range(1, 10), range(2, 11), strict=True)
    )
    text = (
        "Kyiv Mayor Vitali Klitschko posted a series of updates on his Telegram channel overnight as "
        "air defences worked over the capital. His updates, in Kyiv time:\n" + lines
    )
    for n in range(2, 11):
        c = claim_of(text, n, published="2025-05-14")
        assert c.source.name == "Vitali Klitschko", n
        assert any(e.rule == "source.inherited" for e in c.evidence)


def test_a_speech_act_with_no_report_does_not_govern_the_next_topic():
    text = (
        "The foreign ministry said the talks would resume next week. Separately, 4 drones were "
        "shot down over the Kursk region."
    )
    assert claim_of(text, 4).source.kind == "unattributed"
