"""Publication dates in an article's head lines, its sidecar and its HTML metadata (sentences written for the tests)."""
import datetime as dt

import pytest

from helpers import ingest
from helpers import published as published_dates
from helpers.dates import PublishedSpan, parse_publication, resolve_date

TODAY = dt.date(2026, 12, 6)
BODY = "Gunmen on motorbikes killed eleven farmers near a river crossing, a local official said on Wednesday."


@pytest.mark.parametrize("head, expected, rule", [
    ("Updated: 2008-09-07 11:35", "2008-09-07", "updated_line"),
    ("Last updated on 7 Sep 2008 at 11:35 GMT", "2008-09-07", "updated_line"),
    ("Published: 2019-03-02T08:15:00Z", "2019-03-02", "date_line"),
    ("Posted on March 2, 2019", "2019-03-02", "date_line"),
    ("Associated Press / September 7, 2008", "2008-09-07", "agency_line"),
    ("Agence France-Presse | 12 May 2015 14:02", "2015-05-12", "agency_line"),
    ("By Jane Mbeki, Staff Reporter | March 30, 2017 11:35 am", "2017-03-30", "byline"),
    ("By Omar Said on 4 November 2012", "2012-11-04", "byline"),
    ("Thursday 14 March 2013", "2013-03-14", "dateline"),
    ("2011-02-28", "2011-02-28", "dateline"),
])
def test_dated_head_lines_give_the_publication_date_and_leave_the_text(head, expected, rule):
    cleaned = ingest.clean_text(f"Farmers killed near river crossing\n\n{head}\n\n{BODY}\n")
    assert cleaned.published == expected
    assert cleaned.published_rule == rule
    assert cleaned.text == BODY


def test_a_publication_date_wins_over_an_update_date_whatever_the_order():
    cleaned = ingest.clean_text(f"Updated: 2010-06-20 09:10\nPublished: 2010-06-18\n\n{BODY}\n")
    assert (cleaned.published, cleaned.published_rule) == ("2010-06-18", "date_line")
    cleaned = ingest.clean_text(f"Published: 2010-06-18\nUpdated: 2010-06-20 09:10\n\n{BODY}\n")
    assert (cleaned.published, cleaned.published_rule) == ("2010-06-18", "date_line")
    assert "Updated" not in cleaned.text


def test_an_update_date_alone_still_dates_the_article():
    assert ingest.clean_text(f"Updated: 2010-06-20 09:10\n\n{BODY}\n").published == "2010-06-20"


def test_a_date_inside_the_body_is_not_a_publication_date():
    text = f"{BODY}\n\nBy the end of March 2, 2019 the road had reopened, said traders.\n"
    assert ingest.clean_text(text).published is None
    assert ingest.clean_text(f"{BODY}\n\nPublished: 2019-03-02\n").published is None


def test_a_byline_without_a_date_is_not_read_as_one():
    cleaned = ingest.clean_text(f"By Jane Mbeki, Staff Reporter\n\n{BODY}\n")
    assert cleaned.published is None


@pytest.mark.parametrize("value, precision, first, last", [
    ("2008-09-07", "day", "2008-09-07", "2008-09-07"),
    ("2008-09", "month", "2008-09-01", "2008-09-30"),
    ("2008", "year", "2008-01-01", "2008-12-31"),
])
def test_partial_dates_keep_their_precision(value, precision, first, last):
    found = published_dates.parse_partial(value)
    assert found.precision == precision and found.value == value
    assert (found.first_day.isoformat(), found.last_day.isoformat()) == (first, last)


@pytest.mark.parametrize("value", ["2008-13", "2008-02-30", "08-09", "Sept 2008", "2008/09/07", ""])
def test_partial_dates_refuse_what_is_not_one(value):
    assert published_dates.parse_partial(value) is None


def test_dates_after_the_run_or_implausibly_old_are_refused():
    assert "after the day of the run" in published_dates.implausibility(published_dates.parse_partial("2027-01"), TODAY)
    assert "implausibly old" in published_dates.implausibility(published_dates.parse_partial("1911-05-02"), TODAY)
    assert published_dates.implausibility(published_dates.parse_partial("2026-12"), TODAY) is None


def _folder(tmp_path, texts: dict, sidecar: str | None = None):
    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    if sidecar is not None:
        (tmp_path / "articles.csv").write_text(sidecar, encoding="utf-8")
    return ingest.ingest_folder(tmp_path, today=TODAY, min_words=5)


