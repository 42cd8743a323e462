"""Score blocked pairs of reports with numpy: the same comparison levels, m/u and match weights as Splink's predict.

Splink turns each comparison level's SQL into a CASE over the pairs DuckDB joins with both reports' columns; at a
million reports that join and the CASEs were most of the linking's CPU. Here the same level SQL (Splink's own
`sql_condition`, parsed with sqlglot, Splink's SQL parser) is evaluated on whole numpy columns taken by the pairs'
report positions, with SQL's three-valued logic (a level holds only where its condition is TRUE, never NULL), and
each pair's weight is the prior's weight plus each comparison's level weight, added in Splink's order.
Blocking stays with Splink: only the comparing and scoring move.

Settings whose SQL uses an expression this evaluator does not know are not scored here (`supports` is False) and
score_pair_table keeps Splink's predict, so a new level never silently scores differently.
"""
from __future__ import annotations

import functools
import json
import math
import re
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

# Splink clamps m and u away from zero before taking log2(m / u) (splink.internals.comparison_level.M_U_CLAMP_MIN).
M_U_CLAMP_MIN = 1e-300
# Pairs compared at once: the report columns the levels name and their costlier expressions are kept for the chunk
# (a few dozen arrays of 9 bytes a pair), so this bounds the scorer's memory however large a block is.
PAIRS_PER_CHUNK = 250_000


class UnsupportedSQL(ValueError):
    """A level's SQL uses an expression the numpy evaluator does not implement."""


@dataclass(slots=True)
class _Value:
    """A column of values for a batch of pairs: `data`, where `null` is False; kind 'num', 'str' (codes) or 'bool'."""
    data: np.ndarray
    null: np.ndarray
    kind: str


class ReportColumns:
    """A block's reports as compact numpy columns: numbers as float64 with NaN, text as codes into one shared sorted
    dictionary (so that place_key can be compared with admin1_key), lists as padded rows of distinct codes."""

    def __init__(self, table: pa.Table) -> None:
        import pyarrow.compute as pc

        self.names = set(table.column_names)
        self._table = table
        texts = []
        for name in table.column_names:
            kind = table.schema.field(name).type
            if pa.types.is_string(kind) or pa.types.is_large_string(kind):
                texts.extend(chunk.cast(pa.large_string()) for chunk in table[name].chunks)
            elif pa.types.is_list(kind):
                texts.append(table[name].combine_chunks().flatten().cast(pa.large_string()))
        # the distinct texts found by Arrow's hashing, then sorted as Python sorts text (code point order): sorting
        # every value as Python objects took seconds per block at a million reports (words lists are long)
        distinct = pc.unique(pa.chunked_array(texts, pa.large_string())).drop_null() if texts else \
            pa.array([], pa.large_string())
        self.dictionary = np.sort(distinct.to_numpy(zero_copy_only=False).astype(object))
        self._arrow_dictionary = pa.array(self.dictionary, pa.large_string())
        self._cache: dict[str, tuple] = {}

    def _codes(self, array: pa.Array) -> np.ndarray:
        """Each text's position in the sorted dictionary (int32; -1 for NULL), looked up by Arrow's hashing."""
        import pyarrow.compute as pc

        found = pc.index_in(array.cast(pa.large_string()), value_set=self._arrow_dictionary)
        return found.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int32)

    def code_of(self, text: str) -> int:
        """The code of a text literal (-2, matching nothing, when no report has it)."""
        position = int(np.searchsorted(self.dictionary, text))
        return position if position < len(self.dictionary) and self.dictionary[position] == text else -2

    def column(self, name: str) -> tuple:
        """(kind, data, null) of a report column, or (kind 'list', padded codes, null) for a list column."""
        if name not in self._cache:
            if name not in self.names:
                raise UnsupportedSQL(f"no report column {name!r}")
            array = self._table[name].combine_chunks()
            kind = array.type
            null = np.asarray(array.is_null().to_numpy(zero_copy_only=False), dtype=bool)
            if pa.types.is_string(kind) or pa.types.is_large_string(kind):
                self._cache[name] = ("str", self._codes(array), null)
            elif pa.types.is_list(kind):
                self._cache[name] = ("list", self._padded(array), null)
            elif pa.types.is_boolean(kind):
                self._cache[name] = ("bool", array.fill_null(False).to_numpy(zero_copy_only=False).astype(bool), null)
            elif pa.types.is_integer(kind) or pa.types.is_floating(kind):
                self._cache[name] = ("num", array.cast(pa.float64()).to_numpy(zero_copy_only=False).astype(np.float64),
                                     null)
            else:
                raise UnsupportedSQL(f"column {name!r} of type {kind}")
        return self._cache[name]

    def _padded(self, array: pa.ListArray) -> np.ndarray:
        """Each row's distinct codes, left-aligned and padded with -1 (DuckDB's list_intersect keeps no duplicates)."""
        lengths = np.asarray(array.value_lengths().fill_null(0).to_numpy(zero_copy_only=False), dtype=np.int64)
        codes = self._codes(array.flatten())
        rows = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
        width = int(lengths.max()) if len(lengths) else 0
        padded = np.full((len(lengths), max(width, 1)), -1, dtype=np.int32)
        if width:
            # distinct (row, code) pairs, by row and then code (one whole number each: faster than rows of two)
            size = len(self.dictionary) + 1
            keys = np.sort(rows[codes >= 0] * size + codes[codes >= 0])
            keys = keys[np.concatenate([[True], keys[1:] != keys[:-1]])]  # np.unique hashes: slower here
            key_rows, key_codes = keys // size, (keys % size).astype(np.int32)
            starts = np.searchsorted(key_rows, np.arange(len(lengths)))
            padded[key_rows, np.arange(len(keys)) - starts[key_rows]] = key_codes
        return padded


