"""Hostile input from issue 12: each case gets one located line with a fix, exit code 2.

Every test here failed before the fix (a traceback, a hang, gigabytes of memory, or
a silent wrong answer). Cheap cases run in-process through the real CLI group;
special files run the real ``detente`` in a subprocess with a memory ceiling.
"""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from detente.cli.main import app
from detente.scenario import load_scenario
from detente.scenario.errors import ScenarioError
from detente.scenario.loader import builtin_path, parse_scenario_text
from detente.scenario.yaml_source import MAX_FILE_BYTES, parse_located_yaml

BUILTIN = builtin_path("ukraine-2025-12").read_text(encoding="utf-8")
ONE_GIB = 1 << 30
PLACE = re.compile(r"^error: \S+:\d+:\d+: ")  # error: FILE:LINE:COL: ...


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: object) -> bool:  # write shared objects out in full
        return True


def builtin_data() -> dict:
    return yaml.safe_load(BUILTIN)


def dump(data: dict) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True)


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def assert_one_error_line(code: int, stderr: str, *, located: bool = False) -> str:
    lines = stderr.strip().splitlines()
    assert code == 2, stderr
    assert len(lines) == 1, stderr
    assert lines[0].startswith("error: ") and "(fix: " in lines[0], lines[0]
    assert "Traceback" not in stderr
    if located:
        assert PLACE.match(lines[0]), lines[0]
    return lines[0]


