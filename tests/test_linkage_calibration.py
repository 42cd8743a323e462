"""m as a probability distribution over a comparison's levels, and the prior learned from labelled reports."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from helpers import linkage, linkage_calibration


def _comparison(levels: list[dict]) -> dict:
    return {"comparisons": [{"output_column_name": "date", "levels": levels}]}


def test_m_and_u_are_rescaled_to_sum_to_one_and_keep_their_ratios():
    settings = _comparison([
        {"is_null": True, "label": "unknown"},
        {"label": "same day", "m": 0.6, "u": 0.002},
        {"label": "near", "m": 0.6, "u": 0.198},
        {"label": "far", "m": 0.5, "u": 0.6},
    ])
    levels = linkage_calibration.normalise_level_probabilities(settings)["comparisons"][0]["levels"]
    scored = [level for level in levels if not level.get("is_null")]
    assert sum(level["m"] for level in scored) == pytest.approx(1)
    assert scored[0]["m"] == pytest.approx(0.6 / 1.7)
    # within the comparison, the ratio of two levels' m (what decides between them) is unchanged
    assert scored[0]["m"] / scored[2]["m"] == pytest.approx(0.6 / 0.5)
    assert (scored[0]["m_as_written"], scored[0]["u_as_written"]) == (0.6, 0.002)
    # u as written is kept: the collection re-estimates it (linkage.u_from_collection)
    assert [level["u"] for level in scored] == [0.002, 0.198, 0.6]
    assert "m" not in levels[0]  # the null level holds no share


def test_a_comparison_whose_levels_carry_no_probability_is_refused():
    with pytest.raises(ValueError, match="sum to 0"):
        linkage_calibration.normalise_level_probabilities(_comparison([{"label": "a", "m": 0.0, "u": 0.5}]))


def test_the_read_settings_m_are_distributions_for_every_comparison():
    for settings in (linkage.load_settings(), linkage.load_settings(learned=False)):
        for comparison in settings["comparisons"]:
            scored = [level for level in comparison["levels"] if not level.get("is_null")]
            assert math.isclose(sum(level["m"] for level in scored), 1, rel_tol=1e-9), comparison["output_column_name"]


def test_reports_per_attack_counts_matching_pairs_per_labelled_report():
    # three reports of attack E1 (three pairs among them), two of E2 (one pair), one of E3, one unlabelled
    events = pd.Series({"a": "E1", "b": "E1", "c": "E1", "d": "E2", "e": "E2", "f": "E3", "g": None})
    ids = list(events.index)
    pairs = pd.DataFrame([(x, y) for i, x in enumerate(ids) for y in ids[i + 1:]], columns=["report_id_l", "report_id_r"])
    value, n_match, n_reports = linkage_calibration.learned_reports_per_attack(events, pairs)
    assert (n_match, n_reports) == (4, 6)  # the unlabelled report counts for neither
    assert value == pytest.approx(1 + 2 * 4 / 6)


def test_the_learned_prior_replaces_the_stated_one_and_needs_a_note(tmp_path):
    text = linkage.LINKAGE_SETTINGS_PATH.read_text(encoding="utf-8")
    assert "prior_file: learned_prior.csv" in text
    (tmp_path / "settings.yaml").write_text(text, encoding="utf-8")
    table = linkage_calibration.prior_table(3.25, 13, 12)
    (tmp_path / "learned_prior.csv").write_text(table.to_csv(index=False), encoding="utf-8")
    assert linkage.load_settings(tmp_path / "settings.yaml")["reports_per_attack"] == 3.25
    assert linkage.load_settings(tmp_path / "settings.yaml", learned=False)["reports_per_attack"] == 2.5
    (tmp_path / "learned_prior.csv").write_text(table.assign(note="").to_csv(index=False), encoding="utf-8")
    with pytest.raises(ValueError, match="every row needs a note"):
        linkage.load_settings(tmp_path / "settings.yaml")
