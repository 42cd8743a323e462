"""How an article's own figures are named when its outlet is unknown."""
import pandas as pd

from helpers import outlets


def _articles(rows):
    return pd.DataFrame(rows, columns=["article_id", "title", "outlet", "file"])


def test_an_article_with_an_outlet_goes_under_the_outlet():
    names = outlets.outlet_names(_articles([["a1", "Blast hits market", "The Harbour Times", "a1.txt"]]))
    assert names == {"a1": "The Harbour Times"}


def test_an_article_with_no_outlet_goes_under_its_headline_then_its_file():
    names = outlets.outlet_names(_articles([
        ["a1", "Gunmen  attack\nconvoy near river crossing", None, "reports/a1.txt"],
        ["a2", None, "", "reports/a2.txt"],
    ]))
    assert names["a1"] == "the report “Gunmen attack convoy near river crossing”"
    assert names["a2"] == "the report in reports/a2.txt"
    assert not any("outlet of" in name for name in names.values())


def test_two_articles_with_no_outlet_and_one_headline_keep_names_of_their_own():
    names = outlets.outlet_names(_articles([
        ["a1", "Ambush on the highway", None, "first.txt"],
        ["a2", "Ambush on the highway", None, "second.txt"],
        ["a3", "Ambush on the highway", "Valley Radio", "third.txt"],
    ]))
    assert names == {"a1": "the report in first.txt", "a2": "the report in second.txt", "a3": "Valley Radio"}


def test_a_very_long_headline_is_cut_at_a_word():
    title = "Officials say " + "the convoy was struck again " * 10
    name = outlets.outlet_names(_articles([["a1", title, None, "a1.txt"]]))["a1"]
    assert name.startswith("the report “Officials say the convoy") and name.endswith("…”")
    assert len(name) < outlets.MAX_TITLE_CHARACTERS + 20 and " agai…" not in name


def test_reconcile_names_the_unattributed_figure_of_an_article_with_no_outlet_by_the_article():
    from helpers import reconcile

    mentions = pd.DataFrame({"mention_id": ["m1", "m2"], "article_id": ["a1", "a2"], "killed": ["4", "5"],
                             "source_type": ["unattributed", "unattributed"]})
    articles = _articles([["a1", "Mortar fire hits village", None, "a1.txt"], ["a2", None, None, "notes/a2.txt"]])
    typed = reconcile.type_mentions(mentions, articles).set_index("mention_id")
    assert typed.loc["m1", "source"] == "the report “Mortar fire hits village”"
    assert typed.loc["m2", "source"] == "the report in notes/a2.txt"
