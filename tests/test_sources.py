"""SOURCE mentions: kinds, references, pronouns, names, roles and anonymity."""

from __future__ import annotations

import pytest
import spacy

from claimx.entities.sources import SourceInfo, SourceRecognizer, describe_source
from claimx.resources import models_dir


@pytest.fixture(scope="module")
def find():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    recognizer = SourceRecognizer(nlp, models_dir())

    def run(text: str) -> dict[str, tuple[str, str, SourceInfo]]:
        doc = nlp(text)
        spans = recognizer(doc)
        for span in spans:
            assert text[span.start_char : span.end_char] == span.text
            assert span.label_ == "SOURCE"
        starts = [s.start for s in spans]
        assert starts == sorted(starts) and all(
            a.end <= b.start for a, b in zip(spans, spans[1:], strict=False)
        )
        return {s.text: (s.id_, s.kb_id_, describe_source(s)) for s in spans}

    return run


def test_defence_ministries(find):
    found = find(
        "Russia's Defence Ministry said 41 drones were destroyed overnight, while the Ministry of "
        "Defence of Ukraine and the Pentagon declined to comment. The ministry later said two more "
        "fell near Kursk, the Russian Ministry of Defense (MoD) press service said."
    )
    assert found["Russia's Defence Ministry"][:2] == ("ministry_of_defense", "entity")
    assert found["the Ministry of Defence of Ukraine"][0] == "ministry_of_defense"
    assert found["the Pentagon"][0] == "ministry_of_defense"
    assert found["The ministry"][:2] == ("ministry_of_defense", "reference")
    kind, kb, info = found["the Russian Ministry of Defense (MoD) press service"]
    assert (kind, kb, info.name) == (
        "ministry_of_defense",
        "entity",
        "Russian Ministry of Defense (MoD) press service",
    )


def test_bare_ministry_takes_the_last_ministry_kind(find):
    found = find(
        "The Emergency Situations Ministry said 14 people were evacuated, and the ministry added "
        "that the fire was out."
    )
    assert found["The Emergency Situations Ministry"][0] == "official"
    assert found["the ministry"][:2] == ("official", "reference")


def test_military_bodies_and_officers(find):
    found = find(
        "Ukraine's air force said it shot down 29 of 31 drones. The General Staff of the Armed Forces "
        "of Ukraine said the front held, the air force said. According to the Israel Defense Forces, "
        "a rocket fell in open ground, and the IDF said Home Front Command said rules were unchanged. "
        "Lt. Gen. Yuriy Sodol told reporters the line held."
    )
    assert found["Ukraine's air force"][:2] == ("military", "entity")
    assert found["The General Staff of the Armed Forces of Ukraine"][0] == "military"
    assert found["the air force"][:2] == ("military", "reference")
    assert found["the Israel Defense Forces"][2].name == "Israel Defense Forces"
    assert found["the IDF"][0] == "military"
    assert found["Home Front Command"][0] == "military"
    kind, _, info = found["Lt. Gen. Yuriy Sodol"]
    assert (kind, info.name, info.role, info.surname) == ("military", "Yuriy Sodol", "Lt. Gen.", "Sodol")


def test_spokesmen_take_the_kind_of_their_body(find):
    found = find(
        "Army spokesman Nabil Abdallah said the drones hit a warehouse. Kremlin spokesman Dmitry "
        "Peskov said Moscow would respond, and Foreign Ministry spokeswoman Maria Zakharova agreed. "
        "Houthi military spokesman Yahya Sarea said a missile was fired at Eilat."
    )
    assert found["Army spokesman Nabil Abdallah"][0] == "military"
    assert found["Army spokesman Nabil Abdallah"][2].role == "Army spokesman"
    assert found["Kremlin spokesman Dmitry Peskov"][0] == "official"
    assert found["Foreign Ministry spokeswoman Maria Zakharova"][2].name == "Maria Zakharova"
    assert found["Houthi military spokesman Yahya Sarea"][0] == "military"


