"""``validate`` warns about declared parts the model can never use: a war that no track
can end and a package that no track offers. Both passed as 'ok' before (a Sudan trial:
a third side of the war that signs nowhere gave 0% agreement, seen only in the forecast's
sanity panel). And a lever's fix never offers a misspelt signatory as its target."""

from __future__ import annotations

import copy
import json

import pytest
import yaml
from process_scenarios import build, cycle_dict
from typer.testing import CliRunner

from detente.cli.main import app
from detente.scenario import builtin_names, load_scenario
from detente.scenario.crosscheck_structure import reach_warnings


def _validate(tmp_path, data: dict) -> list[str]:
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    out = CliRunner().invoke(app, ["validate", str(path), "--json"])
    assert out.exit_code == 0, out.output
    return json.loads(out.output)["warnings"]


def test_a_war_no_track_can_end_is_named_at_its_sides_line(tmp_path):
    data = copy.deepcopy(cycle_dict())
    data["war"]["sides"] = ["WEAK", "GAIN", "INF"]  # INF signs on no track
    [found] = [w for w in _validate(tmp_path, data) if "can end the war" in w]
    lines = yaml.safe_dump(data, sort_keys=False).splitlines()
    first_side = lines.index("  sides:") + 2  # the list under it, 1-based
    assert lines[first_side - 1] == "  - WEAK"
    assert found.startswith(f"{tmp_path / 'case.yaml'}:{first_side}:")
    assert "WEAK, GAIN, INF" in found and "signatories" in found


def test_a_package_no_track_offers_is_named(tmp_path):
    data = copy.deepcopy(cycle_dict())
    data["arenas"][0]["packages"] = ["full", "truce"]  # 'swap' is offered nowhere
    found = [w for w in _validate(tmp_path, data) if "offered by no track" in w]
    assert len(found) == 1 and "'swap'" in found[0]
    assert not any("can end the war" in w for w in _validate(tmp_path, cycle_dict()))


def test_a_scenario_with_every_part_in_reach_gets_neither_warning():
    assert reach_warnings(build(cycle_dict()), lambda where: None) == []


@pytest.mark.parametrize("name", builtin_names())
def test_the_builtins_have_every_part_in_reach(name):
    assert reach_warnings(load_scenario(name), lambda where: None) == []


def test_a_misspelt_signatory_is_never_offered_as_a_levers_target():
    """With 'GAIN' misspelt 'GIAN' among the signatories, the lever on GAIN was told to
    'target one of [WEAK, GIAN]': the typo as the fix (a Sudan trial)."""
    from detente.scenario.errors import ScenarioErrors

    data = copy.deepcopy(cycle_dict())
    data["arenas"][0]["signatories"] = ["WEAK", "GIAN"]
    data["arenas"][0]["leverage"][0]["target"] = "GAIN"
    with pytest.raises(ScenarioErrors) as caught:
        build(data)
    lines = [e.one_line() for e in caught.value.errors]
    assert any("unknown actor id 'GIAN'" in line and "'GAIN'" in line for line in lines)
    [lever] = [line for line in lines if "lever 'press'" in line]
    assert "target one of ['WEAK']" in lever and "unknown signatory" in lever
