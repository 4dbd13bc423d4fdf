"""Reported speech in general news: every structure, every kind of speaker, and the
speech acts that say nothing. Each row is a sentence of our own with the speaker's
kind, a word of the speaker's name (or description) and a piece of what was said."""

from __future__ import annotations

import pytest

import claimx


def statements(text: str) -> list[claimx.Claim]:
    return [c for c in claimx.extract(text) if c.event == "statement"]


def check(text: str, kind: str, name: str, content: str) -> None:
    found = statements(text)
    assert found, f"no statement in {text!r}"
    claim = next((c for c in found if content in c.text), None)
    assert claim is not None, [c.text for c in found]
    source = claim.source
    assert source.kind == kind, (source.kind, source.text)
    assert name.lower() in f"{source.name or ''} {source.text}".lower(), (source.name, source.text)
    # the source and cue carry their own offsets into the input
    assert source.start is not None and text[source.start : source.end] == source.text
    cue = next((e for e in claim.evidence if e.rule == "source.cue"), None)
    if cue is not None:
        assert text[cue.start : cue.end] == cue.detail
    assert text[claim.start : claim.end] == claim.text


# -- the four sentences of the issue ------------------------------------------------------


def test_a_named_politician_with_that():
    check("Mitch McConnell said that the package was long overdue.", "person", "McConnell", "long overdue")


def test_a_quote_with_the_speaker_after():
    (claim,) = statements('"The war will end soon," John Smith said.')
    assert (claim.quote, claim.source.name, claim.text) == (True, "John Smith", "The war will end soon")


def test_a_surname_with_a_time_and_that():
    check(
        "Starmer said on Monday that Britain would send more aid.", "person", "Starmer", "Britain would send"
    )


def test_according_to_a_described_official():
    text = "According to a senior administration official, the package includes 12 Patriot interceptors."
    (claim,) = claimx.extract(text)
    assert claim.source.kind == "anonymous_official"
    assert claim.source.text == "a senior administration official"
    assert "the package includes" in claim.text


# -- structures ------------------------------------------------------------------------------

