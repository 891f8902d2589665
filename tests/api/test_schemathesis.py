"""Property-based fuzzing of the whole OpenAPI description against the live server: no 5xx.

Bounded to 30 examples per operation (about 330 in all) so it runs well under a minute.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

pytestmark = pytest.mark.server


@schemathesis.serializer("application/sparql-query")
def _sparql_body(ctx, value) -> dict:
    """Send a generated SPARQL query body as UTF-8 text (schemathesis has no built-in one)."""
    text = value if isinstance(value, str) else str(value)
    return {"data": text.encode("utf-8", errors="replace")}


@pytest.fixture(scope="session")
def api_schema(live):
    return schemathesis.openapi.from_url(live.url + "/openapi.json")


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=30, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case) -> None:
    response = case.call(timeout=15)
    assert response.status_code < 500, (case.method, case.formatted_path, response.text[:300])
    case.validate_response(response, checks=[not_a_server_error])