def test_governors(find):
    text = (
        "Belgorod Governor Vyacheslav Gladkov said a woman was wounded. In the Kherson region, its governor "
        "said two drones fell; according to Ivan Fedorov, governor of the southeastern Ukrainian region, "
        "a bomb hit a school. Fedorov said eight were hurt, and the regional governor said power was cut. "
        "The governors of Kursk and Bryansk reported no damage."
    )
    found = find(text)
    kind, kb, info = found["Belgorod Governor Vyacheslav Gladkov"]
    assert (kind, kb, info.name, info.role) == (
        "governor",
        "entity",
        "Vyacheslav Gladkov",
        "Belgorod governor",
    )
    assert found["its governor"][:2] == ("governor", "reference")
    kind, _, info = found["Ivan Fedorov, governor of the southeastern Ukrainian region"]
    assert (kind, info.name, info.role) == (
        "governor",
        "Ivan Fedorov",
        "governor of the southeastern Ukrainian region",
    )
    assert found["Fedorov"][:2] == ("governor", "reference")
    assert found["the regional governor"][:2] == ("governor", "reference")
    assert found["The governors of Kursk and Bryansk"][0] == "governor"


def test_appositive_names_on_either_side(find):
    found = find(
        "According to Vyacheslav Gladkov, the Belgorod Oblast governor, two drones fell. "
        "The regional governor, Oleksandr Prokudin, said a boy was killed. Oleh Syniehubov, head of "
        "the Kharkiv regional administration, said a missile hit a warehouse."
    )
    info = found["Vyacheslav Gladkov, the Belgorod Oblast governor"][2]
    assert (info.name, info.role, info.surname) == (
        "Vyacheslav Gladkov",
        "Belgorod Oblast governor",
        "Gladkov",
    )
    assert found["The regional governor, Oleksandr Prokudin"][2].name == "Oleksandr Prokudin"
    kind, _, info = found["Oleh Syniehubov, head of the Kharkiv regional administration"]
    assert (kind, info.role) == ("governor", "head of the Kharkiv regional administration")


def test_place_before_comma_is_not_a_name(find):
    found = find("In Kherson, the governor said nobody was hurt.")
    assert found == {"the governor": ("governor", "reference", SourceInfo("governor", role="governor"))}


def test_officials(find):
    found = find(
        'Mayor Vitali Klitschko said ten people were hurt. "Three are in hospital," Klitschko wrote. '
        "Local officials and the city administration said emergency services were at the scene. "
        "Government spokesman and information minister Khalid al-Aisir said the RSF used seven drones. "
        "The Magen David Adom ambulance service said it treated 12 people, and police said one man "
        "was arrested. President Volodymyr Zelenskiy wrote on X that Russian authorities lied."
    )
    kind, kb, info = found["Mayor Vitali Klitschko"]
    assert (kind, kb, info.name, info.role, info.surname) == (
        "official",
        "entity",
        "Vitali Klitschko",
        "mayor",
        "Klitschko",
    )
    assert found["Klitschko"][:2] == ("official", "reference")
    assert found["Local officials"][:2] == ("official", "entity")
    assert found["the city administration"][:2] == ("official", "reference")
    assert found["emergency services"][0] == "official"
    info = found["Government spokesman and information minister Khalid al-Aisir"][2]
    assert (info.name, info.surname) == ("Khalid al-Aisir", "al-Aisir")
    assert found["The Magen David Adom ambulance service"][0] == "official"
    assert found["police"][0] == "official"
    assert found["President Volodymyr Zelenskiy"][2].name == "Volodymyr Zelenskiy"
    assert found["Russian authorities"][0] == "official"


def test_anonymous_sources(find):
    found = find(
        "A source in Ukraine's defence sector told AFP the SBU organised the strike. Sources close to "
        "the ministry and sources familiar with the matter said talks had stalled. A security source "
        "and a government source told Reuters two drones were fired, citing a senior defense official. "
        "Two U.S. officials, speaking on condition of anonymity, said the drones were Iranian."
    )
    for text in (
        "A source in Ukraine's defence sector",
        "Sources close to the ministry",
        "sources familiar with the matter",
        "A security source",
        "a government source",
        "a senior defense official",
        "Two U.S. officials",
    ):
        kind, _, info = found[text]
        assert kind == "anonymous_official" and info.anonymous and info.name is None, text
    assert found["a senior defense official"][2].role == "senior defense official"
    assert found["AFP"][0] == "media" and found["Reuters"][0] == "media"


