"""A province the figure's own sentences name outright wins over the article's.

News names an attack's province where it tells the attack ("gunmen killed nine in a village in Zamfara state"); the
article's other provinces (the lede's, a city in a recalled attack, a landmark a distance is measured from) say
less about that figure than its own sentence does. So once the learned choice (helpers.attack_place) has picked a
province, a single province its own sentences name as itself, in the chosen country, replaces it, unless those
sentences also place the attack at a town in the chosen province ("in Kano city, ... Kano state" agrees anyway;
"in Maiduguri, near the border of Yobe state" keeps Borno).
"""
from __future__ import annotations

from helpers import attack_place, place_context
from helpers.annotate.figure_provinces import is_away_place

# precisions that place an attack at a point or district inside a province
_POINT_PRECISIONS = ("place", "near_place", "admin2")


def own_named_province(text: str, choices: list, country: str | None) -> str | None:
    """Return the one province (admin1) the event's own location phrases name as itself in `country`, or None when
    they name none or several. `choices` are the rules' (is_own, PlaceChoice) pairs. A phrase telling where people
    came from or went ("from X province") or a landmark a distance is measured from does not count."""
    if not country:
        return None
    named = set()
    for is_own, choice in choices:
        admin1 = choice.fields.get("admin1")
        if (not is_own or choice.precision != "admin1" or not admin1 or ";" in admin1
                or choice.fields.get("country") != country or choice.rank[1] or choice.start < 0):
            continue
        if attack_place.is_reference(text, choice.start, choice.end) or is_away_place(text, choice.start, choice.end):
            continue  # a landmark; the hospital the wounded were taken to, a speaker's seat
        if not place_context.is_known_admin1(admin1, country):
            continue  # 'the X region' where X is no province of the country: an area, not its province
        named.add(admin1)
    return next(iter(named)) if len(named) == 1 else None


def with_own_province(text: str, choices: list, place):
    """Return `place` (a PlaceChoice) moved to the province its event's own sentences name (own_named_province),
    keeping it when it is already there, when no single province is named, or when the own sentences put the attack
    at a town or district of the chosen province."""
    if place is None or place.precision == "region":
        return place
    country, chosen = place.fields.get("country"), place.fields.get("admin1")
    if not country:
        return place
    if ";" in country or ";" in (chosen or ""):
        # a place the index holds in several provinces or countries: the one province the own sentences name in
        # one of them says which
        named = {(one, own_named_province(text, choices, one)) for one in country.split(";")}
        named = {pair for pair in named if pair[1]}
        if len(named) != 1:
            return place
        (country, province), chosen = next(iter(named)), None
    else:
        province = own_named_province(text, choices, country)
    if province is None or province == chosen:
        return place
    if chosen and any(is_own and choice.precision in _POINT_PRECISIONS and not choice.rank[1]
                      and choice.fields.get("country") == country and choice.fields.get("admin1") == chosen
                      for is_own, choice in choices):
        return place  # its own sentence names a town of the chosen province too
    there = [choice for is_own, choice in choices if is_own and choice.fields.get("country") == country
             and choice.fields.get("admin1") == province and not choice.rank[1]]
    return min(there, key=lambda choice: choice.rank)
