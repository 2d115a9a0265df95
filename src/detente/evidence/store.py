"""The evidence store: one embedded DuckDB file, tables in the schema ``evidence``.

A document's records land in one transaction (with a few others' at most), so
a failure keeps everything already stored;
documents are keyed by the sha256 of their normalised text, so re-ingesting is
a no-op. The file may be shared with the run store (issue 8): every table of
ours lives in the ``evidence`` schema, with a ``schema_version`` table.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from detente.evidence.boilerplate import Cut
from detente.evidence.records import (
    CandidateMention,
    Claim,
    Event,
    Extraction,
    Mention,
    Quote,
    Stance,
)
from detente.evidence.store_rows import RECORD_ROWS
from detente.scenario.errors import DetenteError

SCHEMA_VERSION = 2  # 2: actor candidates (extractions made by 1 lack them: redone)
DDL = """
CREATE SCHEMA IF NOT EXISTS evidence;
CREATE TABLE IF NOT EXISTS evidence.schema_version (version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS evidence.documents (
    sha256 VARCHAR PRIMARY KEY, path VARCHAR, title VARCHAR, kind VARCHAR,
    published DATE NOT NULL, date_source VARCHAR, text VARCHAR NOT NULL, n_words INTEGER,
    body_start INTEGER, body_end INTEGER, cuts JSON, file_sha256 VARCHAR,
    ingested_at TIMESTAMP DEFAULT current_timestamp);
CREATE TABLE IF NOT EXISTS evidence.extractions (
    document_sha256 VARCHAR, scenario_id VARCHAR, extractor_version VARCHAR,
    PRIMARY KEY (document_sha256, scenario_id, extractor_version));
CREATE TABLE IF NOT EXISTS evidence.mentions (
    document_sha256 VARCHAR, scenario_id VARCHAR, extractor_version VARCHAR,
    start_char INTEGER, end_char INTEGER, actor VARCHAR, surface VARCHAR, method VARCHAR,
    is_person BOOLEAN);
CREATE TABLE IF NOT EXISTS evidence.quotes (
    document_sha256 VARCHAR, scenario_id VARCHAR, extractor_version VARCHAR,
    start_char INTEGER, end_char INTEGER, speaker VARCHAR, speaker_actor VARCHAR,
    speaker_start INTEGER, speaker_end INTEGER, method VARCHAR, normalised VARCHAR);
CREATE TABLE IF NOT EXISTS evidence.events (
    document_sha256 VARCHAR, scenario_id VARCHAR, extractor_version VARCHAR,
    start_char INTEGER, end_char INTEGER, kind VARCHAR, date_start INTEGER, date_end INTEGER,
    event_date DATE, granularity VARCHAR, actors VARCHAR[], context VARCHAR[]);
CREATE TABLE IF NOT EXISTS evidence.stances (
    document_sha256 VARCHAR, scenario_id VARCHAR, extractor_version VARCHAR,
    start_char INTEGER, end_char INTEGER, actor VARCHAR, issue VARCHAR, polarity VARCHAR,
    direction INTEGER, context VARCHAR[], cue_start INTEGER, cue_end INTEGER);
CREATE TABLE IF NOT EXISTS evidence.claims (
    document_sha256 VARCHAR, scenario_id VARCHAR, extractor_version VARCHAR,
    start_char INTEGER, end_char INTEGER, kind VARCHAR, subject_actor VARCHAR,
    claimed_actor VARCHAR, surface VARCHAR);
CREATE TABLE IF NOT EXISTS evidence.candidates (
    document_sha256 VARCHAR, scenario_id VARCHAR, extractor_version VARCHAR,
    start_char INTEGER, end_char INTEGER, surface VARCHAR, label VARCHAR);
CREATE TABLE IF NOT EXISTS evidence.clusters (
    cluster_id INTEGER, document_sha256 VARCHAR, reason VARCHAR);
CREATE TABLE IF NOT EXISTS evidence.failures (
    document_sha256 VARCHAR, scenario_id VARCHAR, extractor_version VARCHAR, reason VARCHAR,
    failed_at TIMESTAMP DEFAULT current_timestamp,
    PRIMARY KEY (document_sha256, scenario_id, extractor_version));
"""
RECORD_TABLES = tuple(RECORD_ROWS)  # mentions, quotes, events, stances, claims, candidates
# the columns a Quote and an Event are read back from, in their fields' order
QUOTE_COLUMNS = (
    "start_char, end_char, speaker, speaker_actor, speaker_start, speaker_end, method, normalised"
)
EVENT_COLUMNS = (
    "start_char, end_char, kind, date_start, date_end, event_date, granularity, actors, context"
)


@dataclass(frozen=True)
class NewDocument:
    """A document as ``add_documents`` stores it."""

    sha256: str
    path: str
    title: str
    kind: str
    published: dt.date
    date_source: str
    text: str
    cuts: list[Cut]
    body: tuple[int, int]  # the article's span in ``text``
    file_sha256: str


def _event(row: tuple) -> Event:
    """An Event from a row of EVENT_COLUMNS (its lists back to tuples)."""
    return Event(*row[:7], tuple(row[7]), tuple(row[8]))


def check_store_file_name(path: Path | str) -> None:
    """Refuse a file DuckDB would confuse with our ``evidence`` schema.

    DuckDB names a file's catalog after its stem, so in ``evidence.duckdb`` the name
    ``evidence.documents`` would be ambiguous (catalog or schema) and every query fails.
    """
    if Path(path).stem.lower() == "evidence":
        raise DetenteError(
            f"{path}: a store file may not be named 'evidence' (DuckDB would confuse the "
            "file with the store's 'evidence' schema)",
            hint="choose another name, e.g. detente.duckdb",
        )


class EvidenceStore:
    """A thin wrapper around one DuckDB connection; use as a context manager."""

    def __init__(self, path: Path | str) -> None:
        import duckdb

        self.path = str(path)
        check_store_file_name(path)
        try:
            self.connection = duckdb.connect(self.path)
        except duckdb.Error as exc:
            raise DetenteError(
                f"{self.path}: cannot open the evidence store ({exc})",
                hint="give a writable path for --store, or close other programs using it",
            ) from None
        self.connection.execute(DDL)
        row = self.connection.execute("SELECT max(version) FROM evidence.schema_version").fetchone()
        if row is None or row[0] is None:
            self.connection.execute(
                "INSERT INTO evidence.schema_version VALUES (?)", [SCHEMA_VERSION]
            )
        elif row[0] > SCHEMA_VERSION:
            raise DetenteError(
                f"{self.path}: store schema {row[0]} is newer than this detente",
                hint="upgrade detente",
            )
        elif row[0] < SCHEMA_VERSION:
            self._upgrade()

    def _upgrade(self) -> None:
        """From schema 1: its extractions stored no actor candidates, so they are dropped
        (documents and their text stay) and redone by the next brief or ingest."""
        con = self.connection
        con.execute("BEGIN TRANSACTION")
        for table in (*RECORD_TABLES, "extractions", "failures"):
            con.execute(f"DELETE FROM evidence.{table}")
        con.execute("DELETE FROM evidence.schema_version")
        con.execute("INSERT INTO evidence.schema_version VALUES (?)", [SCHEMA_VERSION])
        con.execute("COMMIT")

    def __enter__(self) -> EvidenceStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.connection.close()

    def has_document(self, sha256: str) -> bool:
        return bool(
            self.connection.execute(
                "SELECT count(*) FROM evidence.documents WHERE sha256 = ?", [sha256]
            ).fetchone()[0]
        )

    def has_extraction(self, sha256: str, scenario_id: str, version: str) -> bool:
        return bool(
            self.connection.execute(
                "SELECT count(*) FROM evidence.extractions WHERE document_sha256 = ? "
                "AND scenario_id = ? AND extractor_version = ?",
                [sha256, scenario_id, version],
            ).fetchone()[0]
        )

    def add_document(
        self,
        *,
        sha256: str,
        path: str,
        title: str,
        kind: str,
        published: dt.date,
        date_source: str,
        text: str,
        cuts: list[Cut],
        body: tuple[int, int],
        file_sha256: str,
    ) -> None:
        self.add_documents(
            [
                NewDocument(
                    sha256, path, title, kind, published, date_source, text, cuts, body, file_sha256
                )
            ]
        )

    def add_documents(self, documents: Sequence[NewDocument]) -> None:
        """Store documents (one already stored is left as it is) in one statement: each
        statement commits on its own, and one per document cost ingest about 10 ms each."""
        rows = [
            (
                d.sha256,
                d.path,
                d.title,
                d.kind,
                d.published,
                d.date_source,
                d.text,
                len(d.text.split()),
                d.body[0],
                d.body[1],
                json.dumps([[c.start, c.end, c.reason] for c in d.cuts]),
                d.file_sha256,
            )
            for d in documents
        ]
        _insert(
            self.connection,
            "documents (sha256, path, title, kind, published, date_source, text, n_words, "
            "body_start, body_end, cuts, file_sha256)",
            rows,
            "ON CONFLICT DO NOTHING",
        )

    def add_extraction(
        self, sha256: str, scenario_id: str, version: str, extraction: Extraction
    ) -> None:
        """Replace this document's records for (scenario, version) in one transaction."""
        self.add_extractions([(sha256, extraction)], scenario_id, version)

    def add_extractions(
        self, extractions: Sequence[tuple[str, Extraction]], scenario_id: str, version: str
    ) -> None:
        """Replace several documents' records for (scenario, version) in one transaction,
        so each lands whole or not at all. Why several at once: DuckDB's cost is mostly per
        statement, and one statement per table for a batch of documents (each column bound
        as one list) made the parent's store writes, done per document with a parameter
        per value, several times cheaper."""
        if not extractions:
            return
        con = self.connection
        keys = [sha256 for sha256, _ in extractions]
        scope = "scenario_id = ? AND extractor_version = ? AND list_contains(?, document_sha256)"
        con.execute("BEGIN TRANSACTION")
        try:
            stale = con.execute(
                f"SELECT count(*) FROM evidence.extractions WHERE {scope}",
                [scenario_id, version, keys],
            ).fetchone()[0]
            for table in (*RECORD_TABLES, "extractions") if stale else ():
                con.execute(
                    f"DELETE FROM evidence.{table} WHERE {scope}", [scenario_id, version, keys]
                )
            for table, rows_of in RECORD_ROWS.items():
                rows = [
                    (sha256, scenario_id, version, *row)
                    for sha256, extraction in extractions
                    for row in rows_of(extraction)
                ]
                _insert(con, table, rows)
            _insert(con, "extractions", [(sha256, scenario_id, version) for sha256 in keys])
            con.execute(
                f"DELETE FROM evidence.failures WHERE {scope}", [scenario_id, version, keys]
            )
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise

    def documents(self, as_of: dt.date | None = None) -> list[dict[str, Any]]:
        """Stored documents published on or before ``as_of`` (all when None), oldest first."""
        if as_of is None:
            return self._select("", [])
        return self._select("WHERE published <= ?", [as_of])

    def _select(
        self, where: str, params: list[Any], order: str = "published, path"
    ) -> list[dict[str, Any]]:
        query = (
            "SELECT sha256, path, title, kind, published, date_source, text, n_words, "
            "body_start, body_end, cuts, file_sha256 FROM evidence.documents"
        )
        rows = self.connection.execute(f"{query} {where} ORDER BY {order}", params).fetchall()
        names = (
            "sha256",
            "path",
            "title",
            "kind",
            "published",
            "date_source",
            "text",
            "n_words",
            "body_start",
            "body_end",
            "cuts",
            "file_sha256",
        )
        return [dict(zip(names, row, strict=True)) for row in rows]

    def document(self, sha256: str) -> dict[str, Any]:
        """One stored document by the sha256 of its text (KeyError when absent)."""
        found = self._select("WHERE sha256 = ?", [sha256])
        if not found:
            raise KeyError(sha256)
        return found[0]

    def documents_at_path(self, path: str) -> list[dict[str, Any]]:
        """Every stored version of the file at ``path``, oldest ingest first (no text).
        Ingest reads all paths at once instead (``versions_by_path``)."""
        rows = self.connection.execute(
            "SELECT sha256, published, ingested_at FROM evidence.documents WHERE path = ? "
            "ORDER BY ingested_at, sha256",
            [path],
        ).fetchall()
        return [dict(zip(("sha256", "published", "ingested_at"), r, strict=True)) for r in rows]

    def versions_by_path(self) -> dict[str, list[str]]:
        """Path -> the sha256 of every version stored from it, oldest ingest first (as
        ``documents_at_path`` orders them): read once per ingest, not queried per file."""
        found: dict[str, list[str]] = {}
        for path, sha256 in self.connection.execute(
            "SELECT path, sha256 FROM evidence.documents ORDER BY ingested_at, sha256"
        ).fetchall():
            found.setdefault(path, []).append(sha256)
        return found

    def extracted(self, scenario_id: str, version: str) -> set[str]:
        """The sha256 of every document extracted for (scenario, version)."""
        rows = self.connection.execute(
            "SELECT document_sha256 FROM evidence.extractions WHERE scenario_id = ? "
            "AND extractor_version = ?",
            [scenario_id, version],
        ).fetchall()
        return {sha256 for (sha256,) in rows}

    def scenarios_extracted(self) -> set[str]:
        """The ids of every scenario some document was extracted for (by any version)."""
        rows = self.connection.execute(
            "SELECT DISTINCT scenario_id FROM evidence.extractions"
        ).fetchall()
        return {scenario_id for (scenario_id,) in rows}

    def extraction(self, sha256: str, scenario_id: str, version: str) -> Extraction:
        key = [sha256, scenario_id, version]

        def rows(table: str, columns: str) -> list[tuple]:
            return self.connection.execute(
                f"SELECT {columns} FROM evidence.{table} WHERE document_sha256 = ? AND "
                "scenario_id = ? AND extractor_version = ? ORDER BY start_char",
                key,
            ).fetchall()

        return Extraction(
            tuple(
                Mention(*r)
                for r in rows("mentions", "start_char, end_char, actor, surface, method, is_person")
            ),
            tuple(Quote(*r) for r in rows("quotes", QUOTE_COLUMNS)),
            tuple(_event(r) for r in rows("events", EVENT_COLUMNS)),
            tuple(
                Stance(*r[:6], tuple(r[6]), r[7], r[8])
                for r in rows(
                    "stances",
                    "start_char, end_char, actor, issue, polarity, direction, context, "
                    "cue_start, cue_end",
                )
            ),
            tuple(
                Claim(*r)
                for r in rows(
                    "claims", "start_char, end_char, kind, subject_actor, claimed_actor, surface"
                )
            ),
            candidates=tuple(
                CandidateMention(*r)
                for r in rows("candidates", "start_char, end_char, surface, label")
            ),
        )

    def quotes_and_events(self, scenario_id: str, version: str) -> dict[str, Extraction]:
        """Every extracted document's quotes and events, the records rewrite clustering
        compares: two queries for the whole store instead of six per document (which
        after each ingest cost more than the clustering itself)."""
        key = [scenario_id, version]
        scope = "WHERE scenario_id = ? AND extractor_version = ?"
        found: dict[str, tuple[list[Quote], list[Event]]] = {
            sha256: ([], [])
            for (sha256,) in self.connection.execute(
                f"SELECT document_sha256 FROM evidence.extractions {scope}", key
            ).fetchall()
        }
        order = "ORDER BY document_sha256, start_char"
        for sha256, *r in self.connection.execute(
            f"SELECT document_sha256, {QUOTE_COLUMNS} FROM evidence.quotes {scope} {order}", key
        ).fetchall():
            found[sha256][0].append(Quote(*r))
        for sha256, *r in self.connection.execute(
            f"SELECT document_sha256, {EVENT_COLUMNS} FROM evidence.events {scope} {order}", key
        ).fetchall():
            found[sha256][1].append(_event(tuple(r)))
        return {
            sha256: Extraction(quotes=tuple(quotes), events=tuple(events))
            for sha256, (quotes, events) in found.items()
        }

    def add_failure(self, sha256: str, scenario_id: str, version: str, reason: str) -> None:
        """Remember that this extractor failed on this document (not retried until it changes)."""
        self.connection.execute(
            "INSERT OR REPLACE INTO evidence.failures (document_sha256, scenario_id, "
            "extractor_version, reason) VALUES (?, ?, ?, ?)",
            [sha256, scenario_id, version, reason],
        )

    def failures(self, scenario_id: str, version: str) -> dict[str, str]:
        """Document sha256 -> why its extraction failed, for this scenario and extractor."""
        rows = self.connection.execute(
            "SELECT document_sha256, reason FROM evidence.failures WHERE scenario_id = ? "
            "AND extractor_version = ?",
            [scenario_id, version],
        ).fetchall()
        return dict(rows)

    def replace_clusters(self, clusters: list[tuple[int, str, str]]) -> None:
        con = self.connection
        con.execute("BEGIN TRANSACTION")
        con.execute("DELETE FROM evidence.clusters")
        if clusters:
            con.executemany("INSERT INTO evidence.clusters VALUES (?, ?, ?)", clusters)
        con.execute("COMMIT")

    def counts(self, scenario_id: str | None = None, version: str | None = None) -> dict[str, int]:
        """Rows per table; records only of ``scenario_id`` and extractor ``version`` when given.

        Why scoped: records of other scenarios and of older extractors stay in the store
        (an upgrade re-extracts beside them), so store-wide counts double after one.
        """
        scope, key = "", []
        if scenario_id is not None and version is not None:
            scope, key = " WHERE scenario_id = ? AND extractor_version = ?", [scenario_id, version]
        counts = {"documents": self._count("documents", "", [])}
        counts |= {table: self._count(table, scope, key) for table in RECORD_TABLES}
        counts["clusters"] = self._count("clusters", "", [])
        return counts

    def _count(self, table: str, scope: str, key: list[str]) -> int:
        return self.connection.execute(
            f"SELECT count(*) FROM evidence.{table}{scope}", key
        ).fetchone()[0]


def _insert(con: Any, table: str, rows: list[tuple], conflict: str = "") -> None:
    """All rows in one INSERT, each column bound as one list and unnested: DuckDB binds
    one list far faster than a parameter per value (and executemany is slower still)."""
    if not rows:
        return
    columns = [list(column) for column in zip(*rows, strict=True)]
    unnested = ", ".join(["unnest(?)"] * len(columns))
    con.execute(f"INSERT INTO evidence.{table} SELECT {unnested} {conflict}", columns)
