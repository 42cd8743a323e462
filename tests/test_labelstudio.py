"""Review in Label Studio without a server: export tasks, edit the JSON as an annotator would, import, apply."""
from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET

import pandas as pd

from helpers import annotate, corrections, event_corrections, labelstudio, linkage
from helpers.schemas import EVENTS_COLUMNS, MENTIONS_COLUMNS

TEXT_A = ("At least 20 soldiers were killed near Shula on Thursday, according to the Observatory. "
          "Two civilians died in a separate blast in Mayadin. The war has killed hundreds of thousands.")
TEXT_B = "Activists said 23 soldiers died in the Shula ambush. A bomb in Mayadin killed 4."


def _mention(mention_id, article_id, event_id, killed, spans, **extra) -> dict:
    row = {column: None for column in MENTIONS_COLUMNS}
    row.update(mention_id=mention_id, article_id=article_id, event_id=event_id, role="main", killed=killed,
               date_precision="unknown", geo_precision="place", is_claim=False, annotator="rules",
               spans=json.dumps(spans), **extra)
    return row


def _run() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """A run's articles (cleaned text), mentions (with event ids and spans) and events."""
    s = TEXT_A.index
    mentions = pd.DataFrame([
        _mention("a-m01", "a", "EV0001", 20, [[0, 11, "KILLED"], [38, 43, "PLACE"], [47, 55, "DATE"], [74, 88, "SOURCE"]],
                 place="Shula", admin1="Deir ez-Zor", figure_source="Syrian Observatory for Human Rights",
                 date_start="2023-08-10", date_end="2023-08-10", latitude=35.18, longitude=39.88),
        _mention("a-m02", "a", "EV0002", 2, [[s("Two"), s("Two") + 3, "KILLED"], [s("Mayadin"), s("Mayadin") + 7, "PLACE"]],
                 place="Mayadin", admin1="Deir ez-Zor"),
        _mention("a-m03", "a", "EV0004", 100000, [[s("hundreds"), s("hundreds") + 21, "KILLED"]]),
        _mention("b-m01", "b", "EV0003", 23, [[15, 17, "KILLED"], [0, 10, "SOURCE"]], figure_source="activists"),
        _mention("b-m02", "b", "EV0005", 4, [[TEXT_B.index("4."), TEXT_B.index("4.") + 1, "KILLED"]], place="Mayadin"),
    ])
    mentions = annotate._typed(mentions)  # the dtypes notebook 02 gives its mentions
    articles = pd.DataFrame({"article_id": ["a", "b"], "text": [TEXT_A, TEXT_B], "title": ["Ambush", None],
                             "published": ["2023-08-11", "2023-08-12"]})
    events = pd.DataFrame([{c: None for c in EVENTS_COLUMNS} | {"event_id": e, "mention_ids": m, "rationale": "Machine."}
                           for e, m in [("EV0001", "a-m01"), ("EV0002", "a-m02"), ("EV0003", "b-m01"), ("EV0004", "a-m03"),
                                        ("EV0005", "b-m02")]])
    return articles, mentions, events


def _annotate(task: dict, edit) -> dict:
    """What Label Studio exports after an annotator accepted the prediction and edited it."""
    done = copy.deepcopy(task)
    result = copy.deepcopy(task["predictions"][0]["result"])
    done["annotations"] = [{"id": 1, "was_cancelled": False, "result": edit(result)}]
    return done


def _set(result, region_id, name, value):
    items = [r for r in result if r["id"] == region_id and r["from_name"] == name]
    if items:
        items[0]["value"]["text"] = [value]
    else:
        span = next(r for r in result if r["id"] == region_id and r["type"] == "labels")["value"]
        result.append({"id": region_id, "from_name": name, "to_name": "text", "type": "textarea",
                       "value": {"start": span["start"], "end": span["end"], "text": [value]}})
    return result


def test_shipped_config_names_every_control_the_tasks_use():
    root = ET.parse(labelstudio.CONFIG_PATH).getroot()
    names = {element.get("name") for element in root.iter() if element.get("name")}
    assert {"text", "span", "value", "mention", "event", "reason", "event_corrections"} <= names
    labels = {element.get("value") for element in root.iter("Label")}
    assert labels == set(labelstudio.VALUE_FIELDS)


def test_export_pre_annotates_each_span_with_its_value_mention_and_event():
    articles, mentions, _ = _run()
    tasks = labelstudio.export_tasks(articles, mentions)
    assert [t["data"]["article_id"] for t in tasks] == ["a", "b"]
    result = tasks[0]["predictions"][0]["result"]
    killed = next(r for r in result if r["id"] == "a-m01:KILLED:0" and r["type"] == "labels")
    assert killed["value"]["text"] == "At least 20" and killed["value"]["labels"] == ["KILLED"]
    per_region = {r["from_name"]: r["value"]["text"][0] for r in result if r["id"] == "a-m01:KILLED:0" and r["type"] == "textarea"}
    assert per_region == {"value": "20", "mention": "a-m01", "event": "EV0001"}
    date = {r["from_name"]: r["value"]["text"][0] for r in result if r["id"] == "a-m01:DATE:47" and r["type"] == "textarea"}
    assert date["value"] == "2023-08-10" and TEXT_A[47:55] == "Thursday"
    place = next(r for r in result if r["id"] == "a-m02:PLACE:" + str(TEXT_A.index("Mayadin")) and r["type"] == "labels")
    assert place["value"]["text"] == "Mayadin"


