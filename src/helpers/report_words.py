"""The words a report shares with the other reports of a collection: its most distinctive words, for linking.

Reports of one attack name the same village, the same group, the same commander and the same figures even when
the annotator could not place, date or attribute them; reports of different attacks share mostly the words every
report uses ("killed", "attack", "police"). Each report's text (the sentences its figures came from, the place
words around them and, for an article's main attack, the article's title) is weighed by TF-IDF against the
reports of the collection being linked, so that a word every report uses weighs nothing and a village named by
two reports weighs most; a report keeps its `top` heaviest words. Linking counts how many of them two reports
share (the `words` comparison of data/linkage/splink_settings.yaml). The weights come from the collection
itself, never from a fixed corpus, so a folder about one conflict discounts that conflict's usual names.
"""
from __future__ import annotations

import pandas as pd

# Words of three or more letters, or whole numbers (a toll of 46 or a date's 14th are shared words too).
TOKEN_PATTERN = r"(?u)\b[^\W\d_]{3,}\b|\b\d+\b"
TEXT_COLUMNS = ["evidence", "location_text"]
# The report's own names that other comparisons already weigh: its place, provinces and country (place) and its
# perpetrators and targets (perpetrator, target). Left out of its words, a town and a group shared by two reports
# count once, not twice.
NAME_COLUMNS = ["place", "admin1", "country", "perpetrator", "target"]


def report_texts(mentions: pd.DataFrame, report_ids: pd.Series) -> pd.Series:
    """Per report (index: report_id, sorted), the distinct evidence sentences and place words of its mentions,
    and the article's title when one of its mentions is the article's main attack (a title names the attack
    the article is about, never a background one)."""
    columns = [name for name in TEXT_COLUMNS if name in mentions.columns]
    parts = mentions[columns].astype("string") if columns else pd.DataFrame(index=mentions.index)
    if "title" in mentions.columns and "role" in mentions.columns:
        parts = parts.assign(title=mentions["title"].astype("string").where(mentions["role"].eq("main").fillna(False)))
    frame = parts.assign(report_id=report_ids.to_numpy()).melt(id_vars="report_id", value_name="text").dropna(subset=["text"])
    frame = frame.drop_duplicates(["report_id", "text"]).sort_values(["report_id", "variable", "text"], kind="mergesort")
    texts = frame.groupby("report_id")["text"].agg(" ".join)
    return texts.reindex(sorted(set(report_ids.astype(str)))).fillna("")


def report_names(mentions: pd.DataFrame, report_ids: pd.Series) -> pd.Series:
    """Per report (index: report_id, sorted), the set of lower-cased words of its mentions' place, province,
    country, perpetrator and target names (the words the place and actor comparisons already weigh)."""
    columns = [name for name in NAME_COLUMNS if name in mentions.columns]
    index = sorted(set(report_ids.astype(str)))
    if not columns:
        return pd.Series([frozenset()] * len(index), index=index, dtype=object)
    frame = mentions[columns].astype("string").assign(report_id=report_ids.astype(str).to_numpy())
    frame = frame.melt(id_vars="report_id", value_name="text").dropna(subset=["text"])
    words = frame["text"].str.lower().str.findall(TOKEN_PATTERN)
    names = words.groupby(frame["report_id"]).agg(lambda lists: frozenset(w for ws in lists for w in ws))
    return names.reindex(index).apply(lambda value: value if isinstance(value, frozenset) else frozenset())


def distinctive_words(texts: pd.Series, *, top: int, leave_out: pd.Series | None = None) -> pd.Series:
    """Per text, its `top` words of largest TF-IDF weight in the collection of `texts` (sorted; None when the text
    has no word). English stop words are left out, and so are words found in a single text: they cannot be shared
    and would only take the place of a word that can. With `leave_out` (a set of words per text, same index),
    those words are not among the text's own (the next heaviest take their place)."""
    if top < 1:
        raise ValueError(f"top must be a positive number of words, got {top!r}")
    out = pd.Series([None] * len(texts), index=texts.index, dtype=object)
    if not len(texts) or not texts.str.contains(r"\w", regex=True).any():
        return out
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(sublinear_tf=True, stop_words="english", token_pattern=TOKEN_PATTERN, lowercase=True,
                                 min_df=2)
    try:
        weights = vectorizer.fit_transform(texts.fillna("").tolist()).tocsr()
    except ValueError:  # no word (other than stop words) in two texts of the collection
        return out
    vocabulary = vectorizer.get_feature_names_out()
    for row in range(weights.shape[0]):
        start, end = weights.indptr[row], weights.indptr[row + 1]
        if start == end:
            continue
        data, columns = weights.data[start:end], weights.indices[start:end]
        if leave_out is not None:
            skip = leave_out.iloc[row]
            keep = [i for i in range(len(columns)) if vocabulary[columns[i]] not in skip]
            data, columns = data[keep], columns[keep]
            if not len(data):
                continue
        # heaviest first, ties by the word itself so that the choice never depends on the vocabulary's order
        order = sorted(range(len(data)), key=lambda i: (-round(float(data[i]), 12), vocabulary[columns[i]]))[:top]
        out.iloc[row] = sorted(str(vocabulary[columns[i]]) for i in order)
    return out


def report_words(mentions: pd.DataFrame, report_ids: pd.Series, *, top: int, without_names: bool = False) -> pd.Series:
    """Per report (index: report_id, sorted), its `top` most distinctive words among the collection's reports;
    `without_names` leaves out the words of its own place and actor names (report_names)."""
    leave_out = report_names(mentions, report_ids) if without_names else None
    return distinctive_words(report_texts(mentions, report_ids), top=top, leave_out=leave_out)


__all__ = ["report_texts", "report_names", "distinctive_words", "report_words", "TOKEN_PATTERN", "NAME_COLUMNS"]
