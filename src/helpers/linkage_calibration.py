"""Keep the linkage's m a probability distribution over each comparison's levels, with the prior learned on dev.

A comparison's levels are exclusive (Splink gives each pair the first level whose condition holds), so m, the chance
of each level among pairs of one attack, must sum to one over the levels that carry evidence (the null level is
neither for nor against and holds no share). Stated priors written level by level drift from that (the date levels
summed to about 1.7), which adds the same bits to every level of the comparison: a hidden rise of the prior.
`normalise_level_probabilities` rescales m as the settings are read, and the prior is then set by what it should
be, the share of compared pairs that are one attack: `reports_per_attack`, learned on the world corpus's dev split
by `python -m helpers.linkage_training` (matching pairs per labelled report) and read back by `read_learned_prior`.

u is kept as written: whenever every pair of a collection is compared (the world corpus's splits, a researcher's
folder) u is re-estimated as the collection's own shares of pairs per level (linkage.u_from_collection), a
distribution, blended with the stated u. Rescaling the stated u too (the date's sum to 2.1, the place's to 2.3, swollen
by "different countries" at 0.7 and "different places" at 0.8, which describe a corpus of many countries) gives a
shared province 1.1 more bits in a folder of a few reports, where the stated u dominate: an undated "Friday night"
report then joins a Monday attack of the same province, unless the folder prior falls below 0.02, where two of
the seeds' reports of one attack fall apart.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

PRIOR_COLUMNS = ["name", "value", "n_match_pairs", "n_reports", "note"]
NORMALISED = ("m",)


def normalise_level_probabilities(settings: dict) -> dict:
    """Rescale each comparison's m (stated or learned) to sum to one over its non-null levels, keeping the ratios
    within the comparison; the values as written stay in `m_as_written` and `u_as_written` (u is not rescaled)."""
    for comparison in settings["comparisons"]:
        levels = [level for level in comparison["levels"] if not level.get("is_null")]
        for level in levels:
            level["u_as_written"] = level["u"]
        for name in NORMALISED:
            total = sum(float(level[name]) for level in levels)
            if total <= 0:
                raise ValueError(f"the {name} of {comparison['output_column_name']}'s levels sum to {total}")
            for level in levels:
                level[f"{name}_as_written"] = level[name]
                level[name] = float(level[name]) / total
    return settings


def learned_reports_per_attack(event_of_report: pd.Series, pairs: pd.DataFrame) -> tuple[float, int, int]:
    """How many reports tell one attack, from labelled reports: each of n labelled reports meets (k - 1) others of
    its attack, so 1 + 2 x (matching pairs) / n, with the matching pairs counted among `pairs` (report_id_l,
    report_id_r: every pair of reports from different articles). Returns it, the matching pairs and n."""
    left = pairs["report_id_l"].map(event_of_report)
    right = pairs["report_id_r"].map(event_of_report)
    n_match = int((left.notna() & left.eq(right)).sum())
    n_reports = int(event_of_report.notna().sum())
    if n_reports == 0:
        raise ValueError("no labelled report: nothing to learn reports_per_attack from")
    return 1 + 2 * n_match / n_reports, n_match, n_reports


def prior_table(value: float, n_match: int, n_reports: int) -> pd.DataFrame:
    """The learned prior as the file `read_learned_prior` reads (one row, with how it was counted)."""
    note = (f"1 + 2 x {n_match} pairs of reports of one attack / {n_reports} labelled reports of the world corpus's "
            f"dev split (helpers.linkage_calibration.learned_reports_per_attack)")
    return pd.DataFrame([{"name": "reports_per_attack", "value": float(f"{value:.4g}"), "n_match_pairs": n_match,
                          "n_reports": n_reports, "note": note}], columns=PRIOR_COLUMNS)


def read_learned_prior(path: Path) -> dict[str, float]:
    """The learned prior settings (name -> value) of a file written by the training, each row with a note."""
    table = pd.read_csv(path, dtype={"name": "string", "note": "string"}, keep_default_na=False)
    if list(table.columns) != PRIOR_COLUMNS:
        raise ValueError(f"{path.name} must have columns {', '.join(PRIOR_COLUMNS)}")
    if (table["note"].str.strip() == "").any():
        raise ValueError(f"{path.name}: every row needs a note")
    return {str(row.name): float(row.value) for row in table.itertuples(index=False)}


__all__ = ["normalise_level_probabilities", "learned_reports_per_attack", "prior_table", "read_learned_prior",
           "PRIOR_COLUMNS"]
