"""The package version, in a module of its own so that code inside the package (the
pipeline's stamp) can read it without importing ``according/__init__``, which imports
the pipeline: that was an import cycle. pyproject.toml reads it from here."""

__version__ = "0.1.0"
