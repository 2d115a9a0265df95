"""``detente show``: the numbers that decide a limited deal and a lever are printed with
them, and what a ceasefire freezes reads apart from what it settles."""

from __future__ import annotations

import copy
import json

import yaml
from process_scenarios import build, cycle_dict
from typer.testing import CliRunner

from detente.cli.main import app
from detente.scenario.structure_view import describe_structure


def _truce_war() -> dict:
    """The cycle test war with its exchange a 28-day truce that pauses the fighting and
    its ceasefire freezing the line."""
    data = copy.deepcopy(cycle_dict())
    packages = {p["id"]: p for p in data["packages"]}
    packages["swap"].update(pauses_fighting=True, duration_days=28)
    packages["truce"].update(settles=[], freezes=["territory"])
    return data


def test_a_limited_deal_s_worth_length_and_cadence_are_shown() -> None:
    view = describe_structure(build(_truce_war()))
    label = {p["id"]: p["settles_label"] for p in view["packages"]}
    assert label["swap"] == (
        "none (a deal within the war); worth WEAK 3, GAIN 1 [-2-3]; lasts 28 days; "
        "pauses the fighting; offered again 3 rounds after a refusal"
    )
    assert label["truce"] == "territory frozen where it stands"
    assert label["full"] == "all"


def test_show_prints_them_and_each_lever_s_sizes(tmp_path) -> None:
    path = tmp_path / "truce.yaml"
    path.write_text(yaml.safe_dump(_truce_war(), sort_keys=False))
    out = CliRunner().invoke(app, ["show", str(path), "--json"])
    assert out.exit_code == 0, out.output
    packages = json.loads(out.stdout)["structure"]["packages"]
    swap = next(p for p in packages if p["id"] == "swap")
    assert "lasts 28 days; pauses the fighting" in swap["settles_label"]
    text = " ".join(CliRunner().invoke(app, ["show", str(path)]).stdout.split())
    lever = cycle_dict()["arenas"][0]["leverage"][0]
    assert f"{lever['id']} on {lever['target']} (costs" in text  # the track line wraps, whole


def test_each_lever_s_sizes_are_one_label_for_show_and_the_report() -> None:
    """The test war's lever: cost 0.5, war cost +2, drift +0.5, no deal value (left out)."""
    view = describe_structure(build(_truce_war()))
    label = view["tracks"][0]["levers"][0]["sizes_label"]
    assert label == "costs 0.5 a round; war cost +2; front drift +0.5"
