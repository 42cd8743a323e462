"""Splink's blocking rules evaluated with numpy: the same candidate pairs as its DuckDB self-joins, from sorted keys.

Splink blocks a dedupe by joining the reports with themselves once per rule (`l.x = r.x AND ...`), keeping the pairs
with l's id below r's and dropping those an earlier rule already gave. At a million reports those joins were the
largest part of linking's CPU. Here each rule's equalities between a left and a right column become one whole-number
key per report (the columns' values coded together, so that `l.undated_area_weekday = r.area_weekday` compares like
with like); the reports are sorted by key and every left report is paired with the right reports of its key, a
group at a time. The rule's other conditions are evaluated on those pairs, or on the reports alone when they name
one side only, by pair_scores' evaluator of Splink's SQL (SQL's three-valued logic: a rule holds only where it is
TRUE). The pairs of all rules are then joined as one sorted set: the union is what Splink's exclusion of earlier
rules' pairs gives. tests/test_numpy_blocking.py compares the two pair sets.

A rule this evaluator cannot read (no equality between the two sides, or SQL pair_scores does not know) makes
`supports` False and score_pair_table keeps Splink's blocking, so no rule is ever blocked differently in silence.
"""
from __future__ import annotations

import functools

import numpy as np

from helpers.pair_scores import ReportColumns, UnsupportedSQL, _Evaluator

# Pairs produced at once before a rule's other conditions are applied (each pair is a few arrays of 8 bytes).
PAIRS_PER_BATCH = 4_000_000


@functools.lru_cache(maxsize=64)
def _parse(rule: str):
    """A rule's conjuncts (sqlglot), with `l.x` and `r.x` renamed `x_l` and `x_r` as in Splink's level SQL: the
    equalities between a left and a right column as (left name, right name), and the other conditions."""
    import sqlglot
    from sqlglot import exp

    tree = sqlglot.parse_one(rule, read="duckdb")

    def rename(node):
        if isinstance(node, exp.Column) and node.table in {"l", "r"}:
            return exp.column(f"{node.name}_{node.table}")
        return node

    tree = tree.transform(rename)
    conjuncts = list(tree.flatten()) if isinstance(tree, exp.And) else [tree]
    equalities, others = [], []
    for conjunct in conjuncts:
        if isinstance(conjunct, exp.EQ) and all(isinstance(side, exp.Column) for side in (conjunct.this, conjunct.expression)):
            a, b = conjunct.this.name, conjunct.expression.name
            if a.endswith("_r") and b.endswith("_l"):
                a, b = b, a
            if a.endswith("_l") and b.endswith("_r"):
                equalities.append((a[:-2], b[:-2]))
                continue
        others.append(conjunct)
    if not equalities:
        raise UnsupportedSQL(f"no equality between the two sides: {rule}")
    return tuple(equalities), tuple(others)


def _sides(node) -> set[str]:
    """The sides ('l', 'r') whose columns a condition names."""
    from sqlglot import exp

    return {column.name[-1] for column in node.find_all(exp.Column)}


def supports(rules: list[str], columns: ReportColumns) -> bool:
    """Whether every rule can be blocked here (else Splink blocks)."""
    try:
        for rule in rules:
            equalities, others = _parse(rule)
            for left, right in equalities:
                kinds = {columns.column(left)[0], columns.column(right)[0]}
                if len(kinds) != 1 or kinds & {"list"}:
                    raise UnsupportedSQL(rule)
            if _rows(columns):
                probe = _Evaluator(columns, np.zeros(1, np.int64), np.zeros(1, np.int64))
                for condition in others:
                    probe.truth(condition)
    except UnsupportedSQL:
        return False
    return True


def _rows(columns: ReportColumns) -> int:
    """How many reports the columns hold."""
    return columns._table.num_rows