def _side(name: str) -> tuple[str, str]:
    """A level's column name split into the report column and its side ('l' or 'r')."""
    match = re.fullmatch(r"(.+)_(l|r)", name)
    if not match:
        raise UnsupportedSQL(f"column {name!r} names no side")
    return match.group(1), match.group(2)


def _bool(data: np.ndarray, null: np.ndarray) -> _Value:
    return _Value(np.asarray(data, dtype=bool) & ~null, null, "bool")


class _Evaluator:
    """Evaluates a parsed level condition (sqlglot) on the pairs (left, right) of a block's columns."""

    def __init__(self, columns: ReportColumns, left: np.ndarray, right: np.ndarray) -> None:
        self.columns, self.positions = columns, {"l": left, "r": right}
        self.n = len(left)
        self._memo: dict[str, _Value] = {}  # see value()

    def truth(self, node) -> np.ndarray:
        """Where the condition is TRUE (a NULL condition does not hold, as in a CASE WHEN)."""
        value = self.value(node)
        if value.kind != "bool":
            raise UnsupportedSQL(f"condition is not boolean: {node.sql()}")
        return value.data & ~value.null

    def value(self, node) -> _Value:
        """The expression's values. Columns taken by the pairs and the costlier expressions (distances, GREATEST,
        list intersections) are computed once per distinct text and kept for the chunk (values are never modified);
        the rest, cheap and many (about three hundred in the settings' levels), are computed each time."""
        from sqlglot import exp

        if not isinstance(node, (exp.Column, exp.Case, exp.Cast, exp.Greatest, exp.Least, exp.ArraySize)):
            return self._compute(node)
        key = node.meta.get("numpy_key")
        if key is None:
            key = node.meta["numpy_key"] = node.sql(dialect="duckdb")
        if key not in self._memo:
            self._memo[key] = self._compute(node)
        return self._memo[key]

    def _compute(self, node) -> _Value:  # noqa: C901 - one branch per kind of SQL expression
        from sqlglot import exp

        if isinstance(node, exp.Paren):
            return self.value(node.this)
        if isinstance(node, exp.Column):
            base, side = _side(node.name)
            kind, data, null = self.columns.column(base)
            if kind == "list":
                return _Value(data[self.positions[side]], null[self.positions[side]], "list")
            return _Value(data[self.positions[side]], null[self.positions[side]], kind)
        if isinstance(node, exp.Literal):
            if node.is_string:
                return _Value(np.full(self.n, self.columns.code_of(node.this), np.int32), np.zeros(self.n, bool), "str")
            return _Value(np.full(self.n, float(node.this)), np.zeros(self.n, bool), "num")
        if isinstance(node, exp.Null):
            return _Value(np.zeros(self.n), np.ones(self.n, bool), "num")
        if isinstance(node, exp.Boolean):
            return _bool(np.full(self.n, bool(node.this)), np.zeros(self.n, bool))
        if isinstance(node, exp.Is):
            if not isinstance(node.expression, exp.Null):
                raise UnsupportedSQL(node.sql())
            return _bool(self.value(node.this).null, np.zeros(self.n, bool))
        if isinstance(node, exp.Not):
            inner = self.value(node.this)
            return _bool(~inner.data, inner.null)
        if isinstance(node, (exp.And, exp.Or)):
            a, b = self.value(node.this), self.value(node.expression)
            a_true, a_false = a.data & ~a.null, ~a.data & ~a.null
            b_true, b_false = b.data & ~b.null, ~b.data & ~b.null
            if isinstance(node, exp.And):  # FALSE wins, then NULL
                true, false = a_true & b_true, a_false | b_false
            else:  # TRUE wins, then NULL
                true, false = a_true | b_true, a_false & b_false
            return _bool(true, ~true & ~false)
        comparisons = {exp.EQ: np.equal, exp.NEQ: np.not_equal, exp.LT: np.less, exp.LTE: np.less_equal,
                       exp.GT: np.greater, exp.GTE: np.greater_equal}
        if type(node) in comparisons:
            a, b = self.value(node.this), self.value(node.expression)
            if a.kind != b.kind or a.kind == "list":
                raise UnsupportedSQL(node.sql())
            null = a.null | b.null
            return _bool(comparisons[type(node)](a.data, b.data), null)
        arithmetic = {exp.Add: np.add, exp.Sub: np.subtract, exp.Mul: np.multiply}
        if type(node) in arithmetic:
            a, b = self._number(node.this), self._number(node.expression)
            return _Value(arithmetic[type(node)](a.data, b.data), a.null | b.null, "num")
        if isinstance(node, exp.Neg):
            a = self._number(node.this)
            return _Value(-a.data, a.null, "num")
        if isinstance(node, (exp.Greatest, exp.Least)):
            # DuckDB's GREATEST and LEAST skip NULLs: NULL only when every argument is
            parts = [self._number(node.this), *(self._number(part) for part in node.expressions)]
            pick = np.fmax if isinstance(node, exp.Greatest) else np.fmin
            data = np.where(parts[0].null, np.nan, parts[0].data)
            for part in parts[1:]:
                data = pick(data, np.where(part.null, np.nan, part.data))
            null = np.isnan(data)
            return _Value(np.where(null, 0.0, data), null, "num")
        functions = {exp.Abs: np.abs, exp.Sin: np.sin, exp.Cos: np.cos, exp.Acos: np.arccos, exp.Radians: np.radians}
        if type(node) in functions:
            a = self._number(node.this)
            with np.errstate(invalid="ignore"):
                return _Value(functions[type(node)](a.data), a.null, "num")
        if isinstance(node, exp.Case):
            return self._case(node)
        if isinstance(node, exp.Cast):
            a = self._number(node.this)
            kind = node.to.this.name
            if kind == "FLOAT":  # DuckDB's FLOAT is single precision
                return _Value(a.data.astype(np.float32).astype(np.float64), a.null, "num")
            if kind in {"DOUBLE"}:
                return a
            raise UnsupportedSQL(node.sql())
        if isinstance(node, exp.Like):
            return self._like(node)
        if isinstance(node, exp.ArraySize):
            return self._intersection_size(node.this)
        raise UnsupportedSQL(f"{type(node).__name__}: {node.sql()}")

    def _number(self, node) -> _Value:
        value = self.value(node)
        if value.kind != "num":
            raise UnsupportedSQL(f"not a number: {node.sql()}")
        return value

    def _case(self, node) -> _Value:
        """CASE WHEN ... THEN ... ELSE ... END over numbers: the first WHEN that is TRUE gives the value."""
        default = self._number(node.args["default"]) if node.args.get("default") is not None else \
            _Value(np.zeros(self.n), np.ones(self.n, bool), "num")
        data, null = default.data.copy(), default.null.copy()
        decided = np.zeros(self.n, bool)
        for branch in node.args["ifs"]:
            holds = self.truth(branch.this) & ~decided
            then = self._number(branch.args["true"])
            data[holds], null[holds] = then.data[holds], then.null[holds]
            decided |= holds
        return _Value(data, null, "num")

    def _like(self, node) -> _Value:
        """LIKE on a text column with a literal pattern, evaluated once per distinct text."""
        from sqlglot import exp

        if not isinstance(node.expression, exp.Literal) or not isinstance(node.this, exp.Column):
            raise UnsupportedSQL(node.sql())
        pattern = re.compile("".join(".*" if c == "%" else "." if c == "_" else re.escape(c)
                                     for c in node.expression.this), re.DOTALL)
        value = self.value(node.this)
        if value.kind != "str":
            raise UnsupportedSQL(node.sql())
        matches = np.array([bool(pattern.fullmatch(text)) for text in self.columns.dictionary] + [False], dtype=bool)
        return _bool(matches[np.where(value.null, -1, value.data)], value.null)

    def _intersection_size(self, node) -> _Value:
        """array_length(list_intersect(a_l, a_r)): how many distinct values two lists share (NULL if either is)."""
        from sqlglot import exp

        if not (isinstance(node, exp.Anonymous) and node.name.lower() == "list_intersect" and len(node.expressions) == 2):
            raise UnsupportedSQL(node.sql())
        a, b = (self.value(part) for part in node.expressions)
        if a.kind != "list" or b.kind != "list":
            raise UnsupportedSQL(node.sql())
        count = np.zeros(self.n, dtype=np.int64)
        for column in range(a.data.shape[1]):  # rows hold distinct codes, so each shared code counts once
            code = a.data[:, column]
            count += ((b.data == code[:, None]).any(axis=1) & (code >= 0))
        return _Value(count.astype(np.float64), a.null | b.null, "num")


