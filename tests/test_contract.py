"""The data contract as pandera schemas: validation at the stage boundaries, typed Parquet, the codebook page."""
from __future__ import annotations

import pandas as pd
import pytest

from helpers import contract, schemas
from helpers.paths import DATA_DIR

SEED_TABLES = DATA_DIR / "seeds" / "tables"


def test_committed_codebook_is_the_one_the_schemas_generate():
    assert contract.CODEBOOK_PATH.read_text(encoding="utf-8") == contract.codebook_markdown()


def test_codebook_lists_every_contract_column_with_type_and_allowed_values():
    text = contract.codebook_markdown()
    for name, columns in schemas.CONTRACT.items():
        section = text.split(f"## {name}\n", 1)[1].split("\n## ", 1)[0]
        assert [line.split("`")[1] for line in section.splitlines() if line.startswith("| `")] == columns
    assert "| `role` | string | yes | `main`, `background` |" in text
    assert "| `is_claim` | boolean | no |" in text and "| `killed_best` | integer | yes |" in text


def test_every_column_has_a_description():
    for name in schemas.CONTRACT:
        assert all(len(column.description or "") > 5 for column in contract.schema(name).columns.values()), name


@pytest.mark.parametrize("name", list(schemas.CONTRACT))
def test_seed_tables_satisfy_the_contract(name):
    typed = contract.validate(schemas.read_table(name, SEED_TABLES), name)
    assert len(typed) > 0


def test_validation_names_each_broken_column_and_value():
    mentions = schemas.read_table("mentions", SEED_TABLES)
    mentions.loc[0, "role"] = "sideways"
    mentions.loc[1, "killed"] = "many"
    mentions.loc[2, "date_start"] = "last Tuesday"
    with pytest.raises(ValueError) as error:
        contract.validate(mentions, "mentions")
    message = str(error.value)
    assert "role" in message and "'sideways'" in message
    assert "killed: not integer: 'many'" in message
    assert "date_start" in message and "'last Tuesday'" in message


def test_write_table_refuses_a_table_that_breaks_the_contract(tmp_path):
    events = schemas.read_table("events", SEED_TABLES)
    events.loc[0, "date_precision"] = "fortnight"
    with pytest.raises(ValueError, match="date_precision"):
        schemas.write_table(events, "events", tmp_path)
    assert not (tmp_path / "events.csv").exists()


def test_parquet_is_typed_and_the_csv_unchanged(tmp_path):
    events = schemas.read_table("events", SEED_TABLES)
    schemas.write_table(events, "events", tmp_path)
    typed = pd.read_parquet(tmp_path / "events.parquet")
    assert str(typed["killed_best"].dtype) == "Int64" and str(typed["latitude"].dtype) == "float64"
    assert str(typed["n_mentions"].dtype) == "Int64" and pd.api.types.is_string_dtype(typed["event_id"])
    assert (tmp_path / "events.csv").read_bytes() == (SEED_TABLES / "events.csv").read_bytes()
    mentions = schemas.read_table("mentions", SEED_TABLES)
    schemas.write_table(mentions, "mentions", tmp_path)
    assert str(pd.read_parquet(tmp_path / "mentions.parquet")["is_claim"].dtype) == "boolean"


def test_codebook_html_page_is_generated_from_the_same_schemas():
    page = contract.codebook_html()
    assert "<h2>events</h2>" in page and "<code>killed_best</code>" in page
    assert "http" not in page


def test_report_has_the_codebook_page_linked_from_its_front_page(tmp_path):
    import shutil

    from helpers import report

    shutil.copytree(SEED_TABLES, tmp_path / "tables")
    index = report.write_index(tmp_path, {"input": "seeds", "notebooks": [], "parameters": {}})
    assert 'href="codebook.html"' in index.read_text(encoding="utf-8")
    page = (tmp_path / "codebook.html").read_text(encoding="utf-8")
    assert "<h2>mentions</h2>" in page and "<code>source_type</code>" in page


def test_parquet_keeps_text_exactly_as_written(tmp_path):
    articles = schemas.read_table("articles", SEED_TABLES)
    articles.loc[0, "title"] = "\t padded title "
    schemas.write_table(articles, "articles", tmp_path)
    assert pd.read_parquet(tmp_path / "articles.parquet")["title"].iloc[0] == "\t padded title "
