"""Variance-based (Sobol) sensitivity of the main outcome probabilities to the scenario's
uncertain numbers.

Design choices, stated because they shape what the numbers mean:
- Inputs: every parameter of ``process.parameter_space`` (low < high). SALib draws a
  Saltelli/Sobol design on the unit cube; each column is mapped through the beta-PERT
  inverse CDF, ``scipy.stats.beta.ppf`` (computed as ``scipy.special.betaincinv``) with
  alpha = 1 + 4(mode-low)/(high-low) and beta = 1 + 4(high-mode)/(high-low), so the
  inputs follow the scenario's own distributions, as in the forecast, not a flat range.
- Outputs: ONE simulated run per design row, so each output is a noisy 0/1 indicator
  (agreement of any kind by the horizon, armistice at the horizon, abandoned at the
  horizon; or at an earlier date, ``day``: where nearly every run agrees by the horizon,
  what decides the case is how soon, which only an earlier date can show). Read the
  indices with SALib's bootstrap confidence intervals (S1_conf,
  ST_conf) and raise --samples when they are wide.
- Process noise as a factor: the simulator's own randomness is treated as one more
  input, "(process noise)". The design's A rows and every A-with-column-i-from-B row
  use the same noise stream (stream A), B rows use stream B, and one extra block runs
  A's parameters on stream B. So the pair (A, AB_i) differs only in parameter i and the
  noise does not inflate every parameter's total index; its own ST says how much of
  the outcome comes from the draws inside the runs rather than the scenario's numbers:
  whether the mediator convenes and tables a text, when dated events fire, breakdowns,
  the decision shocks. At an early date it is mostly timing; ``diagnose`` isolates the
  decision shocks (a Gaza trial read 0.82 here for a deal within six weeks and 1.7% of
  agreements carried by a shock there, as if the two contradicted). The sharing is exact up to
  the point where a run's random draws start to depend on its state (e.g. how many
  runs still vote), after which streams drift apart; a small residual leaks into ST.
- Ranking: by total-order index ST of the agreement output.
"""

from __future__ import annotations

import warnings
from dataclasses import asdict, dataclass

import numpy as np

from detente.analysis.outcomes import agreement_indicator
from detente.analysis.runs import DEFAULT_CHUNK, DEFAULT_SEED
from detente.process import (
    CompiledScenario,
    EventLog,
    OutcomeClass,
    compile_scenario,
    parameter_space,
    run_batch,
)
from detente.scenario.errors import DetenteError
from detente.scenario.schema import Scenario

OUTPUTS = ("agreement", "armistice", "abandoned")
NOISE = "(process noise)"
STREAM_A, STREAM_B = 0, 1


@dataclass(frozen=True)
class ParameterIndex:
    parameter: str
    S1: float
    S1_conf: float
    ST: float
    ST_conf: float


@dataclass(frozen=True)
class OutputSensitivity:
    output: str
    probability: float
    indices: tuple[ParameterIndex, ...]  # sorted by ST, largest first (noise included)
    note: str
    # set where the rarer answer is too rare among the base runs for the indices to mean
    # anything (``rare_answer_warning``): they are still given, but not to be ranked
    warning: str = ""


@dataclass(frozen=True)
class SensitivityResult:
    scenario: str
    samples: int
    runs: int
    seed: int
    parameters: int
    method: str
    outputs: tuple[OutputSensitivity, ...]
    ranking: tuple[str, ...]  # scenario parameters by ST of the agreement output
    at: str = ""  # the date the outputs are read on, and why ('the horizon' or months asked)

    def to_dict(self) -> dict:
        return asdict(self)


METHOD = (
    "Sobol indices (SALib Saltelli design and estimators, first and total order); "
    "unit-cube samples mapped through each parameter's beta-PERT inverse CDF; one simulated "
    "run per design row (outputs are noisy 0/1 indicators); process noise is an extra "
    "factor with shared streams: every draw inside the runs (the mediator's cadence, "
    "events' timing, breakdowns, decision shocks; 'diagnose' isolates the shocks); "
    "S1_conf/ST_conf are SALib's 95% bootstrap half-widths"
)


# Fewer runs of the rarer answer than this among the 2N base runs (rows A and B) and the
# indices of a 0/1 output are noise: ties, total indices above 1. A judgement: at 20 the
# binomial count's relative error is about a quarter.
MIN_RARE_ANSWERS = 20


def rare_answer_warning(base: np.ndarray, samples: int) -> str:
    """'' or why the indices of a 0/1 output over ``base`` (the A and B rows, 2N runs)
    cannot be ranked, with the --samples that would give MIN_RARE_ANSWERS of each answer."""
    yes = int(np.count_nonzero(base))
    rare = min(yes, base.size - yes)
    if rare >= MIN_RARE_ANSWERS:
        return ""
    share = max(rare, 1) / base.size
    needed = 1 << int(np.ceil(np.log2(max(MIN_RARE_ANSWERS / (2.0 * share), samples * 2))))
    answer = "holds" if yes == rare else "fails"
    return (
        f"it {answer} in only {rare} of the {base.size} base runs: too few for Sobol indices "
        f"of a yes/no outcome (ties and total indices above 1 are noise); --samples "
        f"{needed} gives about {MIN_RARE_ANSWERS}, or ask at a date where it is less rare"
    )


