"""Attribution patterns, quotes, anonymity, references, inheritance and certainty, on
sentences written for these tests (both sides of the war, other conflicts, politics)."""

from __future__ import annotations

import pytest

import claimx


def only(text: str, published: str | None = "2024-06-12", **match):
    claims = claimx.extract(text, published=published)
    found = [c for c in claims if all(_get(c, k) == v for k, v in match.items())]
    assert len(found) == 1, [(c.event, c.quantity and c.quantity.value, c.source.kind) for c in claims]
    return found[0]


def _get(claim, key):
    if key == "value":
        return claim.quantity.value if claim.quantity else None
    return getattr(claim, key)


@pytest.mark.parametrize(
    "text,kind",
    [
        ("Ukraine's air force said it had shot down 23 drones over the Odesa region.", "military"),
        (
            "Air defences downed 9 drones over the Kursk region, according to the Russian Defence Ministry.",
            "ministry_of_defense",
        ),
        (
            "Nine drones were shot down over the Kursk region, the Defence Ministry said.",
            "ministry_of_defense",
        ),
        (
            "Governor Alexander Bogomaz wrote on Telegram that 4 drones were downed over the Bryansk region.",
            "governor",
        ),
        ("The Israel Defense Forces confirmed that 12 rockets had crossed from Lebanon.", "military"),
        ("Two missiles struck the port of Odesa, as reported by Ukrinform.", "media"),
        ("Three homes were damaged in the Belgorod region, local officials reported.", "official"),
        ("Five rockets were fired at the base, the Pentagon's press secretary said.", "ministry_of_defense"),
    ],
)
def test_reported_speech_patterns(text, kind):
    claim = next(c for c in claimx.extract(text, published="2024-06-12") if c.quantity)
    assert claim.source.kind == kind
    assert claim.cue is not None
    assert text[claim.cue.start : claim.cue.end] == claim.cue.text


def test_passive_reported_by_officials():
    text = "Four people were injured in the Zaporizhzhia region, it was reported by local officials."
    claim = only(text, value=4)
    assert claim.source.kind == "official"
    assert claim.source.text == "local officials"


def test_curly_quote_speaker_after_and_continuation_after_attribution():
    text = (
        "“Our air defence worked all night,” said Colonel Yuriy Ihnat, the air force spokesman. "
        "“But the enemy keeps changing its tactics.”"
    )
    (claim,) = claimx.extract(text)
    assert claim.event == "statement" and claim.quote
    assert claim.source.kind == "military"
    assert claim.source.name == "Yuriy Ihnat"
    assert "changing its tactics" in claim.text  # the quote broken by its attribution is one statement


def test_straight_quote_speaker_before_with_colon():
    text = 'The mayor of Kharkiv, Ihor Terekhov, said: "The city will not be intimidated by these attacks."'
    (claim,) = claimx.extract(text)
    assert claim.quote and claim.event == "statement"
    assert claim.source.kind == "official"
    assert claim.text.startswith("The city will not be intimidated")


def test_quote_without_speaker_is_not_a_statement():
    text = (
        'Residents described a "night of terror" in the village. "We could not sleep at all," one sign read.'
    )
    assert [c for c in claimx.extract(text) if c.event == "statement" and c.source.kind != "witness"] == []


def test_unbalanced_quotation_mark_never_raises():
    text = '"Five drones were shot down over Sumy, the air force said.\nAnother line without a closing mark.'
    claims = claimx.extract(text, published="2024-06-12")
    assert all(text[c.start : c.end] == c.text for c in claims)


@pytest.mark.parametrize(
    "text",
    [
        "Sources within the ministry said the strikes may have hit a fuel depot.",
        "Sources close to the General Staff said the strikes may have hit a fuel depot.",
        "Sources familiar with the matter said the strikes may have hit a fuel depot.",
        "An official who declined to be named said the strikes may have hit a fuel depot.",
        "A senior officer, who spoke on condition of anonymity, said the strikes may have hit a fuel depot.",
    ],
)
def test_anonymous_sources(text):
    (claim,) = claimx.extract(text)
    assert claim.source.kind == "anonymous_official"
    assert claim.source.anonymous and claim.source.name is None
    assert claim.hedged


