"""ACLED actor classes, inter and interaction codes, and countries.

The expected values are ACLED's, known by hand from its codebook and data (the class of
"Protesters (Kenya)", the interaction code of military vs protesters, the region of
Sudan), not read back from the data files under test.
"""

from __future__ import annotations

import pytest

from according.events.acled_actors import (
    AcledCountry,
    acled_countries,
    acled_country,
    acled_name,
    actor_class,
    actor_country,
    actor_inter,
    class_names,
    classes,
    inter_code,
    interaction,
    iso2_for_country_name,
    primary_class,
)

# ------------------------------------------------------------------ the data file


def _examples() -> list[tuple[str, str, object, str]]:
    out = []
    for cls in classes():
        for kind, patterns in (("acled", cls.acled), ("words", cls.words)):
            for pattern in patterns:
                out.append((cls.name, kind, pattern.regex, pattern.example))
    return out


@pytest.mark.parametrize(("cls", "kind", "regex", "example"), _examples())
def test_every_yaml_example_fires_its_pattern(cls, kind, regex, example):
    found = regex.match(example) if kind == "acled" else regex.search(example)
    assert found, f"{cls} {kind} pattern {regex.pattern!r} misses its example {example!r}"


@pytest.mark.parametrize(
    ("cls", "example"),
    [(c.name, p.example) for c in classes() for p in c.acled],
)
def test_every_acled_example_name_gets_its_own_class(cls, example):
    # ACLED names are tried against every class before any words, so order cannot steal.
    assert actor_class(example) == cls


def test_classes_are_documented_with_template_and_inter_code():
    assert class_names()[:2] == ("external", "private_security")
    assert set(class_names()) >= {
        "military", "police", "government", "protesters", "rioters",
        "unidentified_armed_group", "communal_militia", "ethnic_militia", "rebels",
        "political_militia", "civilians", "private_security", "labour", "external", "gang",
    }  # fmt: skip
    for cls in classes():
        assert 1 <= cls.inter <= 8
        assert "{country}" in cls.template
        assert cls.description
        assert cls.acled and cls.words


def test_classes_are_read_once():
    assert classes() is classes()


