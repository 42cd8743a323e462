"""Deaths by side on events (helpers.sides)."""
import pandas as pd

from helpers import sides


def test_events_carry_the_largest_non_claim_figure_of_the_attackers_dead():
    mentions = pd.DataFrame({
        "event_id": ["E1", "E1", "E1", "E2", "E3"],
        "attackers_killed": [12, 30, None, None, 4],
        "is_claim": [False, True, False, False, False],  # a party's claim never sets it
    })
    events = pd.DataFrame({"event_id": ["E1", "E2", "E3"], "killed_best": [5, 7, None]})
    out = sides.add_attackers_killed(events, mentions)
    assert list(out.columns) == ["event_id", "killed_best", "attackers_killed"]
    assert out["attackers_killed"].tolist()[0] == 12 and pd.isna(out["attackers_killed"].iloc[1])
    assert out["attackers_killed"].iloc[2] == 4
    assert list(out["killed_best"].fillna(-1)) == [5, 7, -1]  # the attack's toll is untouched


def test_mentions_without_the_column_give_blank_figures():
    events = pd.DataFrame({"event_id": ["E1"]})
    out = sides.add_attackers_killed(events, pd.DataFrame({"event_id": ["E1"]}))
    assert out["attackers_killed"].isna().all()


def test_acled_fatalities_count_both_sides():
    from helpers.exports import events_acled
    from helpers.schemas import EVENTS_COLUMNS

    events = pd.DataFrame({
        "event_id": ["E1", "E2", "E3"], "date_start": ["2024-01-02"] * 3, "date_end": ["2024-01-02"] * 3,
        "date_precision": ["day"] * 3,
        "event_type": ["Battles"] * 3, "sub_event_type": ["Armed clash"] * 3, "perpetrator": ["X"] * 3,
        "target": ["Y"] * 3, "country": ["Mali"] * 3, "admin1": [None] * 3, "place": ["P1", "P2", "P3"],
        "latitude": [None] * 3, "longitude": [None] * 3, "geo_precision": ["country"] * 3, "sources": ["s"] * 3,
        "n_sources": [1] * 3, "article_ids": ["a", "b", "c"], "mention_ids": ["a-m1", "b-m1", "c-m1"],
        "rationale": [""] * 3, "flags": [""] * 3,
        "killed_best": [12, None, 5], "attackers_killed": [20, 3, None],
    })
    for column in EVENTS_COLUMNS:
        if column not in events.columns:
            events[column] = None

    def fatalities(frame):
        return frame.set_index("location").loc[["P1", "P2", "P3"], "fatalities"].tolist()

    assert fatalities(events_acled(events)) == [32, 3, 5]
    # without attackers_killed, only the victims; ACLED's fatalities is never blank (an unknown toll is 0)
    assert fatalities(events_acled(events.drop(columns="attackers_killed"))) == [12, 0, 5]