def test_anonymous_spokesperson_keeps_role():
    text = (
        '"The fire has been contained," said a spokesperson for the Emergency Situations Ministry, '
        "who requested anonymity."
    )
    (claim,) = claimx.extract(text)
    assert claim.source.kind == "anonymous_official" and claim.source.anonymous
    assert claim.source.name is None
    assert "Emergency Situations Ministry" in (claim.source.role or claim.source.text)


def test_pronoun_and_surname_resolve_to_the_named_governor():
    text = (
        "Governor Vyacheslav Gladkov said two civilians were wounded in Shebekino. "
        "He wrote that one house was destroyed. Gladkov added that nobody was killed."
    )
    claims = claimx.extract(text, published="2024-06-12")
    assert claims and all(c.source.kind == "governor" for c in claims)
    assert {c.source.name for c in claims} == {"Vyacheslav Gladkov"}


def test_the_ministry_resolves_to_an_earlier_defence_ministry():
    text = (
        "Russia's Defence Ministry said air defences destroyed 17 drones over the Belgorod region. "
        "Later the ministry said another 5 were downed over the Kursk region."
    )
    later = only(text, value=5)
    assert later.source.kind == "ministry_of_defense"
    assert later.source.text == "the ministry"
    assert any(e.rule == "source.antecedent" for e in later.evidence)


def test_inheritance_stops_at_a_new_source():
    text = (
        "The Defence Ministry said 30 drones were destroyed overnight over the Rostov region. "
        "Ten of them were downed near Taganrog. "
        "Governor Vasily Golubev said 3 people were injured in Taganrog. "
        "Two more were hospitalised."
    )
    claims = {c.quantity.value: c for c in claimx.extract(text, published="2024-06-12") if c.quantity}
    assert claims[10].source.kind == "ministry_of_defense"
    assert claims[3].source.kind == "governor"
    assert claims[2].source.kind == "governor"  # continues the governor's casualty report


def test_inheritance_stops_at_a_new_topic():
    text = (
        "Israel's military said 40 rockets were fired from Lebanon on Monday. "
        "In a separate development, parliament approved the budget with 64 votes."
    )
    claims = claimx.extract(text, published="2024-06-12")
    assert [c.quantity.value for c in claims if c.quantity] == [40]


@pytest.mark.parametrize(
    "text,event",
    [
        ("No injuries were reported, the regional governor said.", "casualty"),
        ("The drone fell in a field without causing casualties, officials said.", "casualty"),
        ("Nobody was hurt, the emergency services said.", "casualty"),
        ("The ministry said there was no damage.", "damage"),
    ],
)
def test_negated_counts_are_zero_claims(text, event):
    claim = only(text, event=event)
    assert claim.quantity.value == 0


@pytest.mark.parametrize(
    "text,hedged",
    [
        ("Two drones reportedly struck an oil depot in the Bryansk region, local media said.", True),
        ("Two drones allegedly struck an oil depot in the Bryansk region, local media said.", True),
        ("Two drones struck an oil depot in the Bryansk region, local media said.", False),
    ],
)
def test_hedges(text, hedged):
    claim = only(text, value=2)
    assert claim.hedged is hedged


def test_analyst_assessment_in_politics():
    text = "Analysts at the Carnegie Endowment suggest that the new sanctions may slow missile production."
    (claim,) = claimx.extract(text)
    assert claim.event == "statement" and claim.source.kind == "analyst"
    assert claim.hedged


def test_unattributed_narrative_sentence_is_not_a_claim():
    text = "The war has reshaped the economy of the region. Many families have left the frontline towns."
    assert claimx.extract(text) == []