def test_anonymity_after_the_mention(find):
    text = (
        '"These attacks are a threat," said a spokesperson for the Russian Emergency Situations Ministry, '
        'who requested anonymity. "Every drone is a provocation," said a senior officer in the Russian '
        "Air and Air Defense Forces, who spoke on condition of anonymity. An official who declined to be "
        "named said the depot burned."
    )
    found = find(text)
    kind, _, info = found["a spokesperson for the Russian Emergency Situations Ministry"]
    assert (kind, info.anonymous, info.name) == ("anonymous_official", True, None)
    assert info.role == "spokesperson for the Russian Emergency Situations Ministry"
    assert found["a senior officer in the Russian Air and Air Defense Forces"][0] == "anonymous_official"
    assert found["An official"][0] == "anonymous_official"


def test_named_spokesperson_without_anonymity_keeps_kind(find):
    found = find("A spokesperson for the Emergency Situations Ministry said the blaze was contained.")
    assert found["A spokesperson for the Emergency Situations Ministry"][0] == "official"


def test_analysts(find):
    text = (
        'Independent analysts say the figures are inflated. "Drones are cheap," said Dr.\nElena Petrova, '
        "a defense analyst at the Kyiv Institute of Strategic Studies. Researchers at the Institute for "
        "the Study of War said the advance stalled; a military expert told AFP the raid sent a message, "
        "and observers agreed."
    )
    found = find(text)
    assert found["Independent analysts"][0] == "analyst"
    span_text = "Dr.\nElena Petrova, a defense analyst at the Kyiv Institute of Strategic Studies"
    kind, kb, info = found[span_text]
    assert (kind, kb, info.name, info.surname) == ("analyst", "entity", "Elena Petrova", "Petrova")
    assert info.role == "defense analyst at the Kyiv Institute of Strategic Studies"
    assert text.index(span_text) == text.index("Dr.")
    assert found["Researchers at the Institute for the Study of War"][0] == "analyst"
    assert found["a military expert"][2] == SourceInfo("analyst", role="military expert")
    assert found["observers"][0] == "analyst"


def test_media(find):
    found = find(
        "Several Telegram channels, among them Baza, said the fire was at a refinery. Russian state "
        "media and TASS said nothing, but RIA Novosti, Ukrinform and the Kyiv Independent reported "
        "the strike. In a statement on the Houthi-run al-Masirah channel, he said so, according to the "
        "Xinhua news agency. The local outlet V1 published photos, and residents told V1 of blasts."
    )
    for text in (
        "Several Telegram channels",
        "Baza",
        "Russian state media",
        "TASS",
        "RIA Novosti",
        "Ukrinform",
        "the Kyiv Independent",
        "the Houthi-run al-Masirah channel",
        "the Xinhua news agency",
    ):
        assert found[text][:2] == ("media", "entity"), text
    assert found["the Kyiv Independent"][2].name == "Kyiv Independent"
    info = found["The local outlet V1"][2]
    assert (info.name, info.role) == ("V1", "local outlet")
    assert found["V1"][:2] == ("media", "reference")


def test_own_channel_is_not_a_source(find):
    found = find("Writing on his official Telegram channel, Governor Pavel Malkov said a fire broke out.")
    assert list(found) == ["Governor Pavel Malkov"]


def test_witnesses(find):
    found = find(
        '"The balcony was simply gone," Alla, a 73-year-old resident, told Reuters. Eyewitnesses and '
        "locals said they heard two blasts, and a resident said windows were smashed."
    )
    kind, _, info = found["Alla, a 73-year-old resident"]
    assert (kind, info.name, info.role) == ("witness", "Alla", "73-year-old resident")
    assert found["Eyewitnesses"][0] == "witness"
    assert found["locals"][0] == "witness"
    assert found["a resident"][2] == SourceInfo("witness", role="resident")


def test_documents_and_pronouns(find):
    found = find(
        "The drones were downed over Rostov, the statement said. It gave no details. Air defences "
        "destroyed 15 Shaheds, its press service said; he added that she told them so."
    )
    assert found["the statement"] == ("", "reference", SourceInfo("", role="statement"))
    assert found["its press service"][:2] == ("", "reference")
    assert found["he"][:2] == ("", "pronoun")
    assert found["she"][:2] == ("", "pronoun")
    assert "It" not in found and "them" not in found


def test_not_sources(find):
    found = find(
        "Russian air defenses intercepted a drone over Kursk. Russian forces shelled the village as Kyiv "
        "and Moscow traded accusations. The military target was an Air Force base near a police "
        "station. Major Russian cities were hit. People said they were scared. An official statement "
        "followed. My head hurt."
    )
    assert found == {}