@dataclass(slots=True)
class _Comparison:
    name: str
    conditions: list  # (gamma value, parsed condition or None for ELSE)
    weights: dict  # gamma value -> match weight
    labels: dict  # gamma value -> label


# gammas evaluates the remaining levels on the open pairs alone once they are fewer than 1/ratio of those it reads
OPEN_PAIRS_SUBSET_RATIO = 2


class PairScorer:
    """The comparisons of a Splink settings dictionary, compiled for numpy (see the module's docstring)."""

    def __init__(self, settings_dict: dict) -> None:
        self.prior_weight = _prior_weight(float(settings_dict["probability_two_random_records_match"]))
        self.comparisons = [_compile(json.dumps(comparison, sort_keys=True))
                            for comparison in settings_dict["comparisons"]]

    @staticmethod
    def supports(settings_dict: dict) -> bool:
        """Whether every level's SQL is one the evaluator implements (else Splink's predict scores the pairs)."""
        try:
            scorer = PairScorer(settings_dict)
            evaluator = _Evaluator(ReportColumns(_probe_table()), np.array([0, 1]), np.array([1, 0]))
            for comparison in scorer.comparisons:  # every level, including those no probe pair reaches
                for _, condition in comparison.conditions:
                    if condition is not None:
                        evaluator.truth(condition)
        except UnsupportedSQL:
            return False
        return True

    def gammas(self, columns: ReportColumns, left: np.ndarray, right: np.ndarray) -> dict[str, np.ndarray]:
        """Each comparison's level value (Splink's gamma: -1 for a null level) of the pairs (report positions)."""
        left, right = np.asarray(left), np.asarray(right)
        evaluator = _Evaluator(columns, left, right)
        out = {}
        for comparison in self.comparisons:
            gamma = np.full(len(left), -99, dtype=np.int8)
            open_ = np.ones(len(left), dtype=bool)
            # A level is read only where no earlier level holds: once few pairs are left open, the next levels are
            # evaluated on those pairs alone (a condition's value for a pair depends on that pair's columns only).
            current, rows = evaluator, None
            for value, condition in comparison.conditions:
                if condition is None:
                    holds = open_
                else:
                    n_open = int(np.count_nonzero(open_))
                    if n_open * OPEN_PAIRS_SUBSET_RATIO < current.n:
                        rows = np.flatnonzero(open_)
                        current = _Evaluator(columns, left[rows], right[rows])
                    if rows is None:
                        holds = current.truth(condition) & open_
                    else:
                        holds = np.zeros(len(left), dtype=bool)
                        holds[rows] = current.truth(condition)
                        holds &= open_
                gamma[holds] = value
                open_ &= ~holds
                if not open_.any():
                    break
            if open_.any():
                raise UnsupportedSQL(f"{comparison.name}: no level holds for some pairs (no ELSE level)")
            out[comparison.name] = gamma
        return out

    def match_weights(self, gammas: dict[str, np.ndarray]) -> np.ndarray:
        """The prior's weight plus each comparison's level weight, summed in Splink's order (the same float64 sums)."""
        weight = None
        for comparison in self.comparisons:
            table = np.zeros(256, dtype=np.float64)
            for value, level_weight in comparison.weights.items():
                table[value % 256] = level_weight
            term = table[gammas[comparison.name].astype(np.int64) % 256]
            weight = self.prior_weight + term if weight is None else weight + term
        return weight if weight is not None else np.full(0, self.prior_weight)

    def score(self, columns: ReportColumns, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        """The match weights of the pairs, PAIRS_PER_CHUNK at a time."""
        out = np.empty(len(left), dtype=np.float64)
        for start in range(0, len(left), PAIRS_PER_CHUNK):
            stop = start + PAIRS_PER_CHUNK
            out[start:stop] = self.match_weights(self.gammas(columns, left[start:stop], right[start:stop]))
        return out

    def labels(self) -> dict[str, dict[int, str]]:
        """The label of each level value per comparison (as all_pair_levels reads them from Splink)."""
        return {comparison.name: dict(comparison.labels) for comparison in self.comparisons}


def match_probability(weight: np.ndarray) -> np.ndarray:
    """Splink's probability of a match weight: 1 / (1 + 2^-w) from 0 up, 2^w / (1 + 2^w) below (no overflow)."""
    weight = np.asarray(weight, dtype=np.float64)
    with np.errstate(over="ignore"):
        up = 1.0 / (1.0 + np.power(2.0, -np.maximum(weight, 0.0)))
        power = np.power(2.0, np.minimum(weight, 0.0))
        down = power / (1.0 + power)
    return np.where(weight >= 0, up, down)


def _prior_weight(prior: float) -> float:
    """Splink's prob_to_match_weight."""
    return math.log2(prior / (1 - prior)) if prior != 1 else math.inf


@functools.lru_cache(maxsize=16)
def _compile(comparison_json: str) -> _Comparison:
    """Parse each level's SQL of a Splink comparison dictionary, numbering levels as Splink does (null levels -1,
    the others counting down to 0 from the top)."""
    import sqlglot

    comparison = json.loads(comparison_json)
    levels = comparison["comparison_levels"]
    counter = sum(1 for level in levels if not level.get("is_null_level")) - 1
    conditions, weights, labels = [], {}, {}
    for level in levels:
        sql = level["sql_condition"]
        if level.get("is_null_level"):
            value, weight = -1, 0.0
        else:
            value, counter = counter, counter - 1
            m, u = level.get("m_probability"), level.get("u_probability")
            if m is None or u is None:
                raise UnsupportedSQL(f"{comparison['output_column_name']}: a level without m and u")
            weight = math.log2(max(float(m), M_U_CLAMP_MIN) / max(float(u), M_U_CLAMP_MIN))
        if sql.strip().upper() == "ELSE":
            condition = None
        else:
            try:
                condition = sqlglot.parse_one(sql, read="duckdb")
            except sqlglot.errors.ParseError as error:
                raise UnsupportedSQL(str(error)) from error
        conditions.append((value, condition))
        weights.setdefault(value, weight)
        labels[value] = level.get("label_for_charts")  # the last level of a value, as Splink's own mapping
    return _Comparison(comparison["output_column_name"], conditions, weights, labels)


def _probe_table() -> pa.Table:
    """Two reports with every column the levels name (from linkage's Arrow types) to try the levels on."""
    from helpers.linkage import _ARROW_TYPES

    return pa.table({name: pa.array([None, None], type=kind) for name, kind in _ARROW_TYPES.items()})


def cannot_link(columns: ReportColumns, left: np.ndarray, right: np.ndarray, clustering: dict, *,
                firm_dates_by_place: bool = False) -> np.ndarray:
    """Which blocked pairs (report positions) a date or distance cannot-link keeps apart, decided as
    linkage._delete_cannot_link_sql decides it in DuckDB (points up to a kilometre beyond the limit are kept)."""
    from helpers.linkage_dates import FIRM_DATE_MAX_SPAN_DAYS

    strict = float(clustering["max_date_gap_days"])
    loose = float(clustering["max_relative_date_gap_days"] or clustering["max_date_gap_days"])
    km = float(clustering["max_distance_km"]) + 1.0

    def number(name: str) -> tuple[np.ndarray, np.ndarray]:
        _, data, null = columns.column(name)
        return np.where(null, np.nan, data), null

    lo, _ = number("date_lo")
    hi, _ = number("date_hi")
    span, _ = number("date_span")
    relative = columns.column("date_is_relative")[1]
    with np.errstate(invalid="ignore"):
        gap = np.maximum(lo[left], lo[right]) - np.minimum(hi[left], hi[right])  # NaN (never apart) when unknown
        apart = gap > loose
        firm = (gap > strict) & ~relative[left] & ~relative[right] & (span[left] <= FIRM_DATE_MAX_SPAN_DAYS) & \
            (span[right] <= FIRM_DATE_MAX_SPAN_DAYS)
        if firm_dates_by_place:
            place = columns.column("place_key")[1]
            firm &= (place[left] >= 0) & (place[left] == place[right])
        apart |= firm
        latitude, longitude = number("latitude")[0], number("longitude")[0]
        p1, p2 = np.radians(latitude[left]), np.radians(latitude[right])
        a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * \
            np.sin((np.radians(longitude[right]) - np.radians(longitude[left])) / 2) ** 2
        apart |= 2 * 6371.0088 * np.arcsin(np.minimum(1.0, np.sqrt(a))) > km
    return apart


def score_blocked_pairs(scorer: PairScorer, columns: ReportColumns, left: np.ndarray, right: np.ndarray, *,
                        clustering: dict | None, firm_dates_by_place: bool, floor: float | None) -> tuple:
    """One chunk of Splink's blocked pairs scored: (smaller position, larger position, match weight) of the pairs
    no cannot-link drops (with `clustering`) whose probability is at least `floor`, and how many were blocked."""
    n_blocked = len(left)
    if clustering is not None and n_blocked:
        keep = ~cannot_link(columns, left, right, clustering, firm_dates_by_place=firm_dates_by_place)
        left, right = left[keep], right[keep]
    weight = scorer.score(columns, left, right)
    if floor:
        keep = weight >= _prior_weight(float(floor))
        left, right, weight = left[keep], right[keep], weight[keep]
    return np.minimum(left, right), np.maximum(left, right), weight, n_blocked


def shifted_pairs(parts: list[tuple], shift: float, floor: float | None, n_reports: int,
                  grouping: tuple[float, list[tuple[int, int]]] | None) -> pa.Table:
    """The scored chunks as score_pair_table returns them: weights shifted by `shift` (and the floor applied again
    after it), with their probabilities; with `grouping`, only the pairs the grouping reads (as
    linkage._pairs_for_grouping); sorted by both positions."""
    from helpers.event_clustering import log_odds, positive_components

    left = np.concatenate([part[0] for part in parts]) if parts else np.zeros(0, np.int64)
    right = np.concatenate([part[1] for part in parts]) if parts else np.zeros(0, np.int64)
    weight = np.concatenate([part[2] for part in parts]) if parts else np.zeros(0)
    if shift:
        weight = weight + shift
        with np.errstate(over="ignore"):
            probability = 1 / (1 + np.power(2.0, -weight))
        if floor:
            keep = weight >= float(log_odds(np.array([floor]))[0])
            left, right, weight, probability = left[keep], right[keep], weight[keep], probability[keep]
    else:
        probability = match_probability(weight)
    if grouping is not None:
        threshold, merges = grouping
        positive = probability >= float(threshold)
        component = positive_components(n_reports, left[positive], right[positive],
                                         np.ones(int(positive.sum()), dtype=bool), merges)
        within = (component[left] >= 0) & (component[left] == component[right])
        keep = positive | ((probability < float(threshold)) & within)
        left, right, weight, probability = left[keep], right[keep], weight[keep], probability[keep]
    order = np.lexsort((right, left))
    return pa.table({"report_id_l": pa.array(left[order], pa.int64()), "report_id_r": pa.array(right[order], pa.int64()),
                     "match_weight": pa.array(weight[order], pa.float64()),
                     "match_probability": pa.array(probability[order], pa.float64())})