def test_year_is_not_a_count():
    text = "Since 2014, the ministry said, the region has been shelled almost daily."
    assert [c for c in claimx.extract(text) if c.quantity] == []


def test_evidence_explains_the_source_choice():
    text = "Five drones were shot down over the Kursk region, according to the Russian Defence Ministry."
    claim = only(text, value=5)
    rules = [e.rule for e in claim.evidence]
    assert "source.according_to" in rules and "source.cue" in rules
    cue = next(e for e in claim.evidence if e.rule == "source.cue")
    assert text[cue.start : cue.end] == "according to"


def test_a_count_continuing_a_tally_keeps_its_source_across_another_speaker():
    text = (
        "The Defence Ministry said 12 drones were shot down over the Bryansk region. "
        "In Kursk, two people were injured by debris, Governor Alexei Smirnov said. "
        "Another three drones were downed over the Oryol region overnight."
    )
    claims = claimx.extract(text, published="2024-08-20")
    three = next(c for c in claims if c.quantity and c.quantity.value == 3)
    assert three.source.kind == "ministry_of_defense"


def test_a_surname_alone_names_a_new_speaker_not_the_previous_one():
    text = (
        "Six people were injured in Kharkiv, Governor Oleh Syniehubov said. "
        "Zelenskiy said Russia had fired more than 40 missiles at Ukraine over the past week."
    )
    claim = only(text, value=40)
    assert (claim.source.kind, claim.source.name) == ("official", "Zelenskiy")


def test_state_company_speaks_and_state_is_no_reporting_verb():
    claim = only(
        "A drone strike killed two workers at a gas facility in the Poltava region, the state energy "
        "company Naftogaz said.",
        value=2,
    )
    assert claim.source.kind == "official"
    assert claim.source.name == "state energy company Naftogaz"


def test_a_source_named_inside_a_relative_clause_is_not_the_speaker():
    claim = only(
        "Two drones were shot down near Kursk, and the newspaper Kommersant, which has close ties to "
        "the Defence Ministry, said a third one hit a warehouse in the Kursk region.",
        event="attack",
    )
    assert (claim.source.kind, claim.source.name) == ("media", "Kommersant")


def test_speaker_of_a_first_verb_coordinated_with_the_cue():
    text = (
        "On Thursday, city authorities in Sochi suspended flights at the airport and later said two drones "
        "had been destroyed over the Adler district."
    )
    claim = only(text, published="2025-07-18", value=2)
    assert (claim.event, claim.item, claim.source.kind) == ("interception", "drone", "official")
    assert claim.source.text == "city authorities in Sochi"
    # a source inside the first verb's phrase is its object, not the speaker
    text = "The mayor thanked rescuers and firefighters and said 11 people were injured."
    assert only(text, value=11).source.text == "The mayor"


def test_participle_after_a_claim_of_responsibility_keeps_the_speaker():
    text = (
        "The Houthi rebels claimed responsibility on Thursday, saying they had fired two drones at "
        "the port of Eilat."
    )
    claim = only(text, published="2025-09-12", value=2)
    assert (claim.event, claim.item, claim.source.kind) == ("attack", "drone", "military")
    assert claim.source.text == "The Houthi rebels"


def test_a_place_inside_the_speakers_mention_keeps_the_speaker():
    text = "Local officials in Zaporizhzhia said 16 people had been wounded in the morning strike."
    claim = only(text, published="2025-04-14", value=16)
    assert (claim.source.kind, claim.source.text) == ("official", "Local officials in Zaporizhzhia")
    assert [loc.code for loc in claim.locations] == ["UA-23"]