def test_round_trip_fix_a_figure_move_merge_set_add_delete_then_apply(tmp_path):
    articles, mentions, events = _run()
    tasks = labelstudio.export_tasks(articles, mentions)
    start_23 = 15

    def edit_a(result):
        _set(result, "a-m01:KILLED:0", "value", "21")                          # fix one figure
        _set(result, "a-m01:KILLED:0", "reason", "the article's later paragraph says 21")
        _set(result, "a-m01:DATE:47", "value", "2023-08-09")                    # fix the date
        result[:] = [r for r in result if not r["id"].startswith("a-m03")]      # a war-wide total, not a toll
        result.append({"id": "event-lines", "from_name": "event_corrections", "to_name": "text", "type": "textarea",
                       "value": {"text": ["merge EV0001 EV0003 # the same Shula ambush\nset EV0001 killed_best 23 # Observatory's later toll"]}})
        return result

    def edit_b(result):
        _set(result, f"b-m02:KILLED:{TEXT_B.index('4.')}", "event", "EV0002")  # the Mayadin bomb is a-m02's blast
        result.append({"id": "new", "from_name": "span", "to_name": "text", "type": "labels",
                       "value": {"start": 0, "end": 10, "text": "Activists", "labels": ["WOUNDED"]}})
        _set(result, "new", "value", "5")
        return result

    export = [_annotate(tasks[0], edit_a), _annotate(tasks[1], edit_b)]
    exported = json.loads(json.dumps(export))  # what the file holds
    rows = labelstudio.import_export(exported, mentions)
    assert rows["problems"] == []

    fixes = rows["corrections"]
    assert fixes[fixes["action"].eq("fix")][["mention_id", "field", "value"]].values.tolist() == [
        ["a-m01", "killed", "21"], ["a-m01", "date_start", "2023-08-09"], ["a-m01", "date_end", "2023-08-09"],
        ["a-m01", "date_precision", "day"]]
    assert fixes.loc[fixes["field"].eq("killed"), "reason"].item() == "the article's later paragraph says 21"
    assert fixes[fixes["action"].eq("delete")]["mention_id"].tolist() == ["a-m03"]
    added = fixes[fixes["action"].eq("add")]
    assert set(added["mention_id"]) == {"b-h000000"}
    assert dict(zip(added["field"], added["value"]))["wounded"] == "5"
    decisions = rows["decisions"][["decision", "mention_id", "other_mention_id"]].values.tolist()
    assert ["merge", "a-m01", "b-m01"] in decisions                          # merge EV0001 EV0003
    assert ["merge", "b-m02", "a-m02"] in decisions                          # move b-m02 to EV0002
    assert rows["event_corrections"][["mention_id", "field", "value"]].values.tolist() == [["a-m01", "killed_best", "23"]]

    # the files the next run reads
    paths = {key: tmp_path / f"{key}.csv" for key in ("corrections", "decisions", "event_corrections")}
    for key, path in paths.items():
        assert labelstudio.append_rows(rows[key], path) == len(rows[key])
        assert labelstudio.append_rows(rows[key], path) == 0                 # importing twice adds nothing
    applied, report = corrections.apply_corrections(mentions, corrections.load_corrections(paths["corrections"]))
    assert report["status"].eq("applied").all()
    by_id = applied.set_index("mention_id")
    assert by_id.loc["a-m01", "killed"] == 21 and by_id.loc["a-m01", "date_start"] == "2023-08-09"
    assert by_id.loc["a-m01", "annotator"] == "human" and "a-m03" not in by_id.index
    assert by_id.loc["b-h000000", "wounded"] == 5 and by_id.loc["b-h000000", "article_id"] == "b"
    read = linkage.read_decisions(paths["decisions"])
    assert len(read) == len(rows["decisions"]) and linkage.unknown_decision_ids(read, applied) == []
    fixed_events, event_report = event_corrections.apply_event_corrections(
        events, event_corrections.load_event_corrections(paths["event_corrections"]))
    assert event_report["status"].tolist() == ["applied"]
    assert fixed_events.set_index("event_id").loc["EV0001", "killed_best"] == 23
    assert "Set by hand: killed_best = 23 (Observatory's later toll)." in fixed_events.set_index("event_id").loc["EV0001", "rationale"]


def test_unchanged_review_imports_nothing_and_bad_lines_are_reported():
    articles, mentions, _ = _run()
    tasks = labelstudio.export_tasks(articles, mentions)
    untouched = labelstudio.import_export([_annotate(task, lambda r: r) for task in tasks], mentions)
    assert all(len(untouched[key]) == 0 for key in ("corrections", "decisions", "event_corrections"))

    def bad(result):
        result.append({"id": "x", "from_name": "event_corrections", "to_name": "text", "type": "textarea",
                       "value": {"text": ["merge EV0001 EV0999 # typo\nexplode EV0001"]}})
        return result

    rows = labelstudio.import_export([_annotate(tasks[0], bad)], mentions)
    assert len(rows["problems"]) == 2 and "EV0999" in rows["problems"][0]
    assert len(rows["decisions"]) == 0


def test_moving_a_mention_splits_it_from_its_old_event_and_merges_it_with_the_new():
    articles, mentions, _ = _run()
    mentions.loc[mentions["mention_id"].eq("b-m01"), "event_id"] = "EV0001"   # the machine put b-m01 with a-m01
    tasks = labelstudio.export_tasks(articles, mentions)
    moved = _annotate(tasks[1], lambda result: _set(result, "b-m01:KILLED:15", "event", "EV0005"))
    rows = labelstudio.import_export([moved], mentions)
    assert rows["decisions"][["decision", "mention_id", "other_mention_id"]].values.tolist() == [
        ["split", "b-m01", "a-m01"], ["merge", "b-m01", "b-m02"]]
    assert rows["decisions"]["reason"].eq("Label Studio review of b").all()
