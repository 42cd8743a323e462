"""Event dates: own patterns find the expressions, the publication date anchors them."""
import datetime as dt

import pytest

from helpers.dates import find_date_expressions, parse_published, resolve_date

PUBLISHED = dt.date(2022, 3, 17)  # a Thursday


def _resolve(text, published=PUBLISHED):
    matches = find_date_expressions(text)
    assert matches, f"no date found in {text!r}"
    interval = resolve_date(matches[0], published)
    return interval.start, interval.end, interval.precision


def test_weekdays_resolve_to_the_latest_such_day():
    assert _resolve("Gunmen struck on Tuesday evening.") == ("2022-03-15", "2022-03-15", "day")
    assert _resolve("It happened on Thursday.") == ("2022-03-17", "2022-03-17", "day")
    assert _resolve("The raid late last Thursday left two dead.") == ("2022-03-10", "2022-03-10", "day")


def test_relative_days():
    assert _resolve("the day before yesterday, the convoy was hit") == ("2022-03-15", "2022-03-15", "day")
    assert _resolve("Yesterday a mine exploded") == ("2022-03-16", "2022-03-16", "day")


def test_periods():
    assert _resolve("earlier this month") == ("2022-03-01", "2022-03-17", "month")
    assert _resolve("last week") == ("2022-03-07", "2022-03-13", "week")
    assert _resolve("Last month, fighters stormed") == ("2022-02-01", "2022-02-28", "month")


def test_months_with_and_without_year():
    assert _resolve("In October, a bomb went off") == ("2021-10-01", "2021-10-31", "month")
    assert _resolve("in May 2019 the base was shelled") == ("2019-05-01", "2019-05-31", "month")
    assert _resolve("a November 3 raid") == ("2021-11-03", "2021-11-03", "day")


def test_unknown_without_publication_date_unless_a_year_is_given():
    assert _resolve("on Monday night", None) == (None, None, "unknown")
    assert _resolve("In October", None) == (None, None, "unknown")
    assert _resolve("on 4 July 2018", None) == ("2018-07-04", "2018-07-04", "day")


def test_words_that_dateparser_misreads_are_not_dates():
    text = "Officials may review it in an hour, and the march will go on; a second attack is possible."
    assert find_date_expressions(text) == []


def test_anaphoric_expressions_are_found_but_left_to_the_caller():
    matches = find_date_expressions("The same month, rebels ambushed a patrol. Days earlier, a truck was hit.")
    assert [m.kind for m in matches] == ["same", "before_previous"]
    assert resolve_date(matches[0], PUBLISHED).precision == "unknown"


def test_parse_published():
    assert parse_published("2021-05-02") == dt.date(2021, 5, 2)
    assert parse_published(None) is None
    assert parse_published("") is None
    assert parse_published(float("nan")) is None


def test_dates_resolve_the_same_whatever_day_of_the_month_an_article_appeared():
    # the cache key keeps only the part of the publication date that matters; the results must not move
    import datetime as dt

    from helpers.dates import resolve_date

    for day in (1, 9, 17, 30):
        published = dt.date(2021, 6, day)
        assert resolve_date("in May", published) == resolve_date("in May", dt.date(2021, 6, 1))
        assert resolve_date("in May", published).start == "2021-05-01"
        assert resolve_date("in July", published).start == "2020-07-01"  # a later month is last year's
        assert resolve_date("on 3 March 2019", published).start == "2019-03-03"
        assert resolve_date("in March 2019", published).end == "2019-03-31"


def test_a_month_named_alone_resolves_as_dateparser_reads_it():
    import datetime as dt

    from helpers.dates import _dateparser, resolve_date

    for published in (dt.date(2019, 1, 31), dt.date(2020, 2, 29), dt.date(2023, 7, 1), dt.date(2024, 12, 15)):
        for text in ("in January", "In May", "during August", "in Aug.", "in Sept", "in December", "in July"):
            bare = text.split(" ", 1)[1]
            reference = _dateparser(bare, published)  # the library's reading, with the past preferred
            resolved = resolve_date(text, published)
            assert (resolved.start[:7], resolved.precision) == (f"{reference.year}-{reference.month:02d}", "month")


def test_two_days_that_bound_one_attack_resolve_to_the_interval_between_them():
    # published Thursday 2022-03-17
    assert _resolve("Gunmen raided the camp on the night of June 10 to 11, 2020.") == ("2020-06-10", "2020-06-11", "day")
    assert _resolve("an operation on the night of Feb 27 and Feb 28") == ("2022-02-27", "2022-02-28", "day")
    assert _resolve("shelling between Tuesday night and Wednesday") == ("2022-03-15", "2022-03-16", "day")
    assert _resolve("fighting on 8-9 March left 12 dead") == ("2022-03-08", "2022-03-09", "day")
    assert _resolve("raids from Monday to Wednesday") == ("2022-03-14", "2022-03-16", "week")
    # the second weekday of a pair ending on the publication day: the first lies the week before
    assert _resolve("clashes between Wednesday and Thursday") == ("2022-03-16", "2022-03-17", "day")
    assert _resolve("clashes on Thursday and Friday") == ("2022-03-10", "2022-03-11", "day")