def test_sidecar_month_and_year_dates_are_kept_with_their_precision(tmp_path):
    tables = _folder(tmp_path, {"a": f"{BODY}\n", "b": "Rebels shelled a market town at dawn, killing four traders, medics said.\n",
                                "c": "A roadside bomb hit a police truck on the coastal highway, killing two officers.\n"},
                     "article_id,published\na,2008-09\nb,2008\nc,2008-9-7\n")
    articles = tables["articles"].set_index("article_id")
    assert articles.loc["a", "published"] == "2008-09" and articles.loc["a", "published_from"] == "sidecar"
    assert articles.loc["b", "published"] == "2008"
    assert articles.loc["c", "published_from"] == "unknown"  # not ISO: reported, not guessed
    assert "2008-9-7" in tables["sidecar_problems"]["problem"].iloc[0]


def test_a_future_date_is_refused_with_a_ledger_note_and_the_next_source_is_used(tmp_path):
    tables = _folder(tmp_path, {"a": f"Published: 2008-09-07\n\n{BODY}\n",
                                "b": "Published: 2031-01-02\n\nRebels shelled a market town at dawn, killing four traders.\n"},
                     "article_id,published\na,2029-05\n")
    articles = tables["articles"].set_index("article_id")
    ledger = tables["ledger"].set_index("article_id")
    assert articles.loc["a", "published"] == "2008-09-07" and articles.loc["a", "published_from"] == "text"
    assert "sidecar date refused: published 2029-05 (sidecar) is after the day of the run" in ledger.loc["a", "reason"]
    assert pd_isna(articles.loc["b", "published"]) and articles.loc["b", "published_from"] == "unknown"
    assert "date_line date refused" in ledger.loc["b", "reason"] and ledger.loc["b", "status"] == "ok"


def pd_isna(value) -> bool:
    import pandas as pd

    return bool(pd.isna(value))


def test_html_metadata_gives_the_date_and_a_date_widget_does_not():
    page = ("<html><head><title>Farmers killed</title>"
            '<meta property="article:published_time" content="2014-04-09T10:00:00+00:00">'
            "</head><body><div class='widget'>Today is Saturday, 6 December 2026</div>"
            f"<article><p>{BODY}</p><p>Elders asked for more patrols on the road to the market town.</p></article>"
            "</body></html>")
    text, metadata = ingest.extract_html(page, TODAY)
    assert metadata["published"] == "2014-04-09"
    widget_only = page.replace('<meta property="article:published_time" content="2014-04-09T10:00:00+00:00">', "")
    assert ingest.extract_html(widget_only, TODAY)[1]["published"] is None


def test_a_partial_publication_date_bounds_relative_dates():
    span = parse_publication("2008-09")
    assert span == PublishedSpan(dt.date(2008, 9, 1), dt.date(2008, 9, 30))
    # which Wednesday depends on the unknown day of September: not known, as a coder would leave it
    assert resolve_date("on Wednesday", span).precision == "unknown"
    assert resolve_date("yesterday", span).precision == "unknown"
    assert resolve_date("on September 5", span).start == "2008-09-05"
    last_year = resolve_date("last year", parse_publication("2008"))  # the same for every day of 2008
    assert (last_year.start, last_year.end, last_year.precision) == ("2007-01-01", "2007-12-31", "year")
    assert resolve_date("in August", span).start == "2008-08-01"
    # counted back from some day of 2008, "last week" may lie in 2007 or 2008: no one year holds it
    assert resolve_date("last week", parse_publication("2008")).precision == "unknown"
    assert resolve_date("in 2007", parse_publication("2008")).precision == "year"


@pytest.mark.parametrize("url, expected, precision", [
    ("https://news.example.org/2019/03/02/gunmen-kill-eleven-farmers/", "2019-03-02", "day"),
    ("https://news.example.org/africa/2019-03-02/gunmen-kill-eleven-farmers", "2019-03-02", "day"),
    ("https://news.example.org/africa/gunmen-kill-eleven-farmers-20190302-story.html", "2019-03-02", "day"),
    ("https://news.example.org/world/2019/mar/02/gunmen-kill-eleven-farmers", "2019-03-02", "day"),
    ("https://news.example.org/2019/03/gunmen-kill-eleven-farmers.html", "2019-03", "month"),
    # a headline that opens with a number under a month folder: "10" is not the day
    ("https://blog.example.org/2012/05/10-soldiers-wounded-in-ambush.html", "2012-05", "month"),
])
def test_a_date_in_the_url_is_read_with_its_precision(url, expected, precision):
    found = published_dates.url_date(url)
    assert (found.value, found.precision, found.rule) == (expected, precision, "url")


