"""The run store: scenarios by content hash, runs and their forecasts, in one DuckDB file.

Why DuckDB and short transactions: the file is embedded (no server), one write
transaction per recorded run means a writer killed mid-way loses only the run it
was writing (DuckDB's write-ahead log replays every committed transaction on the
next open), and analysts query it with plain SQL.

Concurrency, as DuckDB allows it: one *process* may hold the file open for
writing; inside that process any number of connections (``RunStore.reader()``)
read consistent snapshots while a writer commits. Other processes may open the
file read-only together, but not while a writer process holds it, so
``open_store`` retries a locked file for 10 s ($DETENTE_STORE_WAIT), then names the
holder (PID and command line) in one line; callers should keep
a store open only as long as they need it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from detente import __version__
from detente.evidence.store import check_store_file_name
from detente.scenario.errors import DetenteError
from detente.scenario.schema import Scenario
from detente.store.paths import resolve_store_path
from detente.store.schema import LATEST_VERSION, current_version, migrate


class StoreError(DetenteError):
    """The run store cannot be opened or does not hold what was asked for."""


FORECAST_FIELDS = (
    "question_id",
    "text",
    "question",
    "resolution_date",
    "probability",
    "standard_error",
    "status_quo_holds",
)


def canonical_scenario_json(scenario: Scenario) -> str:
    """The scenario as sorted, compact JSON: same content -> same text, whatever the YAML layout."""
    return json.dumps(
        scenario.model_dump(mode="json"), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )


def scenario_hash(scenario: Scenario) -> str:
    """sha256 of the canonical JSON: the identity of a scenario snapshot in the store."""
    return hashlib.sha256(canonical_scenario_json(scenario).encode("utf-8")).hexdigest()


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _field(item: Any, name: str, default: Any = None) -> Any:
    if isinstance(item, Mapping):
        return item.get(name, default)
    return getattr(item, name, default)


def forecast_row(item: Any) -> tuple[Any, ...]:
    """One forecast (a FORECASTS.json entry or an object with those attributes) as a row.

    FORECASTS.json calls the question id ``id``; objects may call it ``question_id``.
    """
    question_id = _field(item, "question_id") or _field(item, "id")
    if not question_id:
        raise StoreError("a forecast without a question id", hint="give each forecast an 'id'")
    probability = _field(item, "probability")
    if probability is None or not 0.0 <= float(probability) <= 1.0:
        raise StoreError(
            f"forecast {question_id!r}: probability {probability!r} is not in [0, 1]",
            hint="record the share of runs in which the question holds",
        )
    resolution = _field(item, "resolution_date")
    if isinstance(resolution, str):
        resolution = dt.date.fromisoformat(resolution)
    error = _field(item, "standard_error")
    holds = _field(item, "status_quo_holds")
    return (
        str(question_id),
        _field(item, "text"),
        None if _field(item, "question") is None else str(_field(item, "question")),
        resolution,
        float(probability),
        None if error is None else float(error),
        None if holds is None else bool(holds),
    )


def sql_text(value: str) -> str:
    """A SQL string literal (quotes doubled). Reads use literals, not parameters, because
    DuckDB 1.5's Python client imports pandas (~2 s) on the first parameterised query."""
    return "'" + str(value).replace("'", "''") + "'"


def _rows_as_dicts(cursor: Any) -> list[dict[str, Any]]:
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