def test_capitalized_sentence_start_is_not_a_name(find):
    found = find(
        "Meanwhile, the governor said a school was hit. Quoting Russian state media, officials said "
        "more were coming."
    )
    assert set(found) == {"the governor", "Russian state media", "officials"}


def test_describe_loads_the_lexicon_itself(find):
    nlp = spacy.blank("en")
    doc = nlp("Defence Minister Andrei Belousov said the front held.")
    spans = SourceRecognizer(nlp, models_dir())(doc)
    assert describe_source(spans[0]) == SourceInfo(
        "ministry_of_defense", name="Andrei Belousov", role="Defence minister", surname="Belousov"
    )


def test_titled_name_after_a_role_and_numbered_units(find):
    found = find(
        "The Pentagon's press secretary, Maj. Gen. Pat Ryder, said five rockets hit the base. "
        "The 47th Mechanized Brigade said it repelled four attacks."
    )
    kind, _, info = found["The Pentagon's press secretary, Maj. Gen. Pat Ryder"]
    assert (kind, info.name, info.surname) == ("ministry_of_defense", "Pat Ryder", "Ryder")
    assert found["The 47th Mechanized Brigade"][0] == "military"


def test_prominent_people_by_surname_alone(find):
    found = find(
        "Zelenskiy said on Sunday that the strikes hit energy sites. Kharkiv Governor Oleh Syniehubov "
        "wrote that nine were hurt, and Vladimir Putin said Russia would respond."
    )
    assert found["Zelenskiy"][0] == "official"
    kind, kb, info = found["Kharkiv Governor Oleh Syniehubov"]
    assert (kind, kb, info.name) == ("governor", "entity", "Oleh Syniehubov")
    assert found["Vladimir Putin"][0] == "official"
    assert found["Vladimir Putin"][2].name == "Vladimir Putin"


def test_state_companies_and_rescue_workers_are_official(find):
    found = find(
        "Ukraine's state energy company Naftogaz said gas facilities were hit. Rescue workers in "
        "Kherson said a man was killed, according to grid operator Ukrenergo."
    )
    assert found["Ukraine's state energy company Naftogaz"][0] == "official"
    assert found["Rescue workers in Kherson"][0] == "official"
    assert found["grid operator Ukrenergo"][0] == "official"


def test_a_complement_ends_before_the_speakers_own_verb(find):
    found = find("Officials in Kherson evacuated two hospitals and said the shelling continued.")
    assert "Officials in Kherson" in found
    kind, kb, _ = found["Officials in Kherson"]
    assert (kind, kb) == ("official", "entity")
    found = find("Officials in the Russian-occupied part of the region said the bridge was hit.")
    assert "Officials in the Russian-occupied part of the region" in found


def test_a_name_after_a_roles_complement_is_the_name(find):
    found = find(
        "Governor of Kursk region Alexander Khinshtein said debris fell on a farm. The head of the "
        "Odesa city military administration Serhiy Lysak wrote that power was out."
    )
    kind, _, info = found["Governor of Kursk region Alexander Khinshtein"]
    assert (kind, info.name, info.surname) == ("governor", "Alexander Khinshtein", "Khinshtein")
    _, _, info = found["The head of the Odesa city military administration Serhiy Lysak"]
    assert info.name == "Serhiy Lysak"
    # a complement ending in a capitalized body ("of Strategic Studies") holds no person's name
    found = find("A researcher at the Centre for Defence Strategies said the tally was plausible.")
    assert found["A researcher at the Centre for Defence Strategies"][2].name is None


def test_houthi_movement_and_general_staff_are_bodies(find):
    found = find(
        "Yemen's Houthi movement claimed the attack. Ukraine's General Staff said the depot was hit."
    )
    kind, _, info = found["Yemen's Houthi movement"]
    assert (kind, info.name) == ("military", "Yemen's Houthi movement")
    kind, _, info = found["Ukraine's General Staff"]
    assert (kind, info.name, info.role) == ("military", "Ukraine's General Staff", None)


def test_ukmto_is_a_military_source_and_maritime_is_no_place(find):
    found = find("The United Kingdom Maritime Trade Operations agency said a tanker reported a blast.")
    kind, kb, _ = found["The United Kingdom Maritime Trade Operations agency"]
    assert (kind, kb) == ("military", "entity")
    assert find("UKMTO said the crew was safe.")["UKMTO"][0] == "military"


