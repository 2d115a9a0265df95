"""The dashboard's model: loaded scenarios, cached forecasts, what-if runs, documents.

Routes (HTML and JSON alike) call only this class, so a page and its JSON endpoint
always show the same numbers. Everything heavy is computed once per scenario (the
report data and its charts) or once per distinct what-if setting (LRU, single-flight).
"""

from __future__ import annotations

import time
import warnings
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from detente.report.data import plain, report_data, scenario_data
from detente.report.figures import inline_svgs
from detente.scenario import load_scenario
from detente.scenario.schema import Scenario
from detente.web.documents import DocumentView, NotFound, folder_document, scenario_documents
from detente.web.jobs import SingleFlightCache
from detente.web.quick_pool import QuickPool
from detente.web.quick_sizes import QuickSizer, quick_sizes
from detente.web.refiner import IdleRefiner
from detente.web.settings import WebSettings
from detente.web.sliders import Slider, parse_settings, scenario_sliders

FORECAST_CHARTS = (
    "outcomes",
    "outcome-bands",
    "settlement",
    "settlement-distributions",
    "event-paths",
    "cycle",
    "tornado",
    "drivers",
)
SCENARIO_CHARTS = ("network",)  # need no simulation, like the position maps


class Dashboard:
    def __init__(self, settings: WebSettings) -> None:
        self.settings = settings
        self._scenarios: dict[str, Scenario] = {}
        self._sources: dict[str, str] = {}  # scenario id -> name or path it was loaded from
        for name in settings.scenarios:
            scenario = load_scenario(name)
            self._scenarios[scenario.id] = scenario
            self._sources[scenario.id] = str(name)
        self._reports = SingleFlightCache(len(self._scenarios) * 4, settings.max_parallel_runs)
        self._charts = SingleFlightCache(len(self._scenarios) * 8, settings.max_parallel_runs)
        self._whatifs = SingleFlightCache(settings.whatif_cache, settings.max_parallel_runs)
        self._baselines = SingleFlightCache(len(self._scenarios) * 4, settings.max_parallel_runs)
        self._quick_whatifs = SingleFlightCache(settings.whatif_cache, settings.max_parallel_runs)
        self._progressive = 0 < settings.whatif_quick_runs < settings.runs
        self._refiner = IdleRefiner()
        self._pool: QuickPool | None = None
        sizes = quick_sizes(settings.whatif_quick_runs)
        if self._progressive and settings.whatif_workers > 0:
            self._pool = QuickPool(
                tuple(self._sources.values()),
                sizes=sizes,
                seed=settings.seed,
                months=settings.months,
                workers=settings.whatif_workers,
            )
        # the simulator holds the GIL: in-process answers run one at a time
        parallel = min(settings.max_parallel_runs, settings.whatif_workers) if self._pool else 1
        self._sizer = QuickSizer(sizes, parallel=parallel, budget=settings.whatif_wait_budget)

    # ------------------------------------------------------------------ scenarios
    def scenario_ids(self) -> list[str]:
        return list(self._scenarios)

    def scenario(self, scenario_id: str) -> Scenario:
        scenario = self._scenarios.get(scenario_id)
        if scenario is None:
            raise NotFound(f"no scenario {scenario_id!r} on this dashboard")
        return scenario

    def scenario_data(self, scenario_id: str) -> dict[str, Any]:
        """Overview, position map and evidence table: no simulation needed."""
        scenario = self.scenario(scenario_id)
        return self._reports.get(("scenario", scenario_id), lambda: scenario_data(scenario))

    # ------------------------------------------------------------------ forecast
    def report(self, scenario_id: str) -> dict[str, Any]:
        scenario = self.scenario(scenario_id)
        return self._reports.get(
            scenario_id,
            lambda: report_data(
                scenario,
                runs=self.settings.runs,
                seed=self.settings.seed,
                question_set=self._sources[scenario_id],
                months=self.settings.months,
            ),
        )

    def charts(self, scenario_id: str, names: tuple[str, ...]) -> dict[str, str]:
        """Inline SVGs; position maps need only the scenario, the rest the forecast."""
        if all(name.startswith("positions-") or name in SCENARIO_CHARTS for name in names):
            data = self.scenario_data(scenario_id)
        else:
            data = self.report(scenario_id)
        return self._charts.get((scenario_id, names), lambda: inline_svgs(data, list(names)))

    def position_chart_names(self, scenario_id: str) -> tuple[str, ...]:
        return tuple(
            f"positions-{issue['issue']}"
            for issue in self.scenario_data(scenario_id)["positions"]
            if issue["actors"]
        )

    # ------------------------------------------------------------------ what-if
    def sliders(self, scenario_id: str) -> tuple[Slider, ...]:
        """The scenario's top drivers (from its cached forecast) first, then the rest."""
        drivers = self.report(scenario_id)["forecast"]["summary"]["drivers"]
        return scenario_sliders(self.scenario(scenario_id), [d["parameter"] for d in drivers])

    def explain(self, scenario_id: str, question_id: str) -> dict[str, Any]:
        """Paths to yes, drivers and example runs of one default question (cached)."""
        from detente.analysis.explain import UnknownQuestion, explain_question

        scenario = self.scenario(scenario_id)

        def compute() -> dict[str, Any]:
            try:
                found = explain_question(
                    scenario,
                    question_id,
                    source=self._sources[scenario_id],
                    runs=self.settings.runs,
                    seed=self.settings.seed,
                )
            except UnknownQuestion as exc:  # a wrong id in the URL: 404, not 422
                raise NotFound(exc.message, hint=exc.hint) from None
            return plain(found.to_dict())

        return self._reports.get(("explain", scenario_id, question_id), compute)

    def whatif(
        self, scenario_id: str, raw: dict[str, object], *, full: bool = False
    ) -> dict[str, Any]:
        """Baseline vs the settings that differ from the scenario, on common random numbers.

        A setting already computed in full is answered from the cache. A fresh one is
        answered from ``whatif_quick_runs`` runs, or fewer when the queue is long
        (``complete`` false, wider SEs), and its full-size answer is queued for the idle
        refiner; ``full`` waits for it instead.
        """
        settings = parse_settings(raw, self.sliders(scenario_id))
        key = (scenario_id, tuple(sorted(settings.items())))
        finished = self._whatifs.peek(key)
        if finished is not None:
            return finished

        def compute_full() -> dict[str, Any]:
            return self._whatifs.get(
                key, lambda: self._compute_whatif(self.baseline(scenario_id), settings)
            )

        if full or not settings or not self._progressive:
            return compute_full()
        with self._sizer.queued() as runs:
            quick = self._quick_whatifs.get(key, lambda: self._quick(scenario_id, settings, runs))
        self._refiner.submit(key, compute_full)
        return quick

    def _quick(self, scenario_id: str, settings: dict[str, float], runs: int) -> dict[str, Any]:
        # Only a computed answer pauses the refiner and is timed; cache hits cost nothing.
        with self._refiner.request():
            start = time.perf_counter()
            answer = self._quick_uncached(scenario_id, settings, runs)
            self._sizer.record(runs, time.perf_counter() - start)
            return answer

    def _quick_uncached(
        self, scenario_id: str, settings: dict[str, float], runs: int
    ) -> dict[str, Any]:
        pool = self._pool
        if pool is not None:
            try:
                data = pool.answer(self._sources[scenario_id], settings, runs)
                return self._described(data, settings, runs)
            except BrokenProcessPool:
                self._drop_pool()
        return self._compute_whatif(self.quick_baseline(scenario_id, runs), settings)

    def close(self) -> None:
        """Stop the what-if worker processes (server shutdown)."""
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.close()

    def _drop_pool(self) -> None:
        """Workers could not start (e.g. a script without a __main__ guard): go on in-process."""
        pool, self._pool = self._pool, None
        self._sizer.parallel = 1
        if pool is not None:
            pool.close()
            warnings.warn(
                "what-if worker processes failed; quick answers now run in the server process",
                RuntimeWarning,
                stacklevel=3,
            )

    def baseline(self, scenario_id: str) -> Any:
        """The what-if baseline (kept draws and generator states), simulated once."""
        return self._simulated_baseline(scenario_id, self.settings.runs)

    def quick_baseline(self, scenario_id: str, runs: int) -> Any:
        """A small baseline (one chunk of ``runs``, a quick size) for first answers."""
        return self._simulated_baseline(scenario_id, runs)

    def _simulated_baseline(self, scenario_id: str, runs: int) -> Any:
        from detente.web.whatif_runner import default_questions, simulate_baseline

        scenario = self.scenario(scenario_id)
        return self._baselines.get(
            (scenario_id, runs),
            lambda: simulate_baseline(
                scenario,
                runs=runs,
                seed=self.settings.seed,
                questions=default_questions(scenario, self._sources[scenario_id]),
                months=self.settings.months,
            ),
        )

    def _compute_whatif(self, baseline: Any, settings: dict[str, float]) -> dict[str, Any]:
        from detente.web.whatif_runner import run_whatif

        return self._described(
            plain(run_whatif(baseline, settings).to_dict()), settings, baseline.runs
        )

    def _described(self, data: dict[str, Any], settings: dict[str, float], runs: int) -> dict:
        data["settings"] = settings
        data["complete"] = runs >= self.settings.runs
        data["full_runs"] = self.settings.runs
        return data

    def warm_up(self) -> None:
        """Compute every scenario's forecast, charts and what-if baseline (server start)."""
        for scenario_id in self.scenario_ids():
            self.baseline(scenario_id)
        if self._pool is not None:
            try:
                self._pool.warm_up()
            except BrokenProcessPool:
                self._drop_pool()
        for scenario_id in self.scenario_ids():
            if self._progressive and self._pool is None:
                for runs in self._sizer.sizes:
                    self.quick_baseline(scenario_id, runs)
            self.charts(scenario_id, FORECAST_CHARTS)
            self.charts(scenario_id, self.position_chart_names(scenario_id) + SCENARIO_CHARTS)

    # ------------------------------------------------------------------ evidence
    def documents(self, scenario_id: str) -> list[DocumentView]:
        """The store's documents and extracted spans if a store is given, else the
        scenario's sources with their cited spans (text from the sources folder)."""
        scenario = self.scenario(scenario_id)
        if self.settings.store is not None:
            from detente.web.store_documents import store_documents

            return store_documents(self.settings.store, scenario, with_text=False)
        return scenario_documents(scenario, self.settings.sources)

    def briefing(self, scenario_id: str) -> Any:
        """The briefing as of the scenario's as_of (a BriefingView), when a store is given."""
        if self.settings.store is None:
            return None
        from detente.web.store_documents import store_briefing

        return store_briefing(self.settings.store, self.scenario(scenario_id))

    def document(self, scenario_id: str, source_id: str) -> DocumentView:
        scenario = self.scenario(scenario_id)
        if self.settings.store is not None:
            from detente.web.store_documents import store_document

            return store_document(self.settings.store, scenario, source_id)
        for view in scenario_documents(scenario, self.settings.sources):
            if view.id == source_id:
                return view
        raise NotFound(f"no source {source_id!r} in scenario {scenario_id!r}")

    def folder_document(self, name: str) -> DocumentView:
        if self.settings.sources is None:
            raise NotFound("this dashboard has no sources folder (start it with --sources DIR)")
        return folder_document(self.settings.sources, name)
