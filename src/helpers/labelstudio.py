"""Review the machine's mentions in Label Studio and turn the review into rows of the corrections files.

Export: one Label Studio task per article of a run, its cleaned text with the machine's spans pre-annotated
(figures labelled by kind, with their value, mention id and event id; sources, places and dates with their
value), for the labelling config in data/labelstudio/config.xml. Import: a completed Label Studio export
(JSON) becomes rows of data/corrections.csv (fix, add, delete a mention's field), data/merge_split.csv (move
a mention to another event, merge or split events, as pairs of mention ids) and data/event_corrections.csv
(set an event's date, place or figures, naming the event by one of its mentions). The next run applies them.

    python -m helpers.labelstudio export output/seeds review/tasks.json
    python -m helpers.labelstudio import review/export.json output/seeds [--corrections ...]

No Label Studio server is needed here; `pip install label-studio` is the user's (README: "Correct the machine").
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pandas as pd

from helpers.corrections import CORRECTION_COLUMNS
from helpers.event_corrections import EVENT_CORRECTION_COLUMNS, SETTABLE
from helpers.linkage import DECISIONS_COLUMNS
from helpers.paths import DATA_DIR

CONFIG_PATH = DATA_DIR / "labelstudio" / "config.xml"
MODEL_VERSION = "workbook rules"
FIGURE_FIELDS = {"KILLED": "killed", "WOUNDED": "wounded", "CASUALTIES": "casualties", "CAPTURED": "captured",
                 "MISSING": "missing"}
VALUE_FIELDS = {**FIGURE_FIELDS, "SOURCE": "figure_source", "PLACE": "place", "DATE": "date"}
PER_REGION = ["value", "mention", "event", "reason"]
MACHINE_COLUMNS = ["mention_id", "event_id", "killed", "killed_max", "wounded", "wounded_max", "casualties", "captured",
                   "missing", "figure_source", "place", "admin1", "date_start", "date_end", "article_event_key"]


def _text(value: object) -> str:
    if value is None or (not isinstance(value, (list, dict)) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def figure_value(low: object, high: object) -> str:
    """A figure as the annotator reads and writes it: '20', or '20-24' for a range."""
    low, high = _text(low), _text(high)
    return f"{low}-{high}" if low and high and high != low else low


def date_value(start: object, end: object) -> str:
    """A date as the annotator reads and writes it: '2023-08-01', or '2023-08-01..2023-08-31'."""
    start, end = _text(start)[:10], _text(end)[:10]
    return f"{start}..{end}" if start and end and end != start else start


def _region_value(label: str, mention: dict) -> str:
    if label in FIGURE_FIELDS:
        field = FIGURE_FIELDS[label]
        return figure_value(mention.get(field), mention.get(f"{field}_max"))
    if label == "DATE":
        return date_value(mention.get("date_start"), mention.get("date_end"))
    return _text(mention.get(VALUE_FIELDS[label]))


# ---------------------------------------------------------------------------------------------------------
# Export


def article_task(article: dict, mentions: pd.DataFrame) -> dict:
    """One Label Studio task: the article's cleaned text, the machine's values per mention, and its spans as a
    prediction (one region per span and mention, with per-region value, mention id and event id)."""
    text = str(article["text"])
    machine = []
    result = []
    for row in mentions.sort_values("mention_id", kind="mergesort").to_dict("records"):
        values = {column: _text(row.get(column)) for column in MACHINE_COLUMNS}
        machine.append(values)
        spans = json.loads(row["spans"]) if _text(row.get("spans")) else []
        for start, end, label in sorted({tuple(span) for span in spans}):
            if label not in VALUE_FIELDS:
                continue
            region_id = f"{row['mention_id']}:{label}:{start}"
            result.append({"id": region_id, "from_name": "span", "to_name": "text", "type": "labels", "origin": "prediction",
                           "value": {"start": int(start), "end": int(end), "text": text[start:end], "labels": [label]}})
            per_region = {"value": _region_value(label, values), "mention": values["mention_id"],
                          "event": values["event_id"] if label in FIGURE_FIELDS else "", "reason": ""}
            for name, value in per_region.items():
                if value:
                    result.append({"id": region_id, "from_name": name, "to_name": "text", "type": "textarea",
                                   "origin": "prediction",
                                   "value": {"start": int(start), "end": int(end), "text": [value]}})
    events = {}
    for values in machine:
        if values["event_id"]:
            events.setdefault(values["event_id"], []).append(values["mention_id"])
    summary = "; ".join(f"{event}: {', '.join(ids)}" for event, ids in sorted(events.items())) or "no events"
    return {
        "data": {"text": text, "article_id": str(article["article_id"]), "title": _text(article.get("title")),
                 "published": _text(article.get("published")) or "unknown", "mentions": machine,
                 "events_summary": summary},
        "predictions": [{"model_version": MODEL_VERSION, "result": result}],
    }


def export_tasks(articles: pd.DataFrame, mentions: pd.DataFrame) -> list[dict]:
    """One task per article that has mentions, sorted by article id."""
    tasks = []
    for article in articles.sort_values("article_id", kind="mergesort").to_dict("records"):
        own = mentions[mentions["article_id"] == article["article_id"]]
        if len(own):
            tasks.append(article_task(article, own))
    return tasks


def export_run(output_dir: str | Path, tasks_path: str | Path) -> Path:
    """Write the tasks of a run (its interim/articles.parquet and tables/mentions.csv) as Label Studio JSON,
    with the labelling config beside them."""
    from helpers import schemas

    output_dir = Path(output_dir)
    articles = pd.read_parquet(output_dir / "interim" / "articles.parquet")
    mentions = schemas.read_table("mentions", output_dir / "tables")
    tasks_path = Path(tasks_path)
    tasks_path.parent.mkdir(parents=True, exist_ok=True)
    tasks_path.write_text(json.dumps(export_tasks(articles, mentions), ensure_ascii=False, indent=1) + "\n",
                          encoding="utf-8", newline="\n")
    (tasks_path.parent / "config.xml").write_text(CONFIG_PATH.read_text(encoding="utf-8"), encoding="utf-8")
    return tasks_path


# ---------------------------------------------------------------------------------------------------------
# Import


def _regions(result: list[dict]) -> tuple[dict[str, dict], list[str]]:
    """Group an annotation's results into regions (label, span, per-region texts) and task-level lines."""
    regions: dict[str, dict] = {}
    lines: list[str] = []
    for item in result:
        value = item.get("value", {})
        if item.get("from_name") == "event_corrections":
            for text in value.get("text", []):
                lines += [line.strip() for line in str(text).splitlines() if line.strip()]
            continue
        region = regions.setdefault(item["id"], {})
        if item.get("type") == "labels":
            region.update(label=value["labels"][0], start=int(value["start"]), end=int(value["end"]),
                          text=value.get("text", ""))
        elif item.get("from_name") in PER_REGION:
            region[item["from_name"]] = " ".join(str(t) for t in value.get("text", [])).strip()
    return {key: region for key, region in regions.items() if "label" in region}, lines


