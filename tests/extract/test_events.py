"""Rules of event coding, each on a sentence written for the test (not from any gold set)."""

from __future__ import annotations

from datetime import date

import pytest

PUBLISHED = date(2025, 12, 13)  # a Saturday


def _types(run, text: str) -> list[str]:
    return [e.event_type for e in run(text, published=PUBLISHED).events]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # done acts vs promises, per the codebook: a promise to act is AGREE, a threat THREATEN
        ("The junta released 40 political prisoners on Monday.", ["RETREAT"]),
        ("The junta said it would release 40 political prisoners.", ["AGREE"]),
        ("The army is ready to withdraw its troops from the border town.", ["AGREE"]),
        ("The general said his forces will attack the rebel town.", ["THREATEN"]),
        ("The union will strike unless the government raises wages.", ["THREATEN"]),
        # a negated promise is a rejection
        ("The minister said Italy would not send troops to the mission.", ["REJECT"]),
        # an obligation stated by a speaker is a request to the obliged
        ("The foreign minister said the junta must free the detained journalists.", ["REQUEST"]),
        # disasters and accidents are not political events
        ("A powerful earthquake killed at least 300 people in the east.", []),
        ("Dozens of villagers were killed in floods after days of rain.", []),
        # background events give way to the sentence's main event
        ("Police arrested twelve men after rebels attacked a checkpoint.", ["COERCE"]),
    ],
)
def test_event_types(run, text: str, expected: list[str]) -> None:
    assert _types(run, text) == expected


def test_obligation_recipient_is_the_obliged(run) -> None:
    event = run("Russia said Sudan must return the captured helicopter.", published=PUBLISHED).events[0]
    assert [a.country for a in event.actors] == ["RUS"]
    assert [r.country for r in event.recipients] == ["SDN"]


@pytest.mark.parametrize(
    ("text", "day", "value"),
    [
        ("Rebels attacked an army base on Tuesday.", date(2025, 12, 9), "2025-12-09"),
        ("Rebels attacked an army base on December 2.", date(2025, 12, 2), "2025-12-02"),
        ("Rebels attacked an army base last week.", None, "2025-W49"),
        ("Rebels attacked an army base.", PUBLISHED, None),
        # the time of the trigger's own clause, not another verb's: the report's day is the saying's
        ("Police said on Tuesday that rebels attacked an army base last week.", None, "2025-W49"),
        (
            "Police said on Tuesday that rebels attacked an army base on December 2.",
            date(2025, 12, 2),
            "2025-12-02",
        ),
        # where the trigger's clause names no time, the nearest day of the sentence is the best there is
        ("Police said on Tuesday that rebels attacked an army base.", date(2025, 12, 9), "2025-12-09"),
    ],
)
def test_event_dates(run, text: str, day: date | None, value: str | None) -> None:
    event = run(text, published=PUBLISHED).events[0]
    assert (event.date, event.date_value) == (day, value)


def test_certainty_and_attribution(run) -> None:
    events = run("Troops reportedly shelled the village, according to Reuters.", published=PUBLISHED).events
    assert events[0].certainty == "reported"
    assert events[0].attribution is not None and events[0].attribution.kind == "media"


def test_negated_past_event_is_marked(run) -> None:
    event = run("The army did not withdraw from the town.", published=PUBLISHED).events[0]
    assert event.certainty == "negated"