def test_two_dates_too_far_apart_are_two_dates_not_one_span():
    matches = find_date_expressions("Bombs went off on March 3 and April 20 in the same market.")
    assert [(m.kind, m.text) for m in matches] == [("day", "March 3"), ("day", "April 20")]


def test_days_ago_count_back_from_publication():
    assert _resolve("A day ago, a convoy was ambushed") == ("2022-03-16", "2022-03-16", "day")
    assert _resolve("the checkpoint attacked three days ago") == ("2022-03-14", "2022-03-14", "day")
    assert _resolve("two days ago", None) == (None, None, "unknown")


def test_early_mid_and_late_narrow_a_month_to_its_third():
    assert _resolve("In early October, a convoy was ambushed") == ("2021-10-01", "2021-10-10", "month")
    assert _resolve("in mid-November 2019 the base was shelled") == ("2019-11-11", "2019-11-20", "month")
    assert _resolve("a raid in late February") == ("2022-02-21", "2022-02-28", "month")
    assert _resolve("clashes in mid-March") == ("2022-03-11", "2022-03-17", "month")  # not after publication


def test_a_day_written_with_of():
    assert _resolve("on Friday the 4th of February 2022 gunmen struck") == ("2022-02-04", "2022-02-04", "day")
    assert _resolve("the 2nd of March") == ("2022-03-02", "2022-03-02", "day")


def test_a_day_after_since_is_another_event_s_day_not_a_date_of_this_one():
    assert find_date_expressions("the deadliest raid since the June 4 bombing of the market") == []
    assert find_date_expressions("the first since last year's August 9 ambush") == []
    # "since Monday" with no attack named after it opens an interval up to the report (helpers.dates "since")
    assert [(m.text, m.kind) for m in find_date_expressions("Gunmen have held the town since Monday.")] == [
        ("since Monday", "since")]
    assert find_date_expressions("the worst raid since Sunday's bombing of the market") == []


def test_weeks_months_and_years_ago_count_back_with_their_precision():
    # published Thursday 2022-03-17
    assert _resolve("about three years ago, fighters burned the village") == ("2019-01-01", "2019-12-31", "year")
    assert _resolve("the depot raided two months ago") == ("2022-01-01", "2022-01-31", "month")
    assert _resolve("a week ago, a mine exploded") == ("2022-03-07", "2022-03-13", "week")
    assert _resolve("three years ago", None) == (None, None, "unknown")


def test_a_night_named_by_its_evening_day_is_that_day():
    # published Thursday 2022-03-17; CONVENTIONS 'Overnight Saturday', 'on Friday night': the evening's day only
    assert _resolve("a drone struck the airport overnight on Monday") == ("2022-03-14", "2022-03-14", "day")
    assert _resolve("Six herders were shot dead overnight Tuesday near the well") == ("2022-03-15", "2022-03-15", "day")
    assert _resolve("shelling on Tuesday overnight") == ("2022-03-15", "2022-03-15", "day")
    assert _resolve("gunmen struck on Monday night") == ("2022-03-14", "2022-03-14", "day")
    assert _resolve("overnight on Thursday") == ("2022-03-17", "2022-03-17", "day")
    # a night the text says ran into the next day keeps both
    assert _resolve("a raid overnight into Sunday") == ("2022-03-12", "2022-03-13", "day")


def test_an_ordinal_week_of_a_month_is_those_seven_days():
    # published Thursday 2022-03-17
    assert _resolve("Troops killed two fighters in the first week of February.") == ("2022-02-01", "2022-02-07", "week")
    assert _resolve("The raids went on during the second week of March.") == ("2022-03-08", "2022-03-14", "week")
    assert _resolve("The operation took place in the last week of May 2019.") == ("2019-05-25", "2019-05-31", "week")
    assert _resolve("Two militants were killed in the operation in February first week.") == ("2022-02-01", "2022-02-07", "week")
    # a week that had not ended by the publication day ends there; one that had not begun is unknown
    assert _resolve("Clashes broke out in the third week of March.") == ("2022-03-15", "2022-03-17", "week")
    assert _resolve("Clashes broke out in the fourth week of March.") == (None, None, "unknown")
    assert _resolve("Clashes broke out in the first week of March.", None) == (None, None, "unknown")


