"""The ``according`` command line: a thin layer over the Python API."""

from according.cli.app import app, main

__all__ = ["app", "main"]
