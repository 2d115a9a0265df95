"""Under load a first what-if answer uses fewer runs, never a longer wait: the size each
request takes (by hand), and a coarse answer through the real dashboard that still
equals analysis.whatif.compare_interventions at the run count it reports."""

from __future__ import annotations

import warnings

import pytest
from test_web_whatif_progressive import ID, PATH, QUICK, RUNS, reference, settings_for
from web_scenario import write_hostile

from detente.web.app import create_app
from detente.web.quick_sizes import QuickSizer, quick_sizes

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    from fastapi.testclient import TestClient


def test_sizes_are_the_largest_and_its_halvings():
    assert quick_sizes(500) == (500, 250, 125)
    assert quick_sizes(3) == (3, 1)  # 0 runs is no answer


def test_each_request_takes_the_largest_size_the_queue_ahead_allows():
    sizer = QuickSizer((500, 250, 125), parallel=2, budget=1.0)
    assert sizer.choose() == 500  # nothing measured yet: the full quick size
    for size, seconds in ((500, 0.3), (250, 0.18), (125, 0.12)):
        sizer.record(size, seconds)
    held = [sizer.queued() for _ in range(5)]
    sizes = [h.__enter__() for h in held]
    # ahead of the k-th: k answers of 500 runs shared by 2 slots, 0.15 s each, then its own
    # 0.3 s: 0.3, 0.45, 0.6, 0.75, 0.9 -- all within 1 s
    assert sizes == [500] * 5
    # the sixth waits 5 x 0.15 = 0.75 s: 500 runs would end at 1.05 s, 250 at 0.93 s
    assert sizer.choose() == 250
    with sizer.queued() as sixth:
        assert sixth == 250
        # the seventh: 0.75 + 0.09 ahead; 0.84 + 0.18 > 1, 0.84 + 0.12 <= 1
        assert sizer.choose() == 125
    for h in held:
        h.__exit__(None, None, None)
    assert sizer.choose() == 500  # the queue drained: full quick size again


def test_costs_are_smoothed_and_unmeasured_sizes_estimated_in_proportion():
    sizer = QuickSizer((400, 200), parallel=1, budget=1.0)
    sizer.record(400, 0.4)
    assert sizer.cost(200) == pytest.approx(0.2)  # from 400 runs, in proportion
    sizer.record(400, 0.8)
    assert sizer.cost(400) == pytest.approx(0.7 * 0.4 + 0.3 * 0.8)


def test_nothing_fits_the_budget_takes_the_smallest():
    sizer = QuickSizer((500, 250, 125), parallel=1, budget=0.0)
    sizer.record(500, 0.2)
    assert sizer.choose() == 125


@pytest.fixture(scope="module")
def scenario_file(tmp_path_factory):
    return write_hostile(tmp_path_factory.mktemp("quick_sizes"))[0]


@pytest.mark.parametrize("workers", [2, 0])
def test_a_busy_dashboard_answers_from_fewer_runs_and_the_answer_is_exact(scenario_file, workers):
    # A budget of 0 s: once one answer has been measured every later one is "late", as on
    # a server with a long queue, and takes the smallest size.
    settings = settings_for(scenario_file, whatif_workers=workers, whatif_wait_budget=0.0)
    app = create_app(settings)
    client = TestClient(app)
    url = f"/api/scenarios/{ID}/whatif"
    first = client.post(url, json={"settings": {PATH: 40}}).json()
    assert first["runs"] == QUICK and first["complete"] is False
    busy = client.post(url, json={"settings": {PATH: 45}}).json()
    smallest = quick_sizes(QUICK)[-1]
    assert busy["runs"] == smallest and busy["complete"] is False
    assert busy["full_runs"] == RUNS
    assert busy["comparisons"][0]["dates"] == reference(scenario_file, 45.0, smallest)
    full = client.post(f"{url}?full=true", json={"settings": {PATH: 45}}).json()
    assert full["runs"] == RUNS and full["complete"] is True
    app.state.dashboard.close()
