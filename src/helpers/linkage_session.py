"""One DuckDB connection and one Splink linker that score the blocks of a large collection one after another.

Building a Splink linker parses the SQL of every blocking rule and comparison level (sqlglot), and a DuckDB
connection takes its own setting up: for a collection linked country by country (helpers.linkage_blocks), with
about eighty countries at a million mentions, that fixed cost came once per block. A session pays it once. Each
block's reports replace the previous block's in the connection's `reports` view, and Splink's cache of tables
made from its input is emptied, so that a block's pairs and scores are those it gets with a connection and a
linker of its own (tests/test_linkage_session.py compares the two).
"""
from __future__ import annotations

import contextlib
import copy
import json
import tempfile

import pyarrow as pa

from helpers import linkage


class SplinkSession(contextlib.AbstractContextManager):
    """A DuckDB connection (spilling to a temporary folder of its own) and the Splink linker of its last settings."""

    def __init__(self, *, threads: int | None = None) -> None:
        from splink import DuckDBAPI

        self._folder = tempfile.TemporaryDirectory(prefix="linkage-duckdb-")
        self.connection = linkage.connect_duckdb(self._folder.name, threads=threads)
        self.db_api = DuckDBAPI(self.connection)
        self._table = None
        self._linker = None
        self._settings_key: str | None = None

    def use_reports(self, reports: pa.Table):
        """Make `reports` (Arrow, report_id as whole numbers) the input table `reports`; return Splink's handle."""
        self.connection.register("reports", reports)  # replaces the previous block's view of the same name
        if self._table is None:
            self._table = self.db_api.register("reports", table_name="reports")
        elif self._linker is not None:
            # tables Splink derived from the previous block's input (its concatenated input, blocked pairs) go
            self._linker.table_management.invalidate_cache()
        return self._table

    def linker_for(self, table, settings_dict: dict):
        """The session's Splink linker for these settings, built anew only when they differ from the last ones."""
        from splink import Linker

        key = json.dumps(settings_dict, sort_keys=True)
        if key != self._settings_key:
            self._linker = Linker(table, copy.deepcopy(settings_dict), log_level=None, validate_settings=False)
            self._settings_key = key
        return self._linker

    def close(self) -> None:
        """Close the connection and remove its spill folder."""
        self.connection.close()
        self._folder.cleanup()

    def __exit__(self, *exc_info) -> None:
        self.close()
