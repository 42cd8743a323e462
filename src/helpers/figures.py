"""Choose an event's killed and wounded figures from its mentions under a named rule set (ucdp, acled, range)."""
from __future__ import annotations

import math
from pathlib import Path

import yaml

from helpers.paths import DATA_DIR

FIGURE_RULES_PATH = DATA_DIR / "reconcile" / "figure_rules.yaml"
RULE_SETS = ("ucdp", "acled", "range")
# Qualifiers of a figure its source gives as an estimate ("around 100", "between 40 and 50"), not a count.
ESTIMATE_QUALIFIERS = ("approx", "range")


def check_rules(rules: str) -> str:
    """Return `rules` if it names a known rule set, else raise ValueError naming the parameter."""
    if rules not in RULE_SETS:
        raise ValueError(f"rules must be one of {list(RULE_SETS)}, got {rules!r}")
    return rules


def load_figure_rules(path: str | Path = FIGURE_RULES_PATH) -> dict:
    """Read the figure rules YAML (source reliability ranks, contradiction thresholds), each with a reason."""
    rules = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    for source_type, entry in rules["source_reliability"].items():
        if not entry.get("reason"):
            raise ValueError(f"source_reliability.{source_type} has no reason")
    for section in ("speaker_classes", "anonymous_speakers"):
        for name, reason in (rules.get(section) or {}).items():
            if not isinstance(reason, str) or not reason.strip():
                raise ValueError(f"{section}.{name} has no reason")
    return rules


def speaker_classes(rules: dict) -> frozenset[str]:
    """The lower-cased source words of the figure rules that name a kind of speaker, not one body."""
    return frozenset(name.lower() for name in (rules.get("speaker_classes") or {}))


def anonymous_speakers(rules: dict) -> frozenset[str]:
    """The lower-cased source words of the figure rules that name a speaker who is not on the record."""
    return frozenset(name.lower() for name in (rules.get("anonymous_speakers") or {}))


def _is_number(value: object) -> bool:
    """True for a real number (not None/NA/NaN)."""
    try:
        return value is not None and not math.isnan(float(value))
    except (TypeError, ValueError):
        return False


