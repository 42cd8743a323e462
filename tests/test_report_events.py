"""The report's events table: every column readable without scrolling sideways, nothing cut, nothing said twice."""
from __future__ import annotations

import pandas as pd
from bs4 import BeautifulSoup

from helpers import contract, report_events, visualise

_COLUMNS = ["event_id", "date_start", "date_end", "date_precision", "place", "admin1", "country", "perpetrator",
            "killed_low", "killed_best", "killed_high", "claimed_casualties", "n_sources", "flags"]


def _events(rows) -> pd.DataFrame:
    return visualise.type_events(pd.DataFrame(rows, columns=_COLUMNS).astype("string"))


EVENTS = _events([
    ["e1", "2022-05-14", "2022-05-14", "day", "Ridgeford", "North Vale", "Zedland", "Valley Front",
     "12", "15", "15", "", "2", "single_source;wide_spread"],
    ["e2", "2022-06-01", "2022-06-30", "month", "", "North Vale;South Vale", "Zedland", "Valley Front",
     "20", "20", "20", "", "3", "date_conflict;location_conflict;uncertain_attribution;claim_only"],
    ["e3", "2022-07-04", "2022-07-10", "week", "", "", "Zedland", "Valley Front", "", "", "", "", "1", ""],
    ["e4", "2021-01-01", "2021-12-31", "year", "Old Mill", "South Vale", "Zedland", "Valley Front",
     "3", "3", "3", "", "1", ""],
])


def _table(events: pd.DataFrame) -> BeautifulSoup:
    return BeautifulSoup(report_events.events_table_html(events), "html.parser")


def test_dates_are_written_to_their_precision():
    text = report_events.date_text
    assert text(pd.Timestamp("2022-05-14"), pd.Timestamp("2022-05-14"), "day") == "2022-05-14"
    assert text(pd.Timestamp("2022-06-01"), pd.Timestamp("2022-06-30"), "month") == "2022-06"
    assert text(pd.Timestamp("2021-01-01"), pd.Timestamp("2021-12-31"), "year") == "2021"
    assert text(pd.Timestamp("2022-07-04"), pd.Timestamp("2022-07-10"), "week") == "2022-07-04 to 2022-07-10"
    assert text(pd.NaT, pd.NaT, "unknown") == "unknown"


def test_long_flag_lists_are_written_in_full_and_may_wrap_between_flags():
    soup = _table(EVENTS)
    flags = [span.get_text() for span in soup.select("td[data-label=flags] span.flag")]
    assert flags[2:] == ["date_conflict", "location_conflict", "uncertain_attribution", "claim_only"]
    assert "…" not in soup.get_text()
    css = report_events.STYLE
    assert "table.events .flag { white-space: nowrap; }" in css  # a flag stays whole, the list wraps between


def test_a_value_every_row_shares_is_said_once_above_the_table():
    soup = _table(EVENTS)
    assert "perpetrator: Valley Front" in soup.find("p", class_="same").get_text()
    assert "perpetrator's claim: none" in soup.find("p", class_="same").get_text()
    headers = [th.get_text() for th in soup.find_all("th")]
    assert "perpetrator" not in headers and "perpetrator's claim" not in headers
    assert "Valley Front" not in soup.find("table").get_text()
    two_sides = EVENTS.assign(perpetrator=["Valley Front", "Hill Guard", "Valley Front", "Valley Front"])
    assert "perpetrator" in [th.get_text() for th in _table(two_sides).find_all("th")]


def test_place_range_and_country_are_packed_into_their_cells():
    rows = _table(EVENTS).find("tbody").find_all("tr")
    cells = [{td["data-label"]: td for td in row.find_all("td")} for row in rows]
    by_id = {row["event"].get_text(): row for row in cells}
    assert by_id["e1"]["place / admin1"].get_text(" ") == "Ridgeford North Vale"
    assert by_id["e1"]["killed: best (low–high)"].get_text(" ") == "15 (12–15)"
    assert by_id["e4"]["killed: best (low–high)"].get_text() == "3"  # one figure: no range repeated
    assert by_id["e2"]["place / admin1"].get_text() == "North Vale, South Vale"
    assert by_id["e3"]["place / admin1"].get_text() == "Zedland"  # neither place nor province: the country
    assert [row["event"].get_text() for row in cells] == ["e4", "e1", "e2", "e3"]  # date order


def test_on_a_narrow_screen_each_event_is_a_block_of_labelled_lines():
    css = report_events.STYLE
    assert "@media (max-width: 44em)" in css
    narrow = css[css.index("@media"):]
    assert "table.events thead { display: none; }" in narrow and "content: attr(data-label)" in narrow
    soup = _table(EVENTS)
    assert all(td.get("data-label") for td in soup.find_all("td"))
    assert "overflow-x" not in report_events.events_table_html(EVENTS)  # nothing left to scroll to


def test_text_from_articles_stays_text():
    hostile = EVENTS.assign(place='<img src=x onerror="alert(1)">', flags="<script>x</script>")
    page = report_events.events_table_html(hostile)
    assert "<img" not in page and "<script>" not in page
    assert '<img src=x onerror="alert(1)">' in BeautifulSoup(page, "html.parser").get_text()


def test_the_report_front_page_shows_the_packed_table_and_lists_sources_as_written(tmp_path):
    from fixtures.contract_tables import write_tables
    from helpers import report

    write_tables(tmp_path / "tables")
    events_csv = tmp_path / "tables" / "events.csv"  # reconcile joins sources with '; '
    events_csv.write_text(events_csv.read_text().replace("Islamic State;Syrian Observatory for Human Rights;",
                                                         "Islamic State; Syrian Observatory for Human Rights; "))
    page = report.write_index(tmp_path, {"input": "seeds", "notebooks": [], "parameters": {}}).read_text()
    soup = BeautifulSoup(page, "html.parser")
    events = soup.find("h2", string="Events").find_next("table")
    assert "events" in events["class"] and events.find_parent("div", class_="table-scroll") is None
    assert report_events.STYLE.strip() in page
    deadliest = next(li.get_text() for li in soup.find_all("li") if li.get_text().startswith("Deadliest event"))
    assert "sources: Islamic State, Syrian Observatory for Human Rights, activists." in deadliest


def test_each_flag_the_table_shows_is_explained_under_it():
    soup = _table(EVENTS)
    legend = soup.find_all("p", class_="same")[-1].get_text()
    for flag in ("single_source", "wide_spread", "date_conflict", "location_conflict", "uncertain_attribution",
                 "claim_only"):
        assert f"{flag}: {report_events.FLAG_MEANINGS[flag]}" in legend
    assert "perpetrator_conflict" not in legend  # no event carries it
    assert set(report_events.FLAG_MEANINGS) >= set(contract.FLAGS)