class RunStore:
    """An open run store; use as a context manager so the file lock is released promptly."""

    def __init__(self, connection: Any, path: Path, *, read_only: bool) -> None:
        self._connection = connection
        self.path = path
        self.read_only = read_only

    # ------------------------------------------------------------------ lifecycle
    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> RunStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def connection(self) -> Any:
        """The DuckDB connection, e.g. for the evidence package's tables in the same file."""
        return self._connection

    def reader(self) -> RunStore:
        """Another connection to the same open database: reads a consistent snapshot."""
        return RunStore(self._connection.cursor(), self.path, read_only=True)

    def schema_version(self) -> int:
        return current_version(self._connection)

    # ------------------------------------------------------------------ writing
    def _insert_scenario(self, scenario: Scenario) -> str:
        digest = scenario_hash(scenario)
        known = self._connection.execute(
            "SELECT count(*) FROM scenarios WHERE scenario_hash = ?", [digest]
        ).fetchone()[0]
        if known:
            return digest
        self._connection.execute(
            "INSERT INTO scenarios VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                digest,
                scenario.id,
                scenario.title,
                scenario.as_of,
                scenario.horizon,
                canonical_scenario_json(scenario),
                _utc_now(),
            ],
        )
        if scenario.sources:  # DuckDB's executemany refuses an empty list
            self._connection.executemany(
                "INSERT INTO scenario_sources VALUES (?, ?, ?, ?, ?)",
                [[digest, s.id, s.title, s.published, s.sha256] for s in scenario.sources],
            )
        return digest

    def _transaction(self, work: Any) -> Any:
        if self.read_only:
            raise StoreError(f"{self.path} is open read-only", hint="open_store(path) to write")
        self._connection.execute("BEGIN TRANSACTION")
        try:
            result = work()
            self._connection.execute("COMMIT")
        except BaseException:
            self._connection.execute("ROLLBACK")
            raise
        return result

    def record_scenario(self, scenario: Scenario) -> str:
        """Store a scenario snapshot once (by content hash) and return the hash."""
        return self._transaction(lambda: self._insert_scenario(scenario))

    def record_run(
        self,
        scenario: Scenario,
        *,
        runs: int,
        seed: int,
        engine: str = "local",
        settings: Mapping[str, Any] | None = None,
        forecasts: Iterable[Any] = (),
        label: str | None = None,
        package_version: str = __version__,
    ) -> int:
        """Record one run and its forecasts in a single transaction; return the run id."""
        rows = [forecast_row(item) for item in forecasts]
        settings_json = json.dumps(dict(settings or {}), sort_keys=True, default=str)

        def work() -> int:
            digest = self._insert_scenario(scenario)
            run_id = self._connection.execute(
                "INSERT INTO runs (scenario_hash, created_at, runs, seed, package_version, "
                "engine, settings, label) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING run_id",
                [digest, _utc_now(), runs, seed, package_version, engine, settings_json, label],
            ).fetchone()[0]
            self._insert_forecasts(run_id, rows, scenario.as_of)
            return int(run_id)

        return self._transaction(work)

    def record_forecasts(self, run_id: int, forecasts: Iterable[Any]) -> int:
        """Add forecasts to an existing run (as-of taken from its scenario); return how many."""
        rows = [forecast_row(item) for item in forecasts]

        def work() -> int:
            found = self._connection.execute(
                "SELECT s.as_of FROM runs r JOIN scenarios s USING (scenario_hash) "
                "WHERE r.run_id = ?",
                [run_id],
            ).fetchone()
            if found is None:
                raise StoreError(
                    f"no run {run_id} in {self.path}", hint="'detente runs' lists them"
                )
            self._insert_forecasts(run_id, rows, found[0])
            return len(rows)

        return self._transaction(work)

    def _insert_forecasts(self, run_id: int, rows: list[tuple[Any, ...]], as_of: dt.date) -> None:
        if rows:
            self._connection.executemany(
                "INSERT INTO forecasts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [[run_id, *row, as_of] for row in rows],
            )

    # ------------------------------------------------------------------ reading
    def list_runs(self, *, scenario_id: str | None = None) -> list[dict[str, Any]]:
        """Every run, newest last, with its scenario snapshot and number of forecasts."""
        cursor = self._connection.execute(
            f"""
            SELECT r.run_id, r.created_at, s.scenario_id, r.scenario_hash, s.as_of, r.runs,
                   r.seed, r.engine, r.package_version, r.label, r.settings,
                   (SELECT count(*) FROM forecasts f WHERE f.run_id = r.run_id) AS forecasts
            FROM runs r JOIN scenarios s USING (scenario_hash)
            WHERE {"true" if scenario_id is None else "s.scenario_id = " + sql_text(scenario_id)}
            ORDER BY r.run_id
            """
        )
        rows = _rows_as_dicts(cursor)
        for row in rows:
            row["settings"] = json.loads(row["settings"])
        return rows

    def forecasts_of(self, run_id: int) -> list[dict[str, Any]]:
        cursor = self._connection.execute(
            f"SELECT * FROM forecasts WHERE run_id = {int(run_id)} ORDER BY question_id"
        )
        return _rows_as_dicts(cursor)

    def history(self, question_id: str, *, include_what_if: bool = False) -> list[dict[str, Any]]:
        """How one question's forecast moved: one row per run, by evidence date then run.

        Runs labelled ``what-if`` (a setting overridden, e.g. by a sweep) are not
        forecasts of the scenario as written and are left out unless asked for.
        """
        what_if = "" if include_what_if else "AND r.label IS DISTINCT FROM 'what-if'"
        cursor = self._connection.execute(
            f"""
            SELECT f.question_id, f.as_of, s.scenario_id, r.scenario_hash, r.run_id,
                   r.created_at, r.runs, r.seed, r.engine, r.label, r.settings, f.probability,
                   f.standard_error, f.resolution_date, f.text
            FROM forecasts f JOIN runs r USING (run_id) JOIN scenarios s USING (scenario_hash)
            WHERE f.question_id = {sql_text(question_id)} {what_if}
            ORDER BY f.as_of, r.run_id
            """
        )
        rows = _rows_as_dicts(cursor)
        for row in rows:
            row["settings"] = json.loads(row["settings"])
        return rows

    def documents_of(self, digest: str) -> list[dict[str, Any]]:
        """The sources a snapshot rests on, joined to the evidence package's documents
        (schema ``evidence`` in the same file) where it has ingested them."""
        has_evidence = self._connection.execute(
            "SELECT count(*) FROM duckdb_tables() "
            "WHERE schema_name = 'evidence' AND table_name = 'documents'"
        ).fetchone()[0]
        joined = (
            ", d.path AS document_path, d.published AS document_published, "
            "d.sha256 IS NOT NULL AS ingested "
            "FROM scenario_sources s LEFT JOIN evidence.documents d "
            "ON d.sha256 = s.document_sha256"
            if has_evidence
            else ", NULL AS document_path, NULL AS document_published, false AS ingested "
            "FROM scenario_sources s"
        )
        cursor = self._connection.execute(
            f"SELECT s.source_id, s.title, s.published, s.document_sha256 {joined} "
            f"WHERE s.scenario_hash = {sql_text(digest)} ORDER BY s.source_id"
        )
        return _rows_as_dicts(cursor)

    def scenario_content(self, digest: str) -> dict[str, Any]:
        row = self._connection.execute(
            f"SELECT content FROM scenarios WHERE scenario_hash = {sql_text(digest)}"
        ).fetchone()
        if row is None:
            raise StoreError(f"no scenario {digest[:12]} in {self.path}")
        return json.loads(row[0])