def test_middle_east_outlets_are_media(find):
    found = find(
        "The Houthi-run Al-Masirah TV reported strikes on Hodeidah, while Lebanon's state news agency "
        "NNA said a car was hit. Fars news agency said air defences were active."
    )
    assert found["The Houthi-run Al-Masirah TV"][0] == "media"
    assert found["Lebanon's state news agency NNA"][0] == "media"
    assert found["Fars news agency"][0] == "media"


def test_private_people_quoted_with_their_age_are_witnesses(find):
    found = find(
        '"The windows just flew in after the blast," said Halyna Moroz, 71, who lives nearby. '
        "Petro, 38, said he ran."
    )
    assert found["Halyna Moroz"][:2] == ("witness", "entity")
    assert found["Petro"][0] == "witness"


def test_aged_people_giving_opinions_are_persons(find):
    # no strike, blast or disaster in the text: voters and shoppers are not witnesses
    found = find(
        "Carol Jenkins, 63, who came to the rally with her daughter, said the tax plan would hurt "
        "retirees. Ben Ortiz, 29, said he was still undecided."
    )
    assert found["Carol Jenkins"][:2] == ("person", "entity")
    assert found["Ben Ortiz"][0] == "person"


def test_a_generic_word_closing_an_organisations_name(find):
    found = find(
        "Gaza's Civil Defence agency said the strike hit a school. Police in Odesa said two were hurt."
    )
    assert found["Gaza's Civil Defence agency"][:2] == ("official", "entity")


def test_rights_groups_and_monitors_are_analysts(find):
    found = find("Human Rights Watch said the strike was unlawful, and ACLED data showed a rise in attacks.")
    assert found["Human Rights Watch"][0] == "analyst"
    assert found["ACLED"][0] == "analyst"


def test_appositive_role_with_a_free_description(find):
    text = (
        "Tomas Lindqvist, a senior fellow at the Stockholm Centre for Eastern European Studies, said the "
        "front had frozen. Hanna Shelest, an expert on Black Sea security, said the navy was exposed. "
        "In Kherson, the governor said the power was back."
    )
    found = find(text)
    kind, _, info = found[
        "Tomas Lindqvist, a senior fellow at the Stockholm Centre for Eastern European Studies"
    ]
    assert (kind, info.name) == ("analyst", "Tomas Lindqvist")
    kind, _, info = found["Hanna Shelest, an expert on Black Sea security"]
    assert (kind, info.name) == ("analyst", "Hanna Shelest")
    assert found["the governor"][0] == "governor"  # a fronted place is no appositive name


def test_chief_of_staff_takes_the_kind_of_its_body(find):
    found = find(
        "Presidential chief of staff Oksana Melnyk said talks would resume. "
        "Army chief of staff Petro Hrytsak said the line held."
    )
    assert found["Presidential chief of staff Oksana Melnyk"][0] == "official"
    assert found["Army chief of staff Petro Hrytsak"][0] == "military"


def test_role_after_credentials_and_a_bodys_adjectives(find):
    found = find(
        "Maria Okafor, MD, MPH, the WHO's senior deputy director, told reporters the outbreak was "
        "contained. Later Okafor said no new cases had been found."
    )
    mention = "Maria Okafor, MD, MPH, the WHO's senior deputy director"
    assert mention in found
    kind, kb, info = found[mention]
    assert (kind, kb, info.name, info.surname) == ("official", "entity", "Maria Okafor", "Okafor")
    assert found["Okafor"][:2] == ("official", "reference")


def test_aged_person_before_a_relative_aside(find):
    found = find(
        "Luis Ferreira, 58, who has run the bakery for 30 years, said prices would keep rising. "
        "Opponents said the mayor wants developers to build more towers."
    )
    assert found["Luis Ferreira"][:2] == ("person", "entity")
    # "to build more towers" is an infinitive, not the role's complement
    assert not any(text.startswith("developers to") for text in found)


def test_a_company_keeps_its_kind_without_its_suffix(find):
    found = find(
        "Associated Press Holdings said revenue rose 4 percent. Associated Press also cut its "
        "forecast, the company said, while Wall Street had forecast a loss."
    )
    assert found["Associated Press Holdings"][0] == "organization"
    assert found["Associated Press"][0] == "organization"  # the company, not the news agency
    assert not any("forecast" in text for text in found)  # a forecast is what is said