def pert_inverse_cdf(
    u: np.ndarray, low: np.ndarray, mode: np.ndarray, high: np.ndarray
) -> np.ndarray:
    """Map unit-cube samples (n, p) to beta-PERT values column by column."""
    from scipy.special import betaincinv  # = scipy.stats.beta.ppf, without loading stats

    width = high - low
    a = 1.0 + 4.0 * (mode - low) / width
    b = 1.0 + 4.0 * (high - mode) / width
    return low + width * betaincinv(a, b, u)


def _indicators(log: EventLog, day: int) -> dict[str, np.ndarray]:
    classes = log.outcome_class_at(day)
    return {
        "agreement": agreement_indicator(log, day),
        "armistice": classes == int(OutcomeClass.ARMISTICE),
        "abandoned": classes == int(OutcomeClass.ABANDONED),
    }


def _run_block(
    compiled: CompiledScenario,
    theta: np.ndarray,
    seed: int,
    stream: int,
    chunk_size: int,
    day: int,
) -> dict[str, np.ndarray]:
    """Outputs on ``day`` of one block of N design rows on noise stream ``stream``.

    Chunk k of a stream always uses SeedSequence(seed, spawn_key=(stream, k)), so row j
    of two blocks on the same stream sees the same noise draws.
    """
    parts: dict[str, list[np.ndarray]] = {key: [] for key in OUTPUTS}
    for k, start in enumerate(range(0, theta.shape[0], chunk_size)):
        rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(stream, k)))
        log = run_batch(compiled, theta[start : start + chunk_size], rng)
        for key, values in _indicators(log, day).items():
            parts[key].append(values)
    return {key: np.concatenate(values) for key, values in parts.items()}


def sobol_sensitivity(
    scenario: Scenario,
    *,
    samples: int = 512,
    seed: int = DEFAULT_SEED,
    chunk_size: int = DEFAULT_CHUNK,
    num_resamples: int = 100,
    day: int | None = None,
    at: str = "",
) -> SensitivityResult:
    """Sobol S1 and ST of P(agreement), P(armistice), P(abandoned) on ``day`` (days after
    as_of; None, or past the horizon: the horizon, where the runs end), labelled ``at``."""
    from SALib.analyze import sobol as sobol_analyze
    from SALib.sample import sobol as sobol_sample

    if samples < 2 or samples & (samples - 1):
        raise DetenteError(
            f"--samples must be a power of two (Sobol sequence), got {samples}",
            hint="use 256, 512, 1024 ...",
        )
    compiled = compile_scenario(scenario)
    horizon_day = (compiled.horizon - compiled.as_of).days
    day = horizon_day if day is None else min(day, horizon_day)
    space = parameter_space(compiled)
    names = tuple(space.names)
    d = len(names)
    if d == 0:
        raise DetenteError(
            f"scenario {scenario.id!r} has no uncertain numbers to analyse",
            hint="give some numbers a {low, mode, high} range",
        )
    factors = (*names, NOISE)
    problem = {"num_vars": d + 1, "names": list(factors), "bounds": [[0.0, 1.0]] * (d + 1)}
    unit = sobol_sample.sample(problem, samples, calc_second_order=False, seed=seed)
    # SALib's layout: per base sample, rows A, AB_1 .. AB_d, AB_noise, B (step d + 3).
    step = d + 3
    theta = pert_inverse_cdf(unit[:, :d], space.low, space.mode, space.high)
    outputs = np.empty((len(OUTPUTS), unit.shape[0]))
    for block in range(step):
        rows = slice(block, None, step)
        stream = STREAM_B if block >= d + 1 else STREAM_A  # AB_noise and B: stream B
        values = _run_block(compiled, theta[rows], seed, stream, chunk_size, day)
        for o, key in enumerate(OUTPUTS):
            outputs[o, rows] = values[key]
    results = []
    for o, key in enumerate(OUTPUTS):
        y = outputs[o]
        probability = float(y.mean())
        if np.all(y == y[0]):
            zeros = tuple(ParameterIndex(n, 0.0, 0.0, 0.0, 0.0) for n in factors)
            results.append(
                OutputSensitivity(key, probability, zeros, "output never varies: no indices")
            )
            continue
        with warnings.catch_warnings():  # a rare output is constant in some resamples
            warnings.simplefilter("ignore", UserWarning)
            si = sobol_analyze.analyze(
                problem,
                y,
                calc_second_order=False,
                num_resamples=num_resamples,
                conf_level=0.95,
                print_to_console=False,
                seed=seed,
            )
        rows_out = [
            ParameterIndex(
                name,
                float(si["S1"][j]),
                float(si["S1_conf"][j]),
                float(si["ST"][j]),
                float(si["ST_conf"][j]),
            )
            for j, name in enumerate(factors)
        ]
        rows_out.sort(key=lambda r: (-r.ST, r.parameter))
        base = np.concatenate([y[0::step], y[step - 1 :: step]])  # rows A and B
        warning = rare_answer_warning(base, samples)
        results.append(OutputSensitivity(key, probability, tuple(rows_out), "", warning))
    ranking = tuple(r.parameter for r in results[0].indices if r.parameter != NOISE)
    return SensitivityResult(
        scenario.id,
        samples,
        int(unit.shape[0]),
        seed,
        d,
        METHOD,
        tuple(results),
        ranking,
        at or ("the horizon" if day == horizon_day else f"day {day}"),
    )