def _keys(columns: ReportColumns, equalities: tuple) -> tuple[np.ndarray, np.ndarray]:
    """Each report's whole-number key as a left and as a right report (-1 where a key column is NULL): two reports
    pair when the left one's key equals the right one's."""
    n = _rows(columns)
    left_key, right_key = np.zeros(n, np.int64), np.zeros(n, np.int64)
    for left_name, right_name in equalities:
        _, left_data, left_null = columns.column(left_name)
        _, right_data, right_null = columns.column(right_name)
        # the two columns coded together (text codes share one dictionary already; numbers are coded by value)
        _, codes = np.unique(np.concatenate([left_data, right_data]), return_inverse=True)
        codes = codes.astype(np.int64).reshape(-1)
        codes[np.concatenate([left_null, right_null])] = -1
        combined = np.where((np.concatenate([left_key, right_key]) < 0) | (codes < 0), -1,
                            np.concatenate([left_key, right_key]) * (int(codes.max(initial=0)) + 1) + codes)
        # kept small: the combined keys coded again, the NULLs staying -1
        valid = combined >= 0
        recoded = np.full(len(combined), -1, np.int64)
        recoded[valid] = np.unique(combined[valid], return_inverse=True)[1].reshape(-1)
        left_key, right_key = recoded[:n], recoded[n:]
    return left_key, right_key


def _one_side(columns: ReportColumns, others: tuple) -> tuple[np.ndarray, np.ndarray, list]:
    """Which reports may be the left and the right report under the conditions that name one side only, and the
    conditions that name both."""
    n = _rows(columns)
    positions = np.arange(n, dtype=np.int64)
    evaluator = _Evaluator(columns, positions, positions)
    left_ok, right_ok = np.ones(n, bool), np.ones(n, bool)
    both = []
    for condition in others:
        sides = _sides(condition)
        if sides == {"l"}:
            left_ok &= evaluator.truth(condition)
        elif sides == {"r"}:
            right_ok &= evaluator.truth(condition)
        else:
            both.append(condition)
    return left_ok, right_ok, both


def _rule_pairs(columns: ReportColumns, rule: str) -> list[np.ndarray]:
    """The pairs one rule blocks, as left * n + right codes (left < right), in batches."""
    n = _rows(columns)
    equalities, others = _parse(rule)
    left_key, right_key = _keys(columns, equalities)
    left_ok, right_ok, both = _one_side(columns, others)
    lefts = np.flatnonzero((left_key >= 0) & left_ok)
    rights = np.flatnonzero((right_key >= 0) & right_ok)
    if not len(lefts) or not len(rights):
        return []
    # the right reports sorted by key; each left report meets the run of its key
    rights = rights[np.argsort(right_key[rights], kind="stable")]
    sorted_keys = right_key[rights]
    start = np.searchsorted(sorted_keys, left_key[lefts], side="left")
    stop = np.searchsorted(sorted_keys, left_key[lefts], side="right")
    count = stop - start
    has = count > 0
    lefts, start, count = lefts[has], start[has], count[has]
    out = []
    cumulative = np.cumsum(count)
    begin = 0
    while begin < len(lefts):
        # as many left reports as fit in a batch (at least one)
        end = max(begin + 1, int(np.searchsorted(cumulative, (cumulative[begin - 1] if begin else 0) + PAIRS_PER_BATCH,
                                                 side="right")))
        counts = count[begin:end]
        left = np.repeat(lefts[begin:end], counts)
        offsets = np.arange(len(left), dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
        right = rights[np.repeat(start[begin:end], counts) + offsets]
        keep = left < right
        left, right = left[keep], right[keep]
        if both and len(left):
            evaluator = _Evaluator(columns, left, right)
            keep = np.ones(len(left), bool)
            for condition in both:
                keep &= evaluator.truth(condition)
            left, right = left[keep], right[keep]
        out.append(left * n + right)
        begin = end
    return out


def blocked_pairs(columns: ReportColumns, rules: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """The candidate pairs of Splink's blocking rules (dedupe: left position below right), each once, sorted by
    both positions, as (left, right) positions of `columns`' reports."""
    n = _rows(columns)
    parts = [part for rule in rules for part in _rule_pairs(columns, rule)]
    codes = np.concatenate(parts) if parts else np.zeros(0, np.int64)
    del parts
    # each pair once: sorted in place and its repeats dropped (np.unique hashes, several times slower here)
    codes.sort()
    if len(codes):
        codes = codes[np.concatenate([[True], codes[1:] != codes[:-1]])]
    return codes // n, codes % n