STRUCTURES = [
    # X said (that) C
    (
        "Maria Gonzalez said that the clinic would reopen in March.",
        "person",
        "Gonzalez",
        "clinic would reopen",
    ),
    ("Maria Gonzalez said the clinic would reopen in March.", "person", "Gonzalez", "clinic would reopen"),
    (
        "Tom Becker says the new stadium will never pay for itself.",
        "person",
        "Becker",
        "never pay for itself",
    ),
    ("Priya Nair told reporters that the merger was on track.", "person", "Nair", "merger was on track"),
    ("Priya Nair told reporters the merger was on track.", "person", "Nair", "merger was on track"),
    ("Alan Cho told Bloomberg that the chip shortage had eased.", "person", "Cho", "chip shortage had eased"),
    ("Alan Cho told Jane Porter the chip shortage had eased.", "person", "Cho", "chip shortage had eased"),
    ("Hannah Weiss wrote that the city had ignored the warnings.", "person", "Weiss", "ignored the warnings"),
    ("Hannah Weiss argued the tax would hurt small farms.", "person", "Weiss", "hurt small farms"),
    ("Leo Marsh claimed the vote had been rigged.", "person", "Marsh", "vote had been rigged"),
    ("Leo Marsh insisted that he had done nothing wrong.", "person", "Marsh", "done nothing wrong"),
    ("Leo Marsh denied that he had met the lobbyist.", "person", "Marsh", "met the lobbyist"),
    (
        "Nora Diaz warned that prices would keep rising through the winter.",
        "person",
        "Diaz",
        "prices would keep",
    ),
    ("Nora Diaz acknowledged that the rollout had been slow.", "person", "Diaz", "rollout had been slow"),
    ("Nora Diaz estimated that the repairs would take a year.", "person", "Diaz", "repairs would take"),
    ("Nora Diaz predicted the bill would pass the Senate.", "person", "Diaz", "bill would pass"),
    ("Omar Haddad believes the league will expand next season.", "person", "Haddad", "league will expand"),
    ("Omar Haddad also said the league would expand next season.", "person", "Haddad", "league would expand"),
    ("Omar Haddad has said the league would expand next season.", "person", "Haddad", "league would expand"),
    # X said: C
    (
        "Greta Lind said: the budget is a disgrace and voters know it.",
        "person",
        "Lind",
        "budget is a disgrace",
    ),
    # X said in a statement / on X / in an interview that C
    ("Ruth Adler said in a statement that the company would appeal.", "person", "Adler", "would appeal"),
    ("Ruth Adler said on X that the company would appeal.", "person", "Adler", "would appeal"),
    ("Ruth Adler said in an interview that the company would appeal.", "person", "Adler", "would appeal"),
    (
        "Ruth Adler told the court in a letter that the company would appeal.",
        "person",
        "Adler",
        "would appeal",
    ),
    (
        "Ruth Adler wrote in a filing on Monday that the company would appeal.",
        "person",
        "Adler",
        "would appeal",
    ),
    (
        "Ruth Adler said in her testimony to Congress this week that the firm would appeal.",
        "person",
        "Adler",
        "firm would appeal",
    ),
    ("Ruth Adler signaled that the firm would appeal the ruling.", "person", "Adler", "firm would appeal"),
    # C, X said / C, said X
    (
        "Sales fell sharply in the spring, the company said, while analysts had expected a rise.",
        "organization",
        "company",
        "Sales fell sharply",
    ),
    ("The plant will close by the end of the year, Karen Holt said.", "person", "Holt", "plant will close"),
    ("The plant will close by the end of the year, said Karen Holt.", "person", "Holt", "plant will close"),
    (
        "The plant will close by the end of the year, Karen Holt said on Tuesday.",
        "person",
        "Holt",
        "plant will",
    ),
    (
        "The plant will close by the end of the year, the company said.",
        "organization",
        "company",
        "plant will",
    ),
    (
        "The plant will close by the end of the year, the company said, adding that 40 jobs would go.",
        "organization",
        "company",
        "plant will close",
    ),
    # parenthetical
    (
        "Over the past decade, Karen Holt said, the town has lost half its shops.",
        "person",
        "Holt",
        "lost half",
    ),
    ("The town, Karen Holt said, has lost half its shops.", "person", "Holt", "lost half"),
    # according to
    ("According to Sam Ortiz, the bridge was never inspected.", "person", "Ortiz", "never inspected"),
    ("The bridge was never inspected, according to Sam Ortiz.", "person", "Ortiz", "never inspected"),
    ("The bridge was never inspected, according to the audit.", "document", "audit", "never inspected"),
    ("The bridge was never inspected, according to court filings.", "document", "filings", "never inspected"),
    # X, who …, said C / X, <aside>, said C
    (
        "Dana Kurtz, who runs the food bank, said demand had doubled since spring.",
        "person",
        "Kurtz",
        "demand",
    ),
    (
        "Dana Kurtz, speaking after the meeting, said demand had doubled since spring.",
        "person",
        "Kurtz",
        "demand",
    ),
    ("Dana Kurtz, 58, said demand had doubled since spring.", "person", "Kurtz", "demand had doubled"),
    ("Dana Kurtz, 58, said the blast shook the whole street.", "witness", "Kurtz", "the blast shook"),
    ("Dana Kurtz, one of the volunteers, said demand had doubled since spring.", "person", "Kurtz", "demand"),
    # appositions and titles
    (
        "Jim Hale, the chief executive, said the quarter was the best in years.",
        "organization",
        "Hale",
        "quarter",
    ),
    (
        "Jim Hale, a spokesman for the airline, said the flights would resume.",
        "organization",
        "Hale",
        "flights",
    ),
    ("Sen. Laura Finch said the deal was dead.", "politician", "Finch", "deal was dead"),
    ("Rep. Mark Ellis said that the hearing would be postponed.", "politician", "Ellis", "hearing would be"),
    ("Commissioner Aaron Lee said the road would be repaved.", "politician", "Lee", "road would be repaved"),
    (
        "Judge Helen Marsh said the evidence was inadmissible.",
        "official",
        "Marsh",
        "evidence was inadmissible",
    ),
    ("Dr. Ana Ruiz said the vaccine was safe for children.", "analyst", "Ruiz", "vaccine was safe"),
    ("Mayor Tim Oakes said the curfew would be lifted.", "official", "Oakes", "curfew would be lifted"),
    (
        "Planning director Randall Fry said the site would be full within a year.",
        "official",
        "Fry",
        "full within",
    ),
    # quotes
    ('"We are not going anywhere," Lisa Moreno said.', "person", "Moreno", "not going anywhere"),
    ('"We are not going anywhere," said Lisa Moreno.', "person", "Moreno", "not going anywhere"),
    ('Lisa Moreno said: "We are not going anywhere."', "person", "Moreno", "not going anywhere"),
    ('"We are not going anywhere," Lisa Moreno said. "This is our home."', "person", "Moreno", "our home"),
    (
        '"We are not going anywhere," Lisa Moreno said, "and nobody can make us."',
        "person",
        "Moreno",
        "anywhere",
    ),
    (
        '"The numbers speak for themselves," the company said in a statement.',
        "organization",
        "company",
        "numbers speak",
    ),
]