def _figure_rows(field: str, value: str) -> list[tuple[str, str]]:
    """(field, value) rows for a figure written '20' or '20-24' (blank: unknown)."""
    low, _, high = value.replace("–", "-").partition("-")
    rows = [(field, low.strip())]
    if f"{field}_max" in MACHINE_COLUMNS:
        rows.append((f"{field}_max", high.strip()))
    return rows


def _date_rows(value: str) -> list[tuple[str, str]]:
    """date_start, date_end and date_precision rows for '2023-08-01' or '2023-08-01..2023-08-31'."""
    start, _, end = value.partition("..")
    start, end = start.strip(), (end.strip() or start.strip())
    if not start:
        return [("date_start", ""), ("date_end", ""), ("date_precision", "unknown")]
    days = (pd.Timestamp(end) - pd.Timestamp(start)).days
    precision = "day" if days == 0 else "week" if days <= 7 else "month" if days <= 31 else "year"
    return [("date_start", start), ("date_end", end), ("date_precision", precision)]


def _place_rows(value: str, machine: dict) -> list[tuple[str, str]]:
    """place (with coordinates when written 'name @ lat, lon'); a place without them drops the old point."""
    name, _, point = value.partition("@")
    lat, _, lon = point.partition(",")
    if lat.strip() and lon.strip():
        return [("place", name.strip()), ("latitude", lat.strip()), ("longitude", lon.strip()), ("geo_precision", "place")]
    fallback = "admin1" if machine.get("admin1") else "unknown"
    return [("place", name.strip()), ("latitude", ""), ("longitude", ""), ("geo_precision", fallback if name.strip() else "unknown")]


def _field_rows(label: str, value: str, machine: dict) -> list[tuple[str, str]]:
    if label in FIGURE_FIELDS:
        return _figure_rows(FIGURE_FIELDS[label], value)
    if label == "DATE":
        return _date_rows(value)
    if label == "PLACE":
        return _place_rows(value, machine)
    return [(VALUE_FIELDS[label], value)]