# ------------------------------------------------------------------ actor_class


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Military Forces of Syria (2000-)", "military"),
        ("Military Forces of Turkey (2016-) Gendarmerie", "military"),
        ("Military Forces of Brazil (2019-) Military Police", "military"),
        ("Police Forces of India (2014-) Prison Guards", "police"),
        ("Police Forces of the Philippines (2016-)", "police"),
        ("Protesters (Kenya)", "protesters"),
        ("Rioters (India)", "rioters"),
        ("Unidentified Armed Group (Nigeria)", "unidentified_armed_group"),
        ("Civilians (Mali)", "civilians"),
        ("Journalists (Mexico)", "civilians"),
        ("Unidentified Communal Militia (Nigeria)", "communal_militia"),
        ("Unidentified Clan Militia (Somalia)", "communal_militia"),
        ("Al Awad Tribal Militia (Yemen)", "communal_militia"),
        ("Indigenous Militia (Chile)", "communal_militia"),
        ("Fulani Ethnic Militia (Nigeria)", "ethnic_militia"),
        ("Agar Clan Dinka Ethnic Militia (South Sudan)", "ethnic_militia"),
        ("Labour Group (Chile)", "labour"),
        ("Government of Iran (1979-)", "government"),
        ("Private Security Forces (Kenya)", "private_security"),
        ("Unidentified Gang (Mexico)", "gang"),
        ("Los Zetas Gang", "gang"),
        ("Unidentified Gang and/or Police Militia (Brazil)", "political_militia"),
        ("Militia (Pro-Government)", "political_militia"),
        ("Islamist Militia (Libya)", "political_militia"),
        ("Opposition Rebels (Syria)", "rebels"),
        ("Operation Restoring Hope", "external"),
        ("AMISOM: African Union Mission in Somalia (2007-2022)", "external"),
        ("UN: United Nations", "external"),
    ],
)
def test_acled_names(name, expected):
    assert actor_class(name) == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("soldiers", "military"),
        ("the army", "military"),
        ("troops", "military"),
        ("Syrian regime forces", "military"),
        ("Nigerian Army", "military"),
        ("security forces", "military"),
        ("police", "police"),
        ("policemen", "police"),
        ("riot police", "police"),
        ("gendarmes", "police"),
        ("police in Lagos", "police"),
        ("the authorities", "government"),
        ("protesters", "protesters"),
        ("demonstrators", "protesters"),
        ("students", "protesters"),
        ("workers", "labour"),
        ("striking teachers", "labour"),
        ("rioters", "rioters"),
        ("mob", "rioters"),
        ("an angry mob", "rioters"),
        ("gunmen", "unidentified_armed_group"),
        ("unknown gunmen", "unidentified_armed_group"),
        ("armed men", "unidentified_armed_group"),
        ("bandits", "unidentified_armed_group"),
        ("militants", "rebels"),
        ("Islamist militants", "rebels"),
        ("insurgents", "rebels"),
        ("Fulani herdsmen", "ethnic_militia"),
        ("clan militiamen", "communal_militia"),
        ("vigilantes", "communal_militia"),
        ("militiamen", "political_militia"),
        ("gang members", "gang"),
        ("security guards", "private_security"),
        ("mercenaries", "private_security"),
        ("Israeli settlers", "political_militia"),
        ("anti-government protesters", "protesters"),
        ("UN peacekeepers", "external"),
        ("villagers", "civilians"),
        ("civilians", "civilians"),
        ("residents", "civilians"),
        ("a man", "civilians"),
        ("woman", "civilians"),
        ("farmers", "civilians"),
        ("SOLDIERS", "military"),
        ("  unknown   gunmen ", "unidentified_armed_group"),
    ],
)
def test_text_words(words, expected):
    assert actor_class(words) == expected


@pytest.mark.parametrize(
    "name",
    [
        "Taliban",
        "Al Shabaab",
        "Islamic State (Syria)",
        "Hezbollah",
        "PKK: Kurdistan Workers Party",
        "NAF: United Armed Forces of Novorossiya",  # "Armed Forces" inside a proper name
        "QSD: Syrian Democratic Forces",
        "Boko Haram militants",
        "al-Shabaab militants",
        "Donbass People's Militia",
        "Children of Fire",  # an anarchist group, not children
        "Sharqiya Army",
        "",
        "   ",
    ],
)
def test_named_organisations_have_no_class(name):
    assert actor_class(name) is None


def test_primary_class_puts_labour_behind_protesters():
    # ACLED: "Protesters (Chile)" with "Labour Group (Chile)" as associated actor.
    assert primary_class("labour") == "protesters"
    assert primary_class("military") == "military"
    assert primary_class("no-such-class") == "no-such-class"


# ------------------------------------------------------------------ acled_name


@pytest.mark.parametrize(
    ("cls", "country", "expected"),
    [
        ("military", "SY", "Military Forces of Syria"),
        ("military", "Syria", "Military Forces of Syria"),
        ("police", "PH", "Police Forces of the Philippines"),
        ("police", "India", "Police Forces of India"),
        ("military", "CD", "Military Forces of the Democratic Republic of Congo"),
        ("military", "US", "Military Forces of the United States"),
        ("government", "IR", "Government of Iran"),
        ("protesters", "KE", "Protesters (Kenya)"),
        ("protesters", "PH", "Protesters (Philippines)"),
        ("protesters", "Côte d'Ivoire", "Protesters (Ivory Coast)"),
        ("rioters", "in", "Rioters (India)"),
        ("unidentified_armed_group", "NGA", "Unidentified Armed Group (Nigeria)"),
        ("civilians", "ML", "Civilians (Mali)"),
        ("civilians", "Swaziland", "Civilians (eSwatini)"),
        ("labour", "CL", "Labour Group (Chile)"),
        ("private_security", "KE", "Private Security Forces (Kenya)"),
        ("communal_militia", "NG", "Unidentified Communal Militia (Nigeria)"),
        ("ethnic_militia", "NG", "Unidentified Communal Militia (Nigeria)"),
        ("civilians", "Atlantis", "Civilians (Atlantis)"),
        ("civilians", None, "Civilians"),
        ("military", None, "Military Forces"),
    ],
)
def test_acled_name(cls, country, expected):
    assert acled_name(cls, country) == expected