#: session 5 (#11): a participle cue closing the speaker's own clause, the clause after a
#: semicolon, passive reports, verbs whose object is the position taken, and a speaker
#: before a relative clause with an age.
MORE_STRUCTURES = [
    (
        "Senator Anna Bright praised the new budget, saying it would protect rural hospitals from closure.",
        "politician",
        "Bright",
        "protect rural hospitals",
    ),
    (
        "Rep. Carl Dunn criticized the proposal on Friday, arguing the cuts would hurt rural schools.",
        "politician",
        "Dunn",
        "hurt rural schools",
    ),
    (
        "The merger talks were first reported by Reuters; according to a company spokesman, the "
        "buyer had been seeking a lower price for the mill.",
        "organization",
        "spokesman",
        "seeking a lower price",
    ),
    ("The plan was reported earlier by the Financial Times.", "media", "Financial Times", "The plan was"),
    (
        "Residents who live near the quarry objected to plans to expand it, and the council delayed its vote.",
        "witness",
        "Residents",
        "objected to plans",
    ),
    (
        "Prosecutors had pushed for a sentence of at least ten years for the former mayor.",
        "official",
        "Prosecutors",
        "pushed for a sentence",
    ),
    (
        "The company stood by the outlook it first gave in March of modest sales growth.",
        "organization",
        "company",
        "stood by the outlook",
    ),
    ("Acme Corp denied misleading its investors about the recall.", "organization", "Acme", "misleading"),
]


@pytest.mark.parametrize(("text", "kind", "name", "content"), MORE_STRUCTURES)
def test_more_structures(text: str, kind: str, name: str, content: str) -> None:
    check(text, kind, name, content)


def test_a_pronoun_after_the_cue_opens_the_reported_clause():
    """'…, said he expects …': "he" is the subject of what was said, so the words before the
    cue are not a statement of his."""
    text = "Maria Lopez, who runs a bakery near the station, said she expects prices to rise again."
    (claim,) = statements(text)
    assert claim.source.name == "Maria Lopez"
    assert claim.text.startswith("she expects prices")


def test_where_it_was_said_is_no_statement():
    text = (
        '"We will review the plan," Councilwoman Jane Ortiz said during the hearing, which took '
        "place at the old library on Main Street."
    )
    (claim,) = statements(text)
    assert claim.quote and claim.text == "We will review the plan"


@pytest.mark.parametrize(("text", "kind", "name", "content"), STRUCTURES)
def test_structures(text: str, kind: str, name: str, content: str) -> None:
    check(text, kind, name, content)


# -- kinds of speaker --------------------------------------------------------------------------

