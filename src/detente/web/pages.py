"""Server-rendered pages (jinja2, autoescaped): scenario, forecast, what-if, evidence, questions.

Every page reads the same ``Dashboard`` methods as its JSON twin in ``api``. The
what-if form posts to ``/scenarios/{id}/whatif/run`` through htmx and gets back only
the result fragment.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined, select_autoescape

from detente.report.format import register_filters
from detente.web.service import FORECAST_CHARTS, SCENARIO_CHARTS, Dashboard
from detente.web.sliders import SettingError

router = APIRouter(include_in_schema=False)


def templates() -> Jinja2Templates:
    env = Environment(
        loader=ChoiceLoader(
            [
                PackageLoader("detente.web", "templates"),
                PackageLoader("detente.report", "templates"),
                PackageLoader("detente.evidence", "templates"),
            ]
        ),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
    )
    register_filters(env)
    return Jinja2Templates(env=env)


def _board(request: Request) -> Dashboard:
    return request.app.state.dashboard


def _page(request: Request, name: str, scenario_id: str | None, **context: Any) -> Response:
    board = _board(request)
    return request.app.state.templates.TemplateResponse(
        request,
        name,
        {
            "scenario_id": scenario_id,
            "scenario_ids": board.scenario_ids(),
            "runs": board.settings.runs,
            **context,
        },
    )


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> Response:
    board = _board(request)
    return RedirectResponse(f"/scenarios/{board.scenario_ids()[0]}", status_code=303)


@router.get("/scenarios/{scenario_id}", response_class=HTMLResponse)
def scenario_page(scenario_id: str, request: Request) -> Response:
    board = _board(request)
    data = board.scenario_data(scenario_id)
    charts = board.charts(scenario_id, board.position_chart_names(scenario_id) + SCENARIO_CHARTS)
    return _page(request, "scenario.html", scenario_id, data=data, charts=charts)


@router.get("/scenarios/{scenario_id}/forecast", response_class=HTMLResponse)
def forecast_page(scenario_id: str, request: Request) -> Response:
    board = _board(request)
    data = board.report(scenario_id)
    charts = board.charts(scenario_id, FORECAST_CHARTS)
    return _page(request, "forecast.html", scenario_id, data=data, charts=charts)


@router.get("/scenarios/{scenario_id}/whatif", response_class=HTMLResponse)
def whatif_page(scenario_id: str, request: Request) -> Response:
    board = _board(request)
    sliders = board.sliders(scenario_id)
    groups: dict[str, list] = {}
    for slider in sliders:
        groups.setdefault(slider.group, []).append(slider)
    result = board.whatif(scenario_id, {})
    return _page(request, "whatif.html", scenario_id, groups=groups, result=result)


@router.post("/scenarios/{scenario_id}/whatif/run", response_class=HTMLResponse)
async def whatif_run(scenario_id: str, request: Request) -> Response:
    board = _board(request)
    form = await request.form()
    raw = {k: v for k, v in form.items() if isinstance(v, str)}
    try:
        from starlette.concurrency import run_in_threadpool

        refine = request.headers.get("x-detente-refine") == "1"  # app.js asks for the full answer
        result = await run_in_threadpool(board.whatif, scenario_id, raw, full=refine)
    except SettingError as exc:
        return request.app.state.templates.TemplateResponse(
            request, "error_fragment.html", {"message": exc.one_line()}, status_code=422
        )
    partial = {} if result.get("complete", True) else {"x-detente-partial": "1"}
    return request.app.state.templates.TemplateResponse(
        request, "whatif_result.html", {"result": result}, headers=partial
    )


@router.get("/scenarios/{scenario_id}/evidence", response_class=HTMLResponse)
def evidence_page(scenario_id: str, request: Request) -> Response:
    board = _board(request)
    return _page(
        request,
        "evidence.html",
        scenario_id,
        data=board.scenario_data(scenario_id),
        documents=board.documents(scenario_id),
        sources_given=board.settings.sources is not None,
        briefing=board.briefing(scenario_id),
    )


@router.get("/scenarios/{scenario_id}/evidence/{source_id}", response_class=HTMLResponse)
def document_page(scenario_id: str, source_id: str, request: Request) -> Response:
    from detente.web.highlight import highlight

    view = _board(request).document(scenario_id, source_id)
    body = highlight(view.text, view.spans) if view.text is not None else None
    return _page(request, "document.html", scenario_id, view=view, body=body)


@router.get("/scenarios/{scenario_id}/questions", response_class=HTMLResponse)
def questions_page(scenario_id: str, request: Request) -> Response:
    data = _board(request).report(scenario_id)
    return _page(request, "questions.html", scenario_id, data=data)


@router.get("/scenarios/{scenario_id}/questions/{question_id}", response_class=HTMLResponse)
def explain_page(scenario_id: str, question_id: str, request: Request) -> Response:
    """Sync route: FastAPI runs it in its thread pool, the explanation is cached."""
    explanation = _board(request).explain(scenario_id, question_id)
    return _page(request, "explain.html", scenario_id, e=explanation)