def test_a_source_opening_the_reported_clause_is_not_an_inverted_speaker():
    text = "Witnesses in Gaza City said the Israeli military had struck 3 apartment buildings overnight."
    claim = only(text, published="2025-03-02", value=3)
    assert claim.source.kind == "witness"
    text = "The monitor said the army had shelled 4 villages near the border."
    claim = only(text, published="2025-03-02", value=4)
    assert claim.source.kind == "unattributed"
    text = '"We intercepted 12 drones over the sea," said the navy on Monday.'
    assert only(text, published="2025-03-02", value=12).source.text == "the navy"


def test_an_aside_between_the_speaker_and_the_cue():
    text = (
        "A senior Ukrainian intelligence official, speaking on condition of anonymity, said 9 Russian "
        "aircraft had been hit at the airfield."
    )
    claim = only(text, published="2025-06-02", value=9)
    assert (claim.source.kind, claim.source.anonymous) == ("anonymous_official", True)
    text = "The Defence Ministry, in a statement on Telegram, said 31 drones were downed over Crimea."
    claim = only(text, published="2025-06-02", value=31)
    assert claim.source.kind == "ministry_of_defense"


def test_a_statement_time_does_not_end_a_parenthetical_attribution():
    text = (
        "Air defences destroyed 112 Ukrainian drones overnight, Russia's Defence Ministry said on "
        "Thursday, including 40 over the Bryansk region."
    )
    claim = only(text, published="2025-05-22", value=40)
    assert claim.source.kind == "ministry_of_defense"
    assert [loc.code for loc in claim.locations] == ["RU-BRY"]


def test_a_witness_named_with_an_age_speaks():
    text = (
        '"The whole building shook," said Mariia Kovalenko, 33, who lives on the ninth floor. '
        '"Two of my neighbours were killed."'
    )
    claims = claimx.extract(text, published="2025-04-05")
    assert [(c.event, c.quote, c.source.kind) for c in claims] == [
        ("statement", True, "witness"),
        ("casualty", True, "witness"),
    ]
    text = "Andriy Melnyk, 52, said he counted 6 explosions after midnight."
    assert only(text, value=6).source.kind == "witness"


def test_a_witness_introduced_as_a_some_year_old():
    text = '"The sky was orange with fire," said Iryna, a 41-year-old nurse who lives near the depot.'
    (claim,) = claimx.extract(text, published="2025-06-20")
    assert (claim.event, claim.quote, claim.source.kind, claim.source.name) == (
        "statement",
        True,
        "witness",
        "Iryna",
    )


def test_analyst_statement_without_that():
    text = (
        "Ruth Deyermond, a lecturer in post-Soviet security, said the Kremlin was trying to wear Europe down."
    )
    (claim,) = claimx.extract(text)
    assert (claim.event, claim.source.kind, claim.source.name) == ("statement", "analyst", "Ruth Deyermond")
    assert claim.text == "the Kremlin was trying to wear Europe down"
    assert text[claim.start : claim.end] == claim.text and not claim.quote


@pytest.mark.parametrize(
    "text,said",
    [
        (
            "An eyewitness told the BBC the blast blew out every window on the street.",
            "the blast blew out every window on the street",
        ),
        (
            "An elderly resident told reporters that the shelter had no heating since the strike.",
            "the shelter had no heating since the strike",
        ),
    ],
)
def test_told_recipient_is_not_the_statement(text, said):
    (claim,) = claimx.extract(text)
    assert (claim.event, claim.source.kind, claim.text) == ("statement", "witness", said)


def test_told_recipient_is_not_the_speaker():
    text = '"The ceiling just came down on us," Svitlana, 62, told AFP, holding her grandson.'
    (claim,) = claimx.extract(text)
    assert (claim.event, claim.quote, claim.source.name) == ("statement", True, "Svitlana")
    assert claim.text == "The ceiling just came down on us"


