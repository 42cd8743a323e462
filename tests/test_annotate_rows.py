"""Mention rows and their content-derived ids (helpers.annotate.rows), on sentences written for these tests."""
import pandas as pd

from helpers import annotate


def test_mention_ids_are_stable_when_a_new_mention_appears_earlier_in_the_article():
    body = ("Gunmen killed 14 soldiers at a checkpoint near Raqqa on Sunday, a war monitor said. "
            "Separately, a roadside bomb wounded six police officers in Homs, officials said.")
    earlier = "In an earlier attack, militants killed 3 shepherds near Palmyra, residents said. "
    before = annotate.annotate_articles(pd.DataFrame([{"article_id": "s", "text": body, "published": "2022-03-14"}]))
    after = annotate.annotate_articles(pd.DataFrame([{"article_id": "s", "text": earlier + body, "published": "2022-03-14"}]))
    assert len(before) == 2 and len(after) == 3
    kept = after[after["evidence"].isin(before["evidence"])]
    assert sorted(kept["mention_id"]) == sorted(before["mention_id"])  # same ids, though their offsets moved
    assert (kept["char_start"] > 0).all() and (before["char_start"].min() == 0)
    new = after[~after["evidence"].isin(before["evidence"])]
    assert len(new) == 1 and new.iloc[0]["mention_id"] not in set(before["mention_id"])


def test_mention_ids_depend_on_the_sentence_the_figure_and_its_kind():
    from helpers.annotate import mention_id

    base = mention_id("a", "Gunmen killed 14 soldiers.", "killed", 14, "14")
    assert base == mention_id("a", "Gunmen killed 14 soldiers.", "killed", 14, "14")
    others = {mention_id("b", "Gunmen killed 14 soldiers.", "killed", 14, "14"),
              mention_id("a", "Gunmen killed 15 soldiers.", "killed", 14, "15"),
              mention_id("a", "Gunmen killed 14 soldiers.", "wounded", 14, "14"),
              mention_id("a", "Gunmen killed 14 soldiers.", "killed", 14, "14", occurrence=2)}
    assert base not in others and len(others) == 4