@pytest.mark.parametrize("url", [
    "https://news.example.org/?p=2019",  # a query string is not a date
    "https://news.example.org/story/20191399-gunmen",  # not a calendar day
    "https://news.example.org/news/1427967/gunmen-kill-eleven-farmers",  # an article number
    "https://2019.example.org/news/gunmen",  # a host name is not a date
    None,
    "",
])
def test_a_url_without_a_date_gives_none(url):
    assert published_dates.url_date(url) is None


@pytest.mark.parametrize("head, expected", [
    ("date 2022-01", "2022-01"),
    ("Published: 2008-09", "2008-09"),
    ("Posted in September 2008", "2008-09"),
])
def test_a_labelled_month_is_a_publication_date_of_month_precision(head, expected):
    cleaned = ingest.clean_text(f"Farmers killed near river crossing\n\n{head}\n\n{BODY}\n")
    assert cleaned.published == expected
    assert published_dates.precision_of(cleaned.published) == "month"
    assert cleaned.text == BODY


def test_the_url_dates_an_article_the_sidecar_and_text_leave_undated(tmp_path):
    tables = _folder(tmp_path, {"a": f"{BODY}\n", "b": "Rebels shelled a market town at dawn, killing four traders.\n"},
                     "article_id,url\n"
                     "a,https://news.example.org/2019/03/02/gunmen-kill-eleven-farmers/\n"
                     "b,https://news.example.org/2019/03/rebels-shell-market-town/\n")
    articles = tables["articles"].set_index("article_id")
    assert (articles.loc["a", "published"], articles.loc["a", "published_from"]) == ("2019-03-02", "url")
    assert (articles.loc["b", "published"], articles.loc["b", "published_from"]) == ("2019-03", "url")


def test_a_url_day_comes_before_a_head_line_and_a_url_month_bounds_it(tmp_path):
    market = "Rebels shelled a market town at dawn, killing four traders, medics said.\n"
    tables = _folder(tmp_path, {
        # the head line is the site's banner of the day the page was saved: the URL's day is the story's
        "a": f"Saturday 13 July 2024\n\n{BODY}\n",
        # the head line's day inside the URL's month: the day is kept
        "b": f"Published: 2019-03-05\n\n{market}",
        # the head line's day outside the URL's month dates something else: refused, with a note
        "c": f"Published: 2023-11-20\n\n{market}"},
        "article_id,url\n"
        "a,https://news.example.org/2013/02/12/gunmen-kill-eleven-farmers/\n"
        "b,https://news.example.org/2019/03/rebels-shell-market-town/\n"
        "c,https://news.example.org/2019/03/rebels-shell-a-market-town/\n")
    articles = tables["articles"].set_index("article_id")
    ledger = tables["ledger"].set_index("article_id")
    assert (articles.loc["a", "published"], articles.loc["a", "published_from"]) == ("2013-02-12", "url")
    assert (articles.loc["b", "published"], articles.loc["b", "published_from"]) == ("2019-03-05", "text")
    assert (articles.loc["c", "published"], articles.loc["c", "published_from"]) == ("2019-03", "url")
    assert "date refused: 2023-11-20 is outside the URL's month 2019-03" in ledger.loc["c", "reason"]


def test_a_url_day_after_the_run_is_refused_with_a_ledger_note(tmp_path):
    tables = _folder(tmp_path, {"a": f"{BODY}\n"},
                     "article_id,url\na,https://news.example.org/2031/01/02/gunmen-kill-eleven-farmers/\n")
    articles = tables["articles"].set_index("article_id")
    assert articles.loc["a", "published_from"] == "unknown"
    assert "URL date refused: published 2031-01-02 (url) is after the day of the run" in \
        tables["ledger"].set_index("article_id").loc["a", "reason"]


