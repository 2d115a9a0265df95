"""The sanity panel's checks, and the `detente new` scaffold (validates, every number an
assumption, a checklist, found by `ask` and `forecast`)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from scenario_text import SMALL_SCENARIO
from typer.testing import CliRunner

from detente.analysis.forecast_summary import forecast_summary
from detente.analysis.sanity import sanity_warnings
from detente.cli.main import app
from detente.cli.scenario_template import CHECKLIST
from detente.scenario import load_scenario
from detente.scenario.loader import parse_scenario_text

runner = CliRunner()
CLASSES = ("fighting_while_talking", "comprehensive", "armistice", "imposed", "abandoned")


def _summary(shares: list[dict[str, float]], drivers=("dynamics.resolve.X", "a.b", "c.d", "e")):
    outcomes = []
    for months, probabilities in zip((3, 6, 12), shares, strict=True):
        agreement = sum(probabilities[c] for c in ("comprehensive", "armistice", "imposed"))
        outcomes.append(
            {
                "label": f"{months} months",
                "months": months,
                "date": f"2026-{months:02d}-01",
                "probabilities": probabilities,
                "agreement": agreement,
            }
        )
    return {"outcomes": outcomes, "drivers": [{"parameter": d} for d in drivers]}


def _shares(fwt, comp, arm, imp, aba):
    return dict(zip(CLASSES, (fwt, comp, arm, imp, aba), strict=True))


def test_no_warning_for_a_spread_forecast():
    spread = _shares(0.5, 0.2, 0.1, 0.1, 0.1)
    assert sanity_warnings(_summary([spread] * 3)) == ()


def test_early_agreement_and_empty_class_warn_with_top_drivers():
    fast = _shares(0.02, 0.97, 0.01, 0.0, 0.0)
    warnings = sanity_warnings(_summary([fast] * 3))
    checks = [w.check for w in warnings]
    assert checks == ["early_agreement", "certain_outcome", "empty_class", "empty_class"]
    assert "98.0%" in warnings[0].message and "2026-03-01" in warnings[0].message
    assert warnings[0].drivers == ("dynamics.resolve.X", "a.b", "c.d")  # the top three
    assert "imposed" in warnings[2].message and "abandoned" in warnings[3].message


def test_agreement_above_95_only_after_the_first_months_is_not_early():
    slow = _shares(0.5, 0.3, 0.1, 0.05, 0.05)
    late = _shares(0.03, 0.8, 0.1, 0.05, 0.02)
    checks = [w.check for w in sanity_warnings(_summary([slow, slow, late]))]
    assert "early_agreement" not in checks


def test_small_scenario_deal_too_fast_is_flagged_from_real_runs():
    summary = forecast_summary(
        parse_scenario_text(SMALL_SCENARIO, "small.yaml"), runs=400, seed=2
    ).to_dict()
    assert summary["outcomes"][0]["agreement"] > 0.95  # this toy scenario settles at once
    warnings = sanity_warnings(summary)
    assert warnings[0].check == "early_agreement"
    assert warnings[0].drivers == tuple(d["parameter"] for d in summary["drivers"][:3])


def test_forecast_cli_shows_the_sanity_panel(tmp_path):
    path = tmp_path / "small.yaml"
    path.write_text(SMALL_SCENARIO)
    result = runner.invoke(app, ["forecast", str(path), "--runs", "300", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["sanity"][0]["check"] == "early_agreement"
    text = runner.invoke(app, ["forecast", str(path), "--runs", "300"])
    assert "sanity check" in text.stdout and "! an agreement by 2026-03-04" in text.stdout


@pytest.fixture()
def scaffold(tmp_path) -> tuple[Path, str]:
    result = runner.invoke(app, ["new", "talks-x", "--dir", str(tmp_path), "--as-of", "2026-02-01"])
    assert result.exit_code == 0, result.output
    return tmp_path / "talks-x.yaml", result.stdout


def test_new_writes_a_template_that_validates(scaffold):
    path, _ = scaffold
    checked = runner.invoke(app, ["validate", str(path)])
    assert checked.exit_code == 0, checked.output
    assert "warning" not in checked.output  # no number the model ignores, none defaulted
    s = load_scenario(path)
    assert s.id == "talks-x" and str(s.as_of) == "2026-02-01"
    assert len(s.actors) >= 3 and s.arenas and s.relations and s.dynamics and s.events
    # the example source names its file: briefings and 'update' know an ingested document
    # by it (without one, 'update' added the same document again under a new id)
    assert all(source.file for source in s.sources)


def test_a_place_on_line_100_is_printed_as_a_place_not_an_emoji(scaffold):
    # The template without its comments and resume_hazard warns at a line of its dynamics
    # block; comment lines before the block move that line to 100, and "file:100:" once came out as
    # "file💯" (rich's :100: emoji).
    path, _ = scaffold
    lines = path.read_text(encoding="utf-8").splitlines()
    text = "\n".join(line for line in lines if not line.lstrip().startswith("#")) + "\n"
    text = re.sub(r"  resume_hazard:\n    value: [^\n]*\n    assumption: [^\n]*\n", "", text)
    path.write_text(text, encoding="utf-8")
    first = runner.invoke(app, ["validate", str(path)])
    line = int(re.search(rf"{re.escape(path.name)}:(\d+):", first.output).group(1))
    assert line < 100
    path.write_text(text.replace("\ndynamics:", "\n#" * (100 - line) + "\ndynamics:"), "utf-8")
    checked = runner.invoke(app, ["validate", str(path)])
    assert checked.exit_code == 0, checked.output
    assert (
        f"{path.name}:100:" in checked.output and "\N{HUNDRED POINTS SYMBOL}" not in checked.output
    )


def test_every_number_of_the_template_is_an_assumption(scaffold):
    s = load_scenario(scaffold[0])
    items = [*s.actors, *s.positions, *s.relations, *s.dynamics.values(), *s.events]
    assert items and all(i.assumption and not i.evidence for i in items)
    assert s.evidence == ()


def test_template_comments_and_printout_carry_the_checklist(scaffold):
    path, printed = scaffold
    text = path.read_text()
    flat = " ".join(printed.split())
    for k, item in enumerate(CHECKLIST, 1):
        assert f"[ ] {k}. {item.replace('NAME', 'talks-x')}" in text
        assert f"[ ] {k}. {item.replace('NAME', 'talks-x')}" in flat
    assert not re.search(r"ukrain|russia|\bRUS\b|\bUKR\b|kyiv|moscow", text, re.I)


def test_ask_and_forecast_find_the_template_questions(scaffold):
    # 'ask' used to ignore the NAME.questions.yaml that 'forecast' finds
    path, _ = scaffold
    asked = runner.invoke(app, ["ask", str(path), "--runs", "200", "--json"])
    assert asked.exit_code == 0, asked.output
    ids = [f["id"] for f in json.loads(asked.stdout)["forecasts"]]
    fc = runner.invoke(app, ["forecast", str(path), "--runs", "200", "--json"])
    assert fc.exit_code == 0, fc.output
    assert ids == [q["id"] for q in json.loads(fc.stdout)["questions"]] == ["deal_6m", "deal_12m"]


def test_new_never_overwrites_and_rejects_bad_names(scaffold, tmp_path):
    path, _ = scaffold
    before = path.read_text()
    again = runner.invoke(app, ["new", "talks-x", "--dir", str(path.parent)])
    assert again.exit_code == 2 and "already exists" in again.stderr
    assert path.read_text() == before
    bad = runner.invoke(app, ["new", "9 bad", "--dir", str(tmp_path)])
    assert bad.exit_code == 2 and len(bad.stderr.strip().splitlines()) == 1
    no_date = runner.invoke(app, ["new", "ok", "--dir", str(tmp_path), "--as-of", "soon"])
    assert no_date.exit_code == 2 and "YYYY-MM-DD" in no_date.stderr


def test_new_writes_every_per_round_number_for_the_rounds_asked_for(tmp_path):
    """'detente new --round-days 2': a breakdown hazard of 3% a fortnight is
    1 - 0.97**(1/7) = 0.434% a two-day round, a war cost of 2 points a fortnight 2/7 a
    round, a look-ahead of 6 rounds 42; the file validates with no warning, and a number
    that is not per round (resolve) is as in fortnightly rounds."""
    import yaml

    folder = {days: tmp_path / str(days) for days in (2, 14)}
    for days, path in folder.items():
        path.mkdir()
        made = runner.invoke(
            app,
            ["new", "x", "--dir", str(path), "--as-of", "2026-02-01", "--round-days", str(days)],
        )
        assert made.exit_code == 0, made.output
    two, fortnight = (yaml.safe_load((folder[d] / "x.yaml").read_text()) for d in (2, 14))
    assert two["round_days"] == 2 and fortnight["round_days"] == 14
    dyn = two["dynamics"]
    assert dyn["breakdown_hazard"]["value"] == pytest.approx(1 - 0.97 ** (1 / 7), rel=1e-3)
    assert dyn["war_cost.PARTY_A"]["value"]["mode"] == pytest.approx(2 / 7, rel=1e-2)
    assert dyn["lookahead_rounds"]["value"]["mode"] == 42
    assert dyn["resolve.PARTY_A"] == fortnight["dynamics"]["resolve.PARTY_A"]
    assert fortnight["dynamics"]["breakdown_hazard"]["value"] == 0.03
    checked = runner.invoke(app, ["validate", str(folder[2] / "x.yaml")])
    assert checked.exit_code == 0 and "warning" not in checked.output, checked.output
    refused = runner.invoke(app, ["new", "y", "--dir", str(tmp_path), "--round-days", "0"])
    assert refused.exit_code == 2
    # the look-ahead's range is two years in either round length: 52 fortnights, so the
    # template's high of 10 fortnights is 70 two-day rounds, not clipped at 52
    assert dyn["lookahead_rounds"]["value"]["high"] == 70
    # each converted judgement is written beside the fortnightly one it came from
    text = (folder[2] / "x.yaml").read_text()
    assert "mode: 0.123, high: 0.205}  # 0.4 / 0.6 / 0.8 for 14-day rounds, converted" in text
    assert "# 3 / 6 / 10 for 14-day rounds" not in (folder[14] / "x.yaml").read_text()


def test_a_per_round_range_keeps_its_meaning_in_short_rounds(tmp_path):
    """A look-ahead of 100 two-day rounds (200 days) is within the registry's two years;
    100 fortnights is not, and validate says so with the range for its rounds."""
    import yaml

    path = tmp_path / "x"
    path.mkdir()
    runner.invoke(app, ["new", "x", "--dir", str(path), "--round-days", "2"])
    data = yaml.safe_load((path / "x.yaml").read_text())
    data["dynamics"]["lookahead_rounds"]["value"] = 100
    for days, ok in ((2, True), (14, False)):
        data["round_days"] = days
        (path / "x.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
        checked = runner.invoke(app, ["validate", str(path / "x.yaml")])
        assert (checked.exit_code == 0) is ok, checked.output
    assert "lookahead_rounds" in checked.output and "1..52" in checked.output


def test_no_armistice_where_talks_go_on_under_the_ceasefire_says_why():
    """Every ceasefire became a settlement where its track kept talking: the panel names
    the packages instead of asking whether the model rules the class out."""
    settled = _shares(0.1, 0.8, 0.0, 0.05, 0.05)
    plain = sanity_warnings(_summary([settled] * 3))
    phased = sanity_warnings({**_summary([settled] * 3), "phased_ceasefires": ["stop_firing"]})
    [before] = [w.message for w in plain if "'armistice'" in w.message]
    [after] = [w.message for w in phased if "'armistice'" in w.message]
    assert "rules it out" in before
    assert "stop_firing" in after and "rules it out" not in after


def test_settlements_only_shocks_carried_over_a_ceasefire_are_flagged():
    """Settlements that replaced a ceasefire, mostly carried by a side's leaning drawn at
    the shock's size, come from that draw, not the bargaining: flagged above 1% of runs where at
    least half of them were shock-carried (here 60 of 1,000 runs, 45 of them)."""
    from detente.analysis.sanity import sanity_warnings

    def kinds(replaced: int, by_shock: int) -> list[str]:
        summary = {
            "runs": 1000,
            "ceasefire_replaced": replaced,
            "ceasefire_replaced_by_shock": by_shock,
        }
        return [w.check for w in sanity_warnings(summary)]

    assert "lucky_settlements" in kinds(60, 45)
    assert "lucky_settlements" not in kinds(60, 20)  # most came from the bargaining
    assert "lucky_settlements" not in kinds(5, 5)  # too few to matter
    [warning] = [
        w
        for w in sanity_warnings(
            {"runs": 1000, "ceasefire_replaced": 60, "ceasefire_replaced_by_shock": 45}
        )
        if w.check == "lucky_settlements"
    ]
    assert "6.0% of runs" in warning.message and "75.0% of them" in warning.message
