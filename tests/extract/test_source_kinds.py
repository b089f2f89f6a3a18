"""What a source is: from the knowledge base, else from its form (`source_forms` of the attribution
lexicon), each form with an example it types and counter-examples it must not type so."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pytest
from tests.extract.test_attribution import mentions

from tidings.pipeline import Extractor

LEXICON = resources.files("tidings") / "knowledge" / "lexicon" / "attribution.json"
FORMS: dict[str, Any] = {
    name: table
    for name, table in json.loads(LEXICON.read_text(encoding="utf-8"))["source_forms"].items()
    if isinstance(table, dict)
}
KINDS = {"state_media", "public_media", "media", "channel", "document", "government", "official"}
KINDS |= {"witness", "anonymous", "organization", "person"}


def kinds(extractor: Extractor, text: str) -> list[str]:
    return [m.attribution.kind for m in mentions(extractor, text) if m.attribution and not m.nested]


@pytest.mark.parametrize("name", sorted(FORMS))
def test_a_form_types_its_example_and_not_its_counter_examples(extractor: Extractor, name: str) -> None:
    table = FORMS[name]
    assert table["kind"] in KINDS and table["words"] and table["counter"]
    assert kinds(extractor, table["example"]) == [table["kind"]], table["example"]
    for counter in table["counter"]:
        assert table["kind"] not in kinds(extractor, counter), counter


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # channels, outlets and bodies are not persons
        ("A Telegram channel close to the Wagner group said that 20 fighters were killed.", "channel"),
        ("The Telegram channel Rybar reported that the bridge was hit.", "channel"),
        ("Posts on Facebook said the airport was closed.", "channel"),
        ("Belarusian media reported that 40 prisoners were released.", "media"),
        ("State media said the army had retaken the town.", "state_media"),
        ("The ministry said that the talks had failed.", "government"),
        ("The Defence Ministry said the drones were shot down.", "government"),
        ("The army said it had killed five militants.", "government"),
        ("The committee said that the vote was delayed.", "organization"),
        ("The opposition said that the election was rigged.", "organization"),
        ("The rights group said 20 people were detained.", "organization"),
        ("Human Rights Watch said the detainees were tortured.", "organization"),
        ("The UN said the aid convoy was attacked.", "organization"),
        ("The report said that 30 civilians died.", "document"),
        ("The newspaper reported that the minister resigned.", "media"),
        ("Belta reported that the prisoners were freed.", "state_media"),
        # and persons, officials, witnesses stay what they are
        ("The spokesman said the border was closed.", "official"),
        ("Officials said the road was closed.", "official"),
        ("Analysts said the deal would hold.", "person"),
        ("Doctors said the wounded included children.", "person"),
        ("The blogger said the convoy was hit.", "person"),
        ("Sviatlana Tsikhanouskaya said the prisoners must be freed.", "person"),
        ("Witnesses said troops fired on the crowd.", "witness"),
        # a word of a medium's name that is no name: "independent" is not The Independent
        ("Independent outlets reported that the protesters were beaten.", "media"),
    ],
)
def test_source_kinds(extractor: Extractor, text: str, kind: str) -> None:
    assert kinds(extractor, text) == [kind]


def test_a_medium_is_named_only_by_a_name(extractor: Extractor) -> None:
    (found,) = mentions(extractor, "Independent outlets reported that the protesters were beaten.")
    assert found.attribution is not None and found.attribution.name == "Independent outlets"
    (found,) = mentions(extractor, "The Independent reported that the protesters were beaten.")
    assert found.attribution is not None and found.attribution.name == "The Independent"
