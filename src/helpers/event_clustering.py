"""Group scored pairs of reports into events: clusters join strongest first, and never across a cannot-link (two
main events of one article, dates that conflict beyond their precision, places too far apart)."""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from helpers.linkage_dates import weak_dates


# ---------------------------------------------------------------------------------------------------------
# Grouping


@dataclass(slots=True)
class _Cluster:
    """What the grouping needs to know about a growing group of reports."""

    members: list[int]  # positions of its reports
    articles: set[str]
    max_lo: float  # latest start among known intervals (-inf when none)
    min_hi: float  # earliest end among known intervals (+inf when none)
    firm_lo: float = -math.inf  # the same among intervals not counted back from a publication date
    firm_hi: float = math.inf
    points: list[tuple[float, float]] = field(default_factory=list)
    forbidden: frozenset[int] = frozenset()
    bounds: tuple[float, float, float, float] | None = None  # (south, north, west, east) of the points
    dated_articles: set[str] = field(default_factory=set)  # articles with a report that gives a date
    # linking6: with firm_dates_by_place, the firm interval of each named place's reports instead of firm_lo/hi
    firm_by_place: dict[str, tuple[float, float]] = field(default_factory=dict)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _union_box(a: tuple | None, b: tuple | None) -> tuple | None:
    """Bounding box (south, north, west, east) around two boxes, either of which may be None."""
    if a is None or b is None:
        return a if b is None else b
    return min(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), max(a[3], b[3])


