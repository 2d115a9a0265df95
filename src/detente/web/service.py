"""The dashboard's model: loaded scenarios, cached forecasts, what-if runs, documents.

Routes (HTML and JSON alike) call only this class, so a page and its JSON endpoint
always show the same numbers. Everything heavy is computed once per scenario (the
report data and its charts) or once per distinct what-if setting (LRU, single-flight).
"""

from __future__ import annotations

from typing import Any

from detente.report.data import plain, report_data, scenario_data
from detente.report.figures import inline_svgs
from detente.scenario import load_scenario
from detente.scenario.schema import Scenario
from detente.web.documents import DocumentView, NotFound, folder_document, scenario_documents
from detente.web.jobs import SingleFlightCache
from detente.web.settings import WebSettings
from detente.web.sliders import Slider, parse_settings, scenario_sliders

FORECAST_CHARTS = ("outcomes", "settlement", "cycle", "drivers")


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
        self._baselines = SingleFlightCache(len(self._scenarios) * 2, settings.max_parallel_runs)

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
            ),
        )

    def charts(self, scenario_id: str, names: tuple[str, ...]) -> dict[str, str]:
        """Inline SVGs; position maps need only the scenario, the rest the forecast."""
        if all(name.startswith("positions-") for name in names):
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
        return scenario_sliders(self.scenario(scenario_id))

    def whatif(self, scenario_id: str, raw: dict[str, object]) -> dict[str, Any]:
        """Baseline vs the settings that differ from the scenario, on common random numbers."""
        scenario = self.scenario(scenario_id)
        settings = parse_settings(raw, self.sliders(scenario_id))
        key = (scenario_id, tuple(sorted(settings.items())))
        return self._whatifs.get(key, lambda: self._compute_whatif(scenario, settings))

    def baseline(self, scenario_id: str) -> Any:
        """The what-if baseline (kept draws and generator states), simulated once."""
        from detente.web.whatif_runner import default_questions, simulate_baseline

        scenario = self.scenario(scenario_id)
        return self._baselines.get(
            scenario_id,
            lambda: simulate_baseline(
                scenario,
                runs=self.settings.runs,
                seed=self.settings.seed,
                questions=default_questions(scenario, self._sources[scenario_id]),
            ),
        )

    def _compute_whatif(self, scenario: Scenario, settings: dict[str, float]) -> dict[str, Any]:
        from detente.web.whatif_runner import run_whatif

        result = run_whatif(self.baseline(scenario.id), settings)
        data = plain(result.to_dict())
        data["settings"] = settings
        return data

    def warm_up(self) -> None:
        """Compute every scenario's forecast, charts and what-if baseline (server start)."""
        for scenario_id in self.scenario_ids():
            self.baseline(scenario_id)
            self.charts(scenario_id, FORECAST_CHARTS)
            self.charts(scenario_id, self.position_chart_names(scenario_id))

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