def test_acled_name_with_an_ethnicity():
    assert acled_name("ethnic_militia", "NG", group="Fulani") == "Fulani Ethnic Militia (Nigeria)"


def test_acled_name_of_an_unknown_class_is_an_error():
    with pytest.raises(KeyError, match="unknown actor class"):
        acled_name("pirates", "SO")


def test_acled_name_classes_back_to_its_class():
    for cls in ("military", "police", "government", "protesters", "rioters", "civilians"):
        assert actor_class(acled_name(cls, "NG")) == cls


# ------------------------------------------------------------------ inter codes


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("military", 1),
        ("police", 1),
        ("government", 1),
        ("rebels", 2),
        ("political_militia", 3),
        ("unidentified_armed_group", 3),
        ("gang", 3),
        ("communal_militia", 4),
        ("ethnic_militia", 4),
        ("rioters", 5),
        ("protesters", 6),
        ("labour", 6),
        ("civilians", 7),
        ("external", 8),
        ("private_security", 8),
        # the registry's actor_type values (data/actors.csv, events/extract.py)
        ("state_forces", 1),
        ("political_party", 3),
        ("international", 8),
        ("opposition", 0),
        ("civil_society", 0),
        # record kinds, ACLED's own labels, digits
        ("state", 1),
        ("Rebel group", 2),
        ("Identity militia", 4),
        ("External/Other forces", 8),
        ("6", 6),
        ("9", 0),
        ("news_agency", 0),
        ("", 0),
        (None, 0),
    ],
)
def test_inter_code(value, expected):
    assert inter_code(value) == expected


@pytest.mark.parametrize(
    ("inter1", "inter2", "expected"),
    [
        (1, 6, 16),
        (6, 1, 16),  # smallest first, whatever the order of actor1 and actor2
        (7, 3, 37),
        (1, 1, 11),
        (8, 7, 78),
        (6, 0, 60),  # one-sided: the actor's code, then 0
        (0, 2, 20),
        (8, 0, 80),
        (0, 0, 0),
    ],
)
def test_interaction(inter1, inter2, expected):
    assert interaction(inter1, inter2) == expected


def test_interaction_with_one_argument_is_one_sided():
    assert interaction(5) == 50


@pytest.mark.parametrize(
    ("name", "event_country", "expected"),
    [
        ("Military Forces of Turkey (2016-)", "Syria", 8),  # state forces abroad
        ("Military Forces of Turkey (2016-)", "TR", 1),
        ("Military Forces of Turkey (2016-)", None, 1),
        ("Military Forces of the United States (2017-)", "Iraq", 8),
        ("Police Forces of India (2014-) Prison Guards", "India", 1),
        ("Protesters (Kenya)", "Kenya", 6),
        ("Taliban", "Afghanistan", 2),  # named: the registry's actor_type
        ("PKK: Kurdistan Workers Party", "Iraq", 2),
        ("Houthis", "Yemen", 1),
        ("Rouvikonas", "Greece", 0),  # unknown to both: no code rather than a guess
    ],
)
def test_actor_inter(name, event_country, expected):
    assert actor_inter(name, event_country) == expected


def test_actor_country_reads_acled_state_names():
    assert actor_country("Military Forces of the Democratic Republic of Congo (2019-)") == "CD"
    assert actor_country("Police Forces of Brazil (2019-) Civil Police") == "BR"
    assert actor_country("Government of Iran (1979-)") == "IR"
    assert actor_country("Protesters (Kenya)") is None


# ------------------------------------------------------------------ countries