class _Rows:
    """The rows an import produces, one list per corrections file."""

    def __init__(self) -> None:
        self.corrections: list[dict] = []
        self.decisions: list[dict] = []
        self.events: list[dict] = []
        self.problems: list[str] = []

    def fix(self, action: str, mention_id: str, field: str, value: str, reason: str) -> None:
        self.corrections.append({"action": action, "mention_id": mention_id, "field": field, "value": value, "reason": reason})

    def decide(self, decision: str, mention_id: str, other: str, reason: str) -> None:
        if mention_id != other:
            self.decisions.append({"decision": decision, "mention_id": mention_id, "other_mention_id": other, "reason": reason})


def _move(rows: _Rows, mention_id: str, to_event: str, events: dict[str, list[str]], holder: dict[str, str], reason: str) -> None:
    """Move a mention to another event: merge it with that event's mentions, split it from its old event's."""
    if to_event not in events:
        rows.problems.append(f"move {mention_id}: no event {to_event} in the run")
        return
    for other in events.get(holder.get(mention_id, ""), []):
        rows.decide("split", mention_id, other, reason)
    rows.decide("merge", mention_id, events[to_event][0], reason)


def _event_line(rows: _Rows, line: str, events: dict[str, list[str]], holder: dict[str, str], default_reason: str) -> None:
    """One task-level line: merge EV_A EV_B · split EV MENTION... · move MENTION EV · set EV FIELD VALUE (# reason)."""
    command, _, reason = line.partition("#")
    reason = reason.strip() or default_reason
    words = command.split()
    verb = words[0].lower() if words else ""
    unknown = [w for w in words[1:] if w.upper().startswith("EV") and w not in events]
    if unknown:
        rows.problems.append(f"{line!r}: no event {', '.join(unknown)} in the run")
        return
    if verb == "merge" and len(words) == 3:
        rows.decide("merge", events[words[1]][0], events[words[2]][0], reason)
    elif verb == "split" and len(words) >= 3:
        leaving = [w for w in words[2:] if w in events[words[1]]]
        staying = [m for m in events[words[1]] if m not in leaving]
        if len(leaving) != len(words) - 2 or not staying:
            rows.problems.append(f"{line!r}: name mentions of {words[1]}, and leave at least one")
            return
        for left in leaving:
            for right in staying:
                rows.decide("split", left, right, reason)
        for left in leaving[1:]:
            rows.decide("merge", leaving[0], left, reason)
    elif verb == "move" and len(words) == 3:
        _move(rows, words[1], words[2], events, holder, reason)
    elif verb == "set" and len(words) >= 3 and words[2] in SETTABLE:
        rows.events.append({"mention_id": events[words[1]][0], "field": words[2], "value": " ".join(words[3:]), "reason": reason})
    else:
        rows.problems.append(f"{line!r}: not understood (merge EV EV · split EV MENTION... · move MENTION EV · "
                             f"set EV FIELD VALUE, FIELD one of {sorted(SETTABLE)})")


