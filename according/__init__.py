"""according: structured, checkable records of political events from news reports.

Who did what, to whom, where and when, according to whom. The CLI (``according``) is a
thin layer over this API::

    import according
    from according.batch import ingest
    report = according.read("report.html", page_date="2024-07-27")
    with according.Store("according.db") as store:
        ingest(store, ["reports/"])
        for event in store.events(category="PROTEST"):
            ...
"""

from according._version import __version__
from according.pipeline.core import Pipeline, read
from according.records import Report
from according.settings import Settings


def __getattr__(name: str) -> object:
    # The store pulls in SQLAlchemy and Alembic; load it only when asked for.
    if name == "Store":
        from according.store import Store

        return Store
    raise AttributeError(name)


__all__ = ["Pipeline", "Report", "Settings", "Store", "__version__", "read"]