def _fmt(value: float) -> str:
    """A figure as text without a trailing .0."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _current_candidates(figures: list[dict]) -> list[dict]:
    """The figures that may be a source's current one: a figure its own report gives as replaced by another of
    its figures ('the initial toll of five', helpers.toll_readings), an approximate wording ('almost 100') beside the same report's
    precise count of the same source (95) never are, unless nothing else is left."""
    kept = figures
    # replaced by what the same report gives instead ('the initial toll of five has been revised to 10'); a
    # report's 'had previously said 34' with no other figure of that source replaces nothing
    revised_in = {figure.get("article_id") for figure in kept if figure.get("reading") != "earlier"}
    kept = [figure for figure in kept if figure.get("reading") != "earlier" or figure.get("article_id") not in revised_in]
    precise_articles = {figure.get("article_id") for figure in kept if figure.get("qualifier") != "approx"}
    return [figure for figure in kept if figure.get("qualifier") != "approx"
            or figure.get("article_id") not in precise_articles] or kept


def latest_figure(figures: list[dict]) -> tuple[dict, str]:
    """Return one source's current figure among its figures and how it was chosen.

    A later figure from the same source supersedes its earlier one: later = a later publication date of the
    article. Where the dates cannot order them (a date is missing, or all are equal), the higher figure is
    taken as the later one, because tolls rise as the wounded die and bodies are found. A figure the report
    itself gives as replaced and a rounded wording beside the same report's precise count are not current while
    another figure is left.
    """
    if len(figures) == 1:
        return figures[0], "its only figure"
    candidates = _current_candidates(figures)
    if len(candidates) == 1:
        return candidates[0], "its only figure its own reports do not replace"
    if all(figure["published"] is not None for figure in candidates) and \
            len({figure["published"] for figure in candidates}) > 1:
        chosen = max(candidates, key=lambda f: (f["published"], f["value"], f["mention_id"]))
        return chosen, "its latest figure by publication date"
    chosen = max(candidates, key=lambda f: (f["value"], f["published"] or "", f["mention_id"]))
    return chosen, "its highest figure, taken as its latest since tolls rise and publication dates do not order its reports"


def _net_of_attackers(figures: list[dict], attackers: dict[str, set[float]]) -> list[dict]:
    """Take the attackers' own dead out of each figure that counts both sides: one that equals another figure of
    the same report (whoever gives it) plus the attackers' dead that report gives ('eight dead' in the headline,
    'five people killed' and 'three assailants shot dead' in the body; `attackers`: the attackers' dead by
    article). CONVENTIONS (eighth round): such a total is no victims' figure; the victims' figure is the total
    minus the attackers (the total's source keeps it). Returns the figures changed, each with `counted_both`, the
    total as reported."""
    by_report: dict[str, list[dict]] = {}
    for figure in figures:
        by_report.setdefault(figure["article_id"], []).append(figure)
    changed = []
    for article_id, group in by_report.items():
        dead = sorted(attackers.get(article_id, set()))
        counts = []  # read on the figures as reported, before any is changed
        for figure in group:
            others = {other["value"] for other in group if other is not figure}
            counts.append(next((count for count in dead if 0 < count < figure["value"] and
                                figure["value"] - count in others), None))
        for figure, count in zip(group, counts):
            if count is None:
                continue
            figure["counted_both"] = figure["value"]
            figure["value"] -= count
            figure["top"] = max(figure["value"], figure["top"] - count)
            changed.append(figure)
    return changed


def choose_figures(mentions: list[dict], field: str, rules: str, reliability: dict,
                   classes: frozenset[str] = frozenset(), anonymous: frozenset[str] = frozenset()) -> dict:
    """Choose low, best and high of one field ('killed' or 'wounded') for one event.

    ucdp: best is the most reliable source's latest figure; among sources of the most reliable rank that
    reported on different days, the one that reported last; where publication dates do not order them (or among
    the last day's), a count over an estimate ('77 killed' over 'around 100' or 'between 40 and 50': a source
    that counted over one that guessed, as a report's precise count is its source's figure over its rounded
    wording), then a source on the record over an anonymous one of the same day (a word of `anonymous`,
    figure_rules.yaml anonymous_speakers: 'a security source' gives way to the named mayor of the same report or
    day, CONVENTIONS ninth round), then the higher
    figure (tolls rise as the wounded die and bodies are found, so the higher is most often the later count, as
    latest_figure reads one source's figures), then the source cited by more articles.

    Each mention is a dict with mention_id, article_id, published (ISO or None), source, source_type,
    is_claim, and the field's value and `<field>_max` (upper end of a range); optionally `<field>_reading`
    (helpers.toll_readings), `<field>_qualifier` and, for killed, `attackers_killed`. Claims and vague counts
    (`<field>_is_vague`) are left out; a killed figure that adds the report's attackers' own dead to another
    figure of that report counts both sides and is weighed without them (its source's figure net of the
    attackers, CONVENTIONS eighth round; _net_of_attackers). A source named by a word of
    `classes` (a kind of speaker, figure_rules.yaml speaker_classes) is one source within one report only. The
    reason names the article the best figure came from. Returns {'low', 'best', 'high', 'reason', 'sources':
    {source: value}, 'article_ids': the articles of the figures weighed}; values are None when no independent
    source gives a figure.
    """
    check_rules(rules)
    figures: list[dict] = []
    for mention in mentions:
        if mention["is_claim"] or not _is_number(mention.get(field)):
            continue
        if mention.get(f"{field}_is_vague"):
            continue  # "dozens" never sets a figure: it is a range the reporter did not count
        top = mention.get(f"{field}_max")
        figures.append({
            "mention_id": mention["mention_id"],
            "article_id": mention["article_id"],
            "published": mention.get("published"),
            "value": float(mention[field]),
            "top": float(top) if _is_number(top) and float(top) >= float(mention[field]) else float(mention[field]),
            "source": (f"{mention['source']} in {mention['article_id']}"
                       if str(mention["source"]).lower() in classes else mention["source"]),
            "source_type": mention["source_type"],
            "is_anonymous": str(mention["source"]).lower() in anonymous,
            "reading": mention.get(f"{field}_reading"),
            "qualifier": mention.get(f"{field}_qualifier"),
        })
    if field == "killed":
        attackers: dict[str, set[float]] = {}
        for mention in mentions:
            if not mention["is_claim"] and _is_number(mention.get("attackers_killed")):
                attackers.setdefault(mention["article_id"], set()).add(float(mention["attackers_killed"]))
        net = _net_of_attackers(figures, attackers)
    else:
        net = []
    # a figure its report gives as replaced ('the ministry previously said six', beside 'the toll has increased to
    # 10') no longer stands when that report gives another: CONVENTIONS' superseded count sets neither low, best
    # nor high, whoever the report names for the new figure (an agency often relays the ministry's revision); the
    # range rules keep every figure every source gave
    reported_anew = {figure["article_id"] for figure in figures if figure.get("reading") != "earlier"}
    replaced = [] if rules == "range" else [
        figure for figure in figures if figure.get("reading") == "earlier" and figure["article_id"] in reported_anew]
    if replaced:
        set_aside = {id(figure) for figure in replaced}
        figures = [figure for figure in figures if id(figure) not in set_aside]
    figures_by_source: dict[str, list[dict]] = {}
    for figure in figures:
        figures_by_source.setdefault(figure["source"], []).append(figure)
    if not figures_by_source:
        return {"low": None, "best": None, "high": None, "reason": "", "sources": {}, "article_ids": set()}
    article_ids = {figure["article_id"] for figure in figures}

    current = {source: latest_figure(figures) for source, figures in figures_by_source.items()}
    values = {source: chosen["value"] for source, (chosen, _) in current.items()}
    n_sources = len(current)
    if rules == "range":
        every = [figure for figures in figures_by_source.values() for figure in figures]
        low = min(figure["value"] for figure in every)
        high = max(figure["top"] for figure in every)
        reason = (
            f"{field} {_fmt(low)}-{_fmt(high)}: the range of all {len(every)} figure{'s' if len(every) > 1 else ''} "
            f"from {n_sources} source{'s' if n_sources > 1 else ''} (Airwars/IBC), best = the documented minimum"
        )
        return {"low": low, "best": low, "high": high, "reason": reason, "sources": values, "article_ids": article_ids}
    if rules == "acled":
        source = min(values, key=lambda s: (values[s], s))
        low = values[source]
        among = "the only source's latest figure" if n_sources == 1 else f"the lowest of {n_sources} sources' latest figures"
        reason = f"{field} {_fmt(low)}: {among} ({source}), ACLED's conservative figure"
        return {"low": low, "best": low, "high": low, "reason": reason, "sources": values, "article_ids": article_ids}

    low = min(values.values())
    high = max(chosen["top"] for chosen, _ in current.values())
    citations = {source: len({figure["article_id"] for figure in figures}) for source, figures in figures_by_source.items()}

    def position(source: str) -> int:
        entry = reliability.get(current[source][0]["source_type"]) or {}
        return entry["rank"] if entry.get("rank") is not None else 99

    def estimate(source: str) -> int:
        return int(current[source][0].get("qualifier") in ESTIMATE_QUALIFIERS)

    def unnamed(source: str) -> int:
        # an anonymous source gives way only to a source on the record of the same day (the same report, or reports
        # of one publication date): reports that dates do not order still go to the higher figure
        chosen = current[source][0]
        if not chosen["is_anonymous"]:
            return 0
        return int(any(not other["is_anonymous"] and position(name) == position(source) and (
            other["article_id"] == chosen["article_id"] or
            (other["published"] is not None and other["published"] == chosen["published"]))
            for name, (other, _) in current.items() if name != source))

    def rank(source: str) -> tuple:
        return (position(source), estimate(source), unnamed(source), -values[source], -citations[source], source)

    top = min(position(source) for source in current)
    best_source = min(current, key=rank)
    peers = [source for source in current if position(source) == top]
    published = {source: current[source][0]["published"] for source in peers}
    if len(peers) > 1 and all(published.values()) and len(set(published.values())) > 1:
        # sources of one rank that reported on different days: the latest report is the latest count
        latest = max(published.values())
        best_source = min((source for source in peers if published[source] == latest), key=rank)
        why = f"the latest of {len(peers)} equally reliable sources among {n_sources}"
    elif len(peers) > 1 and not unnamed(best_source) and any(
            unnamed(source) and not estimate(source) and values[source] > values[best_source] for source in peers):
        why = (f"the source on the record among {len(peers)} equally reliable sources among {n_sources}, over an "
               f"anonymous one of the same day")
    elif len(peers) > 1 and not estimate(best_source) and any(estimate(source) for source in peers):
        why = (f"the highest count of {len(peers)} equally reliable sources among {n_sources}, over their estimates "
               f"(reports not ordered by date)")
    elif len(peers) > 1:
        why = f"the highest of {len(peers)} equally reliable sources among {n_sources} (reports not ordered by date)"
    else:
        why = "the only source" if n_sources == 1 else f"the most reliable of {n_sources} sources"
    chosen, how = current[best_source]
    source_type = chosen["source_type"]
    reported = f"article {chosen['article_id']}" + (f" of {chosen['published']}" if chosen["published"] else "")
    reason = f"{field} best {_fmt(chosen['value'])}: {best_source} ({source_type}) in {reported}, {why}, {how}"
    if n_sources > 1 or low != high:
        reason += f"; low {_fmt(low)} and high {_fmt(high)} span the sources' latest figures"
    if net:
        reason += "; counted without the attackers' own dead the same report gives: " + ", ".join(
            f"{_fmt(figure['counted_both'])} as {_fmt(figure['value'])} ({figure['source']}, {figure['article_id']})"
            for figure in sorted(net, key=lambda f: (f["article_id"], f["mention_id"])))
    if replaced:
        reason += "; set aside as replaced in their own report: " + ", ".join(
            f"{_fmt(figure['value'])} ({figure['source']}, {figure['article_id']})"
            for figure in sorted(replaced, key=lambda f: (f["article_id"], f["mention_id"])))
    return {"low": low, "best": chosen["value"], "high": high, "reason": reason, "sources": values,
            "article_ids": article_ids}


def claimed_casualties(mentions: list[dict]) -> tuple[float | None, str]:
    """Return the perpetrators' claimed toll (killed-or-wounded if given, else killed plus wounded) and whose."""
    best: tuple[float, str] | None = None
    for mention in mentions:
        if not mention["is_claim"]:
            continue
        if _is_number(mention.get("casualties")):
            value = float(mention["casualties"])
        else:
            parts = [float(mention[name]) for name in ("killed", "wounded") if _is_number(mention.get(name))]
            if not parts:
                continue
            value = sum(parts)
        if best is None or (value, mention["source"]) > best:
            best = (value, mention["source"])
    return (best[0], best[1]) if best else (None, "")
