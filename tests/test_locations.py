"""Where a claim happened: the places of its own sentence, of its speaker's area, or of
the report it continues (claims/locations.py and the speaker's-area rule)."""

from __future__ import annotations

import claimx


def _places(text: str) -> list[tuple[str, float | None, list[str]]]:
    return [
        (c.text, c.quantity.value if c.quantity else None, [loc.code for loc in c.locations])
        for c in claimx.extract(text, published="2025-01-10")
        if c.event != "statement"
    ]


def _codes_of(text: str, fragment: str) -> list[list[str]]:
    return [codes for claim_text, _, codes in _places(text) if fragment in claim_text]


def test_governor_named_later_speaks_for_the_area_of_his_first_mention():
    text = (
        "Two people were hurt when drones struck the Kursk region on Friday, Governor Ivan Petrov said.\n"
        '"Air defence forces destroyed 12 drones over the city and the surrounding district," Petrov '
        "wrote on Telegram.\n"
        "One man had cuts to his arm, he said. Both were taken to hospital.\n"
        "Nine houses and a school had their roofs damaged, the governor added.\n"
        "Three cars were also burnt out, according to Petrov."
    )
    assert _codes_of(text, "Nine houses") == [["RU-KRS"]]
    assert _codes_of(text, "Three cars") == [["RU-KRS"]]


def test_the_country_is_not_a_country_named_among_the_launch_sites():
    text = (
        "Ukrainian air defence destroyed 40 of the 55 Russian drones launched at the country overnight, "
        "the Air Force said.\n"
        "The drones came from several directions: Bryansk and Millerovo in Russia, and Cape Chauda in "
        "occupied Crimea.\n"
        "Air defence shot down 40 drones in the north and centre of the country.\n"
        "Hits by nine drones were recorded at five locations."
    )
    assert _codes_of(text, "40 drones in the north") == [["UA"]]
    assert _codes_of(text, "Hits by nine drones") == [["UA"]]


def test_a_compass_phrase_places_the_event_near_the_named_town():
    assert _codes_of(
        "Militants said they fired 20 rockets at a base east of Haifa on Sunday.", "20 rockets"
    ) == [["IL-HA"]]
    text = "The shells landed in the Kyivskyi district, north of downtown Kharkiv, killing two people."
    assert _codes_of(text, "two people") == [["UA-63"]]


def test_a_compass_phrase_after_a_named_region_only_says_where_it_lies():
    text = "Officials said three drones came down over the Tula region south-east of Moscow."
    assert _codes_of(text, "three drones") == [["RU-TUL"]]


def test_the_country_of_the_speaker_or_of_the_defending_forces_is_not_a_location():
    text = (
        "Two drones launched by the rebels were intercepted by French naval forces in the Gulf of Aden, "
        "U.S. Central Command said. The drones posed a threat to U.S. and coalition forces and to "
        "shipping, the command said, and one more drone was destroyed in an area of Yemen held by the rebels."
    )
    codes = [c for _, _, c in _places(text)]
    assert all("US" not in c for c in codes), codes
    assert ["YE"] in codes


def test_a_count_with_no_place_is_in_the_country_whose_air_defences_met_it():
    text = (
        "KYIV - Three cruise missiles and 12 drones fired by Russia overnight were destroyed by "
        "Ukraine's air defences, the air force said on Tuesday."
    )
    assert _codes_of(text, "12 drones") == [["UA"]]


def test_an_attack_by_a_named_country_is_in_the_country_the_report_is_about():
    text = (
        "Ukraine's air force said on Monday it had shot down 20 drones over the Odesa region.\n"
        "No one was hurt, the regional governor said.\n"
        "A school and two shops were damaged in the port, officials added.\n"
        "Power lines were cut in several villages, according to the energy ministry.\n"
        "Repairs were expected to take a week.\n"
        "In total, Russia launched six ballistic missiles during the night, the air force said."
    )
    assert _codes_of(text, "six ballistic missiles") == [["UA"]]


def test_a_demonym_alone_does_not_place_a_count():
    text = "Russian air defences destroyed 33 Ukrainian drones over a seven-hour period, the ministry said."
    assert _codes_of(text, "33 Ukrainian drones") == [[]]


def test_people_killed_in_attacks_of_one_side_are_in_the_country_the_report_is_about():
    text = (
        "Ukraine's air force said it shot down 40 drones over the Kharkiv region on Sunday.\n"
        "Officials in Kyiv said repairs to the grid would take weeks.\n"
        "The ministry said teams were working around the clock.\n"
        "Schools in the capital stayed open.\n"
        "Trains ran on time, the railway said.\n"
        "At least 190 civilians were killed in Russian attacks in October, the United Nations said."
    )
    assert _codes_of(text, "190 civilians") == [["UA"]]


def test_a_place_in_a_since_clause_dates_the_claim_and_does_not_place_it():
    text = (
        "The health ministry in Gaza said 1,200 people had been wounded across the Gaza Strip "
        "since the war began with the attack on Israel on October 7, 2023."
    )
    assert _codes_of(text, "1,200 people") == [["PS"]]


def test_a_count_after_a_placed_strike_belongs_to_that_incident():
    text = (
        "The city of Odesa came under a massive missile attack on Sunday morning, the governor said. "
        "Three missiles hit a residential area and a warehouse, officials said."
    )
    assert _codes_of(text, "Three missiles") == [["UA-51"]]
    assert _codes_of(
        "A drone attack hit the port of Odesa overnight. Three warehouses were damaged.", "Three"
    ) == [["UA-51"]]


