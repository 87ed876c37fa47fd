"""The HTTP side of according: a read-only API over the store, a map page and its docs.

``create_app(store_url, token=None)`` builds the FastAPI application; ``according serve``
runs it with uvicorn. See docs/server.md.
"""

from according.server.app import create_app

__all__ = ["create_app"]