def cluster_reports(
    reports: pd.DataFrame,
    pairs: pd.DataFrame,
    *,
    threshold: float,
    max_date_gap_days: float,
    max_distance_km: float,
    merges: list[tuple[str, str]] = (),
    splits: list[tuple[str, str]] = (),
    scored: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
    max_relative_date_gap_days: float | None = None,
    firm_dates_by_place: bool = False,
    join_order: str = "sum",
) -> pd.Series:
    """Group reports into events by greedy additive edge contraction (correlation clustering) under cannot-links.

    Each scored pair weighs log-odds(match_probability) - log-odds(threshold): positive when Splink puts the
    pair at or above the threshold, negative below it, strongly negative for a date conflict. Within each group
    of reports connected by positive pairs, the two clusters whose pairs sum to the largest positive weight are
    joined first, and their pairs to every other cluster are summed; joining stops when no sum is positive. So a
    report that links two events (a background mention, a month-wide date) joins the one it agrees with more,
    and cannot chain them when their own reports disagree, as connected components would.

    Cannot-links, checked on the whole clusters at each join: two dated reports of one article never join (the
    annotator already grouped what one article says about one attack), but an article's undated report may join
    the cluster of its dated sibling when the other articles' reports outweigh the split (its pair with the
    sibling is never scored and adds nothing): an annotator that finds no date for a later paragraph's toll
    ("the toll rose to 48, officials said") keeps it apart from the dated lede, though both tell one attack;
    known dates more than
    `max_date_gap_days` apart (beyond their intervals' precision) never join, or more than
    `max_relative_date_gap_days` (default: the same) when one was counted back from a publication date, which
    may be wrong; points more than
    `max_distance_km` apart never join; a manual split is never undone. Manual merges are applied first and
    override every rule. With `join_order` "mean" (settings clustering.join_order), the two clusters whose pairs
    have the largest positive mean weight join first (average linkage) instead of the largest sum, so that a
    report's one strong pair outranks many weak pairs with a large cluster; joins still need a positive sum.
    `pairs` holds scored pairs by report_id (any probability); `scored`, when given,
    holds the same as arrays (positions in `reports` of each side, match_probability) and is used instead.
    Returns a cluster key (the group's smallest report_id) per report_id.
    """
    if join_order not in ("sum", "mean"):
        raise ValueError(f"join_order must be 'sum' or 'mean', got {join_order!r}")
    if max_relative_date_gap_days is None:
        max_relative_date_gap_days = max_date_gap_days
    ids = reports["report_id"].astype(str).tolist()
    position = {report_id: index for index, report_id in enumerate(ids)}
    if scored is None:
        left = np.array([position[r] for r in pairs["report_id_l"].astype(str)], dtype=np.int64)
        right = np.array([position[r] for r in pairs["report_id_r"].astype(str)], dtype=np.int64)
        probability = pairs["match_probability"].to_numpy(dtype=np.float64)
    else:
        left, right, probability = (np.asarray(part) for part in scored)
    # A pair whose own two reports a cannot-link keeps apart can never be joined, nor can any two clusters
    # holding them: it takes no part in the grouping (nor in the graph of links that finds its components).
    compatible = ~pair_cannot_link(reports, left, right, max_date_gap_days=max_date_gap_days,
                                   max_relative_date_gap_days=max_relative_date_gap_days,
                                   max_distance_km=max_distance_km, firm_dates_by_place=firm_dates_by_place)
    left, right, probability = left[compatible], right[compatible], probability[compatible]
    weight = log_odds(probability) - log_odds(np.array([threshold]))[0]
    merge_pairs = [(position[a], position[b]) for a, b in merges if a in position and b in position]
    component = positive_components(len(ids), left, right, weight >= 0, merge_pairs)

    # Pairs inside a component, grouped by component: the only ones that can matter. Of the pairs below the
    # threshold, those whose reports are linked, or share a linked neighbour, are kept: they are the ones a
    # join sums first (a negative pair between reports further apart in the graph counts as unscored).
    inside = (component[left] == component[right]) & (component[left] >= 0)
    inside &= (weight >= 0) | _near_in_graph(len(ids), left, right, weight >= 0, inside & (weight < 0))
    order = np.lexsort((right[inside], left[inside], component[left[inside]]))
    edge_left, edge_right = left[inside][order], right[inside][order]
    edge_weight, edge_component = weight[inside][order], component[left[inside]][order]
    # A component whose kept pairs are all at or above the threshold, that no manual decision touches and whose
    # reports all satisfy the cannot-links together ends as one cluster, whatever the order of the joins (every
    # sum stays positive and every join is allowed): it is settled at once, without contracting it pair by pair.
    touched = [position[report] for pair in [*merges, *splits] for report in pair if report in position]
    whole = _whole_components(reports, component, edge_component[edge_weight < 0], touched,
                              max_date_gap_days=max_date_gap_days,
                              max_relative_date_gap_days=max_relative_date_gap_days,
                              max_distance_km=max_distance_km, firm_dates_by_place=firm_dates_by_place)
    contracted = (component >= 0) & ~whole[np.maximum(component, 0)]
    keep = ~whole[np.maximum(edge_component, 0)]
    edge_left, edge_right, edge_weight, edge_component = (edge_left[keep], edge_right[keep], edge_weight[keep],
                                                          edge_component[keep])

    clusters: dict[int, _Cluster] = {}
    columns = ["article_id", "date_lo", "date_hi", "latitude", "longitude"]
    values = [reports[name].astype(object).where(reports[name].notna(), None).tolist() for name in columns]
    relative = reports["date_is_relative"].fillna(False).astype(bool).tolist() if "date_is_relative" in reports \
        else [False] * len(ids)
    weak = weak_dates(reports["date_lo"].astype("Float64").to_numpy(dtype=np.float64, na_value=np.nan),
                      reports["date_hi"].astype("Float64").to_numpy(dtype=np.float64, na_value=np.nan),
                      np.asarray(relative, dtype=bool)).tolist()  # linking6
    place_keys = (reports["place_key"].astype(object).where(reports["place_key"].notna(), None).tolist()
                  if "place_key" in reports else [None] * len(ids))
    for index, (article_id, date_lo, date_hi, latitude, longitude) in enumerate(zip(*values)):
        if not contracted[index]:
            continue  # alone, or in a component settled whole: never joined pair by pair
        lo = -math.inf if date_lo is None else float(date_lo)
        hi = math.inf if date_hi is None else float(date_hi)
        cluster = _Cluster([index], {article_id}, lo, hi)
        if date_lo is not None:
            cluster.dated_articles = {article_id}
        if not weak[index] and date_lo is not None:  # linking6: only a firm date takes part in the firm gap
            if firm_dates_by_place:
                if place_keys[index] is not None:
                    cluster.firm_by_place = {place_keys[index]: (lo, hi)}
            else:
                cluster.firm_lo, cluster.firm_hi = lo, hi
        if latitude is not None and longitude is not None:
            lat, lon = float(latitude), float(longitude)
            cluster.points, cluster.bounds = [(lat, lon)], (lat, lat, lon, lon)
        clusters[index] = cluster
    for a, b in splits:
        if a in position and b in position and position[a] in clusters and position[b] in clusters:
            clusters[position[a]].forbidden = clusters[position[a]].forbidden | {position[b]}
            clusters[position[b]].forbidden = clusters[position[b]].forbidden | {position[a]}
    owner = list(range(len(ids)))

    def allowed(a: _Cluster, b: _Cluster) -> bool:
        shared = a.articles & b.articles
        if shared and not shared.isdisjoint(a.dated_articles & b.dated_articles):
            return False  # linking-undated-sibling
        if (b.forbidden and not b.forbidden.isdisjoint(a.members)) or (a.forbidden and not a.forbidden.isdisjoint(b.members)):
            return False
        firm_gap = max(a.firm_lo, b.firm_lo) - min(a.firm_hi, b.firm_hi)
        if math.isfinite(firm_gap) and firm_gap > max_date_gap_days:
            return False
        if a.firm_by_place and b.firm_by_place:  # linking6: two firm days at one named place
            for place in a.firm_by_place.keys() & b.firm_by_place.keys():
                (a_lo, a_hi), (b_lo, b_hi) = a.firm_by_place[place], b.firm_by_place[place]
                if max(a_lo, b_lo) - min(a_hi, b_hi) > max_date_gap_days:
                    return False
        gap = max(a.max_lo, b.max_lo) - min(a.min_hi, b.min_hi)
        if math.isfinite(gap) and gap > max_relative_date_gap_days:
            return False
        if not a.points or not b.points:
            return True
        south, north, west, east = _union_box(a.bounds, b.bounds)
        if haversine_km(south, west, north, east) <= max_distance_km:
            return True  # every point of the union lies within a box whose diagonal is short enough
        return all(haversine_km(*p, *q) <= max_distance_km for p in a.points for q in b.points)

    bounds = np.flatnonzero(np.diff(edge_component)) + 1
    starts = [0, *bounds.tolist()]
    stops = [*bounds.tolist(), len(edge_component)]
    by_component_merges: dict[int, list[tuple[int, int]]] = {}
    for a, b in merge_pairs:
        by_component_merges.setdefault(int(component[a]), []).append((a, b))
    merged_only = set(by_component_merges) - set(edge_component[starts].tolist() if len(edge_component) else [])
    groups = [(int(edge_component[start]), edge_left[start:stop].tolist(), edge_right[start:stop].tolist(),
               edge_weight[start:stop].tolist()) for start, stop in zip(starts, stops) if stop > start]
    groups += [(number, [], [], []) for number in sorted(merged_only)]
    for number, group_left, group_right, group_weight in groups:
        _contract(clusters, owner, group_left, group_right, group_weight, by_component_merges.get(number, []), allowed,
                  join_order=join_order)
    # the key of a report: the smallest report_id of its cluster (of its component, when settled whole)
    id_array = np.asarray(ids, dtype=object)
    key = id_array.copy()
    settled = np.flatnonzero((component >= 0) & ~contracted)
    if len(settled):
        by_component = pd.Series(id_array[settled]).groupby(component[settled]).transform("min")
        key[settled] = by_component.to_numpy(dtype=object)
    smallest = {root: min(ids[member] for member in cluster.members) for root, cluster in clusters.items()}
    for index in np.flatnonzero(contracted).tolist():
        key[index] = smallest[_root(owner, index)]
    return pd.Series(key.tolist(), index=ids, dtype="string").rename_axis("report_id").rename("cluster_key")


