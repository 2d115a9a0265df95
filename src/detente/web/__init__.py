"""The local web dashboard (FastAPI + jinja2 + htmx): build it with ``create_app``."""
