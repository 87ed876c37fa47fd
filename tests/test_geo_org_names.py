"""Organisation names: a place in the name is a mention, an adjective opening it is not."""

from __future__ import annotations

import pytest

import according


@pytest.mark.parametrize(
    "sentence",
    [
        "The Central Committee of Sudanese Doctors said seven people were killed.",
        "The United Front called a strike on Monday.",
        "The Northern Alliance denied the report.",
    ],
)
def test_an_adjective_opening_an_organisation_name_is_no_place(sentence):
    assert not according.read(sentence).mentions.places


def test_a_place_naming_an_organisation_is_still_a_mention():
    places = according.read("The Washington Post said the talks had failed.").mentions.places
    assert [p.name for p in places] == ["Washington"]