def _whole_components(reports: pd.DataFrame, component: np.ndarray, negative_components: np.ndarray,
                      touched: list[int], *, max_date_gap_days: float, max_relative_date_gap_days: float,
                      max_distance_km: float, firm_dates_by_place: bool = False) -> np.ndarray:
    """For each component number, whether the grouping joins all of its reports: none of its kept pairs is below
    the threshold (`negative_components` lists the components of those that are), no manual decision names one of
    its reports (`touched`: positions), and its reports together break no cannot-link of cluster_reports' allowed
    (no article with two dated reports, firm and known dates within their gaps, every two points within
    `max_distance_km`). The cannot-links only tighten as a cluster grows, so a component that breaks none as a
    whole breaks none at any join."""
    n_components = int(component.max()) + 1 if len(component) and component.max() >= 0 else 0
    whole = np.ones(max(n_components, 1), dtype=bool)  # never empty: indexed by max(component, 0)
    whole[np.asarray(negative_components, dtype=np.int64)] = False
    touched_components = component[np.asarray(touched, dtype=np.int64)] if touched else np.array([], dtype=np.int64)
    whole[touched_components[touched_components >= 0]] = False
    members = np.flatnonzero(component >= 0)
    if not len(members):
        return whole
    number = component[members]

    def column(name: str) -> np.ndarray:
        return reports[name].astype("Float64").to_numpy(dtype=np.float64, na_value=np.nan)[members]

    def spread(lo: np.ndarray, hi: np.ndarray, keys: np.ndarray | None = None) -> pd.Series:
        # per group (component, or component and key), the latest start less the earliest end among known intervals
        known = ~np.isnan(lo)
        groups = [number[known]] if keys is None else [number[known], keys[known]]
        frame = pd.DataFrame({"lo": lo[known], "hi": hi[known]})
        grouped = frame.groupby(groups, sort=False)
        gaps = grouped["lo"].max() - grouped["hi"].min()
        return gaps

    lo, hi = column("date_lo"), column("date_hi")
    gaps = spread(lo, hi)
    whole[gaps.index[gaps.to_numpy() > max_relative_date_gap_days].to_numpy(dtype=np.int64)] = False
    relative = (reports["date_is_relative"].fillna(False).astype(bool).to_numpy()[members]
                if "date_is_relative" in reports else np.zeros(len(members), dtype=bool))
    firm = ~weak_dates(lo, hi, relative) & ~np.isnan(lo)
    firm_lo, firm_hi = np.where(firm, lo, np.nan), np.where(firm, hi, np.nan)
    if firm_dates_by_place:
        place = (reports["place_key"].astype("string") if "place_key" in reports
                 else pd.Series(pd.NA, index=reports.index, dtype="string"))
        codes = pd.factorize(place, use_na_sentinel=True)[0][members]
        firm_lo, firm_hi = np.where(codes >= 0, firm_lo, np.nan), np.where(codes >= 0, firm_hi, np.nan)
        firm_gaps = spread(firm_lo, firm_hi, codes)
        firm_gaps = firm_gaps[firm_gaps.to_numpy() > max_date_gap_days]
        whole[firm_gaps.index.get_level_values(0).to_numpy(dtype=np.int64)] = False
    else:
        firm_gaps = spread(firm_lo, firm_hi)
        whole[firm_gaps.index[firm_gaps.to_numpy() > max_date_gap_days].to_numpy(dtype=np.int64)] = False
    # an article with two dated reports in one component
    dated = ~np.isnan(lo)
    articles = pd.factorize(reports["article_id"].astype("string"))[0][members]
    twice = pd.DataFrame({"c": number[dated], "a": articles[dated]}).duplicated()
    whole[number[dated][twice.to_numpy()]] = False
    # every two points of a component within the distance: checked pair by pair where the component's box is not
    # clearly small enough
    latitude, longitude = column("latitude"), column("longitude")
    placed = ~np.isnan(latitude) & ~np.isnan(longitude) & whole[number]
    if placed.any():
        frame = pd.DataFrame({"c": number[placed], "lat": latitude[placed], "lon": longitude[placed]})
        box = frame.groupby("c", sort=True).agg(s=("lat", "min"), n=("lat", "max"), w=("lon", "min"),
                                                e=("lon", "max"))
        south, north, west, east = (np.radians(box[name].to_numpy()) for name in "snwe")
        a = np.sin((north - south) / 2) ** 2 + np.cos(south) * np.cos(north) * np.sin((east - west) / 2) ** 2
        diagonal = 2 * 6371.0088 * np.arcsin(np.minimum(1.0, np.sqrt(a)))
        # a kilometre of margin: within it, a pair of points is never further apart than the box's diagonal
        for number_ in box.index[diagonal > max_distance_km - 1.0].tolist():
            points = frame.loc[frame["c"].to_numpy() == number_, ["lat", "lon"]].to_numpy()
            if not all(haversine_km(*p, *q) <= max_distance_km for p in points.tolist() for q in points.tolist()):
                whole[number_] = False
    return whole


