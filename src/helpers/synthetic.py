"""Made-up mentions at any scale, shaped like conflict reporting, for benchmarks and tests of reconcile."""
from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.schemas import MENTIONS_COLUMNS

PROVINCES = [
    ("Aleppo", 36.2, 37.15), ("Ar-Raqqah", 35.95, 39.0), ("Damascus", 33.51, 36.29), ("Daraa", 32.62, 36.1),
    ("Deir ez-Zor", 35.33, 40.14), ("Hama", 35.13, 36.75), ("Al-Hasakah", 36.5, 40.75), ("Homs", 34.73, 36.71),
    ("Idlib", 35.93, 36.63), ("Latakia", 35.52, 35.78), ("Quneitra", 33.12, 35.82), ("Rif Dimashq", 33.6, 36.6),
    ("As-Suwayda", 32.7, 36.57), ("Tartus", 34.89, 35.89),
]
PERPETRATORS = ["Islamic State", "Syrian government forces", "Syrian Democratic Forces", "Russian forces",
                "Pro-government militia", "Iranian-backed militias"]
TARGETS = ["Syrian government forces", "Civilians", "National Defence Forces", "Pro-government militia",
           "Syrian Democratic Forces"]
TYPES = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
         ("Violence against civilians", "Attack"), ("Explosions/Remote violence", "Air/drone strike")]
SOURCES = [("Syrian Observatory for Human Rights", "monitor"), ("activists", "activists"), ("SANA", "government"),
           (None, "unattributed")]


def make_mentions(n_mentions: int, *, seed: int = 42, n_places: int | None = None, years: int = 6) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (mentions, articles) with about `n_mentions` mentions and the true event of each in `true_event`.

    Events are spread over `years` years, 14 provinces and `n_places` places; each is reported by one to
    four articles, some of them months later as background without a year, some with unknown dates or
    places, with figures that drift between sources.
    """
    rng = np.random.default_rng(seed)
    n_places = n_places or max(50, n_mentions // 50)
    province_of_place = rng.integers(0, len(PROVINCES), n_places)
    place_lat = np.array([PROVINCES[p][1] for p in province_of_place]) + rng.normal(0, 0.3, n_places)
    place_lon = np.array([PROVINCES[p][2] for p in province_of_place]) + rng.normal(0, 0.3, n_places)
    n_events = max(1, int(n_mentions / 2.6))
    start = pd.Timestamp("2019-01-01")
    event_day = rng.integers(0, 365 * years, n_events)
    event_place = rng.integers(0, n_places, n_events)
    event_perp = rng.integers(0, len(PERPETRATORS), n_events)
    event_target = rng.integers(0, len(TARGETS), n_events)
    event_type = rng.integers(0, len(TYPES), n_events)
    event_killed = np.minimum(rng.geometric(0.12, n_events), 300)
    reports_per_event = rng.choice([1, 2, 3, 4], n_events, p=[0.35, 0.35, 0.2, 0.1])

    event_index = np.repeat(np.arange(n_events), reports_per_event)
    n_reports = len(event_index)
    background = rng.random(n_reports) < 0.2
    first_of_event = np.r_[True, event_index[1:] != event_index[:-1]]
    background &= ~first_of_event
    date_mode = rng.choice(["day", "unknown", "month_no_year"], n_reports, p=[0.75, 0.15, 0.10])
    date_mode = np.where(background, "month_no_year", date_mode)
    place_known = rng.random(n_reports) < 0.85
    source_index = rng.integers(0, len(SOURCES), n_reports)
    drift = rng.choice([1.0, 1.0, 1.0, 0.8, 1.2, 1.5], n_reports)
    killed = np.maximum(1, np.round(event_killed[event_index] * drift)).astype(int)
    second_source = rng.random(n_reports) < 0.25

    days = event_day[event_index]
    dates = start + pd.to_timedelta(days, unit="D")
    published = dates + pd.to_timedelta(np.where(background, rng.integers(30, 200, n_reports), rng.integers(0, 3, n_reports)), unit="D")
    rows = []
    for report in range(n_reports):
        event = event_index[report]
        article = f"A{report:08d}"
        place = event_place[event]
        date = dates[report]
        mode = date_mode[report]
        base = {
            "article_id": article,
            "article_event_key": "e1",
            "role": "background" if background[report] else "main",
            "event_type": TYPES[event_type[event]][0],
            "sub_event_type": TYPES[event_type[event]][1],
            "date_start": date.strftime("%Y-%m-%d") if mode == "day" else pd.NA,
            "date_end": date.strftime("%Y-%m-%d") if mode == "day" else pd.NA,
            "date_precision": "day" if mode == "day" else "unknown",
            "date_text": f"In {date.strftime('%B')}" if mode == "month_no_year" else (date.strftime("%A") if mode == "day" else "recently"),
            "place": f"Place {place:05d}" if place_known[report] else pd.NA,
            "admin1": PROVINCES[province_of_place[place]][0],
            "country": "Syria",
            "latitude": f"{place_lat[place]:.5f}" if place_known[report] else pd.NA,
            "longitude": f"{place_lon[place]:.5f}" if place_known[report] else pd.NA,
            "geo_precision": "place" if place_known[report] else "admin1",
            "perpetrator": PERPETRATORS[event_perp[event]],
            "target": TARGETS[event_target[event]],
            "killed_qualifier": "exact",
            "is_claim": "false",
            "annotator": "rules",
            "true_event": f"T{event:08d}",
            "published": published[report].strftime("%Y-%m-%d"),
        }
        name, kind = SOURCES[source_index[report]]
        rows.append({**base, "mention_id": f"{article}-01", "killed": str(killed[report]),
                     "figure_source": name if name else pd.NA, "source_type": kind})
        if second_source[report]:
            name, kind = SOURCES[(source_index[report] + 1) % len(SOURCES)]
            rows.append({**base, "mention_id": f"{article}-02", "killed": str(max(1, killed[report] - 2)),
                         "figure_source": name if name else pd.NA, "source_type": kind})
    frame = pd.DataFrame(rows)
    for column in MENTIONS_COLUMNS:
        if column not in frame.columns:
            frame[column] = pd.NA
    mentions = frame[MENTIONS_COLUMNS + ["article_event_key", "true_event"]].astype("string")
    articles = (
        frame[["article_id", "published"]].drop_duplicates("article_id")
        .assign(outlet="Outlet " + pd.Series(rng.integers(0, 40, frame["article_id"].nunique())).astype(str).to_numpy())
        .astype("string").reset_index(drop=True)
    )
    return mentions, articles
