"""Connected groups of items that share a key: articles that share a gold event, an outlet, a country.

One function, on scipy's connected components of the graph whose edges join the items listed under one key; used
by the corpus's dev/test split (helpers.corpus.article_components) and by the grouped folds of the learned place
choices (helpers.place_folds).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping


def connected_groups(items: Iterable[str], links: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """Group items linked through any shared key (directly or through others).

    `links` maps a key (an event, an outlet) to the items it names; members that are not among `items` are
    ignored, and an item that no key names is a group of its own. Each group is sorted, and the groups are sorted.
    """
    import numpy as np
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    ordered = sorted(set(items))
    index = {item: position for position, item in enumerate(ordered)}
    left: list[int] = []
    right: list[int] = []
    for _, members in sorted(links.items()):
        positions = sorted({index[member] for member in members if member in index})
        left.extend(positions[:1] * (len(positions) - 1))
        right.extend(positions[1:])
    if not ordered:
        return []
    graph = coo_matrix((np.ones(len(left), dtype=np.int8), (np.asarray(left, dtype=np.int64),
                                                            np.asarray(right, dtype=np.int64))),
                       shape=(len(ordered), len(ordered)))
    _, labels = connected_components(graph, directed=False)
    groups: dict[int, list[str]] = {}
    for item, label in zip(ordered, labels):
        groups.setdefault(int(label), []).append(item)
    return sorted(groups.values())