@pytest.mark.parametrize(
    "text",
    [
        "According to the Royal United Services Institute, Russia has moved two bomber regiments east.",
        "Russia has moved two bomber regiments east, according to analysts at the Royal United Services Institute.",
    ],
)
def test_according_to_an_analyst_without_a_count_is_a_statement(text):
    (claim,) = claimx.extract(text)
    assert (claim.event, claim.source.kind, claim.quantity) == ("statement", "analyst", None)
    assert claim.text == "Russia has moved two bomber regiments east"
    assert text[claim.start : claim.end] == claim.text


def test_according_to_a_reporting_body_without_a_count_is_no_statement():
    text = "The missiles were launched from the Caspian Sea, according to the Defence Ministry."
    assert [c for c in claimx.extract(text) if c.event == "statement"] == []


def test_citing_aside_between_cue_and_that():
    text = (
        "Ukrainska Pravda reported, citing two sources in military intelligence, that the tanker "
        "had been hit by a sea drone near the port."
    )
    # a ship hit is damage to the ship (events5): the outlet's report of what its sources say
    claims = [c for c in claimx.extract(text) if c.event in ("statement", "damage")]
    assert [c.text for c in claims] == ["the tanker had been hit by a sea drone near the port"]
    assert claims[0].source.kind in ("media", "anonymous_official")


def test_participle_cue_with_that_is_reported_speech():
    text = (
        "Foreign Minister Andrii Sybiha said Kyiv was open to a ceasefire, adding that Moscow had "
        "ignored every proposal so far."
    )
    claims = [c for c in claimx.extract(text) if c.event == "statement"]
    assert [(c.source.name, c.text) for c in claims] == [
        ("Andrii Sybiha", "Kyiv was open to a ceasefire"),
        ("Andrii Sybiha", "Moscow had ignored every proposal so far"),
    ]


def test_statement_ends_where_another_speaker_reports():
    text = (
        "Moldova's foreign ministry said that the drone had crossed from Ukrainian airspace, while "
        "Kyiv insisted the aircraft was Russian."
    )
    claims = [c for c in claimx.extract(text) if c.event == "statement"]
    assert claims[0].text == "the drone had crossed from Ukrainian airspace"
    assert text[claims[0].start : claims[0].end] == claims[0].text


def test_title_abbreviations_do_not_end_the_sentence():
    text = "Lt. Col. Olena Kravets, a spokeswoman for the Southern Defence Forces, said 9 drones were downed."
    (claim,) = claimx.extract(text)
    assert (claim.quantity.value, claim.source.kind, claim.source.name) == (9, "military", "Olena Kravets")
    assert claim.text.startswith("Lt. Col. Olena Kravets")


def test_full_stop_quote_is_not_attributed_to_the_next_report():
    text = (
        '"Our generators have two days of fuel left," said Samir Haddad, a hospital administrator. '
        '"After that, the wards go dark." The World Health Organization has warned that the health '
        "system is close to collapse."
    )
    claims = [c for c in claimx.extract(text) if c.event == "statement"]
    by_text = {c.text: c.source.name for c in claims}
    assert by_text["the health system is close to collapse"] == "World Health Organization"
    assert all("wards go dark" not in t or n == "Samir Haddad" for t, n in by_text.items())


def test_aid_groups_speak_as_organizations():
    # GUIDE: NGOs are organizations; the count keeps its speaker
    text = "Shelling killed at least 9 people at a displacement camp near Zalingei, an aid group said."
    (claim,) = claimx.extract(text)
    assert (claim.quantity.value, claim.source.kind) == (9, "organization")


def test_that_clause_after_where_it_was_said():
    text = (
        "Navy spokesman Dmytro Lysenko said in a post on Facebook on Sunday that the fleet had "
        "withdrawn its last frigate from Novorossiysk."
    )
    claims = [c for c in claimx.extract(text, published="2025-09-07") if c.event == "statement"]
    assert [(c.source.name, c.text) for c in claims] == [
        ("Dmytro Lysenko", "the fleet had withdrawn its last frigate from Novorossiysk")
    ]