def test_capital_is_a_government(run) -> None:
    event = run("Minsk expelled two Lithuanian diplomats on Friday.", published=PUBLISHED).events[0]
    actor = event.actors[0]
    assert (actor.country, actor.sector, actor.resolution.method if actor.resolution else None) == (
        "BLR",
        "GOV",
        "capital_metonym",
    )
    assert [r.country for r in event.recipients] == ["LTU"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a demand voiced by protesters is what the protest is for, not a second event
        ("Thousands of farmers marched through the capital demanding lower fuel prices.", ["PROTEST"]),
        ("Students staged rallies outside parliament, saying the minister must resign.", ["PROTEST"]),
        # a refusal to act is a rejection, and so is a failure to agree
        ("The cabinet refused to respond to the union's demand.", ["REJECT"]),
        ("The two delegations failed to reach agreement on the border.", ["REJECT"]),
        # an authority's order of a measure is the measure
        ("The interior ministry ordered two opposition newspapers to suspend publication.", ["COERCE"]),
        ("The regional government ordered police patrols in the border districts.", ["MOBILIZE"]),
        # military postures, concessions by permission, attacks on positions
        ("Government troops remained on high alert along the frontier.", ["MOBILIZE"]),
        ("The election commission allowed the exiled opposition leader to run for president.", ["CONCEDE"]),
        ("Artillery units shelled rebel positions outside the town.", ["ASSAULT"]),
        # an act wanted of another is a request of them; evidence against someone is an accusation
        ("The prime minister wants the rebels to lay down their weapons.", ["REQUEST"]),
        ("Prosecutors presented evidence against the former army chief.", ["ACCUSE"]),
        ("Militia fighters engaged border guards in a firefight near the crossing.", ["ASSAULT"]),
        # a concession promised is still a concession (codebook: CONCEDE + future stays CONCEDE)
        ("The junta said it would ease restrictions on foreign journalists.", ["CONCEDE"]),
    ],
)
def test_protest_demands_and_refusals(run, text: str, expected: list[str]) -> None:
    assert _types(run, text) == expected


@pytest.mark.parametrize(
    ("text", "actor", "recipient"),
    [
        # what is given or moved is a thing; the recipient is where or to whom it goes
        ("Kenya sent 400 police officers to Haiti on Monday.", "KEN", "HTI"),
        ("Ghana announced the deployment of 300 troops to Mali.", "GHA", "MLI"),
        ("Norway has shared evidence with Sweden about the sabotage.", "NOR", "SWE"),
        # "is willing to": the subject of the copula is the actor
        ("Chile says it is willing to withdraw its troops from Peru.", "CHL", "PER"),
        # a thing acted on brings its owner or counterpart when no one else is named
        ("Poland demanded an apology by Moscow for the killings.", "POL", "RUS"),
        ("Turkey refused to commit to any direct assistance to the Iraqi army.", "TUR", "IRQ"),
        ("Albania condemned the crackdown by Serbian police on the protesters.", "ALB", "SRB"),
        # a threat's recipient is the one who must meet its condition
        ("Ghana threatened to close the border unless Togo hands over the suspects.", "GHA", "TGO"),
        ("Iran threatened to resume enrichment if France keeps the sanctions.", "IRN", "FRA"),
    ],
)
def test_recipients_of_transfers(run, text: str, actor: str, recipient: str) -> None:
    event = run(text, published=PUBLISHED).events[0]
    assert [a.country for a in event.actors] == [actor]
    assert recipient in [r.country for r in event.recipients]


def test_people_take_the_country_of_the_place_they_are_in(run) -> None:
    event = run("Demonstrators in Baghdad blocked the main bridge on Tuesday.", published=PUBLISHED).events[0]
    assert [(a.text, a.country) for a in event.actors] == [("Demonstrators in Baghdad", "IRQ")]


def test_a_person_takes_the_country_of_an_apposition(run) -> None:
    text = "Anna Kowalska, Poland's best-known rights activist, began a hunger strike on Monday."
    event = run(text, published=PUBLISHED).events[0]
    assert [(a.text, a.country) for a in event.actors] == [("Anna Kowalska", "POL")]


def _recode_rules() -> list[dict[str, object]]:
    import json
    from importlib import resources

    path = resources.files("tidings") / "knowledge" / "lexicon" / "recode.json"
    rules = json.loads(path.read_text(encoding="utf-8"))["rules"]
    assert isinstance(rules, list)
    return rules


@pytest.mark.parametrize("rule", _recode_rules(), ids=lambda r: str(r["id"]))
def test_recode_rule_examples(run, rule: dict[str, object]) -> None:
    """Each recode rule's own example sentence comes out with the rule's type and CAMEO code."""
    sentence = str(rule["example"]).split(" -> ")[0]
    coded = {(e.event_type, e.cameo) for e in run(sentence, published=PUBLISHED).events}
    assert (rule["type"], rule["cameo"]) in coded, coded