SPEAKERS = [
    # organisations
    ("The company said revenue would rise next year.", "organization", "company", "revenue would rise"),
    ("Acme Corp said revenue would rise next year.", "organization", "Acme", "revenue would rise"),
    ("Globex Inc. said that revenue would rise next year.", "organization", "Globex", "revenue would rise"),
    ("The campaign said the ad had been pulled.", "organization", "campaign", "ad had been pulled"),
    ("The union said its members would strike on Friday.", "organization", "union", "members would strike"),
    ("The airline said the delays were caused by the weather.", "organization", "airline", "delays were"),
    (
        "The Federal Reserve said inflation was cooling fast.",
        "official",
        "Federal Reserve",
        "inflation was cooling",
    ),
    ("The Fed said inflation was cooling fast.", "official", "Fed", "inflation was cooling"),
    ("Prosecutors said the defendant had lied to investigators.", "official", "Prosecutors", "had lied"),
    ("Police said the driver had been drinking.", "official", "Police", "driver had been drinking"),
    ("The sheriff's office said the road was closed.", "official", "sheriff", "road was closed"),
    ("The court said the law was unconstitutional.", "official", "court", "law was unconstitutional"),
    ("The CDC said the risk to the public remained low.", "official", "CDC", "risk to the public"),
    ("The health department said that the water was safe to drink.", "official", "health", "water was safe"),
    # politicians
    ("Lawmakers said the bill would be amended.", "politician", "Lawmakers", "bill would be amended"),
    ("The senator said the bill would be amended.", "politician", "senator", "bill would be amended"),
    ("Democrats said the bill would raise costs.", "politician", "Democrats", "bill would raise"),
    ("County commissioners said the vote would be delayed.", "politician", "commissioners", "vote would be"),
    ("The candidate said she would cut taxes.", "politician", "candidate", "she would cut taxes"),
    # described people
    ("A resident said the water had been brown for weeks.", "witness", "resident", "water had been brown"),
    ("One voter said the race was too close to call.", "person", "voter", "race was too close"),
    ("Several homeowners said their taxes had doubled.", "person", "homeowners", "taxes had doubled"),
    ("Parents said the school had not warned them.", "person", "Parents", "school had not warned"),
    ("Investors said the sale came as a surprise.", "person", "Investors", "sale came as a surprise"),
    ("His lawyers argued he should serve no time.", "person", "lawyers", "should serve no time"),
    ("A defense attorney said the search was illegal.", "person", "attorney", "search was illegal"),
    (
        "People familiar with the matter said the talks had stalled.",
        "anonymous_official",
        "familiar",
        "talks had stalled",
    ),
    (
        "A senior administration official said the visit was postponed.",
        "anonymous_official",
        "official",
        "visit was postponed",
    ),
    ("Economists said the slowdown would be brief.", "analyst", "Economists", "slowdown would be brief"),
    ("Analysts said the merger would face scrutiny.", "analyst", "Analysts", "merger would face"),
    # documents
    ("The poll found that most voters oppose the plan.", "document", "poll", "most voters oppose"),
    ("The study found that the drug cut deaths by a third.", "document", "study", "drug cut deaths"),
    ("A new Pew survey found that most adults use the app.", "document", "survey", "most adults use"),
    ("Court filings show the firm owed millions to its suppliers.", "document", "filings", "firm owed"),
    ("The lawsuit alleges that the company hid the defect.", "document", "lawsuit", "company hid the defect"),
    ("A Harvard report said the agency had ignored its own rules.", "document", "report", "ignored"),
]


@pytest.mark.parametrize(("text", "kind", "name", "content"), SPEAKERS)
def test_speakers(text: str, kind: str, name: str, content: str) -> None:
    check(text, kind, name, content)


# -- names: the fullest name in the document ---------------------------------------------------

NAMES = [
    ("Bernie Sanders spoke first. Sanders said the plan would fail.", "Bernie Sanders", "plan would fail"),
    (
        "Bernie Sanders told reporters the plan was flawed. He said it would fail badly.",
        "Bernie Sanders",
        "it would fail",
    ),
    (
        "Janet Yellen said rates were high. She added that jobs were still strong.",
        "Janet Yellen",
        "jobs were",
    ),
    (
        "Kevin Cook, a county commissioner, opposed the plan. Cook said the dump had grown too tall.",
        "Kevin Cook",
        "dump had grown",
    ),
    (
        '"It is a scandal," said Rosa Vega. "Nobody has been held to account," Vega added.',
        "Rosa Vega",
        "Nobody has been held",
    ),
    (
        "Acme Corp reported results on Tuesday. The company said sales had risen in every region.",
        "Acme Corp",
        "sales had risen",
    ),
]


@pytest.mark.parametrize(("text", "name", "content"), NAMES)
def test_short_references_take_the_fullest_name(text: str, name: str, content: str) -> None:
    claim = next(c for c in statements(text) if content in c.text)
    assert claim.source.name == name


# -- several statements in one sentence --------------------------------------------------------


def test_two_reporting_verbs_give_two_claims():
    text = "Ella Stone said the plan was sound, adding that the cost had been overstated."
    texts = [c.text for c in statements(text)]
    assert texts == ["the plan was sound", "the cost had been overstated"]


