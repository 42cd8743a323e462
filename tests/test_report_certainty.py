"""Which countries a report's own words state (helpers.report_certainty), on sentences written for the test."""
from __future__ import annotations

import pandas as pd

from helpers.report_certainty import is_country_stated


def _stated(rows: list[tuple[object, object, object]]) -> list[bool]:
    frame = pd.DataFrame(rows, columns=["location_text", "country", "admin1"])
    return is_country_stated(frame["location_text"], frame["country"], frame["admin1"]).tolist()


def test_a_country_or_province_named_in_the_location_text_is_stated():
    assert _stated([
        ("in Sudan’s North Darfur state", "Sudan", "North Darfur"),  # country, with a curly apostrophe
        ("near Maiduguri, the capital of Borno State", "Nigeria", "Borno"),  # the province only
        ("in the Nigerian town of Gwoza", "Nigeria", "Borno"),  # the country's adjective contains its name
        ("in the village of Bérégadougou, Cascades region", "Burkina Faso", "Cascades"),
    ]) == [True, True, True, True]


def test_a_town_named_alone_or_no_location_text_is_not_stated():
    assert _stated([
        ("in Kafr Nabl", "Syria", "Idlib"),  # the gazetteer placed the town: a lookup, not the text
        (None, "Mali", "Mopti"),  # the place came from the article's main attack
        ("in the north", "Mali", None),
        ("in Kafr Nabl", None, None),
    ]) == [False, False, False, False]


def test_several_countries_or_provinces_joined_count_when_any_is_named():
    assert _stated([("on the border with Chad", "Cameroon;Chad", "Far North")]) == [True]
    # a name of two letters is too easily found inside another word and is not counted
    assert _stated([("in the cemetery", "Mali", "Ce")]) == [False]
