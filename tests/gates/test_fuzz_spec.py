"""Property-based fuzzing of every operation in our own `/swagger.json`, and in the OpenAPI 3.1
form of the same document at `/openapi.json` (schemathesis).

Each operation gets generated requests, valid (positive) and invalid (negative), sent in
process to one app with an admin's token, and every answer must be no server error, carry a
documented status code and content type, and match the documented response model.
"""

import atexit
import os
import re
import shutil
import sys
import tempfile
from functools import cache
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.checks import (
    allow_header_conformance,
    content_type_conformance,
    ignored_auth,
    missing_required_header,
    negative_data_rejection,
    not_a_server_error,
    positive_data_acceptance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)

from dao.model import db
from helpers.container import auth_service
from helpers.http.schemas import BLANK
from service.cassettes import load_cassettes
from service.dealer import load_autos
from service.referral.phone_login import load_phone_users
from service.seed import load_demo
from service.shop.products import load_products
from tests.conftest import PASSWORD, build_app

MAX_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", 40))
# The 3.1 document is made from the 2.0 one: a lighter run proves its form, not the API again.
MAX_EXAMPLES_31 = int(os.environ.get("FUZZ_EXAMPLES_31", 10))


def _fuzz_app():
    """The one app under test, on its own copy of the SQLite template (no database test).

    It exists at import: schemathesis parametrizes the test at collection from the spec this
    app serves, and checks that send a request again (ignored_auth) send it to this app.
    Rate limits are off (tests/api/test_rate_limits.py covers them; here they would turn the
    generated requests into 429s) and the simulated SMS does not wait.
    """
    folder = Path(tempfile.mkdtemp(prefix="storefront-fuzz-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return build_app(folder, RATELIMIT_ENABLED=False, SMS_DELAY_SECONDS=0)


APP = _fuzz_app()
schema = schemathesis.openapi.from_wsgi("/swagger.json", APP)
schema_31 = schemathesis.openapi.from_wsgi("/openapi.json", APP)
for loaded in (schema, schema_31):
    loaded.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE])

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
    negative_data_rejection,
    positive_data_acceptance,
    missing_required_header,
    unsupported_method,
    allow_header_conformance,
    ignored_auth,
]


class AdminToken:
    """An admin's access token on every request, so admin-only operations are reached too."""

    def get(self, case, ctx) -> str:
        return admin_access_token()

    def set(self, case, token: str, ctx) -> None:
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}


for loaded in (schema, schema_31):
    loaded.auth()(AdminToken)


@cache
def admin_access_token() -> str:
    with APP.app_context():
        admin = auth_service.register(PASSWORD, email="fuzz-admin@example.com", role="admin")
        access, _ = auth_service.issue_pair(admin)
        db.session.remove()
    return access


@pytest.fixture(scope="module", autouse=True)
def fuzz_state():
    """Every family's demo data, so that answers have something in them, and an order whose
    product is gone (its part answers `product: null`)."""
    with APP.app_context():
        load_demo(db.session, load_autos, load_cassettes, load_phone_users, load_products)
        db.session.commit()
    client, headers = APP.test_client(), {"Authorization": f"Bearer {admin_access_token()}"}
    order = {"parts": [{"product": 1, "quantity_in_order": 1}]}
    assert client.post("/api/order", json=order, headers=headers).status_code == 201
    assert client.delete("/api/products/1", headers=headers).status_code == 204
    yield
    with APP.app_context():
        db.session.remove()
        db.engine.dispose()


# Contracts Swagger 2.0 states only in part, each still under every check:
# - PATCH /api/cassetes/{cassette_id} answers 204 and no body: a 204 documented without a schema.
# - the car dealer's `{"Error": ...}` bodies: its operations document the DealerError model.
# - form-encoded bodies (POST /auth/register, /auth/login, /register, /auth): an operation
#   documents a JSON body or form fields, never both, so only the JSON shape is documented
#   and fuzzed here; tests/api/movies/test_auth.py and tests/api/dealer/test_accounts.py
#   send the forms.
#
# Contracts that answer a schema-valid request with 400 for a reason no schema can hold
# (the state of the data, or a rule a static Swagger 2.0 document cannot state).
RULE_400 = positive_data_acceptance
# Checks left out for one operation each, and why. Every other check runs everywhere.
EXCLUDED: dict[str, dict] = {
    "POST /api/auth/signup": {RULE_400: "a taken username is 400 (seed 000's contract)"},
    "POST /api/auth/token": {RULE_400: "wrong credentials are 400 (seed 000's contract)"},
    "POST /register": {RULE_400: "a taken username is 400 (seed 001's contract)"},
    "POST /auto/{mark}": {RULE_400: "a taken mark is 400 (seed 001's contract)"},
    "GET /stock": {RULE_400: "an empty stock is 400 (seed 001's contract)"},
    "POST /api/order": {RULE_400: "an unknown product or short stock is 400 (seed 003)"},
    "GET /api/products/": {RULE_400: "min_price above max_price is 400: no schema compares two"},
    "POST /api/v1/auth/signup": {
        RULE_400: "a phone number's validity is the phonenumbers library's; no pattern holds it"
    },
    "POST /api/v1/auth/code": {RULE_400: "a wrong or expired code is 400 (seed 002)"},
    "PUT /user/password": {RULE_400: "a wrong current password is 400 (seed 004)"},
    "PATCH /user/": {RULE_400: "an unknown genre id is 400 (seed 004)"},
}
# With both `status` and `state`, `status` decides and `state` is not read (seed 004's tests send
# both): no schema says one parameter silences another, so a bad `state` beside it is accepted.
for path in (
    "/movies/",
    "/genres/",
    "/directors/",
    "/api/cassetes/",
    "/api/cassettes/",
    "/api/v1/users/",
):
    EXCLUDED.setdefault(f"GET {path}", {})[negative_data_rejection] = (
        "a bad `state` is ignored when `status` is sent too"
    )
