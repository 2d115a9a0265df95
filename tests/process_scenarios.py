"""Small scenarios for the process simulator tests, built as dicts and validated as YAML.

Country-free ids on purpose: the simulator must read roles from what the scenario declares.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from detente.scenario.loader import parse_scenario_text
from detente.scenario.schema import Scenario

A = "test actor"


def _pos(actor: str, issue: str, position: Any, salience: Any) -> dict[str, Any]:
    return {
        "actor": actor,
        "issue": issue,
        "position": position,
        "salience": salience,
        "assumption": A,
    }


def cycle_dict() -> dict[str, Any]:
    """Mediator MED, weak side WEAK (depends on MED), gaining side GAIN, influencer INF,
    a three-member unanimity council with one member (VETO) opposed on 'assets'.

    The war (WEAK against GAIN over 'territory') and the talks' packages (a comprehensive
    text, a ceasefire that defers 'alliance', a limited exchange) and the mediator's lever
    (press WEAK over INF's head) are declared, as the simulator reads them."""
    return {
        "id": "cycle",
        "as_of": "2025-12-04",
        "horizon": "2026-12-31",
        "round_days": 14,
        "actors": [
            {"id": "MED", "name": "Mediator", "capability": 100, "assumption": A},
            {
                "id": "WEAK",
                "name": "Weak side",
                "capability": {"low": 20, "mode": 30, "high": 40},
                "assumption": A,
            },
            {"id": "GAIN", "name": "Gaining side", "capability": 60, "assumption": A},
            {"id": "INF", "name": "Influencer", "capability": 50, "assumption": A},
            {"id": "M1", "name": "Member 1", "capability": 20, "assumption": A},
            {"id": "VETO", "name": "Vetoer", "capability": 5, "assumption": A},
        ],
        "issues": [
            {
                "id": "territory",
                "name": "Line",
                "scale": {0: "weak keeps all", 100: "gain takes all"},
                "status_quo": {"low": 15, "mode": 20, "high": 25},
                "political": False,
            },
            {
                "id": "alliance",
                "name": "Alliance",
                "scale": {0: "none", 100: "full"},
                "status_quo": 30,
            },
            {
                "id": "assets",
                "name": "Assets",
                "scale": {0: "returned", 100: "to weak side"},
                "status_quo": 10,
            },
        ],
        "positions": [
            _pos("MED", "territory", 40, 50),
            _pos("MED", "alliance", 10, 50),
            _pos("WEAK", "territory", 0, {"low": 60, "mode": 80, "high": 90}),
            _pos("WEAK", "alliance", 90, 50),
            _pos("WEAK", "assets", 100, 30),
            _pos("GAIN", "territory", {"low": 60, "mode": 70, "high": 80}, 80),
            _pos("GAIN", "alliance", 0, 70),
            _pos("GAIN", "assets", 0, 40),
            _pos("INF", "territory", 5, 60),
            _pos("INF", "alliance", 70, 60),
            _pos("INF", "assets", 90, 60),
            _pos("M1", "assets", 95, 60),
            _pos("VETO", "assets", 0, 90),
        ],
        "arenas": [
            {
                "id": "talks",
                "kind": "mediated",
                "mediator": "MED",
                "signatories": ["WEAK", "GAIN"],
                "influencers": ["INF"],
                "issues": ["territory", "alliance"],
                "packages": ["full", "truce", "swap"],
                "leverage": [
                    {
                        "id": "press",
                        "target": "WEAK",
                        "war_cost_add": 2,
                        "front_drift_add": 0.5,
                        "cost": 0.5,
                        "bypasses_influencers": True,
                        "support_cut": True,
                        "assumption": A,
                    }
                ],
            },
            {
                "id": "council",
                "kind": "vote",
                "members": ["INF", "M1", "VETO"],
                "rule": "unanimity",
                "issues": ["assets"],
            },
        ],
        "war": {
            "sides": ["WEAK", "GAIN"],
            "front_issue": "territory",
            "gainer": "GAIN",
            "commitment": [{"issue": "alliance", "toward": 100}],
            "assumption": A,
        },
        "packages": [
            {"id": "full", "kind": "comprehensive", "assumption": A},
            {
                "id": "truce",
                "kind": "ceasefire",
                "settles": ["territory"],
                "defers": ["alliance"],
                "assumption": A,
            },
            {
                "id": "swap",
                "kind": "limited",
                "value": {"WEAK": 3, "GAIN": {"low": -2, "mode": 1, "high": 3}},
                "rounds_between": 3,
                "assumption": A,
            },
        ],
        "relations": [
            {
                "kind": "dependency",
                "from": "WEAK",
                "to": "MED",
                "strength": {"low": 0.5, "mode": 0.7, "high": 0.9},
                "assumption": A,
            },
            {"kind": "influence", "from": "INF", "to": "WEAK", "strength": 0.6, "assumption": A},
        ],
        "dynamics": {
            "mediator_patience_rounds": {
                "value": {"low": 4, "mode": 8, "high": 16},
                "assumption": A,
            },
            "war_cost.GAIN": {"value": {"low": 0.5, "mode": 1, "high": 2}, "assumption": A},
            "war_cost.WEAK": {"value": {"low": 1, "mode": 2, "high": 4}, "assumption": A},
        },
        "events": [
            {
                "id": "distraction",
                "window": {"start": "2026-02-01", "end": "2026-05-01"},
                "probability": {"low": 0.2, "mode": 0.4, "high": 0.6},
                "assumption": A,
                "effects": [{"path": "dynamics.mediator_attention", "op": "set", "value": 0.2}],
            },
        ],
    }


def build(data: dict[str, Any]) -> Scenario:
    return parse_scenario_text(yaml.safe_dump(data, sort_keys=False), "test.yaml")


def scenario_file(path: Path, data: dict[str, Any]) -> Path:
    """``data`` written as the YAML file ``path``, as a user's scenario file for the CLI."""
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def with_dynamics(data: dict[str, Any], **values: Any) -> dict[str, Any]:
    """A copy of scenario ``data`` with some dynamics numbers set (name -> value or range)."""
    data = copy.deepcopy(data)
    for name, value in values.items():
        data["dynamics"][name] = {"value": value, "assumption": A}
    return data


def steady_war() -> dict[str, Any]:
    """The cycle war with a front that moves exactly 2 points a round toward the gainer
    (scale 100: the gainer takes all): no noise, no lever adding drift, no drift from
    abandonment, and talks that convene in a tenth of the rounds (at every round, all agree
    in the first)."""
    data = copy.deepcopy(cycle_dict())
    data["arenas"][0]["leverage"] = []
    return with_dynamics(
        data,
        front_drift_per_round=2,
        front_noise_per_round=0,
        abandoned_drift=0,
        mediator_attention=0.1,
    )


def cycle_scenario(**dynamics: float) -> Scenario:
    """The cycle scenario with some dynamics fixed (name -> value)."""
    return build(with_dynamics(cycle_dict(), **dynamics))


def ripening_war(growth: float | None) -> dict[str, Any]:
    """A war that only mounting costs can end. Both sides' ideals are today's status quo
    (35 on both issues), so the best text is worth 0 to each; WEAK (resolve 0) accepts it
    at once, GAIN refuses while its value of fighting on, resolve 8 - 6 rounds x its cost
    per round, is above 0. Nothing is uncertain, no shock, no front movement, no
    breakdown, no lever, a mediator that never tires: only ``war_cost_growth`` (both
    sides, per year; None: left out) can change GAIN's answer."""
    data = copy.deepcopy(cycle_dict())
    for issue in data["issues"]:
        if issue["id"] in ("territory", "alliance"):
            issue["status_quo"] = 35
    for p in data["positions"]:
        if p["issue"] in ("territory", "alliance"):
            p["position"] = 35
        p["salience"] = 50
    data["actors"][1]["capability"] = 30
    data["arenas"][0]["leverage"] = []
    data["events"] = []
    data["dynamics"] = {}
    numbers: dict[str, float] = {
        "decision_noise": 0,
        "mediator_attention": 1,
        "mediator_round_cost": 0,
        "breakdown_hazard": 0,
        "front_drift_per_round": 0,
        "front_noise_per_round": 0,
        "abandoned_drift": 0,
        "lookahead_rounds": 6,
        "war_cost.GAIN": 1,
        "war_cost.WEAK": 1,
        "resolve.GAIN": 8,
        "resolve.WEAK": 0,
    }
    if growth is not None:
        numbers["war_cost_growth.GAIN"] = growth
        numbers["war_cost_growth.WEAK"] = growth
    return with_dynamics(data, **numbers)


READY = 84  # days: in a phased war the full text waits six rounds


def settlement_both_want() -> dict[str, Any]:
    """The test war where the issue the ceasefire defers (the alliance, at 30) is one both
    sides and the mediator would rather see settled at 60: a settlement under the ceasefire
    then comes from the bargaining, not from a good day."""
    data = copy.deepcopy(cycle_dict())
    for position in data["positions"]:
        if position["issue"] == "alliance" and position["actor"] in ("GAIN", "MED"):
            position["position"] = 60
    return data


def with_talks(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` with talks going on under its ceasefire and the full text ready on day READY."""
    packages = {p["id"]: p for p in data["packages"]}
    packages["full"]["ready_after_days"] = READY
    packages["truce"]["talks_continue"] = True
    return data