def test_two_speakers_in_one_sentence():
    text = "Ella Stone said the plan was sound, while Mark Reyes said it was a waste of money."
    found = statements(text)
    assert [(c.source.name, c.text) for c in found] == [
        ("Ella Stone", "the plan was sound"),
        ("Mark Reyes", "it was a waste of money"),
    ]


def test_the_claim_covers_the_content_not_the_speaker():
    text = "The bakery will close in May, Ella Stone said."
    (claim,) = statements(text)
    assert claim.text == "The bakery will close in May"
    assert (claim.source.start, claim.source.end) == (text.index("Ella"), text.index(" said"))


# -- no content, no claim -----------------------------------------------------------------------

NEGATIVE = [
    "Ella Stone declined to comment.",
    "The company declined to comment on the lawsuit.",
    "Ella Stone did not say whether she would run again.",
    "A spokesman for the airline did not respond to a request for comment.",
    "Mark Reyes spoke at a rally in Ohio on Saturday.",
    "The so-called said-book affair ended in 1998.",
    "Ella Stone, the said owner of the shop, opened it in 1990.",
    "The mayor met residents on Tuesday.",
    "Ella Stone refused to say how much the deal was worth.",
    "Acme Corp described the sale in its annual report.",
    "The senator published a book about the war last year.",
    "Ella Stone never said a word about the merger.",
    "The company announced a new chief executive.",
    "Reporters asked the governor about the budget.",
    "Voters go to the polls on Tuesday.",
    "Trade between the United States and Canada grew last year.",
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_speech_acts_without_content_are_no_claims(text: str) -> None:
    assert statements(text) == []


# -- one name per organisation (#10.6) ---------------------------------------------------------


def test_an_acronym_the_document_spells_out_takes_that_name():
    text = (
        "The British Ministry of Defence (MoD) said on Monday that the frigate would sail in May. "
        "Later the MoD said that the crew had been told to expect delays."
    )
    names = [c.source.name for c in statements(text)]
    assert names == ["British Ministry of Defence", "British Ministry of Defence"]


def test_an_acronym_takes_its_canonical_name_from_the_lexicon():
    text = "CENTCOM said in a statement that its forces had destroyed two radar sites."
    (claim,) = claimx.extract(text)
    assert (claim.source.name, claim.source.text) == ("U.S. Central Command", "CENTCOM")


def test_a_participle_cue_after_a_paragraph_break():
    text = (
        "The council met on Monday.\n\nCouncilman Ray Ortega welcomed the vote, saying the park "
        "would finally get the lights it needs."
    )
    (claim,) = statements(text)
    assert claim.source.name == "Ray Ortega" and claim.text.startswith("the park would")


def test_according_to_after_a_paragraph_break():
    text = "The bill passed.\n\nAccording to Sen. Mia Hart, the bill adds new money for rural clinics."
    (claim,) = statements(text)
    assert claim.source.name == "Mia Hart" and claim.text.startswith("the bill adds")


def test_and_that_opens_a_second_statement():
    text = "Mayor Tina Brooks said the bridge was safe for traffic, and that the repairs would be finished by May."
    assert [c.text for c in statements(text)] == [
        "the bridge was safe for traffic",
        "the repairs would be finished by May",
    ]


def test_a_list_of_that_clauses_stays_one_statement():
    text = (
        "An analyst told reporters the vote sent two signals: that the party is united, and that "
        "its leader is safe for now."
    )
    assert len(statements(text)) == 1


def test_a_quote_speaker_after_a_long_apposition():
    text = '"The patient is recovering at home," Sen. Laura Finch, the committee\'s ranking member, told the briefing.'
    (claim,) = statements(text)
    assert claim.quote and claim.source.name == "Laura Finch"


def test_an_aside_naming_whose_role_it_is():
    text = "Sen. Laura Finch, the committee's ranking member, said the bill would pass easily."
    check(text, "politician", "Finch", "the bill would pass easily")


def test_a_body_speaks_for_its_owner():
    text = "Mayor Tina Brooks's office said the mayor and her husband were not at home that evening."
    (claim,) = statements(text)
    assert claim.source.name == "Tina Brooks"
    assert claim.text.startswith("the mayor and her husband")


# -- described groups no lexicon knows (#11) --------------------------------------------------

GROUPS = [
    ("Other retail bosses have argued that the tariffs would raise prices.", "bosses", "tariffs would raise"),
    ("Most voters told pollsters the economy was their main worry.", "voters", "economy was their main"),
    (
        "The firm explored a sale of its steel unit, but those talks collapsed, said the people, who "
        "asked not to be named because the matter is private.",
        "the people",
        "those talks collapsed",
    ),
    ("A deal could be signed as early as next month, one of the people said.", "one of the people", "A deal"),
    ("Some argued that the new levy would hurt small farms.", "Some", "levy would hurt"),
]


@pytest.mark.parametrize(("text", "name", "content"), GROUPS)
def test_a_described_group_speaks(text: str, name: str, content: str) -> None:
    check(text, "person", name, content)


def test_a_dash_before_but_ends_the_first_report():
    text = "Many said they were happy with the new stadium — but the parking is a disaster, they said."
    assert [c.text for c in statements(text)] == [
        "they were happy with the new stadium",
        "the parking is a disaster",
    ]


def test_a_plural_subject_that_reports_nothing_is_no_group():
    assert statements("Prices rose sharply in March as the storms closed ports.") == []


# -- the quote flag: a quoted phrase inside reported speech is no quotation (GUIDE) -------------


def test_a_quoted_phrase_inside_reported_speech_is_not_a_quote():
    text = 'Lisa Moreno said the plan would bring "real and lasting change to the valley" within a decade or two at most.'
    (claim,) = statements(text)
    assert not claim.quote and claim.text.startswith("the plan would bring")


def test_a_short_quoted_fragment_is_not_a_quote():
    text = 'Jim Hale, a farmer, says that this kind of thing happens "far too often."'
    (claim,) = statements(text)
    assert not claim.quote and "this kind of thing happens" in claim.text


def test_a_quoted_clause_after_that_is_a_quote():
    text = 'An analyst said the vote sent a message: that the party "is ready to govern the whole country".'
    (claim,) = statements(text)
    assert claim.quote and claim.text == "is ready to govern the whole country"


def test_a_governors_statement_is_about_the_governors_area():
    text = "Kursk Governor Ivan Petrov said that the bridge over the river was safe for traffic again."
    (claim,) = statements(text)
    assert [loc.code for loc in claim.locations] == ["RU-KRS"]


def test_a_reporting_body_reports_its_own_action_without_that():
    (claim,) = statements("The army said it had taken full control of the airport near the border.")
    assert claim.source.kind == "military" and claim.text.startswith("it had taken full control")
    # its bare report about others is a detail of its report, not a statement
    assert statements("The army said air defenses brought down every target over the city.") == []


def test_a_negated_belief_is_a_position_from_its_negation():
    (claim,) = statements("Sen. Mia Hart does not believe that the mill will reopen.")
    assert claim.source.name == "Mia Hart" and claim.text == "does not believe that the mill will reopen"
    (claim,) = statements("The company does not accept that the contract was breached.")
    assert claim.text.startswith("does not accept that")


def test_a_negated_speech_act_still_says_nothing():
    assert statements("Sen. Mia Hart did not say that the mill would reopen.") == []


def test_an_apposition_before_the_cue_opens_with_the_speakers_description():
    text = (
        "Tom Reed of the Green Valley Trust, a conservation group with long experience of the "
        "river basin, said the dam had made the floods worse."
    )
    (claim,) = statements(text)
    assert "Green Valley Trust" in claim.source.text and claim.text == "the dam had made the floods worse"


def test_a_second_cue_of_the_same_speaker_gives_a_second_statement():
    text = (
        "Maria Lopez, who runs the bakery, told reporters she expected prices to rise, and said "
        "the new flour tax was to blame."
    )
    assert [(c.source.name, c.text) for c in statements(text)] == [
        ("Maria Lopez", "she expected prices to rise"),
        ("Maria Lopez", "the new flour tax was to blame"),
    ]


def test_a_quotation_over_sentences_keeps_what_its_count_does_not_say():
    text = (
        '"The gunman killed two people at the store. I have never seen anything like it in this '
        'town," said Ann Cole, a shop owner.'
    )
    claims = claimx.extract(text)
    assert [(c.event, c.text) for c in claims] == [
        ("casualty", "The gunman killed two people at the store"),
        ("statement", "I have never seen anything like it in this town"),
    ]
    assert all(c.quote and c.source.name == "Ann Cole" for c in claims)


def test_a_conflict_reports_quotation_is_its_count():
    text = (
        '"Air defence units destroyed 15 drones over the region. Our crews worked through the '
        'night," the air force said.'
    )
    assert statements(text) == []


def test_to_x_frames_a_view_as_theirs():
    check("To many economists, the rate cut came far too late to help.", "analyst", "economists", "rate cut")
    assert statements("To the north, the river floods every spring.") == []
    assert statements("To be sure, the plan has critics in the valley.") == []


# -- round 2 (session 6) ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, content",
    [
        (
            "Roads were closed. The army said its troops had retaken the river crossing.",
            "its troops had retaken",
        ),
        (
            "The rebels said their fighters had shot down a helicopter near the border.",
            "their fighters had shot",
        ),
        ("The navy said our sailors had boarded the tanker before dawn.", "our sailors had boarded"),
    ],
)
def test_a_report_of_its_own_sides_action_is_a_statement(text, content):
    found = statements(text)
    assert any(content in c.text for c in found), [c.text for c in found]


