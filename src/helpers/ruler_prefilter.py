"""Skipping an EntityRuler's token Matcher on documents none of its token patterns can match.

spaCy's EntityRuler runs its phrase patterns through the PhraseMatcher (a hash lookup per token) and its token
patterns through the general Matcher, which tries every pattern at every token. The actor dictionary needs a few
hundred token patterns (aliases written partly in capitals, such as "UN agency" or "US-led coalition", must match
those words as written and the others in any case), and the Matcher then costs about as much as the trained
tok2vec layer on every parsed text.

A token pattern whose tokens are all exact ORTH or LOWER strings can only match a document that holds each of
those strings. `TokenPatternPrefilter` keeps, for each such pattern, the rarest-looking of its words (the longest
ORTH string, else the longest LOWER string) and calls spaCy's Matcher only when the document holds one of those
words. Patterns it cannot read (regular expressions, operators, other attributes) switch the prefilter off, so
the ruler's matches are always exactly spaCy's own.
"""
from __future__ import annotations

_EXACT_ATTRS = ("ORTH", "LOWER")


def anchor_word(pattern: list[dict]) -> tuple[str, str] | None:
    """The (attribute, string) one token of the pattern must have: its longest ORTH string, else its longest
    LOWER string; None when a token test is not an exact ORTH/LOWER string (the pattern cannot be prefiltered)."""
    best: dict[str, str] = {}
    for token in pattern:
        token = {str(attr).upper(): value for attr, value in token.items()}
        if not token or set(token) - set(_EXACT_ATTRS):
            return None
        for attr, value in token.items():
            if not isinstance(value, str):
                return None
            if len(value) > len(best.get(attr, "")):
                best[attr] = value
    for attr in _EXACT_ATTRS:
        if attr in best:
            return attr, best[attr]
    return None


class TokenPatternPrefilter:
    """A stand-in for an EntityRuler's token Matcher that skips documents holding none of the anchor words."""

    def __init__(self, matcher, patterns: list[list[dict]], strings):
        self.matcher = matcher
        anchors = [anchor_word(pattern) for pattern in patterns]
        self.active = bool(patterns) and all(anchor is not None for anchor in anchors)
        self.orth = frozenset(strings.add(v) for a, v in anchors if a == "ORTH") if self.active else frozenset()
        self.lower = frozenset(strings.add(v) for a, v in anchors if a == "LOWER") if self.active else frozenset()

    def may_match(self, doc) -> bool:
        """False only when no token pattern can match the document."""
        if not self.active:
            return True
        if not len(doc):
            return False
        from spacy.attrs import LOWER, ORTH

        orth, lower = doc.to_array([ORTH, LOWER]).T.tolist()
        return not (self.orth.isdisjoint(orth) and self.lower.isdisjoint(lower))

    def __call__(self, doc, *args, **kwargs):
        if not self.may_match(doc):
            return []
        return self.matcher(doc, *args, **kwargs)

    def __len__(self) -> int:
        return len(self.matcher)

    def __getattr__(self, name):  # add, remove, vocab ... go to spaCy's Matcher
        return getattr(self.matcher, name)


def prefilter_token_patterns(ruler) -> TokenPatternPrefilter:
    """Put the prefilter in front of an EntityRuler's token Matcher, once its patterns are added; return it.
    Patterns added later make it fall back to always running the Matcher."""
    matcher = ruler.matcher.matcher if isinstance(ruler.matcher, TokenPatternPrefilter) else ruler.matcher
    token_patterns = [entry["pattern"] for entry in ruler.patterns if not isinstance(entry["pattern"], str)]
    prefilter = TokenPatternPrefilter(matcher, token_patterns, ruler.nlp.vocab.strings)
    ruler.matcher = prefilter
    original_add = ruler.add_patterns

    def add_patterns(patterns):
        prefilter.active = False  # new patterns are not in the anchor sets: match them all, always
        return original_add(patterns)

    ruler.add_patterns = add_patterns
    return prefilter
