"""Static assets: htmx from the installed django-js-lib-htmx package, and our small CSS.

Why a fixed table instead of a static directory mount: no file name from the URL ever
reaches the file system, so there is nothing to traverse.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from importlib import resources

from fastapi import APIRouter, HTTPException
from fastapi.responses import Response

HTMX_PACKAGE = "js_lib_htmx"
HTMX_PATH = ("static", "htmx", "htmx.min.js")

ASSETS = {
    "htmx.min.js": ("text/javascript; charset=utf-8", (HTMX_PACKAGE, *HTMX_PATH)),
    "style.css": ("text/css; charset=utf-8", ("detente.report", "templates", "style.css")),
    "app.js": ("text/javascript; charset=utf-8", ("detente.web", "static", "app.js")),
}

router = APIRouter(include_in_schema=False)


@lru_cache(maxsize=len(ASSETS))
def asset_bytes(name: str) -> bytes:
    package, *parts = ASSETS[name][1]
    node = resources.files(package)
    for part in parts:
        node = node.joinpath(part)
    return node.read_bytes()


def asset_response(name: str, known: dict, read: Callable[[str], bytes], media: int) -> Response:
    """A packaged file served by name (404 for any other name), cached for an hour."""
    if name not in known:
        raise HTTPException(status_code=404, detail="no such asset")
    return Response(
        read(name),
        media_type=known[name][media],
        headers={"cache-control": "public, max-age=3600"},
    )


@router.get("/static/{name}")
def static_asset(name: str) -> Response:
    return asset_response(name, ASSETS, asset_bytes, media=0)
