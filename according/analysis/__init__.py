"""Analyses over stored records: event clusters (one happening, many reports)."""