def test_a_month_or_year_publication_date_meets_the_data_contract():
    import pandas as pd

    from helpers import contract

    articles = pd.DataFrame({"article_id": ["a", "b", "c", "d"], "title": [None] * 4, "outlet": [None] * 4,
                             "published": ["2008-09-07", "2008-09", "2008", None],
                             "published_from": ["text", "url", "sidecar", "unknown"], "language": ["en"] * 4,
                             "n_words": [300] * 4})
    contract.validate(articles, "articles")
    with pytest.raises(ValueError, match="published"):
        contract.validate(articles.assign(published=["2008-9-7", None, None, None]), "articles")


@pytest.mark.parametrize("head, expected, rule", [
    ("Updated 3:45 PM GMT, March 5, 2019", "2019-03-05", "updated_line"),
    ("Published 10:02 AM EST, Tue March 5, 2019", "2019-03-05", "date_line"),
    ("Posted on 2019/03/05", "2019-03-05", "date_line"),
    ("Published on 25/06/2020", "2020-06-25", "date_line"),  # the 25 can only be the day
    ("Published on 06/25/2020", "2020-06-25", "date_line"),  # the 25 can only be the day
    ("Posted on 05/03/2019 at 10:00 EST", "2019-05-03", "date_line"),  # a United States zone: month first
    ("Created: 05.03.2019 08:15 GMT", "2019-03-05", "date_line"),  # a zone that writes the day first
    ("Bamako | AFP | Updated: 07-04-2022 02:08 IST | Created: 06-04-2022 02:08 IST", "2022-04-06", "date_line"),
])
def test_more_publication_line_formats(head, expected, rule):
    cleaned = ingest.clean_text(f"Farmers killed near river crossing\n\n{head}\n\n{BODY}\n")
    assert (cleaned.published, cleaned.published_rule) == (expected, rule)
    assert cleaned.text == BODY


def test_a_numeric_date_nothing_orders_is_known_only_to_its_year():
    found = published_dates.match_line("Published on 05/03/2019").published
    assert (found.value, found.precision) == ("2019", "year")


def test_the_page_s_other_numeric_dates_give_the_order_of_an_ambiguous_one():
    text = f"Farmers killed near river crossing\n\nPublished on 05/03/2019\n\n{BODY}\n\nComments closed on 17/03/2019\n"
    assert ingest.clean_text(text).published == "2019-03-05"
    text = f"Farmers killed near river crossing\n\nPublished on 05/03/2019\n\n{BODY}\n\nComments closed on 03/17/2019\n"
    assert ingest.clean_text(text).published == "2019-05-03"
    assert published_dates.numeric_order("on 17/03/2019 and 03/17/2019") is None  # a page that disagrees decides nothing


def test_a_numeric_range_in_the_lede_is_not_a_publication_date():
    assert published_dates.match_line("12-15 soldiers were killed on Monday in the north of the country by gunmen") is None


def test_a_dated_line_right_under_a_long_title_is_still_the_head():
    text = (f"Gunmen kill eleven farmers near a river crossing in the north\nReuters | Mopti | Updated: 05-03-2022 "
            f"02:08 IST | Created: 05-03-2022 02:08 IST\n{BODY}\n")
    assert ingest.clean_text(text).published == "2022-03-05"
    # a long first line then a body line that opens with a date: the body's date is not the publication's
    text = f"{BODY}\n{BODY}\nMarch 2, 2019 was the day the road reopened, said traders in the town.\n"
    assert ingest.clean_text(text).published is None


# ---- A page's head with more than one date, formats of new outlets, a metadata date far from the page's own

def test_a_site_s_date_widget_above_the_title_gives_way_to_the_story_s_own_date_line():
    # the widget shows the day the page was viewed, after the story's day: the earlier date is the story's
    text = f"Tue, 14 Oct 2025\n\nFarmers killed near river crossing\n\n2 March, 2025 09:40\n\n{BODY}\n"
    cleaned = ingest.clean_text(text)
    assert cleaned.published == "2025-03-02"
    assert "2025" not in cleaned.text
    # the order does not matter, nor the kind of line
    text = f"Farmers killed near river crossing\nPosted on March 2, 2025\nFriday, 17 October, 2025\n\n{BODY}\n"
    assert ingest.clean_text(text).published == "2025-03-02"


def test_a_later_head_line_more_precise_within_the_first_date_refines_it():
    text = f"Published: March 2025\nMarch 2, 2025\n\n{BODY}\n"
    assert ingest.clean_text(text).published == "2025-03-02"


