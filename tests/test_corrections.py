"""Human corrections: fix, delete and add rows, each marked annotator=human; stale rows are reported."""
import pandas as pd
import pytest

from helpers.corrections import apply_corrections, load_corrections


def _mentions() -> pd.DataFrame:
    return pd.DataFrame({
        "mention_id": pd.array(["a-m01", "a-m02"], dtype="string"),
        "article_id": pd.array(["a", "a"], dtype="string"),
        "killed": pd.array([5, 9], dtype="Int64"),
        "target": pd.array(["Civilians", None], dtype="string"),
        "is_claim": pd.array([False, False], dtype="boolean"),
        "annotator": pd.array(["rules", "rules"], dtype="string"),
    })


def _corrections(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["action", "mention_id", "field", "value", "reason"]).astype("string")


def test_fix_delete_add_and_stale():
    corrections = _corrections([
        ("fix", "a-m01", "killed", "6", "the sentence says six"),
        ("fix", "a-m01", "target", "", "subset only"),
        ("delete", "a-m02", "", "", "a war-wide total"),
        ("add", "a-m90", "article_id", "a", "missed figure"),
        ("add", "a-m90", "killed", "3", "missed figure"),
        ("fix", "a-m77", "killed", "1", "refers to a mention that no longer exists"),
    ])
    out, report = apply_corrections(_mentions(), corrections)
    assert list(out["mention_id"]) == ["a-m01", "a-m90"]
    first = out.iloc[0]
    assert first["killed"] == 6 and pd.isna(first["target"]) and first["annotator"] == "human"
    assert out.iloc[1]["killed"] == 3 and out.iloc[1]["annotator"] == "human"
    assert list(report["status"]) == ["applied"] * 5 + ["stale: no mention has this id (its sentence, figure or kind changed); not applied"]


def test_unknown_field_is_reported_not_applied():
    out, report = apply_corrections(_mentions(), _corrections([("fix", "a-m01", "colour", "red", "typo")]))
    assert report["status"].iloc[0].startswith("invalid") and out[_mentions().columns].equals(_mentions())


def test_load_checks_columns_actions_and_reasons(tmp_path):
    path = tmp_path / "corrections.csv"
    path.write_text("action,mention_id,field,value,reason\nmerge,a-m01,,,why\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown actions"):
        load_corrections(path)
    path.write_text("action,mention_id,field,value,reason\ndelete,a-m01,,,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="reason"):
        load_corrections(path)
    assert load_corrections(tmp_path / "absent.csv").empty


def test_repository_corrections_file_is_valid():
    from helpers.paths import DATA_DIR

    assert len(load_corrections(DATA_DIR / "corrections.csv")) >= 0


def test_a_correction_whose_mention_changed_is_reported_and_never_lands_on_another_row():
    import pandas as pd

    from helpers.annotate import annotate_articles

    text = ("Gunmen killed 14 soldiers at a checkpoint near Raqqa on Sunday, a war monitor said. "
            "A roadside bomb wounded six police officers in Homs on Monday, officials said.")
    first = annotate_articles(pd.DataFrame([{"article_id": "s", "text": text, "published": "2022-03-14"}]))
    target = first.loc[first["killed"] == 14, "mention_id"].iloc[0]
    correction = _corrections([("fix", target, "killed", "15", "the monitor later said 15")])
    _, report = apply_corrections(first, correction)
    assert list(report["status"]) == ["applied"]
    # the article is revised: the corrected sentence now says 16; its mention gets another id
    revised = annotate_articles(pd.DataFrame([{"article_id": "s", "text": text.replace("14", "16"),
                                               "published": "2022-03-14"}]))
    out, report = apply_corrections(revised, correction)
    assert report["status"].iloc[0].startswith("stale")
    assert (out["annotator"] == "rules").all() and sorted(out["killed"].dropna()) == [16]
