"""OpenAPI examples of the API's answers, kept apart from the routes so a route reads as code.

schemathesis fuzzes the server against these descriptions (tests/api/test_schemathesis.py).
"""

from __future__ import annotations

from typing import Any

from pressgraph.api import _negotiation as neg

ERR: dict[str, Any] = {
    "application/json": {
        "schema": {"type": "object", "properties": {"error": {"type": "string"}}},
        "example": {"error": "unknown entity: org/nowhere"},
    }
}
AMBIGUOUS: dict[str, Any] = {
    "application/json": {
        "schema": {
            "type": "object",
            "properties": {
                "error": {"type": "string"},
                "candidates": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {name: {"type": "string"} for name in ("iri", "id", "label")},
                    },
                },
            },
        },
        "example": {
            "error": "company='Acme' matches 2 organisations: id:org/acme-bio (Acme Bio, Inc.), "
            "id:org/acme-labs (Acme Labs Ltd); give one of them by its IRI",
            "candidates": [
                {"iri": f"https://w3id.org/pressgraph/id/{i}", "id": i, "label": label}
                for i, label in (("org/acme-bio", "Acme Bio, Inc."), ("org/acme-labs", "Acme Labs Ltd"))
            ],
        },
    }
}
PAGE_CONTENT: dict[str, dict[str, Any]] = {m: {} for m in neg.media_types(neg.PAGE_FORMATS)}


def entity_example() -> dict[str, Any]:
    return {
        "iri": "https://w3id.org/pressgraph/id/org/fda",
        "id": "org/fda",
        "label": "U.S. Food and Drug Administration",
        "types": ["pg:RegulatoryAgency"],
        "labels": ["U.S. Food and Drug Administration"],
        "aliases": ["FDA"],
        "outgoing": {},
        "incoming": {},
        "outgoing_counts": {},
        "incoming_counts": {},
        "events": [],
        "evidence": [],
        "figures": [],
        "figure_summary": {"total": 0, "by_concept": [], "by_release": []},
        "totals": {"figures": 0, "events": 0, "evidence": 0},
        "page": {"number": 1, "size": 20, "last": 1, "prev": None, "next": None},
    }


SEARCH: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {
            "application/json": {
                "example": {
                    "total": 1,
                    "limit": 50,
                    "offset": 0,
                    "items": [
                        {
                            "kind": "iri",
                            "iri": "https://w3id.org/pressgraph/id/org/fda",
                            "id": "org/fda",
                            "label": "U.S. Food and Drug Administration",
                            "types": ["pg:RegulatoryAgency"],
                        }
                    ],
                }
            },
            "text/html": {},
        }
    },
    406: {"content": ERR},
}
ENTITY: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/json": {"example": entity_example()}, **PAGE_CONTENT}},
    404: {"description": "Unknown entity", "content": ERR},
    406: {"content": ERR},
    409: {"description": "The name matches several entities (listed)", "content": AMBIGUOUS},
}
PATHS: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {
            "application/json": {
                "example": {
                    "from": "org/acme",
                    "to": "org/fda",
                    "paths": [
                        [
                            {
                                "predicate": "pg:hasProduct",
                                "direction": "out",
                                "to": {"kind": "iri", "id": "product/acme/x", "label": "X"},
                            }
                        ]
                    ],
                }
            },
            "text/html": {},
        }
    },
    404: {"content": ERR},
    409: {"description": "A name matches several entities (listed)", "content": AMBIGUOUS},
}
QUERY_LIST: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {
            "application/json": {
                "example": [
                    {
                        "name": "trials",
                        "summary": "clinical trials",
                        "columns": ["trial"],
                        "params": [
                            {
                                "name": "company",
                                "kind": "organization",
                                "required": False,
                                "description": "sponsor company IRI, name (with or without Inc.), short name or ticker",
                            }
                        ],
                    }
                ]
            },
            "text/html": {},
        }
    }
}
QUERY_RUN: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/sparql-results+json": {}, "text/html": {}, "application/json": {}}},
    400: {"content": ERR},
    404: {"description": "No company (entity) has the name or IRI a parameter gives", "content": ERR},
    408: {"content": ERR},
    409: {"description": "A company name matches several companies (listed)", "content": AMBIGUOUS},
    422: {"content": ERR},
}
RELEASE_LIST: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {
            "application/json": {
                "example": [
                    {
                        "iri": "https://w3id.org/pressgraph/id/release/x-2003-11-10",
                        "id": "x-2003-11-10",
                        "headline": "…",
                        "date": "2003-11-10",
                        "issuer": None,
                        "triples": 540,
                        "source": "x-2003-11-10.txt",
                    }
                ]
            },
            "text/html": {},
        }
    }
}
RELEASE_ONE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/json": {}, "text/html": {}}},
    404: {"content": ERR},
}
UPLOAD: dict[int | str, dict[str, Any]] = {
    201: {
        "content": {
            "application/json": {
                "example": {
                    "releases": [
                        {
                            "iri": "https://w3id.org/pressgraph/id/release/x-2003-11-10",
                            "id": "x-2003-11-10",
                            "changed": True,
                            "triples": 540,
                            "counts": {"Release": 1},
                            "validation": {"conforms": True},
                        }
                    ]
                }
            }
        }
    },
    401: {"content": ERR},
    403: {"content": ERR},
    413: {"content": ERR},
    415: {"content": ERR},
    422: {"content": ERR},
}


UPLOAD_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "file": {
                            "type": "string",
                            "format": "binary",
                            "description": "the release (.txt, .htm, .html, .nc)",
                        }
                    },
                    "required": ["file"],
                }
            }
        },
    }
}
