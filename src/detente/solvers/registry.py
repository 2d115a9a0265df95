"""Model names -> solver adapters, with ``key=value`` option parsing for the CLI.

Each adapter takes the most-likely arrays of a scenario (positions (n, m), saliences
(n, m), capabilities (n,), which actor holds a position on which issue, and the status
quo (m,)) and returns a ``ModelOutcome``: the predicted outcome per issue and, for the
dynamic models, the trajectory (one row per turn or round).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from detente.solvers.validation import SolverInputError


@dataclass(frozen=True)
class ModelInputs:
    positions: np.ndarray
    saliences: np.ndarray
    capabilities: np.ndarray
    has_position: np.ndarray
    status_quo: np.ndarray


@dataclass(frozen=True)
class ModelOutcome:
    model: str
    outcome: np.ndarray  # (issues,)
    trajectory: np.ndarray | None = None  # (steps, issues)
    note: str = ""


@dataclass(frozen=True)
class ModelSpec:
    name: str
    summary: str
    options: dict[str, object]  # option -> default
    run: Callable[[ModelInputs, dict[str, object]], ModelOutcome]


def _active_actors(inputs: ModelInputs) -> np.ndarray:
    """Actors that hold some position with positive salience and capability."""
    return (inputs.saliences.sum(-1) > 0) & (inputs.capabilities > 0)


def _compromise(kind: str) -> Callable[[ModelInputs, dict[str, object]], ModelOutcome]:
    def run(inputs: ModelInputs, options: dict[str, object]) -> ModelOutcome:
        from detente.solvers import compromise

        x, s, c = inputs.positions, inputs.saliences, inputs.capabilities
        if kind == "plain-mean":
            out = compromise.plain_mean(x, s)
        else:
            out = getattr(compromise, kind.replace("-", "_"))(x, s, c)
        return ModelOutcome(kind, out)

    return run


def _smp(inputs: ModelInputs, options: dict[str, object]) -> ModelOutcome:
    from detente.solvers.smp import SMPSettings, spatial_model

    keep = _active_actors(inputs)
    seed = int(options.pop("seed", 0))  # type: ignore[call-overload]
    settings = SMPSettings(**options)  # type: ignore[arg-type]
    rng = np.random.default_rng(seed) if settings.state_transition == "stochastic" else None
    result = spatial_model(
        inputs.positions[keep], inputs.saliences[keep], inputs.capabilities[keep], settings, rng
    )
    win = result.win_probability / result.win_probability.sum(-1, keepdims=True)
    trajectory = (win[..., None] * result.history).sum(-2)
    note = f"{int(result.turns)} turns; outcome = win-probability weighted mean of positions"
    return ModelOutcome("smp", result.outcome, trajectory, note)


def _expected_utility(inputs: ModelInputs, options: dict[str, object]) -> ModelOutcome:
    from detente.solvers.expected_utility import ExpectedUtilitySettings, expected_utility

    settings = ExpectedUtilitySettings(**options)  # type: ignore[arg-type]
    m = inputs.positions.shape[1]
    outcome = np.full(m, np.nan)
    trajectory = np.full((settings.rounds + 1, m), np.nan)
    for j in range(m):  # one issue at a time, among the actors who hold a position on it
        keep = inputs.has_position[:, j] & (inputs.saliences[:, j] > 0)
        keep &= inputs.capabilities > 0
        if keep.sum() < 2:
            continue
        r = expected_utility(
            inputs.positions[keep, j : j + 1],
            inputs.saliences[keep, j : j + 1],
            inputs.capabilities[keep],
            settings,
        )
        outcome[j] = r.outcome[0]
        trajectory[:, j] = r.median[:, 0]
    return ModelOutcome("expected-utility", outcome, trajectory, "median per round")


def _exchange(inputs: ModelInputs, options: dict[str, object]) -> ModelOutcome:
    from detente.solvers.exchange import exchange_model

    r = exchange_model(
        inputs.positions,
        inputs.saliences,
        inputs.capabilities,
        **options,  # type: ignore[arg-type]
    )
    return ModelOutcome("exchange", r.outcome, note=f"{int(r.exchanges)} exchanges")


def _bargaining(kind: str) -> Callable[[ModelInputs, dict[str, object]], ModelOutcome]:
    def run(inputs: ModelInputs, options: dict[str, object]) -> ModelOutcome:
        from detente.solvers.bargaining import kalai_smorodinsky, nash_bargaining

        keep = _active_actors(inputs)
        point = options.get("disagreement", "status-quo")
        if point not in ("status-quo", "none"):
            raise SolverInputError(
                f"disagreement={point!r} is unknown", hint="use disagreement=status-quo or none"
            )
        d = inputs.status_quo if point == "status-quo" else None
        solve = nash_bargaining if kind == "nash" else kalai_smorodinsky
        r = solve(inputs.positions[keep], inputs.saliences[keep], inputs.capabilities[keep], d)
        note = "" if bool(r.agreement) else "no outcome beats the disagreement point for all"
        return ModelOutcome(kind, r.outcome, note=note)

    return run


def _settings_defaults(cls: type) -> dict[str, object]:
    return {f.name: f.default for f in dataclasses.fields(cls)}


def _registry() -> dict[str, ModelSpec]:
    from detente.solvers.expected_utility import ExpectedUtilitySettings
    from detente.solvers.smp import SMPSettings

    smp_options = _settings_defaults(SMPSettings) | {"seed": 0}
    return {
        "weighted-mean": ModelSpec(
            "weighted-mean",
            "compromise: capability x salience weighted mean",
            {},
            _compromise("weighted-mean"),
        ),
        "weighted-median": ModelSpec(
            "weighted-median",
            "capability x salience weighted median",
            {},
            _compromise("weighted-median"),
        ),
        "plain-mean": ModelSpec(
            "plain-mean",
            "unweighted mean of the actors' positions",
            {},
            _compromise("plain-mean"),
        ),
        "smp": ModelSpec("smp", "KTAB spatial model of politics", smp_options, _smp),
        "expected-utility": ModelSpec(
            "expected-utility",
            "BDM challenge model (Scholz et al. 2011)",
            _settings_defaults(ExpectedUtilitySettings),
            _expected_utility,
        ),
        "exchange": ModelSpec(
            "exchange",
            "Stokman & Van Oosten equal-gain exchange",
            {"min_gain": 1e-6, "max_exchanges": 500},
            _exchange,
        ),
        "nash": ModelSpec(
            "nash",
            "asymmetric Nash bargaining (powers = capabilities)",
            {"disagreement": "status-quo"},
            _bargaining("nash"),
        ),
        "kalai-smorodinsky": ModelSpec(
            "kalai-smorodinsky",
            "Kalai-Smorodinsky bargaining",
            {"disagreement": "status-quo"},
            _bargaining("kalai-smorodinsky"),
        ),
    }


MODEL_NAMES = (
    "weighted-mean",
    "weighted-median",
    "plain-mean",
    "smp",
    "expected-utility",
    "exchange",
    "nash",
    "kalai-smorodinsky",
)


def model_spec(name: str) -> ModelSpec:
    specs = _registry()
    if name not in specs:
        raise SolverInputError(f"unknown model {name!r}", hint=f"choose one of {', '.join(specs)}")
    return specs[name]


def parse_options(spec: ModelSpec, pairs: list[str]) -> dict[str, object]:
    """'key=value' strings -> typed options (typed like the defaults)."""
    options: dict[str, object] = {}
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        key = key.strip().replace("-", "_")
        if not sep:
            raise SolverInputError(f"option {pair!r} is not key=value", hint="write --option k=v")
        if key not in spec.options:
            known = ", ".join(spec.options) or "(none)"
            raise SolverInputError(
                f"model {spec.name} has no option {key!r}", hint=f"known options: {known}"
            )
        default = spec.options[key]
        try:
            if isinstance(default, bool):
                if raw.lower() not in ("true", "false", "1", "0", "yes", "no"):
                    raise ValueError(raw)
                value: object = raw.lower() in ("true", "1", "yes")
            elif isinstance(default, int):
                value = int(raw)
            elif isinstance(default, float):
                value = float(raw)
            else:
                value = raw
        except ValueError:
            raise SolverInputError(
                f"option {key}={raw!r} is not a {type(default).__name__}",
                hint=f"the default is {default!r}",
            ) from None
        options[key] = value
    return options


def run_model(
    name: str, inputs: ModelInputs, option_pairs: list[str] | None = None
) -> ModelOutcome:
    spec = model_spec(name)
    return spec.run(inputs, parse_options(spec, option_pairs or []))


def compare_models(inputs: ModelInputs) -> list[ModelOutcome]:
    """Every model with default settings; one that does not apply to these inputs (the
    exchange model on a single issue, say) gives NaN outcomes and says why in its note."""
    results = []
    for name in MODEL_NAMES:
        try:
            results.append(run_model(name, inputs))
        except SolverInputError as exc:
            blank = np.full(inputs.positions.shape[-1], np.nan)
            results.append(ModelOutcome(name, blank, note=f"not applicable: {exc.message}"))
    return results
