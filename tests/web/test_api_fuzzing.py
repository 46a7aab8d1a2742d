"""Schemathesis against the app's own OpenAPI document, in-process (WSGI), bounded and seeded.

Every generated request (valid and invalid by the document) is sent with a company token and with
an agency token; a 500, a response outside its documented schema or content type, an undocumented
status, or invalid data accepted with a 2xx fails the test.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, seed, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]
EXAMPLES = {GenerationMode.POSITIVE: 40, GenerationMode.NEGATIVE: 25}  # per operation: a few hundred in all


def _operations(app):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    return [result.ok() for result in schema.get_all_operations()]


def test_the_document_covers_every_operation(app):
    assert sorted(f"{op.method.upper()} {op.path}" for op in _operations(app)) == [
        "GET /basins",
        "GET /basins/{code}",
        "GET /conventions",
        "GET /conventions/{id}",
        "GET /occupations",
        "GET /projects",
        "GET /projects/{id}",
        "GET /steering",
        "POST /projects",
    ]


@pytest.mark.slow
@pytest.mark.parametrize("mode", list(EXAMPLES), ids=lambda mode: mode.value)
def test_generated_requests_get_documented_answers(app, accounts, mode):
    tokens = [accounts["company_a"].token, accounts["agency"].token]
    for operation in _operations(app):

        @seed(17)
        @settings(
            max_examples=EXAMPLES[mode],
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy(generation_mode=mode))
        def send(case):
            for token in tokens:
                response = case.call(headers={"Authorization": f"Bearer {token}"})
                case.validate_response(response, checks=CHECKS, headers={"Authorization": f"Bearer {token}"})

        send()
