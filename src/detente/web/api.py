"""JSON endpoints: every page's data, documented in the OpenAPI schema at /openapi.json."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field

from detente.web.documents import DocumentView
from detente.web.service import Dashboard

router = APIRouter(prefix="/api", tags=["data"])


class WhatIfRequest(BaseModel):
    """Slider values by scenario path; values equal to the scenario's own are ignored."""

    model_config = ConfigDict(extra="forbid")
    settings: dict[str, float] = Field(
        default_factory=dict,
        max_length=400,
        examples=[{"positions.RUS.territory.position": 60}],
    )


def dashboard(request: Request) -> Dashboard:
    return request.app.state.dashboard


def document_json(view: DocumentView, with_text: bool) -> dict[str, Any]:
    return {
        "id": view.id,
        "title": view.title,
        "published": view.published,
        "after_as_of": view.after_as_of,
        "available": view.available,
        "length": len(view.text) if view.text is not None else None,
        "problems": list(view.problems),
        "spans": [s.__dict__ for s in view.spans],
        **({"text": view.text} if with_text else {}),
    }


@router.get("/scenarios", summary="Scenarios served by this dashboard")
def list_scenarios(request: Request) -> dict[str, Any]:
    """`scenarios`: id, title and as-of date of each scenario this dashboard serves."""
    board = dashboard(request)
    return {
        "scenarios": [
            {"id": s, "title": board.scenario(s).title, "as_of": board.scenario(s).as_of}
            for s in board.scenario_ids()
        ]
    }


@router.get("/scenarios/{scenario_id}", summary="Scenario page: actors, issues, positions")
def scenario_json(scenario_id: str, request: Request) -> dict[str, Any]:
    """`scenario`: dates, actors, issues with their scale anchors, arenas, sources;
    `positions`: per issue, every actor's position (low, mode, high) and salience;
    `network`: actors and relations (kind, from, to, strength mode, low, high);
    `structure`: the declared roles (war, tracks, votes, packages, relations, dynamics
    with provenance, events, expectations: scenario.structure_view)."""
    data = dashboard(request).scenario_data(scenario_id)
    return {
        "scenario": data["scenario"],
        "positions": data["positions"],
        "network": data["network"],
        "structure": data["structure"],
    }


@router.get("/scenarios/{scenario_id}/forecast", summary="Forecast page: the forecast summary")
def forecast_json(scenario_id: str, request: Request) -> dict[str, Any]:
    """`summary`: analysis.forecast_summary as JSON (outcome classes at 3/6/12 months with
    standard errors, settlement per issue with 10/50/90th percentiles, drivers, question
    answers, open questions); `sanity`: warnings on extreme results with their top
    drivers; `path`: class shares and binomial SEs at every round day; `cycle`: share of
    runs in each state of the negotiation cycle per round; `tornado`: P(agreement by the
    horizon) with each driver low vs high; `event_paths`: the ten most common compressed
    event paths with shares; `settlement_distribution`: per issue a histogram of settled
    values, actors' positions and the static models' weighted mean and median."""
    data = dashboard(request).report(scenario_id)
    return {"runs": data["runs"], "seed": data["seed"], **data["forecast"]}


@router.get("/scenarios/{scenario_id}/whatif", summary="What-if page: the sliders offered")
def whatif_sliders(scenario_id: str, request: Request) -> dict[str, Any]:
    """`sliders`: path, label, group, range, step and the scenario's own value of each."""
    return {"sliders": [s.__dict__ for s in dashboard(request).sliders(scenario_id)]}


@router.post(
    "/scenarios/{scenario_id}/whatif",
    summary="Re-run with changed sliders; baseline vs what-if on common random numbers",
)
def whatif_run(
    scenario_id: str, body: WhatIfRequest, request: Request, full: bool = False
) -> dict[str, Any]:
    """analysis.whatif's WhatIfResult as JSON: per date and outcome class the baseline,
    the what-if and their paired difference with its SE; settlement and question changes.
    A fresh setting is answered at once from a smaller run (`complete` false, `runs` the
    count used, `full_runs` the full count) and refined in the background: ask again
    for the full answer, or pass `?full=true` to wait for it.
    422 for a path that is not a slider or a value outside its range."""
    return dashboard(request).whatif(scenario_id, dict(body.settings), full=full)


@router.get("/scenarios/{scenario_id}/evidence", summary="Evidence page: parameters and sources")
def evidence_json(scenario_id: str, request: Request) -> dict[str, Any]:
    """`parameters`: each parameter with its evidence id, source, offsets and claim (or its
    assumption); `documents`: the sources (or the evidence store's documents), no text."""
    board = dashboard(request)
    return {
        "parameters": board.scenario_data(scenario_id)["evidence"],
        "documents": [document_json(v, False) for v in board.documents(scenario_id)],
    }


@router.get(
    "/scenarios/{scenario_id}/evidence/{source_id}",
    summary="One source document with its cited spans (offsets into its normalised text)",
)
def document_api(scenario_id: str, source_id: str, request: Request) -> dict[str, Any]:
    """The document's normalised text and its spans (cited pointers, or extracted
    mentions, quotes, events, stances from the store); the text is data, never markup."""
    return document_json(dashboard(request).document(scenario_id, source_id), True)


@router.get(
    "/documents/{file_name}",
    summary="A document of the sources folder by plain file name (no paths)",
)
def folder_document_api(file_name: str, request: Request) -> dict[str, Any]:
    """A file of --sources by plain name; 400 for anything that looks like a path."""
    return document_json(dashboard(request).folder_document(file_name), True)


@router.get("/scenarios/{scenario_id}/questions", summary="Questions page: answers with SEs")
def questions_json(scenario_id: str, request: Request) -> dict[str, Any]:
    """The default question set's answers (probability and SE) and the open questions."""
    summary = dashboard(request).report(scenario_id)["forecast"]["summary"]
    return {
        "question_set": summary["question_set"],
        "questions": summary["questions"],
        "open_questions": summary["open_questions"],
    }


@router.get(
    "/scenarios/{scenario_id}/questions/{question_id}",
    summary="Explain one question: paths to yes, its drivers, three runs as dated stories",
)
def explain_json(scenario_id: str, question_id: str, request: Request) -> dict[str, Any]:
    """analysis.explain's Explanation as JSON: `paths` (share of yes-runs and no-runs on
    each compressed event path, P(yes | path)), `drivers` (Spearman rho with the run's
    0/1 answer), `examples` (runs told day by day)."""
    return dashboard(request).explain(scenario_id, question_id)
