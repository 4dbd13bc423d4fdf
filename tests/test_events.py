"""Value-less attack claims named by a noun with its target ("the strike on X")."""

import claimx


def _events(text: str) -> list:
    return [c for c in claimx.extract(text, published="2025-03-02") if c.event == "attack"]


def test_strike_on_a_target_is_an_attack_claim_placed_at_the_target():
    (claim,) = _events("In a statement on Sunday, Hamas claimed the strike on Ashkelon.")
    assert claim.quantity is None or claim.quantity.value is None
    assert [loc.code for loc in claim.locations] == ["IL-D"]


def test_strike_that_killed_people_is_reported_besides_the_toll():
    claims = claimx.extract(
        "The army said an Israeli air strike on a school in Khan Younis killed 12 people.",
        published="2025-03-02",
    )
    assert {c.event for c in claims} == {"casualty", "attack"}


def test_plural_threat_and_circumstance_are_not_event_claims():
    for text in (
        "Russian strikes on power stations in the Kharkiv region have increased.",
        "Officials warned of the threat of a strike on Odesa.",
        "Four people were injured in the strike on a warehouse in Dnipro.",
    ):
        assert _events(text) == [], text
