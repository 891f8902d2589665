"""Extraction: one module per fact family, each returning typed records (``pressgraph.model``).

The library's one-call entry point is :func:`pressgraph.extract` (in :mod:`pressgraph.library`);
this package holds the extractors it runs, through :mod:`pressgraph.pipeline`.
"""