LOCK_WAIT_SECONDS = 10.0
LOCK_WAIT_VARIABLE = "DETENTE_STORE_WAIT"


def lock_wait_seconds() -> float:
    """How long to wait for another process's lock: $DETENTE_STORE_WAIT or 10 s."""
    raw = os.environ.get(LOCK_WAIT_VARIABLE)
    if raw is None:
        return LOCK_WAIT_SECONDS
    try:
        value = float(raw)
    except ValueError:
        raise StoreError(
            f"{LOCK_WAIT_VARIABLE}={raw[:40]!r} is not a number of seconds",
            hint=f"set {LOCK_WAIT_VARIABLE} to e.g. 10, or unset it",
        ) from None
    return min(max(value, 0.0), 3600.0)


def _connect(path: Path, *, read_only: bool, timeout: float) -> Any:
    import duckdb

    from detente.store.lock_holder import lock_holder

    check_store_file_name(path)
    deadline = time.monotonic() + timeout
    pause = 0.02
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            text = str(exc)
            if "lock" not in text.lower():
                raise StoreError(
                    f"cannot open the run store {path}: {text}".splitlines()[0],
                    hint="check that the file is a detente store and readable",
                ) from None
            if time.monotonic() > deadline:
                holder = lock_holder(text)
                by = f"by another process ({holder})" if holder else "by another process"
                raise StoreError(
                    f"the run store {path} is locked {by}; gave up after waiting {timeout:g} s",
                    hint="let that process finish (or stop it) and run this again, "
                    "or pass another --store file",
                ) from None
            time.sleep(pause)
            pause = min(pause * 2, 0.5)


def open_store(
    path: str | Path | None = None, *, read_only: bool = False, timeout: float | None = None
) -> RunStore:
    """Open (creating and migrating if needed) the run store at ``path`` or the default place.

    ``read_only`` opens let several processes read together; they need a store that
    exists and is at the latest schema version.
    """
    resolved = resolve_store_path(path)
    if read_only and not resolved.exists():
        raise StoreError(
            f"no run store at {resolved}", hint="record a run first, e.g. 'detente sweep'"
        )
    wait = lock_wait_seconds() if timeout is None else timeout
    connection = _connect(resolved, read_only=read_only, timeout=wait)
    if read_only:
        version = current_version(connection)
        if version != LATEST_VERSION:
            connection.close()
            raise StoreError(
                f"run store {resolved} is at schema version {version}, this detente needs "
                f"{LATEST_VERSION}",
                hint="open it once for writing (e.g. 'detente runs') to migrate it",
            )
    else:
        migrate(connection)
    return RunStore(connection, resolved, read_only=read_only)


def record_forecast_file(
    payload: Mapping[str, Any],
    scenario: Scenario,
    *,
    store: str | Path | None = None,
    engine: str = "local",
    settings: Mapping[str, Any] | None = None,
) -> int:
    """The one call for commands that wrote a FORECASTS.json payload: record it, return run id."""
    with open_store(store) as run_store:
        return run_store.record_run(
            scenario,
            runs=int(payload["runs"]),
            seed=int(payload["seed"]),
            engine=engine,
            settings=settings,
            forecasts=payload.get("forecasts", ()),
            package_version=str(payload.get("package_version") or __version__),
        )