@pytest.mark.parametrize(
    ("iso2", "expected"),
    [
        ("CD", AcledCountry("CD", "COD", 180, "Democratic Republic of Congo", "Middle Africa")),
        ("CG", AcledCountry("CG", "COG", 178, "Republic of Congo", "Middle Africa")),
        ("CI", AcledCountry("CI", "CIV", 384, "Ivory Coast", "Western Africa")),
        ("SZ", AcledCountry("SZ", "SWZ", 748, "eSwatini", "Southern Africa")),
        ("PS", AcledCountry("PS", "PSE", 275, "Palestine", "Middle East")),
        ("MM", AcledCountry("MM", "MMR", 104, "Myanmar", "South-Eastern Asia")),
        ("RU", AcledCountry("RU", "RUS", 643, "Russia", "Europe")),
        ("SY", AcledCountry("SY", "SYR", 760, "Syria", "Middle East")),
        ("IR", AcledCountry("IR", "IRN", 364, "Iran", "Middle East")),
        ("US", AcledCountry("US", "USA", 840, "United States", "North America")),
        ("XK", AcledCountry("XK", "XKX", 0, "Kosovo", "Europe")),
        ("IN", AcledCountry("IN", "IND", 356, "India", "Southern Asia")),
        ("AF", AcledCountry("AF", "AFG", 4, "Afghanistan", "Caucasus and Central Asia")),
        ("SD", AcledCountry("SD", "SDN", 729, "Sudan", "Northern Africa")),
        ("MX", AcledCountry("MX", "MEX", 484, "Mexico", "Central America")),
        ("ZW", AcledCountry("ZW", "ZWE", 716, "Zimbabwe", "Southern Africa")),
        ("TR", AcledCountry("TR", "TUR", 792, "Turkey", "Middle East")),
        ("HT", AcledCountry("HT", "HTI", 332, "Haiti", "Caribbean")),
        ("CN", AcledCountry("CN", "CHN", 156, "China", "East Asia")),
        ("AU", AcledCountry("AU", "AUS", 36, "Australia", "Oceania")),
    ],
)
def test_acled_country(iso2, expected):
    assert acled_country(iso2) == expected


def test_acled_country_is_case_insensitive_and_none_when_unknown():
    assert acled_country("sy") == acled_country("SY")
    assert acled_country("ZZ") is None
    assert acled_country("") is None


def test_every_country_has_one_acled_region():
    regions = {
        "Western Africa", "Middle Africa", "Eastern Africa", "Southern Africa",
        "Northern Africa", "Middle East", "Southern Asia", "South-Eastern Asia",
        "East Asia", "Caucasus and Central Asia", "Europe", "North America",
        "Central America", "South America", "Caribbean", "Oceania", "Antarctica",
    }  # fmt: skip
    countries = acled_countries()
    assert len(countries) > 240
    assert len({c.iso2 for c in countries}) == len(countries)
    assert {c.region for c in countries} == regions


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Democratic Republic of Congo", "CD"),
        ("Republic of Congo", "CG"),
        ("DRC", "CD"),
        ("Ivory Coast", "CI"),
        ("Côte d'Ivoire", "CI"),
        ("COTE D’IVOIRE", "CI"),
        ("eSwatini", "SZ"),
        ("Swaziland", "SZ"),
        ("Palestine", "PS"),
        ("Myanmar", "MM"),
        ("Burma", "MM"),
        ("Russia", "RU"),
        ("Russian Federation", "RU"),
        ("Syria", "SY"),
        ("Iran", "IR"),
        ("United States", "US"),
        ("the United States", "US"),
        ("USA", "US"),
        ("Kosovo", "XK"),
        ("Czech Republic", "CZ"),
        ("Türkiye", "TR"),
        ("Timor-Leste", "TL"),
        ("IRQ", "IQ"),
        ("Atlantis", None),
        ("", None),
    ],
)
def test_iso2_for_country_name(name, expected):
    assert iso2_for_country_name(name) == expected