def test_a_count_naming_the_attacking_country_is_not_the_previous_strikes_town():
    text = (
        "A drone attack hit the port of Odesa overnight, the governor said.\n"
        "Russia also fired 50 drones and three missiles across the country, the air force said."
    )
    assert _codes_of(text, "50 drones") == [["UA"]]


def test_places_listed_after_a_plural_place_noun_are_the_claims():
    text = "The army said its jets had downed 14 drones over several towns, including Multan and Bahawalpur, on Friday."
    assert _codes_of(text, "14") == [["PK-PB"]]
    text = (
        "Officials said 9 drones were shot down over border districts such as Sumy's Krasnopillia overnight."
    )
    assert _codes_of(text, "9") == [["UA-59"]]
    text = "Police said 6 drones were shot down over four districts, among them Gujranwala and Sialkot."
    assert {tuple(codes) for codes in _codes_of(text, "6")} == {("PK-PB",)}
    # a list under a noun of origin is not where they landed
    text = "Israel said 20 rockets were fired from several towns, including Tyre, at the Galilee."
    assert "LB-JA" not in [c for codes in _codes_of(text, "20") for c in codes]


def test_every_toll_of_one_incident_takes_the_place_of_its_when_clause():
    text = (
        "Two police officers were killed and six other people were hurt when a shell exploded near "
        "a bus station in Kharkiv on Monday, regional officials said."
    )
    assert _codes_of(text, "Two police") == [["UA-63"]]
    assert _codes_of(text, "six") == [["UA-63"]]


def test_weapons_crossing_from_a_country_with_no_destination_hit_the_reported_country():
    text = (
        "Sirens sounded across Israel on Saturday.\n"
        "Some 45 rockets crossed from Lebanon in the afternoon, the military said, and most were intercepted."
    )
    assert _codes_of(text, "45") == [["IL"]]
    # the country that speaks is not the side that places them
    text = "Israel said some 25 projectiles were launched from Lebanon, and most were shot down."
    assert _codes_of(text, "25") == [["IL"]]


def _statement_places(text: str) -> list[tuple[str, list[str]]]:
    return [
        (c.source.text if c.source else "", [loc.code for loc in c.locations])
        for c in claimx.extract(text, published="2025-01-10")
        if c.source is not None and c.source.kind == "witness"
    ]


def test_a_witness_speaks_of_the_strike_not_of_the_interceptions_before():
    text = (
        "A missile hit an apartment block in Dnipro on Sunday, killing two people, officials said.\n"
        "The air force said 35 drones were downed over the Sumy, Poltava, Kyiv and Odesa regions.\n"
        '"The windows flew in and the stairwell filled with smoke," said Oksana Melnyk, 52, who lives '
        "across the street."
    )
    assert _statement_places(text) == [("Oksana Melnyk", ["UA-12"])]


def test_a_witness_speaks_of_the_place_in_their_own_mention():
    text = (
        "Israeli aircraft struck Beirut on Monday, Lebanese officials said, and three people were killed "
        "in Beirut's south.\n"
        "Earlier, the Israeli military said 16 rockets were fired at Haifa.\n"
        'A resident of the Haret Nour district, who gave his name as Ali, said: "Our street was destroyed."'
    )
    assert [codes for _, codes in _statement_places(text)] == [["LB-BA"]]


def test_a_part_of_a_country_is_the_one_region_of_it_the_report_names():
    text = (
        "An air strike on a market in the southern Gaza Strip killed 12 people on Friday, medics said.\n"
        "Hospital staff said 40 more were wounded.\n"
        "The market lies in the Khan Younis area, close to the coast.\n"
        "Separately, the ministry said 3,100 people had been killed in the war so far."
    )
    assert {tuple(codes) for codes in _codes_of(text, "12")} == {("PS-KYS",)}
    assert _codes_of(text, "40") == [["PS-KYS"]]
    # a toll of the whole war is the country's, not the town's
    assert _codes_of(text, "3,100") == [["PS"]]
    # two regions of the country named: the part stays the country
    text = (
        "Shelling in southern Lebanon killed four people. Later a strike hit a car near Tyre.\n"
        "In the east, a drone struck a house near Baalbek."
    )
    assert _codes_of(text, "four") == [["LB"]]


def test_verbless_members_of_a_list_share_its_place():
    text = (
        "Three cruise missiles, four guided bombs and 20 attack drones launched by Russia overnight "
        "were shot down by Ukraine's air defences, the air force said."
    )
    assert _codes_of(text, "Three") == [["UA"]]
    assert _codes_of(text, "four") == [["UA"]]
    # a part with a place of its own after a total with its verb does not lend it back
    text = "Overnight, 30 drones were destroyed by air defences, 12 of them over the Kursk region."
    assert "RU-KRS" not in [c for codes in _codes_of(text, "30") for c in codes]


def test_harm_with_no_place_in_a_report_from_one_province_is_in_that_province():
    text = (
        "Gunmen stormed a police post in Sindh late on Saturday.\n"
        "Security was tightened across Sindh on Sunday.\n"
        "Nine officers were wounded, a police spokesman said.\n"
        "The air force said 12 drones were destroyed overnight."
    )
    assert _codes_of(text, "Nine") == [["PK-SD"]]
    assert _codes_of(text, "12") == [[]]  # a national tally of interceptions is not the province's
    # a report naming two provinces leaves it open
    text = (
        "Gunmen stormed police posts in Sindh and Balochistan late on Saturday.\n"
        "Security was tightened across Sindh on Sunday.\n"
        "Nine officers were wounded, a police spokesman said."
    )
    assert _codes_of(text, "Nine") in ([[]], [["PK"]])