def pair_cannot_link(reports: pd.DataFrame, left: np.ndarray, right: np.ndarray, *, max_date_gap_days: float,
                     max_relative_date_gap_days: float, max_distance_km: float,
                     firm_dates_by_place: bool = False) -> np.ndarray:
    """For pairs of reports (positions in `reports`), whether a cannot-link of cluster_reports keeps the two
    apart on their own: known dates further apart than `max_date_gap_days` (`max_relative_date_gap_days` when
    either was counted back from a publication date), or points further apart than `max_distance_km`.

    Such a pair can never be joined, nor can two clusters that hold its reports (the clusters' intervals only
    narrow and their points only spread as they grow). Vectorised: a million pairs take a fraction of a second.
    """
    def column(name: str) -> np.ndarray:
        return reports[name].astype("Float64").to_numpy(dtype=np.float64, na_value=np.nan)

    left, right = np.asarray(left, dtype=np.int64), np.asarray(right, dtype=np.int64)
    lo, hi = column("date_lo"), column("date_hi")
    relative = (reports["date_is_relative"].fillna(False).astype(bool).to_numpy() if "date_is_relative" in reports
                else np.zeros(len(reports), dtype=bool))
    weak = weak_dates(lo, hi, relative)  # linking6: a weak date is held to the looser gap
    with np.errstate(invalid="ignore"):
        gap = np.maximum(lo[left], lo[right]) - np.minimum(hi[left], hi[right])  # NaN when a date is unknown
        apart = gap > max_relative_date_gap_days
        firm_conflict = (gap > max_date_gap_days) & ~weak[left] & ~weak[right]
        if firm_dates_by_place:  # linking6: two firm days kept apart only at one named place
            place = reports["place_key"].astype("string") if "place_key" in reports else \
                pd.Series(pd.NA, index=reports.index, dtype="string")
            codes = pd.factorize(place, use_na_sentinel=True)[0]
            firm_conflict &= (codes[left] >= 0) & (codes[left] == codes[right])
        apart |= firm_conflict
        latitude, longitude = np.radians(column("latitude")), np.radians(column("longitude"))
        p1, p2 = latitude[left], latitude[right]
        a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin((longitude[right] - longitude[left]) / 2) ** 2
        apart |= 2 * 6371.0088 * np.arcsin(np.minimum(1.0, np.sqrt(a))) > max_distance_km
    return apart


