"""Seeded generator of benchmark corpora: articles and mentions with the variety of real conflict reporting.

Nothing here is committed in bulk: corpora are generated on demand from templates written for the benchmark
(patterns of wire copy: a lede with a toll, an attributed breakdown, a perpetrator claim, a background attack,
a war-wide total, filler paragraphs) and places drawn from the shipped gazetteer.
"""
from __future__ import annotations

import csv
import random
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
    """Generate mentions (and their articles) as annotate would write them: events reported 1-5 times."""
    from helpers.schemas import MENTIONS_COLUMNS

    rng = random.Random(seed)
    places = gazetteer_places()
    base = date(2014, 1, 1)
    rows, articles = [], {}
    event = 0
    perpetrators = ["Islamic State", "Syrian government forces", "Pro-government militia", ""]
    targets = ["Syrian government forces", "National Defence Forces", "Civilians", "Pro-government militia"]
    source_pool = [("Syrian Observatory for Human Rights", "monitor"), ("activists", "activists"),
                   ("SANA", "government"), ("", "unattributed"), ("Islamic State", "perpetrator_claim")]
    while len(rows) < n_mentions:
        event += 1
        name, admin1, latitude, longitude = rng.choice(places)
        day = base + timedelta(days=rng.randrange(0, 3650))
        perpetrator, target = rng.choice(perpetrators), rng.choice(targets)
        killed = rng.randrange(1, 80)
        for report in range(rng.randrange(1, 6)):
            article_id = f"bench-{len(articles):07d}"
            published = day + timedelta(days=rng.randrange(0, 120))
            articles[article_id] = {"article_id": article_id, "published": published.isoformat()}
            source, source_type = rng.choice(source_pool)
            precision = rng.choice(["day", "day", "day", "month", "unknown"])
            start = end = day
            if precision == "month":
                start = day.replace(day=1)
                end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
            row = dict.fromkeys(MENTIONS_COLUMNS, None)
            row.update({
                "mention_id": f"{article_id}-m01", "article_id": article_id, "role": "main" if report == 0 else
                rng.choice(["main", "background"]), "event_type": "Battles", "sub_event_type": "Armed clash",
                "date_start": None if precision == "unknown" else start.isoformat(),
                "date_end": None if precision == "unknown" else end.isoformat(), "date_precision": precision,
                "place": name, "admin1": admin1, "country": "Syria", "latitude": latitude, "longitude": longitude,
                "geo_precision": "place", "perpetrator": perpetrator, "target": target,
                "killed": killed + rng.randrange(0, 6), "killed_qualifier": rng.choice(["exact", "at_least"]),
                "figure_source": source, "source_type": source_type,
                "is_claim": source_type == "perpetrator_claim", "annotator": "rules",
            })
            rows.append(row)
            if len(rows) >= n_mentions:
                break
    mentions = pd.DataFrame(rows)
    return mentions, pd.DataFrame(list(articles.values()))