def test_the_polls_as_a_place_are_no_speaker(find):
    found = find("More security is needed at the polls, they said, as voters went to the polls.")
    assert not any("polls" in text for text in found)


def test_an_outlets_possessive_names_its_reporter(find):
    found = find(
        "Reporting from the harbour, CNN's Dana Whitfield said the ferry had listed badly. "
        '"Nobody expected this," Whitfield said.'
    )
    kind, kb, info = found["CNN's Dana Whitfield"]
    assert (kind, kb, info.name) == ("media", "entity", "Dana Whitfield")
    assert found["Whitfield"][:2] == ("media", "reference")


def test_a_surname_keeps_its_particle(find):
    found = find(
        "BBC correspondent Omar Abu Khalil said the market was hit twice. "
        '"It was chaos," Abu Khalil said.'
    )
    assert found["BBC correspondent Omar Abu Khalil"][2].surname == "Abu Khalil"
    assert found["Abu Khalil"][:2] == ("media", "reference")


def test_a_witness_named_with_an_age_has_a_surname(find):
    found = find('"The blast threw me to the floor," said Olena Marchuk, 44. Marchuk said she ran outside.')
    assert found["Olena Marchuk"][0] == "witness"
    assert found["Olena Marchuk"][2].surname == "Marchuk"
    assert found["Marchuk"][:2] == ("witness", "reference")


def test_a_later_mention_by_the_tail_of_a_full_name(find):
    found = find('Omar Abu Khalil said the shop had closed. "It was chaos," Abu Khalil said.')
    assert found["Omar Abu Khalil"][:2] == ("person", "entity")
    assert found["Abu Khalil"][:2] == ("person", "reference")


def test_an_outlets_own_analysis_is_the_outlet(find):
    found = find(
        "Waiting times rose in March, according to a BBC analysis of hospital data, while a new "
        "Gallup survey found most adults agree."
    )
    assert found["a BBC analysis of hospital"][0] == "media"
    assert found["Gallup survey"][0] == "document"


def test_outlets_named_by_a_newspaper_word(find):
    found = find(
        "The Wall Street Journal reported the merger first, and CBS News said talks had stalled. "
        "Today, officials said nothing. Later CBS reported that the deal was off."
    )
    assert found["The Wall Street Journal"][:2] == ("media", "entity")
    assert found["CBS News"][:2] == ("media", "entity")
    assert found["CBS"][:2] == ("media", "reference")  # the acronym alone, after the full name
    assert not any(text.startswith("Today") for text in found)


def test_public_bodies_named_by_their_institutional_word(find):
    found = find(
        "The National Hurricane Center said the storm would strengthen, and the Federal Aviation "
        "Administration said flights resumed. The Department of Homeland Security said it would "
        "respond. Office hours were cut, staff said."
    )
    assert found["The National Hurricane Center"][:2] == ("official", "entity")
    assert found["the Federal Aviation Administration"][0] == "official"
    assert found["The Department of Homeland Security"][0] == "official"
    assert not any(text.startswith("Office") for text in found)


def test_a_person_whose_name_runs_a_campaign_is_a_politician(find):
    found = find(
        "Maria Delgado said for weeks that the count was unfair. Ron Price, who attended a Delgado "
        "campaign event, said he agreed. Delgado said she would appeal."
    )
    assert found["Maria Delgado"][:2] == ("politician", "entity")
    assert found["Delgado"][:2] == ("politician", "reference")
    assert found["Ron Price"][0] == "person"


def test_aid_and_relief_groups_are_organizations(find):
    found = find("A Christian relief group said the clinic was hit, and Doctors Without Borders said staff fled.")
    assert found["A Christian relief group"][0] == "organization"
    assert found["Doctors Without Borders"][0] == "organization"


def test_a_bodys_seat_before_its_cue_joins_the_mention(find):
    found = find(
        "The Interior Ministry in Rebel-held Idlib said four people died. The Foreign Ministry in "
        "Oslo said talks would go on. The ministry in charge of roads declined to comment."
    )
    kind, _, info = found["The Interior Ministry in Rebel-held Idlib"]
    assert (kind, info.name) == ("official", "Interior Ministry in Rebel-held Idlib")
    assert "The Foreign Ministry in Oslo" in found
    assert not any("in charge" in text for text in found)
