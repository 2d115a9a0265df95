"""The local dashboard as a FastAPI application (server-rendered pages + JSON endpoints).

``create_app(settings)`` is the only entry point: the CLI (``detente serve``), the
tests and the load benchmark all build the app the same way.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.middleware.trustedhost import TrustedHostMiddleware

from detente.scenario.errors import DetenteError
from detente.web import api, api_docs, pages, static_files
from detente.web.documents import NotFound, UnsafePath
from detente.web.security import (
    BodyLimitMiddleware,
    CrossSiteRequestMiddleware,
    SecurityHeadersMiddleware,
)
from detente.web.service import Dashboard
from detente.web.settings import WebSettings


def _status(exc: DetenteError) -> int:
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, UnsafePath):
        return 400
    return 422


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    app.state.dashboard.close()  # the what-if worker processes end with the server


def create_app(settings: WebSettings | None = None) -> FastAPI:
    """Build the dashboard for ``settings`` (scenarios are loaded and validated now)."""
    settings = settings or WebSettings()
    app = FastAPI(
        lifespan=_lifespan,
        title="detente dashboard",
        description="Forecasts of war-ending negotiations: scenario, forecast, what-if, "
        "evidence and questions. Every page's data is also a JSON endpoint under /api.",
        version="0.1.0",
        docs_url=None,  # served by api_docs from the installed package, not a CDN
        redoc_url=None,
    )
    app.state.dashboard = Dashboard(settings)
    app.state.templates = pages.templates()

    @app.exception_handler(DetenteError)
    async def detente_error(request: Request, exc: DetenteError) -> JSONResponse:
        status = _status(exc)
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": exc.one_line()}, status_code=status)
        return app.state.templates.TemplateResponse(
            request,
            "error.html",
            {
                "status": status,
                "message": exc.one_line(),
                "scenario_id": None,
                "scenario_ids": [],
            },
            status_code=status,
        )

    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(static_files.router)
    app.include_router(api_docs.router)
    app.add_middleware(CrossSiteRequestMiddleware)
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(settings.allowed_hosts))
    app.add_middleware(BodyLimitMiddleware, limit=settings.max_body_bytes)
    return app