def import_export(export: list[dict], mentions: pd.DataFrame) -> dict[str, pd.DataFrame | list[str]]:
    """Turn a completed Label Studio export into rows of the three corrections files.

    `mentions` is the run's tables/mentions.csv (with event_id), which resolves event ids to mention ids. Only
    what the annotator changed becomes a row: a figure, source, place or date value edited (fix), a figure
    span the machine missed (add, with a new id article-hNNNNNN from its offset), every span of a mention
    removed (delete), a mention's event id changed (move), and the event lines. Each row keeps the
    annotator's reason, or names the task when none was given.
    """
    events: dict[str, list[str]] = {}
    for mention_id, event_id in sorted(zip(mentions["mention_id"], mentions["event_id"].fillna(""))):
        if event_id:
            events.setdefault(event_id, []).append(mention_id)
    holder = {m: e for e, ids in events.items() for m in ids}
    rows = _Rows()
    for task in export:
        annotations = [a for a in task.get("annotations", []) if not a.get("was_cancelled")]
        if not annotations:
            continue
        data = task["data"]
        article_id = data["article_id"]
        default_reason = f"Label Studio review of {article_id}"
        machine = {m["mention_id"]: m for m in data.get("mentions", [])}
        predicted, _ = _regions(task.get("predictions", [{}])[0].get("result", []) if task.get("predictions") else [])
        regions, lines = _regions(annotations[-1]["result"])
        by_mention: dict[str, list[dict]] = {}
        for region in regions.values():
            by_mention.setdefault(region.get("mention", ""), []).append(region)
        for mention_id, values in sorted(machine.items()):
            own = by_mention.get(mention_id, [])
            if not own:
                rows.fix("delete", mention_id, "", "", default_reason + ": every span removed")
                continue
            labels = {r["label"] for r in own}
            for label, field in FIGURE_FIELDS.items():
                had = any(p.get("mention") == mention_id and p["label"] == label for p in predicted.values())
                if had and label not in labels:
                    rows.fix("fix", mention_id, field, "", default_reason + f": {label} span removed")
            for region in sorted(own, key=lambda r: (r["start"], r["label"])):
                reason = region.get("reason") or default_reason
                if region.get("value", "") != _region_value(region["label"], values):
                    for field, value in _field_rows(region["label"], region.get("value", ""), values):
                        if field in machine[mention_id] and value == machine[mention_id][field]:
                            continue
                        rows.fix("fix", mention_id, field, value, reason)
            moved = {r.get("event", "") for r in own if r["label"] in FIGURE_FIELDS} - {"", values["event_id"]}
            if len(moved) == 1:
                _move(rows, mention_id, moved.pop(), events, holder, own[0].get("reason") or default_reason)
            elif moved:
                rows.problems.append(f"{mention_id}: its spans name several events {sorted(moved)}")
        for region in sorted(by_mention.get("", []), key=lambda r: r["start"]):
            if region["label"] not in FIGURE_FIELDS:
                rows.problems.append(f"{article_id}: a new {region['label']} span needs the mention id it belongs to")
                continue
            new_id = f"{article_id}-h{region['start']:06d}"
            reason = region.get("reason") or default_reason + ": figure the machine missed"
            new_fields = [("article_id", article_id), ("role", "main"), ("date_precision", "unknown"),
                          ("geo_precision", "unknown"), ("is_claim", "False"), ("char_start", str(region["start"])),
                          ("char_end", str(region["end"])), ("evidence", region.get("text", ""))]
            new_fields += _figure_rows(FIGURE_FIELDS[region["label"]], region.get("value", "") or region.get("text", ""))
            for field, value in new_fields:
                if value != "":
                    rows.fix("add", new_id, field, value, reason)
            if region.get("event"):
                _move(rows, new_id, region["event"], events, holder, reason)
        for line in lines:
            _event_line(rows, line, events, holder, default_reason)
    frame = lambda records, columns: pd.DataFrame(records, columns=columns).astype("string")  # noqa: E731
    return {"corrections": frame(rows.corrections, CORRECTION_COLUMNS),
            "decisions": frame(rows.decisions, DECISIONS_COLUMNS).drop_duplicates().reset_index(drop=True),
            "event_corrections": frame(rows.events, EVENT_CORRECTION_COLUMNS),
            "problems": rows.problems}


def append_rows(rows: pd.DataFrame, path: str | Path) -> int:
    """Append rows to a corrections file (created with its header if missing), skipping rows it already has;
    return how many were added."""
    path = Path(path)
    if path.exists():
        existing = pd.read_csv(path, dtype="string", keep_default_na=False, comment=None)
        if list(existing.columns) != list(rows.columns):
            raise ValueError(f"{path} has columns {list(existing.columns)}, expected {list(rows.columns)}")
    else:
        existing = pd.DataFrame(columns=rows.columns, dtype="string")
    have = set(map(tuple, existing.fillna("").astype(str).values.tolist()))
    new = rows[[tuple(r) not in have for r in rows.fillna("").astype(str).values.tolist()]]
    pd.concat([existing, new], ignore_index=True).to_csv(path, index=False, lineterminator="\n", encoding="utf-8")
    return len(new)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.labelstudio", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    export = commands.add_parser("export", help="write a run's articles as Label Studio tasks (+ config.xml beside)")
    export.add_argument("output_dir", help="a run's output folder (with interim/ and tables/)")
    export.add_argument("tasks", help="the JSON file to write")
    imported = commands.add_parser("import", help="turn a completed Label Studio export into corrections rows")
    imported.add_argument("export", help="the JSON Label Studio exported")
    imported.add_argument("output_dir", help="the run the tasks came from (its tables/mentions.csv)")
    imported.add_argument("--corrections", default=str(DATA_DIR / "corrections.csv"))
    imported.add_argument("--decisions", default=str(DATA_DIR / "merge_split.csv"))
    imported.add_argument("--event-corrections", default=str(DATA_DIR / "event_corrections.csv"))
    args = parser.parse_args(argv)
    if args.command == "export":
        path = export_run(args.output_dir, args.tasks)
        print(f"wrote {path} and {path.parent / 'config.xml'}")
        return 0
    from helpers import schemas

    mentions = schemas.read_table("mentions", Path(args.output_dir) / "tables")
    result = import_export(json.loads(Path(args.export).read_text(encoding="utf-8")), mentions)
    for key, path in [("corrections", args.corrections), ("decisions", args.decisions),
                      ("event_corrections", args.event_corrections)]:
        print(f"{path}: {append_rows(result[key], path)} rows added")
    for problem in result["problems"]:
        print("not imported:", problem)
    return 1 if result["problems"] else 0


if __name__ == "__main__":
    sys.exit(main())
