"""Small scenarios for the what-if, sensitivity and forecast tests (YAML text)."""

from scenario_text import SMALL_SCENARIO

# Two parties far apart who value fighting on: agreement is possible but not certain.
HARD_TALKS = (
    SMALL_SCENARIO.replace("id: small\n", "id: hard-talks\n")
    + """\
dynamics:
  resolve.AAA: {value: 15, assumption: test}
  resolve.BBB: {value: 15, assumption: test}
  decision_noise: {value: 6, assumption: test}
"""
)

# A council of five deciding on one issue; HUN opposes what the others want.
COUNCIL = """\
id: council
as_of: 2025-12-04
horizon: 2026-06-30
round_days: 14
actors:
  - {id: FRA, name: France, capability: 30, assumption: test}
  - {id: DEU, name: Germany, capability: 30, assumption: test}
  - {id: POL, name: Poland, capability: 20, assumption: test}
  - {id: BEL, name: Belgium, capability: 10, assumption: test}
  - {id: HUN, name: Hungary, capability: 10, assumption: test}
issues:
  - id: assets
    name: Use of frozen assets
    scale: {0: "returned to Moscow", 100: "all to Kyiv"}
    status_quo: 20
positions:
  - {actor: FRA, issue: assets, position: 80, salience: 60, assumption: test}
  - {actor: DEU, issue: assets, position: 75, salience: 60, assumption: test}
  - {actor: POL, issue: assets, position: 95, salience: 80, assumption: test}
  - {actor: BEL, issue: assets, position: 60, salience: 90, assumption: test}
  - {actor: HUN, issue: assets, position: 0, salience: 90, assumption: test}
arenas:
  - {id: eu_council, kind: vote, members: [FRA, DEU, POL, BEL, HUN], rule: unanimity,
     issues: [assets]}
"""
