"""Claim assembly on realistic reports: counts, breakdowns, context inheritance,
attribution, statements and the negative cases."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

import claimx

MSK = timezone(timedelta(hours=3))


def by_value(claims):
    return {
        (
            c.quantity.value if c.quantity else None,
            tuple(sorted(loc.code for loc in c.locations if loc.code)),
        ): c
        for c in claims
    }


MOD_REPORT = (
    "On Tuesday the Russian Defence Ministry said its air defences had destroyed 41 Ukrainian drones "
    "between 20:00 and 23:30 Moscow time.\n"
    "Fifteen of them were downed over the Belgorod Region, while six each were intercepted over the "
    "Kursk and Voronezh regions. Another four fell in the Lipetsk Region."
)


def test_total_and_breakdown_inherit_source_time_and_item():
    claims = claimx.extract(MOD_REPORT, published="2024-05-15")
    got = by_value(claims)
    assert set(got) == {(41, ()), (15, ("RU-BEL",)), (6, ("RU-KRS",)), (6, ("RU-VOR",)), (4, ("RU-LIP",))}
    for claim in claims:
        assert claim.event == "interception"
        assert claim.item == "drone"
        assert claim.source.kind == "ministry_of_defense"
        assert claim.time.start == datetime(2024, 5, 14, 20, 0, tzinfo=MSK)
        assert claim.time.end == datetime(2024, 5, 14, 23, 30, tzinfo=MSK)
        assert MOD_REPORT[claim.start : claim.end] == claim.text
    inherited = got[(4, ("RU-LIP",))]
    assert any(
        e.rule == "source.antecedent" or e.rule == "source.inherited" or "inherited" in e.rule
        for e in inherited.evidence
    )


def test_ukrainian_air_force_report_with_origin_region_excluded():
    text = (
        "Ukraine's air force said on Sunday it had shot down 18 Shahed drones overnight. "
        "Russia also fired two Iskander-M ballistic missiles from the Kursk region, the air force said."
    )
    claims = claimx.extract(text, published="2024-03-10")
    got = by_value(claims)
    drones = got[(18, ())]
    assert drones.event == "interception" and drones.source.kind == "military"
    assert drones.time.start == date(2024, 3, 9) and drones.time.end == date(2024, 3, 10)
    missiles = got[(2, ())]
    assert missiles.event == "attack" and missiles.item == "missile"
    assert missiles.locations == []  # "from the Kursk region" is where they came from


def test_governor_casualties_take_the_fronted_region():
    text = (
        "In the Kharkiv region, Governor Oleh Syniehubov said two people were killed and five "
        "wounded in a Russian missile strike on Tuesday."
    )
    claims = claimx.extract(text, published="2024-06-05")
    got = by_value(claims)
    killed, wounded = got[(2, ("UA-63",))], got[(5, ("UA-63",))]
    for claim in (killed, wounded):
        assert claim.event == "casualty" and claim.item == "person"
        assert claim.source.kind == "governor"
        assert claim.source.name == "Oleh Syniehubov"


def test_zero_casualties_are_claims_with_value_zero():
    text = (
        "A drone struck a warehouse in the Tambov region overnight, Governor Yevgeny Pervyshov said. "
        "Nobody was hurt, he added."
    )
    claims = claimx.extract(text, published="2024-07-01")
    zero = [c for c in claims if c.quantity and c.quantity.value == 0]
    assert len(zero) == 1
    assert zero[0].event == "casualty" and zero[0].item == "person"
    assert zero[0].source.kind == "governor"
    assert [loc.code for loc in zero[0].locations] == ["RU-TAM"]


def test_quoted_statement_by_named_analyst():
    text = (
        '"Cheap drones are changing the economics of air defence," said Dr. Maria Lind, '
        "an analyst at the Swedish Defence Research Agency."
    )
    (claim,) = claimx.extract(text)
    assert claim.event == "statement" and claim.quote
    assert claim.quantity is None and claim.item is None
    assert claim.source.kind == "analyst"
    assert claim.source.name == "Maria Lind"
    assert claim.text.startswith("Cheap drones are changing")


def test_anonymous_official_statement_is_hedged():
    text = (
        "A senior official who spoke on condition of anonymity said the strikes "
        "may continue for several weeks."
    )
    (claim,) = claimx.extract(text)
    assert claim.event == "statement" and not claim.quote
    assert claim.source.kind == "anonymous_official" and claim.source.anonymous
    assert claim.source.name is None
    assert claim.hedged


def test_years_and_compound_adjectives_are_not_counts():
    text = (
        "The war, which began in 2014, entered a new phase during a two-day offensive. "
        "A 73-year-old resident said the seven-hour bombardment was terrifying."
    )
    assert [c for c in claimx.extract(text) if c.quantity] == []


def test_bare_ministry_without_antecedent_is_not_assumed_to_be_defence():
    text = "The ministry said 12 drones were shot down over the Bryansk region."
    (claim,) = claimx.extract(text)
    assert claim.quantity.value == 12
    assert claim.source.kind != "ministry_of_defense"
    assert claim.source.text == "The ministry"


def test_clock_time_in_next_sentence_refines_the_day():
    text = (
        "Air defences shot down seven drones over the Kursk Region on March 3, the ministry said. "
        "The attack took place between 02:00 and 05:00 Moscow time."
    )
    (claim,) = [c for c in claimx.extract(text, published="2024-03-04") if c.quantity]
    assert claim.time.start == datetime(2024, 3, 3, 2, 0, tzinfo=MSK)
    assert claim.time.end == datetime(2024, 3, 3, 5, 0, tzinfo=MSK)


def test_distributive_counts_split_per_region():
    text = (
        "Two drones apiece were destroyed over the Oryol and Smolensk regions, "
        "the Russian Defence Ministry reported."
    )
    got = by_value(claimx.extract(text))
    assert set(got) == {(2, ("RU-ORL",)), (2, ("RU-SMO",))}


def test_unattributed_narrative_is_not_given_an_earlier_source():
    text = (
        "Ukraine's air force said it had destroyed 20 drones overnight. "
        "Separately, debris from a missile set off a fire at a cemetery in Haifa, where three people "
        "were injured."
    )
    got = by_value(claimx.extract(text, published="2024-10-07"))
    injured = got[(3, ("IL-HA",))]
    assert injured.event == "casualty"
    assert injured.source.kind == "unattributed"


def test_the_month_may_is_not_a_hedge():
    text = "Air defences destroyed 17 drones between 23:00 MSK on May 8 and 06:00 MSK on May 9, the ministry said."
    (claim,) = claimx.extract(text, published="2024-05-09")
    assert not claim.hedged
    (modal,) = claimx.extract("Two drones may have hit an oil depot in the Bryansk region, officials said.")
    assert modal.hedged


def test_governor_speaks_for_their_region_when_no_place_is_named():
    text = (
        "The Defence Ministry said 25 drones were destroyed over the Kursk region overnight. "
        "Lipetsk Governor Igor Artamonov said there were no casualties."
    )
    zero = next(c for c in claimx.extract(text, published="2024-08-10") if c.quantity.value == 0)
    assert [loc.code for loc in zero.locations] == ["RU-LIP"]
    assert any(e.rule == "location.speaker_region" for e in zero.evidence)


def test_country_as_speaker_and_origin_country_not_borrowed():
    text = (
        "Lebanon's health ministry said 12 people were killed in strikes on southern Lebanon. "
        "Israel said about 30 rockets crossed from Lebanon on Monday."
    )
    claims = claimx.extract(text, published="2024-08-12")
    rockets = next(c for c in claims if c.item == "rocket")
    assert rockets.source.kind == "official" and rockets.source.name == "Israel"
    assert rockets.locations == []  # launched from Lebanon, so not "in Lebanon"


def test_damage_and_zero_casualties_in_one_sentence_are_separate_claims():
    text = (
        "Falling debris damaged two cars in the town of Rossosh, Governor Alexander Gusev said, "
        "adding that nobody was injured."
    )
    claims = claimx.extract(text, published="2024-08-12")
    by_event = {c.event: c for c in claims}
    assert by_event["damage"].quantity.value == 2 and by_event["damage"].item == "vehicle"
    assert by_event["casualty"].quantity.value == 0
    assert {c.source.kind for c in claims} == {"governor"}


def test_coordinated_counts_share_the_place_named_once():
    text = "Russia fired 40 missiles and 70 drones at Ukraine overnight, the air force said."
    got = by_value(claimx.extract(text, published="2024-12-01"))
    assert set(got) == {(40, ("UA",)), (70, ("UA",))}
    text = "Air defences destroyed 20 drones overnight, and 5 were downed over the Kursk region, the ministry said."
    got = by_value(claimx.extract(text, published="2024-12-01"))
    assert set(got) == {(20, ()), (5, ("RU-KRS",))}


def test_claim_without_any_time_takes_the_publication_day():
    text = "Russia fired 12 missiles at the Odesa region, the air force said."
    (claim,) = claimx.extract(text, published="2024-12-03")
    assert claim.time.start == date(2024, 12, 3) and claim.time.end == date(2024, 12, 3)
    assert claim.time.text == "" and claim.time.char_start is None
    assert any(e.rule == "time.published" for e in claim.evidence)
    (undated,) = claimx.extract(text)
    assert undated.time is None


def test_all_of_them_counts_the_total_it_refers_to():
    text = (
        "Overnight the enemy attacked with 19 Shahed drones, the air force said. "
        "All of them were destroyed over the Poltava and Sumy regions."
    )
    claims = claimx.extract(text, published="2024-02-20")
    destroyed = next(c for c in claims if c.event == "interception")
    assert destroyed.quantity.value == 19 and destroyed.quantity.text == "All of them"
    assert [loc.code for loc in destroyed.locations] == ["UA-53", "UA-59"]
    assert destroyed.source.kind == "military"


def test_quoted_breakdown_after_a_colon_in_ministry_style():
    text = (
        '"Overnight, on-duty air defence systems intercepted and destroyed 23 Ukrainian aircraft-type '
        "unmanned aerial vehicles: 15 over the territory of the Kursk Region and 8 over the Bryansk "
        'Region," the Defence Ministry said in a statement.'
    )
    got = by_value(claimx.extract(text, published="2025-03-14"))
    assert set(got) == {(23, ()), (15, ("RU-KRS",)), (8, ("RU-BRY",))}
    assert all(c.item == "drone" and c.quote and c.source.kind == "ministry_of_defense" for c in got.values())


def test_one_person_named_with_an_article_is_a_count_of_one():
    text = "A 65-year-old man was killed and two people were wounded in Kherson, the regional governor said."
    got = by_value(claimx.extract(text, published="2024-11-02"))
    assert set(got) == {(1, ("UA-65",)), (2, ("UA-65",))}
    assert got[(1, ("UA-65",))].quantity.text == "A 65-year-old man was killed"


def test_one_person_with_an_adverb_or_who_died_is_a_count_of_one():
    text = (
        "A 45-year-old man was critically injured in the Odesa region, regional governor Oleh Kiper said. "
        "In Kharkiv, an elderly woman later died of her injuries, the mayor said."
    )
    got = by_value(claimx.extract(text, published="2025-03-02"))
    assert set(got) == {(1, ("UA-51",)), (1, ("UA-63",))}
    assert all(c.event == "casualty" and c.item == "person" for c in got.values())
    assert got[(1, ("UA-51",))].source.kind == "governor"


def test_damage_claim_names_the_site_hit_not_the_weapon():
    text = (
        "In the Rostov region, Governor Yuri Slyusar said drone debris damaged power lines in the "
        "Kamensky district. A fire broke out at a fuel depot in the Bryansk region, its governor said."
    )
    claims = [c for c in claimx.extract(text, published="2025-08-14") if c.event == "damage"]
    assert [(c.item, [loc.code for loc in c.locations]) for c in claims] == [
        ("power line", ["RU-ROS"]),
        ("depot", ["RU-BRY"]),
    ]


def test_damage_and_a_toll_joined_by_and_are_both_claims():
    text = (
        "The Saratov region governor, Roman Busargin, said an industrial enterprise in the city of Engels "
        "had been damaged, and two residents were hospitalised. In the Kursk region, drone debris "
        "damaged three private homes and injured a woman, the governor said."
    )
    got = {(c.event, c.quantity.value if c.quantity else None, c.item) for c in claimx.extract(text)}
    assert got == {
        ("damage", None, "enterprise"),
        ("casualty", 2, "person"),
        ("damage", 3, "home"),
        ("casualty", 1, "person"),
    }


def test_second_count_shares_the_verb_not_a_later_event_noun():
    text = (
        "The Defence Ministry said its forces had shot down 88 Ukrainian drones and four ATACMS missiles "
        "overnight, one of the heaviest attacks on the region this month."
    )
    got = by_value(claimx.extract(text, published="2025-03-04"))
    assert (got[(88, ())].event, got[(4, ())].event) == ("interception", "interception")
    assert got[(4, ())].item == "missile"


def test_breakdown_after_a_count_of_regions_counts_the_drones():
    text = (
        "The ministry said it had destroyed 120 Ukrainian drones over 11 regions, including 37 over the "
        "Bryansk region and 21 over the Oryol region."
    )
    got = by_value(claimx.extract(text, published="2025-03-04"))
    assert got[(37, ("RU-BRY",))].item == "drone"
    assert got[(21, ("RU-ORL",))].item == "drone"


def test_fighters_killed_are_people_not_aircraft():
    text = "Hamas said three of its fighters were killed in an Israeli airstrike in Khan Younis."
    (claim,) = claimx.extract(text, published="2024-02-01")
    assert (claim.event, claim.quantity.value, claim.item) == ("casualty", 3, "soldier")


def test_toll_since_a_date_runs_from_that_date_to_the_report():
    text = (
        "The health ministry in Gaza said on Monday that 9,770 people had been killed in the enclave "
        "since Oct. 7, including 4,008 children."
    )
    claims = claimx.extract(text, published="2023-11-06")
    assert {c.quantity.value for c in claims} == {9770, 4008}
    assert all((c.time.start, c.time.end) == (date(2023, 10, 7), date(2023, 11, 6)) for c in claims)


def test_attack_with_a_vague_count_names_the_weapon_it_launched():
    text = "Russian forces launched dozens of drones at the Odesa region overnight, the governor said."
    (claim,) = claimx.extract(text, published="2025-06-14")
    assert (claim.event, claim.quantity.value, claim.quantity.low, claim.item) == (
        "attack",
        None,
        24,
        "drone",
    )
    assert [loc.code for loc in claim.locations] == ["UA-51"]


def test_fire_placed_by_a_copula_is_a_damage_claim_where_the_report_was():
    text = (
        "Air defences destroyed 14 drones over the Bryansk region overnight, the governor said. "
        "Local Telegram channels, which have close links to Russia's emergency services, said the fire "
        "was at a fuel depot."
    )
    claims = claimx.extract(text, published="2025-03-04")
    damage = [c for c in claims if c.event == "damage"]
    assert [(c.item, [loc.code for loc in c.locations]) for c in damage] == [("depot", ["RU-BRY"])]
    assert damage[0].source.kind == "media"


def test_fire_as_a_noun_alone_is_no_claim():
    assert claimx.extract("The fire raised fears for the city's power supply.", published="2025-03-04") == []


def test_partitive_of_the_weapons_just_counted_keeps_their_place():
    text = (
        "Ukrainian forces fired eight ATACMS missiles at an airfield near the city of Millerovo, the "
        "Defence Ministry said. Five of the missiles were shot down and debris damaged two hangars at "
        "the airfield, the ministry said."
    )
    claims = claimx.extract(text, published="2024-12-11")
    got = {(c.event, c.quantity.value if c.quantity else None): c for c in claims}
    assert [loc.code for loc in got[("interception", 5)].locations] == ["RU-ROS"]
    assert got[("interception", 5)].item == "missile"


def test_damage_at_a_site_named_by_reference_takes_the_earlier_place():
    text = (
        "Drones attacked an oil depot in the Bryansk region, Governor Alexander Bogomaz said. "
        "Falling debris damaged several tanks at the depot, he said."
    )
    damage = [c for c in claimx.extract(text, published="2024-12-11") if c.event == "damage"]
    # "several tanks" is a vague count of what was damaged there
    assert [(c.item, [loc.code for loc in c.locations]) for c in damage] == [("tank", ["RU-BRY"])]


def test_partitive_over_casualties_and_over_a_possessive_whole():
    text = (
        "A Russian glide bomb hit a market in Kostiantynivka on Friday, wounding 23 people, the regional "
        "prosecutor's office said. Eleven of the injured were taken to hospital in Kramatorsk. "
        "Overnight drones hit four of the city's 10 districts."
    )
    claims = claimx.extract(text, published="2025-06-14")
    values = [(c.event, c.quantity.value, c.item) for c in claims if c.quantity]
    assert ("casualty", 23, "person") in values
    assert ("casualty", 11, "person") in values
    eleven = next(c for c in claims if c.quantity and c.quantity.value == 11)
    assert eleven.source.kind == "official"
    assert [loc.code for loc in eleven.locations] == ["UA-14"]
    # the part takes the whole's item past the possessor ("city's" is no item of its own)
    assert ("attack", 4, "district") in values


def test_one_of_the_districts_places_a_strike_and_counts_nothing():
    text = (
        "A missile hit an office building in one of Odesa's districts, injuring four people, officials said."
    )
    claims = claimx.extract(text, published="2025-06-14")
    # the district counts nothing; the missile that hit is a count of one
    got = [(c.event, c.quantity.value, c.item) for c in claims]
    assert got == [("attack", 1, "missile"), ("casualty", 4, "person")]


def test_a_country_owning_what_follows_is_not_where_it_happened():
    text = (
        "Three rockets struck a U.S. base near Erbil on Tuesday, Kurdish officials said. "
        "Two drones were shot down near the U.K. embassy, police said."
    )
    claims = claimx.extract(text, published="2025-02-05")
    got = {c.quantity.value: (c.event, c.item, [loc.code for loc in c.locations]) for c in claims}
    assert got[3] == ("attack", "rocket", ["IQ-KR"])
    assert got[2] == ("interception", "drone", [])
    # a country after a preposition with no owned noun after it stays a location
    (claim,) = claimx.extract("Two drones were shot down over Ukraine overnight.", published="2025-02-05")
    assert [loc.code for loc in claim.locations] == ["UA"]


def test_over_after_a_counted_noun_places_the_regions_it_counts():
    text = (
        "Russia's air defence units downed 203 Ukrainian drones over 17 regions between 20:00 on May 6 and "
        "07:00 on May 7 Moscow time, the ministry said. Earlier it reported over 120 drones shot down."
    )
    claims = claimx.extract(text, published="2025-05-07")
    got = {(c.quantity.value, c.item): c for c in claims}
    regions = got[(17, "region")]
    assert (regions.quantity.qualifier, regions.quantity.text) == ("exact", "17")
    assert text[regions.quantity.start : regions.quantity.end] == "17"
    assert got[(203, "drone")].quantity.qualifier == "exact"
    assert got[(120, "drone")].quantity.qualifier == "more_than"
    assert regions.time.start == datetime(2025, 5, 6, 20, 0, tzinfo=MSK)
    assert regions.time.end == datetime(2025, 5, 7, 7, 0, tzinfo=MSK)


def test_one_person_with_a_place_or_age_phrase_or_among_the_injured():
    text = (
        "A woman in her 70s was seriously injured by shrapnel in Nikopol, Governor Serhiy Lysak said. "
        "A farmer from the village of Velyka Pysarivka was killed when his tractor hit a mine. "
        "A 12-year-old boy was among the wounded."
    )
    claims = claimx.extract(text, published="2025-08-02")
    got = [(c.event, c.quantity.value, c.item, c.quantity.text.split()[:2]) for c in claims]
    assert got == [
        ("casualty", 1, "person", ["A", "woman"]),
        ("casualty", 1, "person", ["A", "farmer"]),
        ("casualty", 1, "child", ["A", "12-year-old"]),
    ]
    assert [loc.code for loc in claims[0].locations] == ["UA-12"]
    assert claims[0].source.kind == "governor"


def test_a_second_reported_clause_does_not_lend_its_place():
    text = (
        "The Russian Defence Ministry said its forces had destroyed 14 Ukrainian tanks over the past week "
        "and that its troops had captured a village in the Donetsk region."
    )
    (claim,) = claimx.extract(text, published="2025-04-20")
    assert (claim.event, claim.quantity.value, claim.item) == ("interception", 14, "tank")
    assert claim.locations == []
    assert claim.source.kind == "ministry_of_defense"


def test_a_governors_surname_that_looks_like_a_town_is_not_their_region():
    text = "Governor Alexander Gusev said nobody was hurt when drone debris fell overnight."
    (claim,) = claimx.extract(text, published="2025-06-10")
    assert (claim.event, claim.quantity.value, claim.source.kind) == ("casualty", 0, "governor")
    assert claim.locations == []


def test_counted_homes_sharing_an_attack_verb_are_damage():
    text = (
        "Russian troops shelled the Nikopol district 14 times over the past day, damaging a lyceum, "
        "a power line and 6 private houses, the regional governor said."
    )
    claims = claimx.extract(text, published="2025-07-01")
    got = {(c.quantity.value, c.item): c.event for c in claims if c.quantity}
    assert got[(6, "home")] == "damage"


def test_damage_without_a_count_names_the_site_not_the_people_moved():
    text = (
        "About 60 residents were evacuated after drone debris set off a fire at an oil terminal in "
        "the port of Tuapse, local authorities said."
    )
    (claim,) = [c for c in claimx.extract(text, published="2025-07-01") if c.event == "damage"]
    assert (claim.quantity, claim.item) == (None, "terminal")
    assert "RU-KDA" in [loc.code for loc in claim.locations]


def test_drones_lost_to_electronic_warfare_are_interceptions():
    text = (
        "Russia attacked Ukraine overnight with 147 drones, the air force said. Air defences shot down 97 "
        "of them, and 25 more were locally lost, likely to electronic warfare."
    )
    claims = claimx.extract(text, published="2025-09-03")
    got = {c.quantity.value: (c.event, c.item) for c in claims}
    assert got == {147: ("attack", "drone"), 97: ("interception", "drone"), 25: ("interception", "drone")}


def test_since_late_month_runs_to_the_report_and_into_is_a_destination():
    text = (
        "More than 3,000 people have been wounded in Israeli strikes since late October, the health "
        "ministry said. On Friday, 12 rockets crossed from Lebanon into the Western Galilee, the army said."
    )
    claims = claimx.extract(text, published="2025-01-10")
    got = {c.quantity.value: c for c in claims}
    assert (got[3000].time.start, got[3000].time.end) == (date(2024, 10, 1), date(2025, 1, 10))
    assert [loc.code for loc in got[12].locations] == ["IL-Z"]
    assert (got[12].event, got[12].item) == ("attack", "rocket")


def test_a_count_of_people_named_by_an_unlisted_noun_before_a_casualty_verb():
    text = "At least 17 Palestinians were killed in Israeli strikes on Khan Younis on Sunday, medics said."
    (claim,) = claimx.extract(text, published="2025-03-02")
    assert (claim.event, claim.quantity.value, claim.quantity.qualifier, claim.item) == (
        "casualty",
        17,
        "at_least",
        "person",
    )
    assert [loc.code for loc in claim.locations] == ["PS-KYS"]


def test_the_value_of_a_death_toll_counts_people():
    text = (
        "The death toll from Thursday's Russian strike on an apartment block in Dnipro rose to 23, "
        "Governor Serhiy Lysak said. Rescuers found two more bodies, bringing the toll to 25."
    )
    claims = claimx.extract(text, published="2025-02-01")
    got = {
        c.quantity.value: (c.event, c.item, c.source.kind, [loc.code for loc in c.locations]) for c in claims
    }
    assert got[23] == ("casualty", "person", "governor", ["UA-12"])
    assert got[25][:2] == ("casualty", "person")


def test_a_total_takes_the_place_named_after_the_part_it_includes():
    text = (
        "Nine people, including a 14-year-old girl, were wounded when a Russian drone hit a bus in "
        "Kherson, the regional administration said. Air defences downed 40 drones, including 11 over "
        "the Odesa region."
    )
    claims = claimx.extract(text, published="2025-05-20")
    got = {c.quantity.value: [loc.code for loc in c.locations] for c in claims}
    assert got[9] == ["UA-65"]
    assert got[40] == [] and got[11] == ["UA-51"]  # the place of a part is not the total's


def test_coordinated_subjects_share_the_verb_after_them():
    text = (
        "Russia attacked Ukraine overnight with 4 cruise missiles and 75 drones, the air force said, "
        "adding that 2 missiles and 51 drones were shot down."
    )
    claims = claimx.extract(text, published="2025-10-02")
    got = [(c.quantity.value, c.item, c.event) for c in claims]
    assert got == [
        (4, "missile", "attack"),
        (75, "drone", "attack"),
        (2, "missile", "interception"),
        (51, "drone", "interception"),
    ]


def test_attack_without_a_weapon_names_the_site_it_hit():
    text = "Ukraine's General Staff said on Friday it had hit an oil depot in the Bryansk region overnight."
    (claim,) = claimx.extract(text, published="2025-08-15")
    assert (claim.event, claim.quantity, claim.item) == ("attack", None, "depot")
    assert [loc.code for loc in claim.locations] == ["RU-BRY"]
    assert claim.source.kind == "military"


def test_a_place_named_in_the_sentence_beats_the_speakers_area():
    text = (
        "Gaza's Civil Defence agency said 9 people, including three children, were killed in a strike on "
        "a house in Khan Younis."
    )
    claims = claimx.extract(text, published="2025-06-14")
    assert {c.quantity.value: [loc.code for loc in c.locations] for c in claims} == {
        9: ["PS-KYS"],
        3: ["PS-KYS"],
    }
    assert {c.source.kind for c in claims} == {"official"}


def test_sparking_a_fire_is_damage_and_as_of_is_no_event_time():
    text = (
        "Drone debris fell on an oil depot in the Bryansk region overnight, sparking a fire, Governor "
        "Alexander Bogomaz said. There were no casualties. As of 07:00, 30 drones had been downed over "
        "the region, he said."
    )
    claims = claimx.extract(text, published="2025-07-04")
    damage = next(c for c in claims if c.event == "damage")
    assert (damage.item, [loc.code for loc in damage.locations], damage.source.kind) == (
        "depot",
        ["RU-BRY"],
        "governor",
    )
    zero = next(c for c in claims if c.quantity and c.quantity.value == 0)
    assert zero.source.kind == "governor" and [loc.code for loc in zero.locations] == ["RU-BRY"]
    downed = next(c for c in claims if c.quantity and c.quantity.value == 30)
    assert (downed.time.start, downed.time.end) == (date(2025, 7, 3), date(2025, 7, 4))


def test_a_fronted_region_is_not_the_weapon_of_an_attack():
    text = "In the Poltava region, a drone hit a gas facility overnight, Governor Volodymyr Kohut said."
    (claim,) = claimx.extract(text, published="2025-06-20")
    assert (claim.event, claim.item, [loc.code for loc in claim.locations]) == ("attack", "drone", ["UA-53"])


def test_a_count_of_an_unlisted_plural_noun_does_not_reach_a_later_item():
    text = "Israel and Iran traded strikes for a fourth day, as the two countries exchanged missile fire."
    assert [c for c in claimx.extract(text, published="2025-06-16") if c.quantity] == []


def test_the_whole_after_most_of_is_the_launched_total():
    text = "The military said it had intercepted most of the roughly 60 missiles fired at Israel overnight."
    (claim,) = claimx.extract(text, published="2025-06-16")
    assert (claim.event, claim.quantity.value, claim.quantity.qualifier, claim.item) == (
        "attack",
        60,
        "approx",
        "missile",
    )


def test_a_national_body_speaks_for_its_country_when_nothing_is_placed():
    text = (
        "Iranian missiles hit Haifa on Sunday. Iran's health ministry said at least 120 people had been "
        "killed in Israeli strikes since Friday."
    )
    claims = claimx.extract(text, published="2025-06-15")
    toll = next(c for c in claims if c.quantity and c.quantity.value == 120)
    assert [loc.code for loc in toll.locations] == ["IR"]
    assert toll.source.kind == "official"


@pytest.mark.parametrize(
    "text",
    [
        "Port authorities insisted that no civilians had been hurt when the drone hit the pier.",
        "The navy said no crew members were injured in the attack on the patrol boat.",
    ],
)
def test_no_people_of_a_kind_hurt_is_a_zero_casualty_claim(text):
    claims = claimx.extract(text, published="2025-03-04")
    zero = [c for c in claims if c.quantity and c.quantity.value == 0]
    assert [(c.event, c.item) for c in zero] == [("casualty", "person")]
    assert not [c for c in claims if c.event == "statement"]


def test_witness_quote_takes_the_scene_and_reports_damage():
    text = (
        "A glide bomb hit a residential district of Kramatorsk on Sunday, the regional governor said. "
        '"I heard the whistle, and then the balcony was simply gone," Iryna, 58, told AFP. '
        '"I still cannot stop shaking," she said.'
    )
    claims = claimx.extract(text, published="2025-06-02")
    damage = [c for c in claims if c.quote and c.event == "damage"]
    assert [(c.item, c.source.kind, [loc.code for loc in c.locations]) for c in damage] == [
        ("balcony", "witness", ["UA-14"])
    ]
    (said,) = [c for c in claims if c.event == "statement"]
    assert said.text == "I still cannot stop shaking" and said.source.kind == "witness"
    assert [loc.code for loc in said.locations] == ["UA-14"]


def test_statement_about_the_attack_just_reported_takes_its_place_and_site():
    text = (
        "A drone strike set off a fire at an oil depot in the Bryansk region overnight, the governor said. "
        "A source in Ukraine's military intelligence told the Kyiv Independent that special forces had "
        "carried out the attack, the latest in a series of raids on Russia this autumn."
    )
    claims = claimx.extract(text, published="2025-10-20")
    (claim,) = [c for c in claims if c.source.kind == "anonymous_official"]
    assert (claim.event, claim.item, claim.quantity) == ("attack", "depot", None)
    assert [loc.code for loc in claim.locations] == ["RU-BRY"]


def test_analyst_remark_on_the_strike_is_placed_at_the_scene():
    text = (
        "Missiles struck a power plant in the Kharkiv region on Tuesday, officials said. "
        "Analysts say that the strike was meant to leave Ukraine without heating this winter."
    )
    claims = claimx.extract(text, published="2025-10-22")
    (claim,) = [c for c in claims if c.event == "statement"]
    assert claim.source.kind == "analyst"
    assert [loc.code for loc in claim.locations] == ["UA-63"]


@pytest.mark.parametrize(
    "text,code",
    [
        (
            "Three people were injured in the shelling of Marhanets on Friday, the regional governor said.",
            "UA-12",
        ),
        ("A man was killed during the bombardment of Kostiantynivka, local prosecutors said.", "UA-14"),
    ],
)
def test_the_place_an_attack_noun_is_of_is_where_it_happened(text, code):
    (claim,) = claimx.extract(text, published="2025-10-10")
    assert claim.event == "casualty"
    assert [loc.code for loc in claim.locations] == [code]


def test_partitive_whole_without_a_determiner_takes_its_own_verb():
    text = "The navy said its crews had destroyed 11 of 14 sea drones launched at Sevastopol overnight."
    claims = claimx.extract(text, published="2025-08-14")
    assert sorted((c.quantity.value, c.event) for c in claims) == [(11, "interception"), (14, "attack")]


def test_places_that_had_come_under_attack_after_an_adding_cue():
    text = (
        "The governor said a substation in Chernihiv was hit overnight, adding that Nizhyn and "
        "Pryluky had also come under attack."
    )
    claims = claimx.extract(text, published="2025-11-03")
    assert [(c.event, c.item) for c in claims] == [("attack", "substation"), ("attack", None)]
    assert [loc.code for loc in claims[0].locations] == ["UA-74"]
    assert {loc.code for loc in claims[1].locations} == {"UA-74"}


@pytest.mark.parametrize(
    "text,start,end",
    [
        (
            "Two people were wounded in Kherson the previous day, the regional administration said.",
            date(2025, 4, 8),
            date(2025, 4, 8),
        ),
        (
            "Air defences shot down 17 drones over the Kaluga region the previous night, the governor said.",
            date(2025, 4, 8),
            date(2025, 4, 9),
        ),
    ],
)
def test_anaphoric_time_with_no_antecedent_counts_back_from_publication(text, start, end):
    (claim,) = claimx.extract(text, published="2025-04-09")
    assert (claim.time.start, claim.time.end) == (start, end)
    assert claim.time.resolved


def test_attributive_participle_describes_a_site_and_reports_no_damage():
    text = (
        '"We sleep in the corridor now," said Marta Koval, 29, who lives opposite the damaged '
        "power plant in Dnipro."
    )
    claims = claimx.extract(text, published="2025-01-20")
    assert [c.event for c in claims] == ["statement"]
    assert claimx.extract("A missile damaged a power plant in Dnipro, officials said.")[0].event == "damage"


def test_staff_and_aid_workers_are_people():
    text = "The charity said 4 of its staff were wounded when a drone hit its clinic in Kherson."
    (claim,) = [c for c in claimx.extract(text, published="2025-02-11") if c.event == "casualty"]
    assert (claim.event, claim.quantity.value, claim.item) == ("casualty", 4, "person")


def test_the_past_night_is_the_night_before_publication():
    text = (
        "Air defence units destroyed 19 drones over the Lipetsk region in the past night, the ministry said."
    )
    (claim,) = claimx.extract(text, published="2025-03-21")
    assert (claim.time.start, claim.time.end) == (date(2025, 3, 20), date(2025, 3, 21))


def test_the_rest_of_a_breakdown_is_not_the_last_counts_place():
    text = (
        "Air defences downed 30 drones, the ministry said: 14 over the Voronezh Region, nine over the "
        "Tula Region and the rest over the Kaluga Region."
    )
    claims = claimx.extract(text, published="2025-06-30")
    nine = next(c for c in claims if c.quantity and c.quantity.value == 9)
    assert [loc.code for loc in nine.locations] == ["RU-TUL"]


# --- harm: killed, injured, missing ------------------------------------------------------


def test_killed_and_injured_claims_say_which():
    text = (
        "A Russian glide bomb attack on the Zaporizhzhia region killed two people and injured 14 others, "
        "Governor Ivan Fedorov said on Sunday. In the city of Kherson a woman was fatally wounded and "
        "three men were hurt; one more resident is missing. Nobody was hurt in Mykolaiv."
    )
    claims = [c for c in claimx.extract(text, published="2025-06-08") if c.event == "casualty"]
    got = sorted((c.quantity.value, c.harm) for c in claims)
    assert got == [
        (0, "injured"),
        (1, "killed"),
        (1, "missing"),
        (2, "killed"),
        (3, "injured"),
        (14, "injured"),
    ]


def test_check_does_not_add_the_injured_to_the_killed():
    text = (
        "Russian missiles killed two people and injured 14 across Ukraine overnight, the State Emergency "
        "Service said. In Odesa one person was killed and six were injured. In Kherson one man died and "
        "five people were injured, and in Mykolaiv three people were injured."
    )
    claims = claimx.extract(text, published="2025-06-08")
    assert {(c.quantity.value, c.harm) for c in claims if c.event == "casualty"} >= {
        (2, "killed"),
        (14, "injured"),
    }
    assert claimx.check(list(claims)) == []


def test_other_events_have_no_harm():
    claims = claimx.extract("Air defences shot down 12 drones over the Kursk region.", published="2025-06-08")
    assert [c.harm for c in claims] == [None]


# --- tallies in every phrasing -----------------------------------------------------------


def _counts(text, published="2025-03-04"):
    return [
        (c.event, c.quantity.value, c.item, tuple(sorted(loc.code for loc in c.locations if loc.code)))
        for c in claimx.extract(text, published=published)
        if c.quantity is not None
    ]


def test_region_tallies_with_accounted_for_and_a_gapped_verb():
    text = (
        "Air defence units destroyed 46 Ukrainian drones over Russian regions overnight, the Defence "
        "Ministry said. The Saratov region in the south accounted for 31 of them, with the Tambov region "
        "accounting for another nine. The Penza region accounted for a further five, and the Ulyanovsk "
        "region for the remaining one."
    )
    got = _counts(text)
    assert ("interception", 31, "drone", ("RU-SAR",)) in got
    assert ("interception", 9, "drone", ("RU-TAM",)) in got
    assert ("interception", 5, "drone", ("RU-PNZ",)) in got
    assert ("interception", 1, "drone", ("RU-ULY",)) in got


def test_a_list_of_tallies_after_a_colon_with_apiece_and_each():
    text = (
        "The ministry said 24 drones were downed: Lipetsk for two, Oryol for five, Kursk and Belgorod "
        "for six apiece, while Tula and Smolensk saw one each."
    )
    got = _counts(text)
    for expected in [
        ("interception", 2, "drone", ("RU-LIP",)),
        ("interception", 5, "drone", ("RU-ORL",)),
        ("interception", 6, "drone", ("RU-KRS",)),
        ("interception", 6, "drone", ("RU-BEL",)),
        ("interception", 1, "drone", ("RU-TUL",)),
        ("interception", 1, "drone", ("RU-SMO",)),
    ]:
        assert expected in got


def test_a_breakdown_in_parentheses_is_not_the_total_place():
    got = _counts(
        "Ukraine's air force said it shot down 31 drones (14 over the Kyiv region, 10 over Odesa and "
        "seven over the Sumy region)."
    )
    assert got[0] == ("interception", 31, "drone", ())
    assert ("interception", 7, "drone", ("UA-59",)) in got


# --- counts that used to be dropped ---------------------------------------------------------


def test_none_intercepted_is_a_zero_interception():
    got = _counts(
        "Russia fired three Kinzhal missiles at the Ivano-Frankivsk region on Monday; none of the "
        "missiles was intercepted, the air force said."
    )
    assert ("interception", 0, "missile", ("UA-26",)) in got


def test_without_injuring_anyone_and_neither_nor_are_zeros():
    claims = claimx.extract(
        "Debris fell on a warehouse in the Oryol region without injuring anyone, the governor said. "
        "A second drone fell in a field near Livny and caused neither casualties nor damage.",
        published="2025-03-04",
    )
    zeros = sorted(
        (c.event, c.harm or "") for c in claims if c.quantity is not None and c.quantity.value == 0
    )
    assert zeros == [("casualty", ""), ("casualty", "injured"), ("damage", "")]


def test_one_weapon_with_an_article_is_a_count_of_one():
    got = _counts(
        "A cruise missile was shot down over the Lviv region, the air force said. Later a Shahed drone "
        "slammed into a warehouse in the Rivne region."
    )
    assert ("interception", 1, "missile", ("UA-46",)) in got
    assert ("attack", 1, "drone", ("UA-56",)) in got
    # an attack noun after the weapon is an event, not a count
    assert _counts("A drone attack hit a depot in the Rivne region.") == []


def test_vague_counts_are_claims_with_a_lower_bound_and_no_value():
    claims = claimx.extract(
        "Dozens of drones were shot down over the Tver region overnight, and several houses were damaged "
        "in Konakovo, the governor said. Air defences worked across a number of regions.",
        published="2025-03-04",
    )
    vague = {
        (c.event, c.item): c.quantity for c in claims if c.quantity is not None and c.quantity.value is None
    }
    assert set(vague) == {("interception", "drone"), ("damage", "home")}
    assert vague["interception", "drone"].low == 24 and vague["damage", "home"].low == 3
    assert claimx.check(list(claims)) == []


def test_the_rest_of_a_breakdown_is_a_derived_count():
    text = (
        "Air defences destroyed 27 drones overnight, the Defence Ministry said. Twelve were downed over "
        "the Belgorod region and ten over the Kursk region, and the rest over the Lipetsk, Tambov and "
        "Penza regions."
    )
    claims = claimx.extract(text, published="2025-03-04")
    (rest,) = [c for c in claims if any(e.rule == "count.remainder" for e in c.evidence)]
    assert rest.quantity.value == 5 and rest.quantity.text == "the rest"
    assert sorted(loc.code for loc in rest.locations) == ["RU-LIP", "RU-PNZ", "RU-TAM"]
    (note,) = [e for e in rest.evidence if e.rule == "count.remainder"]
    assert note.detail == "derived: 27 - (12 + 10) = 5"
    assert text[note.start : note.end] == "27"
    assert rest.source.kind == "ministry_of_defense"
    assert claimx.check(list(claims)) == []


def test_the_remaining_with_a_number_is_not_derived():
    text = (
        "Russia fired 12 missiles; ten were shot down over the Kyiv region and the remaining two above Lviv."
    )
    got = _counts(text)
    assert ("interception", 2, "missile", ("UA-46",)) in got
    assert len(got) == 3


def test_an_age_in_commas_is_no_count_but_the_person_is():
    got = _counts("A girl, 9, was wounded in Kherson and two women (63 and 70) were killed in Nikopol.")
    assert sorted(got) == [("casualty", 1, "child", ("UA-65",)), ("casualty", 2, "person", ("UA-12",))]


# --- event types ---------------------------------------------------------------------------


def test_aircraft_and_air_defence_destroyed_on_the_ground_are_damage():
    got = _counts(
        "Ukraine's military said its drones destroyed three Su-34 aircraft at the Morozovsk airfield in "
        "the Rostov region. Ukrainian forces also destroyed two radars in the Kherson region. Air defences "
        "destroyed 14 drones over the Kursk region."
    )
    assert ("damage", 3, "aircraft", ("RU-ROS",)) in got
    assert ("damage", 2, "radar", ("UA-65",)) in got
    assert ("interception", 14, "drone", ("RU-KRS",)) in got


def test_drones_lost_to_jamming_are_their_own_outcome_and_keep_the_country():
    text = (
        "Russia launched 75 drones at Ukraine overnight, the air force said. Air defences shot down 40 of "
        "them over the Kyiv and Chernihiv regions, and another 30 drones were lost locally."
    )
    claims = claimx.extract(text, published="2025-03-04")
    (lost,) = [c for c in claims if c.quantity is not None and c.quantity.value == 30]
    assert lost.event == "interception" and [loc.code for loc in lost.locations] == ["UA"]
    assert any(e.rule == "count.outcome" and "not shot down" in e.detail for e in lost.evidence)
    (downed,) = [c for c in claims if c.quantity is not None and c.quantity.value == 40]
    assert not any(e.rule == "count.outcome" for e in downed.evidence)


def test_a_fire_at_a_depot_is_damage_with_the_site_as_item():
    (claim,) = claimx.extract(
        "Falling debris set an oil depot in the Tambov region ablaze, the governor said.",
        published="2025-03-04",
    )
    assert (claim.event, claim.item, [loc.code for loc in claim.locations]) == ("damage", "depot", ["RU-TAM"])


def test_followed_by_a_region_with_its_count():
    got = _counts(
        "The Tula Region accounted for the largest share, 20 drones, followed by the Oryol Region with 12, "
        "the Defence Ministry said."
    )
    assert ("interception", 20, "drone", ("RU-TUL",)) in got
    assert ("interception", 12, "drone", ("RU-ORL",)) in got


def test_a_growing_number_of_hurt_and_people_who_could_not_be_saved():
    claims = claimx.extract(
        "The number of people hurt in the strike on Dnipro has risen to 19, the governor said. Two men "
        "could not be saved.",
        published="2025-03-04",
    )
    got = {(c.quantity.value, c.harm) for c in claims if c.event == "casualty"}
    assert got == {(19, "injured"), (2, "killed")}
    # the number of something else that grows counts that thing, not people
    (drones,) = claimx.extract(
        "The number of drones launched this month has risen to 3,300.", published="2025-03-04"
    )
    assert (drones.quantity.value, drones.item, drones.event) == (3300, "drone", "attack")


def test_people_with_an_age_before_them_and_two_coordinated():
    got = _counts(
        "In Nikopol, a 15-year-old boy and a woman were killed. A 9-year-old child was among those hurt in Sumy."
    )
    assert ("casualty", 2, "person", ("UA-12",)) in got
    assert ("casualty", 1, "child", ("UA-59",)) in got


# --- session 5: lists, rates, background and numbers that are no counts -----------------


def test_a_list_of_casualty_nouns_each_counts_with_its_own_noun():
    text = "Medics treated 12 fatalities and 31 injuries after the shelling of the market, the health ministry said."
    got = {(c.quantity.value, c.harm) for c in claimx.extract(text, published="2025-04-02")}
    assert got == {(12, "killed"), (31, "injured")}


def test_interception_rates_are_percent_claims():
    text = (
        "Ukraine's air force said it had shot down 38 of the 45 drones Russia launched overnight. "
        "That puts the interception rate at roughly 84%, up from 70% a week earlier. "
        "The missile figures were worse, with the rate dropping to 41 percent."
    )
    rates = [
        (c.quantity.value, c.quantity.qualifier, c.quantity.text)
        for c in claimx.extract(text, published="2025-05-01")
        if c.item == "percent"
    ]
    assert rates == [(84, "approx", "roughly 84%"), (70, "exact", "70%"), (41, "exact", "41 percent")]


def test_a_percentage_that_was_intercepted_is_a_rate():
    claims = claimx.extract("The army said 97% of the rockets were intercepted.", published="2025-05-01")
    assert [(c.event, c.quantity.value, c.item) for c in claims] == [("interception", 97, "percent")]


def test_percentages_outside_interception_are_no_counts():
    text = (
        "Inflation rose 3.1% in January, the statistics office said, and the unemployment rate stood at "
        "4 percent. Traders put the chance of a rate cut at 60%, while the share of voters backing the "
        "plan fell by 5% to 48%."
    )
    assert [c for c in claimx.extract(text, published="2025-05-01") if c.quantity is not None] == []


def test_a_count_dated_years_before_the_report_is_background():
    text = (
        "Rescuers searched the rubble on Tuesday after a quake killed nine people, officials said. "
        "In March 2011, a stronger quake on the coast left more than 15,000 people dead and 300,000 "
        "without homes."
    )
    assert _counts(text, published="2024-06-05") == [("casualty", 9, "person", ())]


def test_a_total_since_a_past_date_is_news():
    text = "The ministry said 81,000 people had been wounded since the fighting began on May 2, 2023."
    assert [c.quantity.value for c in claimx.extract(text, published="2024-09-01")] == [81000]


def test_people_left_without_homes_are_not_counted_homes():
    text = "The storm killed two people and left 40,000 without homes, officials said."
    assert _counts(text) == [("casualty", 2, "person", ())]


def test_a_magnitude_is_no_count():
    text = (
        "A second quake, of magnitude 5.2, hit the port late on Monday, and a magnitude 4.1 tremor followed."
    )
    assert [c for c in claimx.extract(text, published="2025-05-01") if c.quantity is not None] == []


def test_a_person_among_a_toll_is_a_count_of_one_only_after_a_casualty_count():
    text = "A drone hit a block of flats and injured five people, a child among them, the governor said."
    claims = claimx.extract(text, published="2025-05-01")
    child = [c for c in claims if c.item == "child"]
    assert [(c.quantity.value, c.harm, c.text) for c in child] == [(1, "injured", "a child among them")]
    assert claimx.extract("Several reporters attended the briefing, a woman among them.") == []


def test_a_list_of_damaged_things_is_one_claim_each_without_the_attribution():
    text = (
        "Four private houses, at least three cars and one piece of special equipment were damaged, "
        "according to the regional governor."
    )
    got = [(c.quantity.value, c.item, c.text) for c in claimx.extract(text, published="2025-05-01")]
    assert got == [
        (4, "home", "Four private houses"),
        (3, "vehicle", "at least three cars"),
        (1, "equipment", "one piece of special equipment were damaged"),
    ]


def test_a_trailing_quote_attribution_is_not_in_the_claim_text():
    text = '"In all, 14 drones were destroyed over the region," the governor wrote on Telegram.'
    (claim,) = claimx.extract(text, published="2025-05-01")
    assert claim.text == "In all, 14 drones were destroyed over the region"


def test_the_place_of_a_since_clause_is_not_the_place_of_the_total():
    text = "Officials said 3,100 people had been wounded in Kharkiv since the offensive began with an attack on Vovchansk."
    (claim,) = claimx.extract(text, published="2025-05-01")
    assert [loc.code for loc in claim.locations] == ["UA-63"]


def test_people_shot_and_a_part_killed_share_the_place_of_the_part():
    text = (
        "A man outside a bar and a woman at a bus stop were among five people a gunman shot, "
        "two of them fatally, in Memphis, police said."
    )
    got = {
        (c.quantity.value, c.harm, tuple(loc.code for loc in c.locations))
        for c in claimx.extract(text, published="2025-05-01")
    }
    assert got == {(5, "injured", ("US-TN",)), (2, "killed", ("US-TN",))}


def test_shot_at_is_no_casualty():
    assert claimx.extract("One soldier was shot at near the checkpoint.", published="2025-05-01") == []


def test_a_count_of_places_joined_to_a_named_place_says_where():
    text = "Air defences destroyed 23 drones over Belgorod and three of the region's districts, the governor said."
    assert [(c.quantity.value, c.item) for c in claimx.extract(text, published="2025-05-01")] == [
        (23, "drone")
    ]


def test_all_of_them_in_apposition_claims_nothing():
    text = "The interceptions included one Kinzhal missile and one Kh-22 cruise missile, all of them modern weapons."
    assert [c.quantity.value for c in claimx.extract(text, published="2025-05-01")] == [1, 1]


def test_ages_after_of_and_a_person_noun_are_no_counts():
    text = "Nine people were wounded in Dnipro. Among those treated were children of two, three, five and 14."
    assert [c.quantity.value for c in claimx.extract(text, published="2025-05-01")] == [9]


def test_service_members_are_counted_and_a_part_keeps_its_own_place():
    text = "The Pentagon said the strikes left at least 30 U.S. service members injured, 12 of them in Syria."
    got = [(c.quantity.value, c.item, [loc.code for loc in c.locations]) for c in claimx.extract(text)]
    assert got == [(30, "soldier", []), (12, "soldier", ["SY"])]


def test_uncrewed_aerial_vehicles_are_drones():
    text = "U.S. forces destroyed two Houthi uncrewed aerial vehicles over the Red Sea on Tuesday."
    assert [(c.event, c.item) for c in claimx.extract(text, published="2025-05-01")] == [
        ("interception", "drone")
    ]


def test_apartments_petrol_stations_and_direct_hits_are_counted():
    assert _counts("Debris from a downed drone damaged four apartments in Sumy.") == [
        ("damage", 4, "apartment", ("UA-59",))
    ]
    assert _counts("The blast blew out windows at a school and three petrol stations in Sumy.") == [
        ("damage", 3, "gas station", ("UA-59",))
    ]
    assert _counts("The base took at least two direct hits.") == [("attack", 2, "hit", ())]
    assert [c[2] for c in _counts("Two Russian missiles hit a residential district of Kharkiv.")] == [
        "missile"
    ]


def test_a_count_takes_no_place_from_the_clause_before_its_subordinator():
    text = (
        "The group said it had fired a rocket salvo at the town of Safed, after the army counted "
        "115 projectiles launched from Lebanon at Israel."
    )
    got = [(c.quantity.value, [loc.code for loc in c.locations]) for c in claimx.extract(text) if c.quantity]
    assert got == [(115, ["IL"])]


def test_a_count_takes_no_place_from_the_clause_after_a_semicolon():
    text = "Russia launched 30 missiles at Ukraine overnight; some of them struck Lviv."
    got = [(c.quantity.value, [loc.code for loc in c.locations]) for c in claimx.extract(text) if c.quantity]
    assert got[0] == (30, ["UA"])