@pytest.mark.parametrize("current, found, expected", [
    (None, ("2025-03-02", False), "2025-03-02"),
    (("2025-10-14", False), ("2025-03-02", False), "2025-03-02"),  # the widget's later day gives way
    (("2025-03-02", False), ("2025-10-14", False), "2025-03-02"),
    (("2025-03-02", False), ("2025-03-01", True), "2025-03-02"),  # an update never replaces a publication date
    (("2025-03-05", True), ("2025-03-02", False), "2025-03-02"),
    (("2025", False), ("2025-03-02", False), "2025-03-02"),  # the same year, known to the day
    (("2013", False), ("2024-07-13", False), "2013"),  # a widget's day after the year the byline gives
])
def test_original_publication_picks_the_story_s_date(current, found, expected):
    def published(value, is_update):
        return published_dates.Published(value, published_dates.precision_of(value), "dateline", is_update)

    chosen = published_dates.original_publication(published(*current) if current else None, published(*found))
    assert chosen.value == expected


@pytest.mark.parametrize("head, expected, rule", [
    ("8:27 CAT | 05 Oct 2017", "2017-10-05", "dateline"),  # a time and zone before the date
    ("/ 03:56 AM October 22, 2013", "2013-10-22", "dateline"),
    ("2017.10.05", "2017-10-05", "dateline"),  # year first with dots
    ("Updated at 5:33 p.m. ET on 2018-05-13", "2018-05-13", "updated_line"),
    ("By Jane Mbeki   7 Sep 2008", "2008-09-07", "byline"),  # names, a run of spaces, the date
])
def test_publication_lines_of_further_formats(head, expected, rule):
    cleaned = ingest.clean_text(f"Farmers killed near river crossing\n\n{head}\n\n{BODY}\n")
    assert (cleaned.published, cleaned.published_rule) == (expected, rule)
    assert cleaned.text == BODY


def test_a_time_before_a_date_in_the_lede_is_not_a_date_line():
    assert published_dates.match_line("10:30 gunmen killed five people in the market on 5 May 2019") is None


def test_a_date_line_under_a_standfirst_dates_the_article():
    standfirst = "Shelling by government forces has killed and wounded dozens of people in villages along the river."
    text = f"Villages under fire\n{standfirst}\n14 August 2023\nLAKESIDE — {BODY}\n"
    cleaned = ingest.clean_text(text)
    assert cleaned.published == "2023-08-14"
    assert "14 August" not in cleaned.text
    # further down, or not a date as a whole line, it is the body's
    text = f"Villages under fire\n{standfirst}\n{BODY}\n{BODY}\n{BODY}\n14 August 2023\n"
    assert ingest.clean_text(text).published is None
    text = f"Villages under fire\n{standfirst}\nBy the time the shelling stopped on 14 August 2023, dozens had fled.\n"
    assert ingest.clean_text(text).published is None


@pytest.mark.parametrize("url, expected", [
    ("https://news.example.org/14-Aug-2023/villages-under-fire", "2023-08-14"),
    ("https://news.example.org/3-september-2021/", "2021-09-03"),
    ("https://news.example.org/31-Feb-2023/villages-under-fire", None),  # no such day
])
def test_a_url_folder_with_a_named_month_gives_the_day(url, expected):
    found = published_dates.url_date(url)
    assert (found.value if found else None) == expected


