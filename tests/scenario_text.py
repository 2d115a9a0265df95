"""A small, valid scenario as YAML text, for tests that need one to break or extend."""

SMALL_SCENARIO = """\
id: small
title: two parties and a mediator
as_of: 2025-12-04
horizon: 2026-12-31
round_days: 14
sources:
  - {id: s1, title: a source, published: 2025-12-01, reliability: 0.6}
actors:
  - {id: MED, name: Mediator, capability: 100, assumption: test actor}
  - {id: AAA, name: Party A, capability: {low: 40, mode: 50, high: 60}, assumption: test actor}
  - {id: BBB, name: Party B, capability: 50, assumption: test actor, aliases: [Bee]}
issues:
  - id: line
    name: Ceasefire line
    scale: {0: "A keeps everything", 50: "split", 100: "B gets everything"}
    status_quo: 40
    political: false
  - id: status
    name: Political status
    scale: {0: "A's view", 100: "B's view"}
    status_quo: 50
positions:
  - {actor: MED, issue: line, position: 50, salience: 40, assumption: test}
  - {actor: AAA, issue: line, position: 10, salience: 80, assumption: test}
  - {actor: BBB, issue: line, position: {low: 80, mode: 90, high: 95}, salience: 70,
     evidence: [e1]}
  - {actor: AAA, issue: status, position: 0, salience: 50, assumption: test}
  - {actor: BBB, issue: status, position: 100, salience: 50, assumption: test}
arenas:
  - {id: talks, kind: mediated, mediator: MED, signatories: [AAA, BBB], issues: [line, status]}
relations:
  - {kind: dependency, from: AAA, to: MED, strength: 0.7, assumption: test}
evidence:
  - {id: e1, source: s1, start: 0, end: 10,
     sha256: "0000000000000000000000000000000000000000000000000000000000000000",
     claim: B wants the whole line}
"""
