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
