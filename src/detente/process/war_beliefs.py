"""The sides' beliefs about the war's trend, and what fighting teaches them.

Why: wars go on while the sides disagree about how the fighting will go (Blainey's mutual
optimism, Fearon's private information), and they end as the battlefield shows the truth
(Slantchev's principle of convergence; Smith and Stam). A side of the war for which a
scenario declares ``drift_optimism.{actor}`` starts each run believing the front moves
that many points a round more in its favour than it does (drawn once per run; private:
the mediator does not know it and learns of it only from rejections, as of any private
offset). Its first belief weighs as much as ``drift_belief_rounds`` (n0) rounds of
watching the front. Each round of fighting it sees the front move (the trend plus that
round's noise) and updates as a Bayesian with a normal prior and known noise:

    gap_k = (n0 * gap_0 + sum of the k rounds' noise) / (n0 + k)

where gap is the believed minus the true drift toward the gainer, in points per round.
The gap is kept relative to the trend, so levers and events that change the trend move
the belief with it. A side without ``drift_optimism`` knows the trend, as before, so a
scenario that declares none runs exactly as it did.

Where a belief acts: a side values fighting on with the front projected along its
believed trend (``tracks`` adds the difference to its private margin), and a gainer
that believes it gains faster is more tempted to break an agreement (``simulator``'s
breakdown hazard reads its believed drift).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from detente.process.compiled import CompiledScenario


@dataclass
class DriftBeliefs:
    """Per run and actor: each believing side's gap from the trend and its weight."""

    gap: np.ndarray  # (n, actors) believed minus true drift toward the gainer, points/round
    weight: np.ndarray  # (n, actors) rounds of observation the belief counts as
    learners: np.ndarray  # int (b,) actor indices of the sides with a declared optimism

    @classmethod
    def start(cls, compiled: CompiledScenario, params: np.ndarray) -> DriftBeliefs | None:
        """The first beliefs of a batch (params: (numbers, runs)); None where every side
        knows the trend (no war with a front, or no ``drift_optimism`` declared)."""
        war = compiled.war
        if war is None or war.direction == 0:
            return None
        ids = compiled.actor_ids
        columns = {int(a): compiled.dynamic(f"drift_optimism.{ids[a]}") for a in war.sides}
        learners = np.array(sorted(a for a, col in columns.items() if col >= 0), dtype=np.int64)
        if learners.size == 0:
            return None
        n = params.shape[1]
        gap = np.zeros((n, len(ids)))
        weight = np.zeros((n, len(ids)))
        prior = params[compiled.dynamic("drift_belief_rounds")]  # a registry number: always set
        for actor in learners:
            toward_gainer = 1.0 if actor == war.gainer else -1.0
            gap[:, actor] = toward_gainer * params[columns[int(actor)]]
            weight[:, actor] = prior
        return cls(gap=gap, weight=weight, learners=learners)

    def observe(self, noise: np.ndarray, fighting: np.ndarray) -> None:
        """One round of fighting watched where ``fighting`` (n,): ``noise`` (n,) is how far
        the front moved beyond the trend, toward the gainer."""
        rows = np.flatnonzero(fighting)
        for actor in self.learners:
            w = self.weight[rows, actor]
            self.gap[rows, actor] = (w * self.gap[rows, actor] + noise[rows]) / (w + 1.0)
            self.weight[rows, actor] = w + 1.0
