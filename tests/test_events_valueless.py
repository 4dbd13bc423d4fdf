"""Value-less attack and damage claims: resulting states ("set grass alight", "put the
plant out of action"), attacks told in a "when" clause, and their false twins (threats,
conditionals, debris, traffic)."""

import claimx

P = "2025-06-10"


def _claims(text: str, event: str) -> list:
    return [c for c in claimx.extract(text, published=P) if c.event == event and c.quantity is None]


def _codes(claim) -> list:
    return [loc.code for loc in claim.locations]


def test_debris_setting_grass_alight_is_damage_where_the_drones_fell():
    text = (
        "Air defences downed 40 drones over Russia overnight. The Saratov region accounted for 20 of "
        "them. Its governor said wreckage of the downed drones had set grass alight near a village, "
        "but nobody was hurt."
    )
    (fire,) = _claims(text, "damage")
    assert fire.item == "grass" and _codes(fire) == ["RU-SAR"]
    assert "set grass alight" in text[fire.start : fire.end]


def test_shells_that_set_stalls_on_fire_report_the_fire_too():
    text = "Witnesses said several shells hit the market in Kherson and set the stalls on fire."
    (fire,) = _claims(text, "damage")
    assert fire.item == "stall" and _codes(fire) == ["UA-65"]


def test_an_attack_that_put_a_plant_out_of_action_is_damage_at_the_earlier_place():
    text = (
        "A drone hit a school in the town of Kupiansk on Monday. The attack also put the town's "
        "water plant out of action, the governor said."
    )
    (out,) = _claims(text, "damage")
    assert out.item == "plant" and _codes(out) == ["UA-63"]


def test_threatened_or_possible_damage_is_no_claim():
    for text in (
        "Russia threatened to put the power plants of the Kharkiv region out of action this winter.",
        "The drones could set the fields of the Kursk region ablaze, officials warned.",
        "If the dam in the Kherson region were put out of action, whole villages would flood.",
    ):
        assert _claims(text, "damage") == [], text


def test_an_attack_in_a_when_clause_is_reported_beside_the_toll():
    text = "A woman was hurt when a drone attack struck the Sumy region on Sunday evening, officials said."
    (attack,) = _claims(text, "attack")
    assert _codes(attack) == ["UA-59"] and attack.item == "drone"
    assert any(c.event == "casualty" for c in claimx.extract(text, published=P))


def test_debris_or_a_bus_hitting_something_is_no_attack():
    for text in (
        "Five people were hurt when falling drone debris struck a house in Kyiv, the mayor said.",
        "Two people were killed when the bus hit a tree near Lviv, police said.",
    ):
        assert _claims(text, "attack") == [], text


def test_a_passive_hit_keeps_its_target_as_subject():
    (attack,) = _claims("A substation in the Sumy region was hit on Monday, the governor said.", "attack")
    assert attack.item == "substation" and _codes(attack) == ["UA-59"]


def test_an_inclusion_after_a_comma_is_its_own_part_of_the_attack():
    text = "The group said it had fired rockets into southern Lebanon, among them at a post near Tyre."
    attacks = _claims(text, "attack")
    assert attacks and _codes(attacks[0]) == ["LB"]


def test_a_subordinate_clause_after_a_comma_does_not_hold_the_attack_count():
    text = (
        "The militia said it fired rockets at the coastal town of Nahariya, after the army reported "
        "40 rockets crossing the border."
    )
    (salvo,) = _claims(text, "attack")
    assert _codes(salvo) == ["IL-Z"] and salvo.item == "rocket"


def test_a_site_east_of_a_city_lies_in_that_citys_region():
    (attack,) = _claims("Rockets struck an army base east of Haifa, according to the militia.", "attack")
    assert _codes(attack) == ["IL-HA"]
    text = "Two drones came down over the Tula region south of Moscow, the governor said."
    assert {loc.code for c in claimx.extract(text, published=P) for loc in c.locations} == {"RU-TUL"}


def test_a_fire_told_with_its_cause_is_damage_not_only_speech():
    text = (
        "In the Belgorod region, Governor Vyacheslav Gladkov wrote that a blaze caused by drone "
        "fragments had cut the heating of a school in Shebekino."
    )
    (fire,) = _claims(text, "damage")
    assert _codes(fire) == ["RU-BEL"]
    assert "a blaze caused by" in text[fire.start : fire.end]


def test_a_feared_fire_is_no_claim():
    assert (
        _claims(
            "Officials warned of the risk of a fire caused by drone debris in the Kursk region.", "damage"
        )
        == []
    )


def test_damage_caused_by_the_raid_is_to_the_site_it_was_told_to_hit():
    text = (
        "Officials said drones had hit the air base near Kassala on Tuesday. "
        "The raid caused material damage, the spokesman said."
    )
    (damage,) = _claims(text, "damage")
    assert damage.item == "base"


