"""Tables of the run store and the ordered migrations that build them.

Why a version table of our own (``run_store_schema_version``): the evidence package
keeps its documents and extractions in the same DuckDB file with its own
``schema_version``; each package migrates its own tables and never touches the
other's. Scenarios point at the evidence package's documents by sha256 only
(``scenario_sources.document_sha256``), so no document table is duplicated here.

Each migration runs in one transaction together with the bump of the version
number, so a store is always at exactly one version.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

VERSION_TABLE = "run_store_schema_version"


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "scenarios by content hash, runs, forecasts",
        (
            """
            CREATE TABLE scenarios (
                scenario_hash VARCHAR PRIMARY KEY,   -- sha256 of the canonical JSON
                scenario_id VARCHAR NOT NULL,
                title VARCHAR,
                as_of DATE NOT NULL,
                horizon DATE NOT NULL,
                content JSON NOT NULL,               -- the validated scenario, canonical JSON
                first_seen TIMESTAMP NOT NULL
            )
            """,
            "CREATE SEQUENCE run_id_sequence START 1",
            """
            CREATE TABLE runs (
                run_id BIGINT PRIMARY KEY DEFAULT nextval('run_id_sequence'),
                scenario_hash VARCHAR NOT NULL REFERENCES scenarios (scenario_hash),
                created_at TIMESTAMP NOT NULL,
                runs BIGINT NOT NULL,                -- Monte Carlo runs simulated
                seed BIGINT NOT NULL,
                package_version VARCHAR NOT NULL,
                engine VARCHAR NOT NULL,             -- local | dask
                settings JSON NOT NULL,              -- chunk size, rounds, drafting, overrides
                label VARCHAR
            )
            """,
            """
            CREATE TABLE forecasts (
                run_id BIGINT NOT NULL REFERENCES runs (run_id),
                question_id VARCHAR NOT NULL,
                text VARCHAR,
                question VARCHAR,                    -- the expression in the question language
                resolution_date DATE,
                probability DOUBLE NOT NULL,
                standard_error DOUBLE,
                status_quo_holds BOOLEAN,
                as_of DATE NOT NULL,                 -- the evidence cut-off of the forecast
                PRIMARY KEY (run_id, question_id)
            )
            """,
            "CREATE INDEX forecasts_by_question ON forecasts (question_id)",
        ),
    ),
    Migration(
        2,
        "scenario_sources: which documents (by sha256) a scenario snapshot rests on",
        (
            """
            CREATE TABLE scenario_sources (
                scenario_hash VARCHAR NOT NULL REFERENCES scenarios (scenario_hash),
                source_id VARCHAR NOT NULL,
                title VARCHAR,
                published DATE,
                document_sha256 VARCHAR,             -- joins the evidence package's documents
                PRIMARY KEY (scenario_hash, source_id)
            )
            """,
        ),
    ),
)

LATEST_VERSION = MIGRATIONS[-1].version


def current_version(connection: Any) -> int:
    """The store's schema version, 0 for a file that has none of our tables yet.

    No query parameters here: DuckDB 1.5's Python client imports pandas (~2 s) on
    the first parameterised query, which a read-only listing should not pay.
    """
    exists = connection.execute(
        f"SELECT count(*) FROM duckdb_tables() WHERE table_name = '{VERSION_TABLE}'"
    ).fetchone()[0]
    if not exists:
        return 0
    row = connection.execute(f"SELECT max(version) FROM {VERSION_TABLE}").fetchone()
    return int(row[0] or 0)


def migrate(connection: Any, *, target: int = LATEST_VERSION) -> list[int]:
    """Apply every migration above the store's version up to ``target``; return those applied."""
    connection.execute(
        f"CREATE TABLE IF NOT EXISTS {VERSION_TABLE} ("
        "version INTEGER PRIMARY KEY, description VARCHAR, applied_at TIMESTAMP NOT NULL)"
    )
    applied = []
    for migration in MIGRATIONS:
        if migration.version > target or migration.version <= current_version(connection):
            continue
        connection.execute("BEGIN TRANSACTION")
        try:
            for statement in migration.statements:
                connection.execute(statement)
            description = migration.description.replace("'", "''")
            connection.execute(
                f"INSERT INTO {VERSION_TABLE} VALUES ({migration.version}, '{description}', now())"
            )
            connection.execute("COMMIT")
        except Exception:
            connection.execute("ROLLBACK")
            raise
        applied.append(migration.version)
    return applied