def validate_text(tmp_path: Path, text: str, name: str = "s.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    code, _, err = cli("validate", str(path))
    return assert_one_error_line(code, err, located=True)


# ---- YAML structure limits ------------------------------------------------------------


def alias_bomb(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for k in range(1, levels):
        lines.append(f"a{k}: &a{k} [" + ",".join([f"*a{k - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_at_the_alias_that_expands_too_far(tmp_path: Path) -> None:
    text = alias_bomb()
    assert len(text) < 500  # like the 385-byte bomb of the issue: 9**9 values if expanded
    line = validate_text(tmp_path, text)
    assert "expands to more than" in line and "aliases" in line


def test_deep_nesting_is_refused_not_a_recursion_error(tmp_path: Path) -> None:
    line = validate_text(tmp_path, "a: " + "[" * 500 + "]" * 500 + "\n")
    assert "nested deeper than" in line


def test_self_referencing_alias_is_refused(tmp_path: Path) -> None:
    line = validate_text(tmp_path, "a: &x [1, *x]\n")
    assert "refers to a node that contains it" in line and ":1:" in line


def test_merge_key_is_refused_with_its_place(tmp_path: Path) -> None:
    line = validate_text(tmp_path, "base: &b {x: 1}\nid: foo\nc:\n  <<: *b\n")
    assert "merge keys" in line and "s.yaml:4:3:" in line


def test_an_ordinary_alias_still_works() -> None:
    located = parse_located_yaml("a: &x [1, 2]\nb: *x\n", "f.yaml")
    assert located.data == {"a": [1, 2], "b": [1, 2]}
    assert located.locate(("b",)).line == 2


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("a: 2026-02-30\n", "cannot read value"),  # a date that does not exist
        ("a: " + "9" * 5000 + "\n", "cannot read value"),  # over Python's int digit limit
        ("a: !!python/object:os.system {}\n", "unsupported YAML tag"),
        ("a: !!binary aGVsbG8=\n", "unsupported YAML tag"),
        ("? [1, 2]\n: x\n", "mapping key must be a plain value"),
        ("a: 1\n---\nb: 2\n", "more than one YAML document"),
        ("a: *nowhere\n", "unknown alias"),
    ],
)
def test_odd_yaml_gives_a_located_line(tmp_path: Path, text: str, words: str) -> None:
    assert words in validate_text(tmp_path, text)


# ---- size, special files ---------------------------------------------------------------


def test_file_over_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as handle:  # 19 MB, sparse: nothing to parse, size alone decides
        handle.truncate(19 * 1024 * 1024)
    code, _, err = cli("validate", str(path))
    line = assert_one_error_line(code, err)
    assert f"over the {MAX_FILE_BYTES:,} byte limit" in line


def test_near_limit_file_is_answered_with_bounded_work(tmp_path: Path) -> None:
    """Just under the byte limit, the value-count limit stops the work early."""
    text = "x: [" + ",".join(["1"] * (MAX_FILE_BYTES // 2 - 4)) + "]\n"
    assert len(text.encode()) <= MAX_FILE_BYTES
    line = validate_text(tmp_path, text)
    assert "values in one file" in line


def run_detente(args: list[str], timeout: float = 60) -> subprocess.CompletedProcess:
    """The real command in a child process with a 1 GiB address-space ceiling."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (ONE_GIB, ONE_GIB))

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    return subprocess.run(
        [sys.executable, "-m", "detente.cli.main", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=limit,
        env=env,
    )


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_special_files_are_refused_without_reading(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    for args, kind in [
        (["validate", "/dev/zero"], "character device"),
        (["validate", str(fifo)], "named pipe"),
        (["ask", "ukraine-2025-12", str(fifo)], "named pipe"),
        (["evidence", "cite", "/dev/zero", "--find", "x"], "character device"),
    ]:
        done = run_detente(args)
        line = assert_one_error_line(done.returncode, done.stderr)
        assert kind in line, line


def test_a_directory_is_refused(tmp_path: Path) -> None:
    code, _, err = cli("validate", str(tmp_path))
    assert "is a directory" in assert_one_error_line(code, err)


# ---- numbers and rules that validate used to let through --------------------------------


def first_effect(data: dict) -> dict:
    return next(event for event in data["events"] if event.get("effects"))["effects"][0]


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", '"nan"', '"-Infinity"'])
def test_non_finite_effect_value_is_refused(tmp_path: Path, value: str) -> None:
    data = builtin_data()
    first_effect(data)["value"] = "PLACEHOLDER"
    text = dump(data).replace("PLACEHOLDER", value, 1)
    line = validate_text(tmp_path, text)
    assert "not a finite number" in line


@pytest.mark.parametrize("value", ["NaN", "40%", "forty"])
def test_text_where_a_number_goes_gets_a_numbers_fix(tmp_path: Path, value: str) -> None:
    """pydantic says 'a valid dictionary or instance of Uncertain' and the generic fix was
    'write a mapping': a Sudan trial's 'NaN' and '40%' were told to write a mapping. The
    line names the value and says to write a number or a range."""
    data = builtin_data()
    data["positions"][0]["salience"] = value
    line = validate_text(tmp_path, dump(data))
    assert f"got {value!r}" in line and "a number or a {low, mode, high} range" in line
    assert "mapping" not in line and "Uncertain" not in line


def test_arena_rule_effect_is_refused_by_validate_as_by_forecast(tmp_path: Path) -> None:
    data = builtin_data()
    arena = data["arenas"][0]["id"]
    first_effect(data).update({"path": f"arenas.{arena}.rule", "op": "set", "value": 1})
    path = tmp_path / "rule.yaml"
    path.write_text(dump(data), encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    message = caught.value.message
    assert f"effect on 'arenas.{arena}.rule' cannot be simulated" in message
    line = validate_text(tmp_path, dump(data), "rule.yaml")
    assert message in line


def test_far_horizon_is_refused(tmp_path: Path) -> None:
    data = builtin_data()
    data["horizon"] = "9999-12-31"
    text = dump(data).replace("'9999-12-31'", "9999-12-31")
    line = validate_text(tmp_path, text)
    assert "the limit is 3653 days" in line


def test_too_many_rounds_are_refused(tmp_path: Path) -> None:
    data = builtin_data()
    as_of = data["as_of"]
    data["horizon"] = as_of.replace(year=as_of.year + 5)
    data["round_days"] = 1
    line = validate_text(tmp_path, dump(data))
    assert "rounds of 1 day(s)" in line and "round_days >=" in line


def test_every_pydantic_problem_carries_a_fix(tmp_path: Path) -> None:
    data = builtin_data()
    data["actors"][0]["capability"] = [1, 2]  # list where a number is expected
    data["actors"][1]["kind"] = "planet"  # literal
    data["issues"][0]["name"] = ""  # too short
    data["round_days"] = 1.5  # int from float
    data["positions"][0]["salience"] = {"low": 1}  # missing mode/high
    path = tmp_path / "many.yaml"
    path.write_text(dump(data), encoding="utf-8")
    code, _, err = cli("validate", str(path))
    lines = err.strip().splitlines()
    assert code == 2 and len(lines) >= 5
    assert all("(fix: " in line for line in lines), [x for x in lines if "(fix: " not in x]


def test_a_huge_value_is_not_echoed_whole(tmp_path: Path) -> None:
    data = builtin_data()
    data["round_days"] = "x" * (MAX_FILE_BYTES - 100_000)  # as much as the file may hold
    line = validate_text(tmp_path, dump(data))
    assert len(line) < 2000 and "characters cut" in line


# ---- command-line arguments ------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["forecast", "--runs", str(10**12)],
        ["forecast", "--seed", "-5"],
        ["forecast", "--runs", "abc"],
        ["whatif", "ukraine-2025-12", "--runs", str(10**12)],
        ["sweep", "ukraine-2025-12", "--runs", str(10**12)],
        ["report", "--runs", str(10**12)],
        ["sensitivity", "ukraine-2025-12", "--samples", str(2**40)],
        ["evidence", "cite", "x.txt", "--find", "a", "--occurrence", "0"],
        ["nosuchcommand"],
        ["validate"],
        ["validate", "a", "--bogus"],
    ],
)
def test_usage_errors_are_one_line(args: list[str]) -> None:
    code, out, err = cli(*args)
    line = assert_one_error_line(code, err)
    assert "--help" in line and "╭" not in err and out == ""


def test_forecast_seed_negative_is_a_usage_error_not_a_traceback() -> None:
    code, _, err = cli("forecast", "--seed", "-5", "--runs", "50")
    assert "'--seed'" in assert_one_error_line(code, err)


def test_score_with_a_non_text_forecast_id(tmp_path: Path) -> None:
    forecasts = tmp_path / "f.json"
    item = {"id": {"a": 1}, "probability": 0.5, "status_quo_holds": True}
    forecasts.write_text(json.dumps({"forecasts": [item]}))
    resolutions = tmp_path / "r.yaml"
    resolutions.write_text("- id: q\n  outcome: true\n")
    code, _, err = cli("score", str(forecasts), str(resolutions))
    assert "id must be text" in assert_one_error_line(code, err)


def test_sweep_output_that_is_a_file(tmp_path: Path) -> None:
    target = tmp_path / "out"
    target.write_text("keep me")
    code, _, err = cli("sweep", "ukraine-2025-12", "--runs", "10", "--output", str(target))
    assert "is a file, not a folder" in assert_one_error_line(code, err)
    assert target.read_text() == "keep me"


@pytest.mark.parametrize("option", ["-o", "--report"])
def test_report_into_a_folder(tmp_path: Path, option: str) -> None:
    command = "report" if option == "-o" else "forecast"
    code, _, err = cli(command, "--runs", "10", option, str(tmp_path))
    assert "is a folder, not a file" in assert_one_error_line(code, err)


def test_solve_on_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "table.csv"
    path.write_bytes(b"name,desc,2,1\nActor,Description,Power,Position,Salience\n\xff\xfe,1\n")
    code, _, err = cli("solve", str(path))
    line = assert_one_error_line(code, err, located=True)
    assert "not valid UTF-8" in line and "table.csv:3:1:" in line


def test_evidence_cite_missing_file_and_occurrence_zero(tmp_path: Path) -> None:
    code, _, err = cli("evidence", "cite", str(tmp_path / "gone.txt"), "--find", "x")
    assert "no such file" in assert_one_error_line(code, err)
    document = tmp_path / "d.txt"
    document.write_text("peace talks resume; talks stall")
    code, out, err = cli("evidence", "cite", str(document), "--find", "talks", "--occurrence", "0")
    assert_one_error_line(code, err)
    assert "start" not in out  # no pointer printed
    code, out, _ = cli("evidence", "cite", str(document), "--find", "talks", "--occurrence", "2")
    assert code == 0 and "start: 20, end: 25" in out  # "peace talks resume; " is 20 chars


def test_scenario_errors_reach_the_cli_from_text() -> None:
    with pytest.raises(ScenarioError) as caught:
        parse_scenario_text("id: [\n", "x.yaml")
    assert "(fix: " in caught.value.one_line()


def test_store_that_is_a_pipe_or_folder_is_refused_before_opening(tmp_path: Path) -> None:
    fifo = tmp_path / "store.duckdb"
    os.mkfifo(fifo)
    for args in (["runs", "--store", str(fifo)], ["ingest", str(tmp_path), "--store", "/"]):
        code, _, err = cli(*args)
        assert "not a database file" in assert_one_error_line(code, err)


def test_whatif_set_nan_is_refused() -> None:
    data = builtin_data()
    path = next(iter(data["dynamics"]))
    code, _, err = cli("whatif", "ukraine-2025-12", "--set", f"dynamics.{path}=nan", "--runs", "10")
    assert "not a finite number" in assert_one_error_line(code, err)


def test_deeply_nested_forecasts_json_is_refused(tmp_path: Path) -> None:
    forecasts = tmp_path / "f.json"
    forecasts.write_text('{"forecasts": ' + "[" * 100_000 + "]" * 100_000 + "}")
    resolutions = tmp_path / "r.yaml"
    resolutions.write_text("- id: q\n  outcome: true\n")
    code, _, err = cli("score", str(forecasts), str(resolutions))
    assert "nested too deeply" in assert_one_error_line(code, err)


def test_rich_markup_in_a_scenario_prints_as_written(tmp_path: Path) -> None:
    """A title, an actor's name and an assumption written as console markup ('[/]' closed
    nothing and crashed `show` and `forecast` with a traceback) print as the user wrote them."""
    data = builtin_data()
    data["title"] = "Talks [/] [bold red]loud"
    data["actors"][0]["name"] = "[link=file:///etc/passwd]US[/link]"
    path = tmp_path / "markup.yaml"
    path.write_text(dump(data), encoding="utf-8")
    code, out, err = cli("show", str(path))
    assert code == 0, err
    assert "Talks [/] [bold red]loud" in out
    assert "│ [link=file:///etc/pa" in out  # the name column cuts it, as written
    code, out, err = cli("forecast", str(path), "--runs", "40")
    assert code == 0, err
    assert "Talks [/] [bold red]loud" in out