for label in ("POST /api/offers/", "PATCH /api/offers/{offer_id}"):
    EXCLUDED[label] = {
        RULE_400: "an offer's fields must fit its kind, its window must not be empty and its "
        "product must exist: rules across fields, which Swagger 2.0 cannot state"
    }
for method in ("POST", "PUT", "PATCH"):
    for spelling in ("cassetes", "cassettes"):
        path = f"/api/{spelling}/" if method == "POST" else f"/api/{spelling}/{{cassette_id}}"
        EXCLUDED[f"{method} {path}"] = {
            RULE_400: "`released` must not be in the future: a rule about today, not a schema"
        }
    path = "/movies/" if method == "POST" else "/movies/{movie_id}"
    EXCLUDED[f"{method} {path}"] = {
        RULE_400: "an unknown genre or director id is 400, and a trailer must pass "
        "marshmallow's URL rules (a host with a top-level domain), which no format states"
    }
    path = "/api/products/" if method == "POST" else "/api/products/{product_id}"
    EXCLUDED[f"{method} {path}"] = {
        negative_data_rejection: "a price may be a JSON number too, "
        "and Swagger 2.0 has no union type: it documents the string we answer",
        RULE_400: "an image must pass marshmallow's URL rules (a host with a top-level "
        "domain), which no format states",
    }
for method in ("PATCH", "POST"):
    EXCLUDED[f"{method} /api/v1/users/{{key}}"] = {
        RULE_400: "a taken username, one's own invite code or a second activation is 400 (seed 002)"
    }


def fuzzing(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=os.environ.get("FUZZ_RANDOM") is None,
        database=None,
        # How long generating takes depends on the schemas and the machine's load, not the API.
        suppress_health_check=list(HealthCheck),
    )


def honours_its_spec(case) -> None:
    case.call_and_validate(
        checks=CHECKS, excluded_checks=list(EXCLUDED.get(case.operation.label, {}))
    )


@schema.parametrize()
@fuzzing(MAX_EXAMPLES)
def test_operation_honours_its_spec(case):
    honours_its_spec(case)


# JSON Schema 2020-12 (OpenAPI 3.1) counts 1.0 as an integer, and the API takes integers
# written as such: on the 3.1 document the checks of what is accepted or refused would only
# find that. The input rules are fuzzed on the 2.0 document; here, that every answer is as the
# 3.1 document says.
INPUT_CHECKS = {negative_data_rejection, positive_data_acceptance}


@schema_31.parametrize()
@fuzzing(MAX_EXAMPLES_31)
def test_operation_honours_its_openapi_31_spec(case):
    case.call_and_validate(
        checks=[check for check in CHECKS if check not in INPUT_CHECKS],
        excluded_checks=list(EXCLUDED.get(case.operation.label, {})),
    )


def test_the_documented_blank_characters_are_what_trimming_removes():
    """Trimmed text is documented with BLANK spelt out; it must be exactly `str.strip()`'s."""
    blank = re.compile(f"[{BLANK}]")
    for code in range(sys.maxunicode + 1):
        assert bool(blank.fullmatch(chr(code))) == chr(code).isspace(), hex(code)


def additional_properties(node, where: str = "") -> list[tuple[str, object]]:
    """Every `additionalProperties` in a spec document, with where it is."""
    if isinstance(node, list):
        return [
            found
            for n, item in enumerate(node)
            for found in additional_properties(item, f"{where}/{n}")
        ]
    if not isinstance(node, dict):
        return []
    found = [(where, node["additionalProperties"])] if "additionalProperties" in node else []
    for key, value in node.items():
        found += additional_properties(value, f"{where}/{key}")
    return found


def test_the_spec_never_forbids_extra_properties():
    """Every family ignores body fields it does not know: no model may say they are refused."""
    response = APP.test_client().get("/swagger.json")
    assert response.status_code == 200
    assert response.json["definitions"]  # the models are there to check
    assert [found for found in additional_properties(response.json) if found[1] is False] == []