@pytest.mark.parametrize(
    ("rule", "sentence"),
    [(r, c) for r in _recode_rules() for c in r.get("counter", ())],  # type: ignore[attr-defined]
    ids=lambda x: str(x["id"]) if isinstance(x, dict) else str(x)[:40],
)
def test_recode_rule_counter_examples(run, rule: dict[str, object], sentence: str) -> None:
    """A recode rule's counter-examples do not come out with the rule's type and CAMEO code."""
    coded = {(e.event_type, e.cameo) for e in run(sentence, published=PUBLISHED).events}
    assert (rule["type"], rule["cameo"]) not in coded, coded


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        # fire from a weapon or a named army is an attack, not a natural cause, and names the attacker
        ("Four children were killed in Russian artillery fire near Kharkiv.", "RUS"),
        ("Two farmers were wounded by Indian tank fire on Monday.", "IND"),
    ],
)
def test_harm_by_armed_fire(run, text: str, actor: str) -> None:
    events = run(text, published=PUBLISHED).events
    assert [(e.event_type, [a.country for a in e.actors]) for e in events] == [("ASSAULT", [actor])]


def test_fire_alone_is_no_attack(run) -> None:
    assert run("A fire killed twelve people in a market in Lagos.", published=PUBLISHED).events == ()


def test_an_act_named_twice_is_one_event(run) -> None:
    # "killed ... when rebels ambushed": one attack, by the rebels, on the people killed
    events = run(
        "Six soldiers were killed on Sunday when Tuareg rebels ambushed an army convoy near Kidal.",
        published=PUBLISHED,
    ).events
    assert [e.event_type for e in events] == ["ASSAULT"]
    assert events[0].actors and events[0].actors[0].text == "Tuareg rebels"


def test_adjectives_name_the_sector_of_people_and_holdings_not_of_acts(run) -> None:
    attack = run("Rebels attacked a military base near Gao.", published=PUBLISHED).events[0]
    assert [r.sector for r in attack.recipients] == ["MIL"]
    # an act is no actor: the threatened party is the one named after it
    boycott = run("The rebels said they would boycott all official contact with Mali.", published=PUBLISHED)
    assert [r.country for r in boycott.events[0].recipients] == ["MLI"]


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # a people whose homeland lies in one state belongs to it, "ethnic" or not
        ("Chechen fighters ambushed a police convoy.", "RUS"),
        ("Police detained dozens of ethnic Uighurs in Kashgar.", "CHN"),
    ],
)
def test_peoples_of_one_state(run, text: str, country: str) -> None:
    event = run(text, published=PUBLISHED).events[0]
    assert country in [a.country for a in (*event.actors, *event.recipients)]


def test_soldiers_positions_are_attacked_by_force_and_policies_by_words(run) -> None:
    assert _types(run, "Rebels attacked army positions near the border.") == ["ASSAULT"]
    assert _types(run, "The senator attacked the president's position on trade.") == ["ACCUSE"]


@pytest.mark.parametrize(
    "text",
    [
        # a storm named by its kind is a natural cause; "running water" is no riot
        "Cyclone Larry hit the coast on Monday, leaving towns without running water.",
        "Thousands of people have been displaced or affected by flooding.",
        "The premier declared a state of emergency after the cyclone.",
        # in a story of a disaster, harm that nobody is said to have done is the disaster's
        "Floods swept through the north of the country on Sunday.\n\n"
        "Bridges and dams have been destroyed and more than 300 people were killed.",
    ],
)
def test_disasters_are_no_political_events(run, text: str) -> None:
    assert _types(run, text) == []


def test_fighting_in_a_disaster_story_is_still_an_event(run) -> None:
    text = (
        "Floods swept through the north of the country on Sunday.\n\n"
        "Police clashed with villagers who blocked a highway, and two men were shot dead by police."
    )
    assert "ASSAULT" in _types(run, text)


@pytest.mark.parametrize(
    ("text", "maker"),
    [
        # the noun of answering before "to" governs the accusation as its verb does (triggers._noun_governor)
        ("In response to Cardona's allegations, the armed forces accused him of desertion.", "Cardona"),
        ("The campaign responded in a statement in response to Sanders' charge of bias.", "Sanders"),
        ("It was his sharpest reply to Republican criticism of his strategy.", "Republican"),
    ],
)
def test_an_accusation_answered_by_a_noun_was_made(run, text: str, maker: str) -> None:
    made = [e for e in run(text, published=PUBLISHED).events if e.rule == "accusation.answered"]
    assert made and made[0].event_type == "ACCUSE"
    assert any(maker in a.text for a in made[0].actors)


