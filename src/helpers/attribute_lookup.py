"""A faster matching step for a trained pipeline's attribute ruler, with the ruler's own output.

The attribute ruler of spaCy's English pipelines maps each fine-grained tag to its coarse part of speech and
morphology (about 180 rules: one per tag, plus exceptions such as "been" → AUX). spaCy runs them through its
general token Matcher, which tries every rule at every token; on the short sentences annotate parses that is
about a sixth of the annotation time. Almost every rule tests one token for an exact tag and/or lower-case
form, which a dictionary answers directly. `speed_up_attribute_ruler` replaces only the ruler's `match`
step: those single-token rules are looked up by the token's (tag, lower) hashes, the other rules (several
tokens, dependency labels, whitespace tests) still go through spaCy's Matcher, and the matches come back in
the same form and order as spaCy's own. spaCy's `set_annotations` then applies them unchanged, so every
token gets the same part of speech, morphology and lemma as with the stock ruler (tested token by token).
"""
from __future__ import annotations

_COLUMNS = ("TAG", "LOWER", "DEP", "IS_SPACE")  # the token attributes a looked-up rule may test


def _condition(name: str, value, strings) -> tuple[int, bool, frozenset] | None:
    """One test of a one-token rule as (column, wanted, values): the token's value in `values` must be `wanted`.

    Exact strings and {'IN': [...]} / {'NOT_IN': [...]} lists on TAG, LOWER and DEP, and IS_SPACE true or
    false, are understood; anything else (regular expressions, lengths, other attributes) returns None.
    """
    if name not in _COLUMNS:
        return None
    column = _COLUMNS.index(name)
    if name == "IS_SPACE":
        return (column, True, frozenset({int(value)})) if isinstance(value, bool) else None
    if isinstance(value, str):
        return column, True, frozenset({strings.add(value)})
    if isinstance(value, dict) and len(value) == 1:
        (operator, listed), = value.items()
        if operator in ("IN", "NOT_IN") and isinstance(listed, list) and all(isinstance(v, str) for v in listed):
            return column, operator == "IN", frozenset(strings.add(v) for v in listed)
    return None


def compile_rule(pattern: list[dict], strings) -> tuple[tuple[int, bool, frozenset], ...] | None:
    """The tests of a one-token rule spaCy's Matcher would apply, or None when the lookup cannot answer it."""
    if len(pattern) != 1 or not pattern[0] or "OP" in pattern[0]:
        return None
    conditions = tuple(_condition(name, value, strings) for name, value in sorted(pattern[0].items()))
    return None if any(c is None for c in conditions) else conditions


class AttributeLookup:
    """The match step of one AttributeRuler, answered by dictionary lookups where a rule allows it."""

    def __init__(self, ruler):
        from spacy.matcher import Matcher

        strings = ruler.vocab.strings
        self.ruler = ruler
        self.keys = []  # the hash of each rule's key, as spaCy's Matcher reports it
        # Each looked-up rule is filed under one value it requires (its lower-case form, else its tag), or
        # under `always` when it requires none; its other tests are checked on the candidates found there.
        self.by_value: tuple[dict, dict] = ({}, {})  # by TAG, by LOWER
        self.always: list[tuple[int, tuple]] = []
        self.residual = Matcher(ruler.vocab, validate=False)
        for attr_id in range(len(ruler.attrs)):
            key = str(attr_id)
            self.keys.append(strings.add(key))
            _, patterns = ruler.matcher.get(key)
            left = []
            for pattern in patterns:
                conditions = compile_rule(pattern, strings)
                if conditions is None:
                    left.append(pattern)
                    continue
                filed = next((c for c in sorted(conditions, key=lambda c: -c[0]) if c[0] in (0, 1) and c[1]), None)
                if filed is None:
                    self.always.append((attr_id, conditions))
                    continue
                rest = tuple(c for c in conditions if c is not filed)
                for value in filed[2]:
                    self.by_value[filed[0]].setdefault(value, []).append((attr_id, rest))
            if left:
                self.residual.add(key, left)
        self.n_residual = len(self.residual)
        self.known: dict[tuple[int, int, int, int], tuple[int, ...]] = {}

    MAX_KNOWN = 50_000  # token rows whose rules are remembered (about 10 MB at most)

    def rules_for(self, row: tuple[int, int, int, int]) -> tuple[int, ...]:
        """The looked-up rules a token with these (tag, lower, dep, is_space) values matches."""
        by_tag, by_lower = self.by_value
        return tuple(attr_id for attr_id, rest in (*by_tag.get(row[0], ()), *by_lower.get(row[1], ()), *self.always)
                     if all((row[column] in values) == wanted for column, wanted, values in rest))

    def __call__(self, doc) -> list[tuple[int, int, int, int]]:
        """The ruler's matches on `doc` as (rule index, key hash, start, end), sorted as spaCy sorts them."""
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

        strings = self.ruler.vocab.strings
        matches = set()
        if len(doc):
            known = self.known
            if len(known) > self.MAX_KNOWN:
                known.clear()
            for i, row in enumerate(map(tuple, doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist())):
                attr_ids = known.get(row)
                if attr_ids is None:
                    attr_ids = known[row] = self.rules_for(row)
                for attr_id in attr_ids:
                    matches.add((attr_id, self.keys[attr_id], i, i + 1))
        if self.n_residual:
            for match_id, start, end in self.residual(doc, allow_missing=True, as_spans=False):
                matches.add((int(strings[match_id]), match_id, start, end))
        return sorted(matches)


def speed_up_attribute_ruler(nlp, name: str = "attribute_ruler") -> AttributeLookup | None:
    """Give the pipeline's attribute ruler the lookup match step; return it, or None without such a pipe."""
    if name not in nlp.pipe_names:
        return None
    ruler = nlp.get_pipe(name)
    lookup = AttributeLookup(ruler)
    ruler.match = lookup
    return lookup