def test_a_reporting_bodys_bare_speech_about_others_stays_a_detail():
    # no possessive for the speaker: the bare clause about another side is no statement
    assert statements("The army said rebel fighters had retaken the river crossing.") == []


def test_a_coordinated_position_verb_keeps_the_speaker():
    text = "The army said its troops had retaken the river crossing and denied targeting civilians."
    found = statements(text)
    assert [c.text for c in found] == [
        "its troops had retaken the river crossing",
        "denied targeting civilians",
    ]
    assert {c.source.kind for c in found} == {"military"}


def test_a_plural_after_a_second_cue_is_its_object_not_an_inverted_speaker():
    found = statements("Maria Lopez said the tax was unfair and denied blocking reforms.")
    assert all(c.source.text != "blocking reforms" for c in found)


@pytest.mark.parametrize(
    "text, second, name",
    [
        (
            "The union said the offer fell short of its demands, while company executives said talks would resume next week.",
            "talks would resume next week",
            "executives",
        ),
        (
            "Jane Ruiz said the budget was fair, whereas Tom Park said the cuts would hurt schools badly.",
            "the cuts would hurt schools badly",
            "Park",
        ),
    ],
)
def test_a_second_speaker_after_a_joiner_governs_what_follows(text, second, name):
    found = statements(text)
    claim = next((c for c in found if c.text == second), None)
    assert claim is not None, [c.text for c in found]
    assert name in (claim.source.name or claim.source.text)
    assert len(found) == 2