def test_a_response_to_a_claim_that_is_no_accusation_is_none(run) -> None:
    # counter-examples: an insurance claim answered, and a response to something that is not a charge
    for text in (
        "The insurer's response to the claim for flood damage came a month later.",
        "In response to the earthquake, the government sent troops to the region.",
    ):
        assert not [e for e in run(text, published=PUBLISHED).events if e.event_type == "ACCUSE"]


@pytest.mark.parametrize(
    ("text", "trigger", "certainty"),
    [
        # a conjoined verb with no auxiliary of its own shares its first conjunct's (certainty._auxiliaries,
        # tense_of): what is to come, or only possible, stays so
        (
            "Officials said they will tackle smuggling and close down 25 illegal border crossings.",
            "close",
            "promised",
        ),
        ("Espinoza would either be killed or handed over to the authorities.", "handed", "hypothetical"),
        # counter-example: acts done, joined, stay done
        ("Soldiers stormed the building and detained three men on Monday.", "detained", "asserted"),
    ],
)
def test_a_conjoined_verb_shares_its_first_conjuncts_time_and_mood(
    run, text: str, trigger: str, certainty: str
) -> None:
    found = {e.evidence.trigger: e.certainty for e in run(text, published=PUBLISHED).events}
    assert found.get(trigger) == certainty, found


@pytest.mark.parametrize(
    ("text", "role", "country"),
    [
        # class: a country's name with one slip, standing alone, is that country ("Ethopia's emir")
        ("Ethopia's emir condemned the attack on Monday.", "actors", "ETH"),
        ("The Afganistan government condemned the attack on Monday.", "actors", "AFG"),
        ("Paraguays President condemned the attack on Monday.", "actors", "PRY"),
        # counter-examples: a word of a person's name (the parser's) is not a country's typo
        ("Gonzalez fatally shot Angela Hernandez at a hiking trail on Sunday.", "recipients", None),
        ("NPR host David Greene criticized the senator on Monday.", "actors", None),
        # ... nor is a place's own name the gazetteer knows ("Columbia": South Carolina's, Missouri's)
        ("The District of Columbia sued the company on Monday.", "actors", None),
    ],
)
def test_a_persons_or_a_places_name_is_no_misspelled_country(
    run, text: str, role: str, country: str | None
) -> None:
    event = run(text, published=PUBLISHED).events[0]
    assert [a.country for a in getattr(event, role)][:1] == [country]


def test_a_fragment_of_one_or_two_words_reports_no_act(run) -> None:
    """Lines of a page that are no sentences (a byline's name, a heading, a list's item, "He says") get no
    event, neither from a rule nor from the judge, while the sentences around them keep theirs."""
    text = (
        "Police arrested two opposition leaders in the capital on Monday. [Vox] \n"
        "-Maria Lopez looks at whether polls can predict referendums. [Vox] \n"
        "-Paul Smith asks what the polls missed. [NYT]\n"  # the parser cuts "-Paul" off as a sentence
        "MOVING\nHe says\nClinton:\n"
        "The army attacked the rebel town on Tuesday."
    )
    events = run(text, published=date(2016, 5, 4)).events
    assert sorted(e.event_type for e in events) == ["ASSAULT", "COERCE"]
    assert all(len(e.evidence.sentence.split()) > 2 for e in events)


@pytest.mark.parametrize(
    ("text", "actor", "recipient"),
    [
        # a headline's passive without "was": the subject is whom the act is done to
        ("Jackson arrested on DUI charge", "", "Jackson"),
        ("Chargers' Jamal Williams arrested on DUI suspicion", "", "Chargers' Jamal Williams"),
        ("Police officer shot in Dallas", "", "Police officer"),
        # counter-examples: an object, a passive with "was", a verb news uses without an object, a
        # sentence that ends with a full stop
        ("Police arrested two men on Monday.", "Police", "two men"),
        ("Rebels attacked at dawn", "Rebels", None),
        ("Jackson arrested the two men on Monday", "Jackson", "the two men"),
    ],
)
def test_a_headline_passive_without_was(run, text: str, actor: str, recipient: str | None) -> None:
    events = [e for e in run(text).events if e.event_type in ("COERCE", "ASSAULT")]
    assert len(events) == 1
    assert [a.text for a in events[0].actors if a.text] == ([actor] if actor else [])  # not implicit ones
    assert [a.text for a in events[0].recipients] == ([recipient] if recipient else [])