def test_a_sidecar_date_well_after_the_page_s_own_date_gives_way_with_a_ledger_note(tmp_path):
    bodies = [BODY, "Rebels shelled a market town at dawn, killing four traders, medics said.",
              "A roadside bomb hit a police truck on the coastal highway, killing two officers.",
              "Two drones struck a fuel depot outside the port city overnight, killing three guards.",
              "Artillery shells hit two villages along the river before dawn, killing five herders."]
    tables = _folder(tmp_path, {
        # the sidecar has the day the page was collected, a month after its date line: the page's day is used
        "a": f"Farmers killed near river crossing\n\nPosted on March 2, 2025\n\n{bodies[0]}\n",
        # a day apart (a time zone): the sidecar's is kept
        "b": f"Market town shelled\n\nPosted on March 2, 2025\n\n{bodies[1]}\n",
        # the URL's day against a sidecar a year later
        "c": f"{bodies[2]}\n",
        # an update line does not overrule the sidecar
        "d": f"Fuel depot struck\n\nUpdated: 2025-04-20\n\n{bodies[3]}\n",
        # a head line after the sidecar's day may be a site's banner of the day the page was viewed: kept
        "e": f"Tue, 14 Oct 2025\n\nVillages shelled\n\n{bodies[4]}\n"},
        "article_id,url,published\n"
        "a,,2025-04-01\n"
        "b,,2025-03-03\n"
        "c,https://news.example.org/2024/03/02/gunmen-kill-eleven-farmers/,2025-03-02\n"
        "d,,2025-03-02\n"
        "e,,2025-03-02\n")
    articles = tables["articles"].set_index("article_id")
    ledger = tables["ledger"].set_index("article_id")
    assert (articles.loc["a", "published"], articles.loc["a", "published_from"]) == ("2025-03-02", "text")
    assert "sidecar date 2025-04-01 set aside: the page's own date (date line) is 2025-03-02" in ledger.loc["a", "reason"]
    assert (articles.loc["b", "published"], articles.loc["b", "published_from"]) == ("2025-03-03", "sidecar")
    assert (articles.loc["c", "published"], articles.loc["c", "published_from"]) == ("2024-03-02", "url")
    assert (articles.loc["d", "published"], articles.loc["d", "published_from"]) == ("2025-03-02", "sidecar")
    assert (articles.loc["e", "published"], articles.loc["e", "published_from"]) == ("2025-03-02", "sidecar")


def test_a_sidecar_day_outside_the_url_s_month_gives_way_to_the_month(tmp_path):
    tables = _folder(tmp_path, {"a": f"{BODY}\n", "b": "Rebels shelled a market town at dawn, killing four traders, medics said.\n"},
                     "article_id,url,published\n"
                     "a,https://news.example.org/2023/12/gunmen-kill-eleven-farmers/,2024-01-09\n"
                     "b,https://news.example.org/2023/12/rebels-shell-market-town/,2023-12-20\n")
    articles = tables["articles"].set_index("article_id")
    assert (articles.loc["a", "published"], articles.loc["a", "published_from"]) == ("2023-12", "url")
    assert (articles.loc["b", "published"], articles.loc["b", "published_from"]) == ("2023-12-20", "sidecar")


def test_an_update_line_long_after_the_story_s_own_dates_is_not_its_date(tmp_path):
    story = ("Gunmen killed eleven farmers near a river crossing on Tuesday, officials said, the worst attack "
             "in the district since a raid on 4 June 2018.")
    tables = _folder(tmp_path, {
        # the text's latest date is years before the update: a later edit of an older story, undated
        "a": f"Farmers killed near river crossing\n\nLast updated on 11 September 2021\n\n{story}\n",
        # within a month of the text's dates, or with no dated text at all, the update line dates the page
        "b": f"Market town shelled\n\nUpdated: 2018-06-20\n\n{story.replace('eleven farmers', 'four traders')}\n",
        "c": f"Fuel depot struck\n\nUpdated: 2021-09-11\n\n{BODY}\n"})
    articles = tables["articles"].set_index("article_id")
    assert articles.loc["a", "published_from"] == "unknown"
    assert "update date 2021-09-11 (updated_line) is more than 31 days after the text's latest date 2018-06-04" in \
        tables["ledger"].set_index("article_id").loc["a", "reason"]
    assert articles.loc["b", "published"] == "2018-06-20"
    assert articles.loc["c", "published"] == "2021-09-11"


@pytest.mark.parametrize("credit, expected", [
    ("Source: Highland Courier March 4, 2021 07:15 UTC", "2021-03-04"),
    ("Source: Highland Courier, 4 March 2021", "2021-03-04"),
])
def test_an_aggregator_credit_line_with_a_day_dates_an_undated_page(credit, expected):
    cleaned = ingest.clean_text(f"{BODY}\n{credit}\n")
    assert (cleaned.published, cleaned.published_rule) == (expected, "source_line")
    assert "Highland Courier" not in cleaned.text


def test_a_credit_line_does_not_override_the_page_date_nor_date_it_without_a_day():
    cleaned = ingest.clean_text(f"Published: 2021-03-06\n\n{BODY}\nSource: Highland Courier March 4, 2021\n")
    assert (cleaned.published, cleaned.published_rule) == ("2021-03-06", "date_line")
    assert ingest.clean_text(f"{BODY}\nSource: Highland Courier, March 2021\n").published is None
