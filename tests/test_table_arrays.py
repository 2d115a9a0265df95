"""Imported tables straight to arrays: the same numbers as through the pydantic Scenario,
and anything unusual left to the Scenario's validation (same errors as before)."""

from __future__ import annotations

import dataclasses
import typing
from pathlib import Path

import numpy as np
import pytest
from pydantic import TypeAdapter, ValidationError

from detente.scenario.arrays import ScenarioArrays
from detente.scenario.base import Identifier
from detente.scenario.errors import DetenteError
from detente.scenario.ids import is_identifier
from detente.scenario.importers import import_table
from detente.scenario.importers.table_arrays import ACTOR_KINDS, table_arrays
from detente.scenario.schema import Actor

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
FILES = sorted(
    str(p.relative_to(DATA))
    for folder in ("ktab", "decide", "bdm")
    for p in (DATA / folder).iterdir()
    if p.suffix in (".csv", ".xml", ".txt") and not p.name.startswith("20170530_ref")
)


def _imports(name: str) -> bool:
    try:
        import_table(DATA / name).to_scenario()
    except DetenteError:
        return False
    return True


@pytest.mark.parametrize("name", [f for f in FILES if _imports(f)])
def test_fast_arrays_equal_the_scenario_arrays(name: str) -> None:
    fast = table_arrays(import_table(DATA / name))
    assert fast is not None, f"{name}: a valid reference table should take the fast path"
    scenario = import_table(DATA / name).to_scenario()
    expected = ScenarioArrays.from_scenario(scenario)
    scenario_id, arrays = fast
    assert scenario_id == scenario.id
    for field in dataclasses.fields(ScenarioArrays):
        got, want = getattr(arrays, field.name), getattr(expected, field.name)
        if isinstance(want, np.ndarray):
            assert got.dtype == want.dtype and np.array_equal(got, want), field.name
        else:
            assert got == want, field.name


def _table(tmp_path: Path, rows: str) -> Path:
    path = tmp_path / "case.csv"
    path.write_text(f"case, test, 2, 1\nActor, Description, Power, P Position, P Salience\n{rows}")
    return path


@pytest.mark.parametrize(
    "rows",
    [
        "A, a, 10, 20, 50\nB, b, inf, 80, 50\n",  # infinite power: the schema says why
        "A, a, 0, 20, 50\nB, b, 0, 80, 50\n",  # no power at all
    ],
)
def test_unusual_tables_decline_and_the_scenario_names_the_problem(tmp_path, rows) -> None:
    table = import_table(_table(tmp_path, rows))
    assert table_arrays(table) is None
    with pytest.raises(DetenteError):
        table.to_scenario()


def test_an_actor_without_any_position_declines(tmp_path) -> None:
    table = import_table(_table(tmp_path, "A, a, 10, 20, 50\nB, b, 5, 80, 50\n"))
    assert table_arrays(table) is not None
    del table.entries[(1, 0)]  # as a lenient import that skipped B's only cell
    assert table_arrays(table) is None
    with pytest.raises(DetenteError, match="no position"):
        table.to_scenario()


def test_the_plain_checks_follow_the_schema() -> None:
    assert set(typing.get_args(Actor.model_fields["kind"].annotation)) == ACTOR_KINDS
    schema = TypeAdapter(Identifier)
    for text in ("a", "Kyiv-talks_2", "a" * 64, "a" * 65, "2025", "_x", "a b", "a.b", ""):
        try:
            schema.validate_python(text)
            valid = True
        except ValidationError:
            valid = False
        assert is_identifier(text) == valid, text