@pytest.mark.parametrize(
    "text, content",
    [
        (
            "According to a study by the county health board, the clinic's waiting times have doubled since 2020.",
            "waiting times have doubled",
        ),
        (
            "According to a survey of 1,500 parents, most families support the later school start.",
            "most families",
        ),
        (
            "According to a report from the city comptroller, bus ridership has fallen 18% in three years.",
            "ridership has fallen 18%",
        ),
    ],
)
def test_according_to_a_document_by_its_author(text, content):
    (claim,) = statements(text)
    assert content in claim.text
    assert claim.source.kind == "document"
    assert "by" not in claim.text.split()[:1]


def test_according_to_a_document_whose_phrase_runs_on_is_no_claim():
    # no comma after the author phrase: the content is not set off from the source
    assert statements("According to a study by the county health board waiting times doubled.") == []


@pytest.mark.parametrize(
    "text, name, content",
    [
        (
            "Economists polled by the Federal Reserve had expected growth of 2.1% in the quarter.",
            "Economists",
            "2.1%",
        ),
        ("Economists expected the central bank to hold rates steady.", "Economists", "hold rates steady"),
        ("Analysts had forecast a quarterly profit of about 40 cents a share.", "Analysts", "40 cents"),
    ],
)
def test_an_expectation_of_a_described_group_is_their_statement(text, name, content):
    (claim,) = statements(text)
    assert content in claim.text
    assert name in (claim.source.name or claim.source.text)


def test_the_agent_of_a_participle_is_not_the_speaker():
    (claim,) = statements(
        "A study commissioned by the Federal Reserve found that rents had risen faster than wages."
    )
    assert claim.source.kind == "document"


def test_an_expectation_with_no_speaker_is_no_claim():
    assert statements("The bill is expected to pass the Senate next week.") == []