def log_odds(probability: np.ndarray) -> np.ndarray:
    """log2(p / (1 - p)), with p kept away from 0 and 1."""
    p = np.clip(np.asarray(probability, dtype=np.float64), 1e-12, 1 - 1e-12)
    return np.log2(p) - np.log2(1 - p)


def positive_components(n: int, left: np.ndarray, right: np.ndarray, positive: np.ndarray,
                         merges: list[tuple[int, int]]) -> np.ndarray:
    """Component number of each report in the graph of positive pairs and manual merges (-1 when alone)."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    rows = np.concatenate([left[positive], np.array([a for a, _ in merges], dtype=np.int64)])
    cols = np.concatenate([right[positive], np.array([b for _, b in merges], dtype=np.int64)])
    graph = coo_matrix((np.ones(len(rows), dtype=np.int8), (rows, cols)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    sizes = np.bincount(labels, minlength=labels.max() + 1 if n else 0)
    return np.where(sizes[labels] > 1, labels, -1) if n else labels


def _near_in_graph(n: int, left: np.ndarray, right: np.ndarray, positive: np.ndarray, candidate: np.ndarray) -> np.ndarray:
    """For each candidate pair, whether its two reports share a neighbour in the graph of positive pairs."""
    from scipy.sparse import csr_matrix

    near = np.zeros(len(left), dtype=bool)
    rows = np.flatnonzero(candidate)
    if not len(rows):
        return near
    graph = csr_matrix((np.ones(int(positive.sum()) * 2, dtype=np.float32),
                        (np.concatenate([left[positive], right[positive]]),
                         np.concatenate([right[positive], left[positive]]))), shape=(n, n))
    graph.data[:] = 1.0
    for start in range(0, len(rows), 1_000_000):  # in slices: two sparse rows per candidate pair
        chunk = rows[start:start + 1_000_000]
        shared = graph[left[chunk]].multiply(graph[right[chunk]]).sum(axis=1)
        near[chunk] = np.asarray(shared).ravel() > 0
    return near


def _root(owner: list[int], index: int) -> int:
    """The cluster a report belongs to (path-halving union-find)."""
    while owner[index] != index:
        owner[index] = owner[owner[index]]
        index = owner[index]
    return index


def _contract(clusters: dict[int, "_Cluster"], owner: list[int], left: list[int], right: list[int],
              weight: list[float], merges: list[tuple[int, int]], allowed, *, join_order: str = "sum") -> None:
    """Greedy additive edge contraction of one component: join the pair of clusters whose summed weight is the
    largest positive one, sum their edges to the others, repeat; a join a cannot-link forbids gets -inf."""
    import heapq

    adjacency: dict[int, dict[int, float]] = {}
    for a, b, w in zip(left, right, weight):
        adjacency.setdefault(a, {})[b] = adjacency.setdefault(b, {}).get(a, 0.0) + w
        adjacency[b][a] = adjacency[a][b]

    def join(a: int, b: int) -> int:
        # the cluster with more neighbours absorbs the other, so that fewer sums are rewritten
        big, small = (a, b) if len(adjacency.get(a, ())) >= len(adjacency.get(b, ())) else (b, a)
        target, source = clusters[big], clusters.pop(small)
        owner[small] = big
        target.members.extend(source.members)
        target.articles |= source.articles
        target.dated_articles |= source.dated_articles
        target.max_lo, target.min_hi = max(target.max_lo, source.max_lo), min(target.min_hi, source.min_hi)
        target.firm_lo, target.firm_hi = max(target.firm_lo, source.firm_lo), min(target.firm_hi, source.firm_hi)
        if source.firm_by_place:  # linking6
            merged = dict(target.firm_by_place)
            for place, (lo, hi) in source.firm_by_place.items():
                known = merged.get(place)
                merged[place] = (lo, hi) if known is None else (max(known[0], lo), min(known[1], hi))
            target.firm_by_place = merged
        target.points.extend(source.points)
        target.bounds = _union_box(target.bounds, source.bounds)
        target.forbidden |= source.forbidden
        edges = adjacency.setdefault(big, {})
        for other, w in adjacency.pop(small, {}).items():
            adjacency[other].pop(small, None)
            if other == big:
                continue
            total = edges.get(other, 0.0) + w
            edges[other] = total
            adjacency[other][big] = total
            if total >= 0 and not by_mean:
                heapq.heappush(heap, (-total, min(big, other), max(big, other)))
        edges.pop(small, None)
        if by_mean:  # the cluster grew: every sum of its edges is now over more pairs
            for other, total in edges.items():
                if total >= 0:
                    heapq.heappush(heap, (-priority(big, other, total), min(big, other), max(big, other)))
        return big

    by_mean = join_order == "mean"

    def priority(a: int, b: int, total: float) -> float:
        # "mean": the sum per pair of reports across the two clusters (average linkage) orders the joins
        return total / (len(clusters[a].members) * len(clusters[b].members)) if by_mean else total

    heap: list[tuple[float, int, int]] = []
    for a, b in merges:
        ra, rb = _root(owner, a), _root(owner, b)
        if ra != rb:
            join(ra, rb)
    heap = [(-priority(a, b, w), a, b) for a, others in adjacency.items() for b, w in others.items()
            if a < b and w >= 0]
    heapq.heapify(heap)
    while heap:
        negative, a, b = heapq.heappop(heap)
        if a not in clusters or b not in clusters or b not in adjacency.get(a, {}) or \
                adjacency[a][b] < 0 or priority(a, b, adjacency[a][b]) != -negative:
            continue  # stale: one side was joined since, or the sum changed
        if not allowed(clusters[a], clusters[b]):
            adjacency[a][b] = adjacency[b][a] = -math.inf
            continue
        join(a, b)
