"""What an agreement changes in the world when it is signed.

While an agreement is in force its text stands for the issues it settles (``war.text``).
Some of it is done at signature and stays done whatever happens next: the front takes the
agreed line (a withdrawal or a ceasefire line becomes the line of control, and a war that
resumes fights on from there), and so does every issue the scenario declares
``irreversible`` (hostages or prisoners released, a handover made). The rest returns to
where it stood if the agreement breaks down.

Why: a deal that never took effect would be signed again on the same terms after each
breakdown (a Gaza trial: 80% of re-signings within three weeks on identical terms, "all
the hostages" released twice in 65% of runs), and a relapse would restart the war from
the old front. What was implemented changes what each side holds and has left to trade.
"""

from __future__ import annotations

import numpy as np

from detente.process.state import Model


def take_effect(model: Model, runs: np.ndarray, issues: np.ndarray, agreed: np.ndarray) -> None:
    """Set the status quo of the issues that take effect (``takes_effect``) to the agreed
    text ``agreed`` (runs, issues) where it settles them (not NaN), in ``runs``."""
    compiled = model.compiled
    for j, issue in enumerate(issues):
        if not compiled.takes_effect[issue]:
            continue
        settled = ~np.isnan(agreed[:, j])
        model.params[compiled.status_quo_col[issue], runs[settled]] = agreed[settled, j]