def test_a_ship_hit_at_sea_is_damage_to_the_ship_with_no_land_place():
    text = "A maritime security agency said the tanker had been hit by a missile in the Arabian Sea."
    (hit,) = _claims(text, "damage")
    assert hit.item == "ship" and _codes(hit) == [None]


def test_a_ship_that_lost_power_or_was_hit_in_a_quoted_fragment_is_damage():
    (lost,) = _claims("The agency said the freighter had lost engine power after the strike.", "damage")
    assert lost.item == "ship"
    (quoted,) = _claims('The rebels\' spokesman said the vessel had been "hit directly".', "damage")
    assert quoted.item == "ship"
    (which,) = _claims(
        "The second target was a bulk carrier owned by a Greek firm, which was struck twice.", "damage"
    )
    assert which.item == "ship"


def test_a_ship_attacked_or_under_attack_is_an_attack_on_a_ship():
    (attack,) = _claims("The rebels said they attacked a cargo ship in the Gulf of Aden on Monday.", "attack")
    assert attack.item == "ship"
    (under,) = _claims("The agency said the container ship had come under attack on Tuesday.", "attack")
    assert under.item == "ship"


def test_threats_to_ships_and_power_cuts_on_land_are_no_claims():
    for text in (
        "The rebels threatened to attack any ship bound for Israeli ports.",
        "The ship could be hit by drones if it enters the strait, the navy warned.",
        "Thousands of residents lost power after the storm, the utility said.",
    ):
        assert _claims(text, "attack") + _claims(text, "damage") == [], text


def test_an_aside_after_the_event_neither_makes_it_generic_nor_places_it():
    text = (
        "A Russian missile strike on a hospital in Kharkiv killed four people, officials said, "
        "the latest in a string of attacks on medical sites across Ukraine."
    )
    (attack,) = _claims(text, "attack")
    assert _codes(attack) == ["UA-63"] and attack.item == "missile"


def test_an_attack_in_general_is_no_claim():
    for text in (
        "It was the third time that the depot in the Bryansk region had been hit.",
        "Drone attacks on the Belgorod region have become routine.",
    ):
        assert _claims(text, "attack") == [], text


def test_a_quoted_word_does_not_cut_the_clause_and_the_attack_is_on_the_site_told_before():
    text = (
        "A fire broke out at an oil depot in the Oryol region overnight. A security source said "
        'military intelligence had "planned and organised" the attack, the latest in a series of raids.'
    )
    attack = [c for c in _claims(text, "attack") if "organised" in text[c.start : c.end]]
    assert attack and attack[0].item == "depot" and _codes(attack[0]) == ["RU-ORL"]


def test_weapons_that_landed_somewhere_are_an_attack_there():
    text = "The shells landed in a village near Kherson early on Sunday, the regional governor said."
    (attack,) = _claims(text, "attack")
    assert attack.item == "shell" and _codes(attack) == ["UA-65"]


def test_a_landing_plane_or_a_possible_landing_is_no_attack():
    for text in (
        "The plane landed in Kyiv on Sunday, the airline said.",
        "A rocket could land anywhere in northern Israel, the army warned.",
        "If the missiles landed in Odesa, the damage would be vast.",
    ):
        assert _claims(text, "attack") == [], text


def test_history_and_denials_are_no_event_claims():
    text = (
        "A Russian missile hit a hospital in Kharkiv and wounded 12 people, officials said. "
        "The hospital was last hit in March 2022."
    )
    assert not any("March 2022" in text[c.start : c.end] for c in _claims(text, "attack"))
    assert _claims("The militia denied that its drones hit the camp in El Fasher.", "attack") == []


def test_a_denial_does_not_reach_past_but():
    text = "The militia denied involvement, but officials said its drones hit the camp in El Fasher."
    (attack,) = _claims(text, "attack")
    assert _codes(attack) == ["SD-DN"]


def test_a_further_consequence_told_with_also_is_where_the_attack_was():
    text = (
        "Drones attacked the Tambov region overnight, Governor Yevgeny Pervyshov said. A warehouse "
        "was also damaged, the governor added."
    )
    (damage,) = _claims(text, "damage")
    assert damage.item == "warehouse" and _codes(damage) == ["RU-TAM"]


def test_a_site_still_on_fire_is_damage_to_that_site():
    text = "The governor said a fuel depot in Ryazan was on fire on Monday morning."
    (fire,) = _claims(text, "damage")
    assert fire.item == "depot" and _codes(fire) == ["RU-RYA"]


