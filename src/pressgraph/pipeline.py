"""The pipeline from a release file to its RDF graph: read → extract → resolve → map.

Entry points used by every later stage (validate, store, API, CLI):

* :func:`read_path` — the Documents in a file (a full submission yields one per EX-99 exhibit).
* :func:`extract_document` — all records extracted from one Document.
* :func:`build_release_graphs` — the RDF of each release in a file, ready to validate or store.
"""
