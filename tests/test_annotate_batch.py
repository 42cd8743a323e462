"""Many articles (helpers.annotate.batch): one failing article, numbers out of bounds, the figures cap."""
import pandas as pd

from helpers import annotate


def test_a_failure_inside_one_article_stops_only_that_article(monkeypatch):
    articles = pd.DataFrame([
        {"article_id": "good", "text": "Gunmen killed five soldiers near the town on Sunday, officials said.",
         "published": "2022-03-14"},
        {"article_id": "broken", "text": "Gunmen killed six soldiers near the town on Monday, officials said.",
         "published": "2022-03-14"},
    ])
    real = annotate.annotate_article

    def failing(article_id, *args, **kwargs):
        if article_id == "broken":
            raise OverflowError("date value out of range")
        return real(article_id, *args, **kwargs)

    monkeypatch.setattr(annotate.batch, "annotate_article", failing)  # the name batch calls
    problems = []
    mentions = annotate.annotate_articles(articles, problems=problems)
    assert set(mentions["article_id"]) == {"good"}
    assert problems == [{"article_id": "broken", "stage": "annotate",
                         "problem": "article not annotated: OverflowError: date value out of range"}]


def test_numbers_out_of_bounds_are_not_figures_and_are_reported():
    text = ("Gunmen killed 12345678901234567890 soldiers and wounded three near the town on Sunday, "
            "officials said. Another " + "9" * 400 + " people were killed, residents said.")
    problems = []
    mentions = annotate.annotate_articles(pd.DataFrame([{"article_id": "a", "text": text, "published": "2022-03-14"}]),
                                          problems=problems)
    assert mentions["killed"].dropna().tolist() == []
    assert mentions["wounded"].dropna().tolist() == [3]
    assert len(problems) == 2 and all("is above 1,000,000" in row["problem"] for row in problems)


def test_figures_past_the_cap_are_not_read_and_the_cap_is_reported(monkeypatch):
    monkeypatch.setattr(annotate.batch, "MAX_FIGURES_PER_ARTICLE", 3)  # the cap batch reads
    text = " ".join(f"Gunmen killed {n} soldiers near Homs on Monday, officials said." for n in range(11, 17))
    problems = []
    mentions = annotate.annotate_articles(pd.DataFrame([{"article_id": "c", "text": text, "published": "2022-03-14"}]),
                                          problems=problems)
    assert sorted(mentions["killed"]) == [11, 12, 13]
    cut = text.index("Gunmen killed 14")
    assert [row["problem"] for row in problems] == [
        f"more than 3 counts in casualty sentences (cap); the text from offset {cut} of {len(text):,} characters "
        "is not read for figures"]