def test_less_than_a_period_ago_is_any_day_from_then_up_to_publication():
    # published Thursday 2022-03-17
    assert _resolve("less than a week ago, a mine exploded") == ("2022-03-11", "2022-03-17", "week")
    assert _resolve("the depot raided under two weeks ago") == ("2022-03-04", "2022-03-17", "month")
    assert _resolve("not even a month ago the base was shelled") == ("2022-02-16", "2022-03-17", "month")


def test_overnight_with_no_day_named_is_the_night_up_to_publication():
    # CONVENTIONS: a night across midnight is its two days, precision day
    assert _resolve("Gunmen raided the camp overnight, killing six.") == ("2022-03-16", "2022-03-17", "day")
    # with a day named, the night is the weekday's (its evening's day)
    assert _resolve("Gunmen raided the camp overnight on Monday.") == ("2022-03-14", "2022-03-14", "day")
    assert _resolve("Gunmen raided the camp on Monday overnight.") == ("2022-03-14", "2022-03-14", "day")
    # "on Friday night" is the Friday
    assert _resolve("Gunmen raided the camp on Tuesday night.") == ("2022-03-15", "2022-03-15", "day")


@pytest.mark.parametrize("sentence, published, expected", [
    # the numbers decide the order: a first number over 12 is the day, a second one over 12 the day
    ("Militiamen burned the market on 27/03/2019, a trader said.", None, "2019-03-27"),
    ("Militiamen burned the market on 03/27/2019, a trader said.", None, "2019-03-27"),
    # dashes and dots as separators, and a year-first date
    ("The convoy was struck on 14-08-2022 near the river crossing.", None, "2022-08-14"),
    ("The convoy was struck on 14.08.2022 near the river crossing.", None, "2022-08-14"),
    ("The convoy was struck on 2022-08-14 near the river crossing.", None, "2022-08-14"),
    # undecided by the numbers: the reading on or before the publication day and nearest it
    ("Two guards died in the raid on 04/09/2021.", dt.date(2021, 4, 10), "2021-04-09"),
    ("Two guards died in the raid on 04/09/2021.", dt.date(2021, 9, 6), "2021-09-04"),
    # nothing decides: day first, as most of the world writes it
    ("Two guards died in the raid on 04/09/2021.", None, "2021-09-04"),
])
def test_a_date_written_in_numbers_is_read_with_its_order(sentence, published, expected):
    matches = find_date_expressions(sentence)
    assert len(matches) == 1
    interval = resolve_date(matches[0], published)
    assert (interval.start, interval.end, interval.precision) == (expected, expected, "day")


@pytest.mark.parametrize("text", ["The lorry carried 12/40 crates.", "Version 2.10.2021.4 of the app",
                                  "The toll was 10-12 people", "The raid on 31/02/2020 is no day"])
def test_numbers_that_are_no_date_or_no_real_day_are_not_dated(text):
    assert all(not resolve_date(match, dt.date(2021, 1, 1)).is_known for match in find_date_expressions(text))


def test_parts_of_the_day_of_publication_and_of_the_day_before():
    # PUBLISHED is Thursday 2022-03-17
    assert _resolve("Two porters were shot dead this afternoon near the quarry.") == ("2022-03-17", "2022-03-17", "day")
    assert _resolve("A mine went off this evening under a bus.") == ("2022-03-17", "2022-03-17", "day")
    assert _resolve("Raiders burned the granary last evening.") == ("2022-03-16", "2022-03-16", "day")
    assert _resolve("A mine went off this evening under a bus.", None) == (None, None, "unknown")


def test_the_end_or_beginning_of_a_month_is_that_month():
    # published Thursday 2022-03-17; the part of the month is coded as the month, as "in May" is
    assert _resolve("a raid on a cattle market that killed 30 people at the end of May") == (
        "2021-05-01", "2021-05-31", "month")
    assert _resolve("Gunmen struck the town at the beginning of February.") == ("2022-02-01", "2022-02-28", "month")
    assert _resolve("towards the end of June 2019, a bomb killed nine") == ("2019-06-01", "2019-06-30", "month")
    # the verb 'may' is still no month
    assert find_date_expressions("Officials said the toll may rise by the end of the week.") == []


def test_a_weekday_with_its_date_in_brackets_is_that_date():
    # agency copy writes "on Thursday (Oct 19)"; published Thursday 2022-03-17
    found = find_date_expressions("Rebels attacked the clinic on Tuesday (March 15), police said.")
    assert [(m.text, m.kind) for m in found] == [("Tuesday (March 15)", "day")]
    assert _resolve("Rebels attacked the clinic on Tuesday (March 15).") == ("2022-03-15", "2022-03-15", "day")
    assert _resolve("The raid took place on Saturday (12 March 2022).") == ("2022-03-12", "2022-03-12", "day")
    assert _resolve("on Tuesday (March 15)", None) == (None, None, "unknown")
