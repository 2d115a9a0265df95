"""/docs: Swagger UI served from the pinned swagger-ui-bundle-v2 package (Swagger UI 5, which reads
OpenAPI 3.1 as FastAPI writes it), never from a CDN.

Why: FastAPI's default /docs pulls its script and CSS from a CDN, which the dashboard's
own Content-Security-Policy blocks and which an offline machine cannot reach. Here the
assets come from the installed package on fixed routes, and the page's one inline
script is allowed by its sha256 in that page's policy (no 'unsafe-inline').
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, Response

from detente.web.security import CONTENT_SECURITY_POLICY
from detente.web.static_files import asset_response

DOCS_ASSETS = {
    "swagger-ui-bundle.js": ("swagger-ui-bundle.js", "text/javascript; charset=utf-8"),
    "swagger-ui.css": ("swagger-ui.css", "text/css; charset=utf-8"),
    "favicon.png": ("favicon-32x32.png", "image/png"),
}
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)

router = APIRouter(include_in_schema=False)


def swagger_ui_folder() -> Path:
    from swagger_ui_bundle import swagger_ui_path

    return Path(swagger_ui_path)


@lru_cache(maxsize=len(DOCS_ASSETS))
def docs_asset_bytes(name: str) -> bytes:
    return (swagger_ui_folder() / DOCS_ASSETS[name][0]).read_bytes()


def _policy_allowing_inline_scripts(html: str) -> str:
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
        for body in _INLINE_SCRIPT.findall(html)
    )
    return CONTENT_SECURITY_POLICY.replace("script-src 'self'", f"script-src 'self' {hashes}")


@router.get("/docs", response_class=HTMLResponse)
def swagger_ui(request: Request) -> Response:
    page = get_swagger_ui_html(
        openapi_url=request.app.openapi_url,
        title=f"{request.app.title} - API",
        swagger_js_url="/static/docs/swagger-ui-bundle.js",
        swagger_css_url="/static/docs/swagger-ui.css",
        swagger_favicon_url="/static/docs/favicon.png",
        # No validator badge: it would call an outside service.
        swagger_ui_parameters={"validatorUrl": None},
    )
    html = bytes(page.body).decode()
    return HTMLResponse(
        html, headers={"content-security-policy": _policy_allowing_inline_scripts(html)}
    )


@router.get("/static/docs/{name}")
def swagger_asset(name: str) -> Response:
    return asset_response(name, DOCS_ASSETS, docs_asset_bytes, media=1)