def test_a_verb_of_use_is_an_attack_only_with_a_weapon():
    (attack,) = _claims("Russia used glide bombs against Kharkiv on Friday, the governor said.", "attack")
    assert attack.item == "bomb" and _codes(attack) == ["UA-63"]
    assert (
        _claims("The army said a tunnel in Gaza City was used to store weapons for attacks.", "attack") == []
    )


def test_attacks_carried_out_with_a_weapon_are_an_attack_where_told_before():
    text = (
        "Glide bombs hit two districts of Zaporizhzhia late on Friday, the governor said. Officials "
        "said the strikes were carried out with guided aerial bombs."
    )
    (attack,) = _claims(text, "attack")
    assert attack.item == "bomb" and _codes(attack) == ["UA-23"]


def test_attacks_that_would_be_carried_out_are_no_claim():
    text = (
        "Drones hit the port of Odesa on Monday, the governor said. More attacks on the port would be "
        "carried out with naval drones, the group warned."
    )
    assert all("would be" not in text[c.start : c.end] for c in _claims(text, "attack"))


def test_the_camp_points_back_to_the_camp_told_before():
    text = (
        "An air strike on a camp for displaced families near Kassala killed nine people, officials "
        "said. Residents said several shells hit the camp and set shelters on fire."
    )
    (fire,) = _claims(text, "damage")
    assert fire.item == "shelter" and _codes(fire) == ["SD-KA"]


def test_natural_hazards_and_markets_hitting_a_place_are_no_attack():
    for text in (
        "The earthquake struck the Hualien region late on Wednesday, the agency said.",
        "Shares of the carmaker were hit hard in New York trading on Monday.",
        "A powerful storm hit the coast of the Odesa region on Sunday, officials said.",
    ):
        assert _claims(text, "attack") == [], text


def test_two_damage_events_joined_by_and_are_two_claims():
    text = (
        "An apartment block in the Shevchenkivskyi district of Kharkiv was partly destroyed and a fire "
        "broke out at a car repair garage, the mayor said."
    )
    block, garage = sorted(_claims(text, "damage"), key=lambda c: c.start)
    assert block.item == "building" and garage.item == "garage"
    assert _codes(block) == ["UA-63"] and _codes(garage) == ["UA-63"]
    assert text[garage.start : garage.end] == "a fire broke out at a car repair garage"


def test_a_destroyed_site_beside_a_counted_damage_is_its_own_claim():
    text = "In the Chernihiv region, a road bridge was destroyed and three houses were damaged, the governor said."
    (bridge,) = _claims(text, "damage")
    assert bridge.item == "bridge" and _codes(bridge) == ["UA-74"]
    counted = [c for c in claimx.extract(text, published=P) if c.quantity is not None]
    assert [c.quantity.value for c in counted] == [3]


def test_one_subject_with_two_verbs_or_two_nouns_stays_one_claim():
    hit = "A warehouse in the Rivne region was hit and damaged, the governor said."
    assert len([c for c in claimx.extract(hit, published=P) if c.quantity is None]) == 1
    fire = "Positions in the Zaporizhzhia region came under artillery and drone fire, the governor said."
    assert len([c for c in claimx.extract(fire, published=P) if c.quantity is None]) == 1
    burned = "Drones struck a depot in the Kursk region and set it on fire, the governor said."
    assert len(_claims(burned, "damage")) + len(_claims(burned, "attack")) == 1


def test_a_ship_named_once_with_a_ship_word_is_a_ship_later():
    text = (
        "The Liberian-flagged bulk carrier Marlowe was struck by a missile off Hodeidah on Monday, the "
        "agency said. The Marlowe had lost engine power and was drifting, it said."
    )
    damage = _claims(text, "damage")
    assert [c.item for c in damage] == ["ship", "ship"]
    assert "The Marlowe had lost engine power" in text[damage[1].start : damage[1].end]


def test_a_capitalised_word_never_told_as_a_ship_is_no_ship():
    text = "Marlowe had lost engine power on the motorway, police said."
    assert _claims(text, "damage") == []


def test_attacks_a_side_owns_on_a_ship_are_an_attack_on_a_ship():
    owned = (
        "The rebels said they were behind attacks, with drones and boats, on a container ship off Eritrea."
    )
    (attack,) = _claims(owned, "attack")
    assert attack.item == "ship"
    claimed = "The militia claimed responsibility for strikes on a supply depot in the Kursk region."
    (strike,) = _claims(claimed, "attack")
    assert _codes(strike) == ["RU-KRS"]
    general = "Strikes on ships have become more frequent this year, analysts said."
    assert _claims(general, "attack") == []


def test_damaged_energy_infrastructure_keeps_its_kind():
    text = "Overnight shelling damaged energy infrastructure in the Chernihiv region, the governor said."
    (damage,) = _claims(text, "damage")
    assert damage.item == "energy infrastructure"
