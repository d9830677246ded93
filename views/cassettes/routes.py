"""VHS cassette shop (seed 000): `/api/auth/signup`, `/api/auth/token`, `/api/cassetes/`.

`/api/cassettes/` (the correct spelling) answers exactly like the seed's `/api/cassetes/`.
Reading cassettes is public and ignores any Authorization header; writing needs any user.
"""

from flask import g
from flask_restx import Namespace, Resource

from helpers.container import auth_service, cassette_service, token_account_service
from helpers.http.decorators import auth_required
from helpers.http.docs import operation
from helpers.http.limits import per_account_failures, per_address
from helpers.http.params import ORDER_PARAMS, PAGE_PARAMS, page_request
from helpers.http.schemas import load_body, load_query, schema_model, schema_params
from views.accounts import UsernameLoginSchema, UsernameSignupSchema
from views.cassettes.schemas import (
    CassetteFilterSchema,
    CassetteSchema,
    TokenReplySchema,
)
from views.kit import Rows, crud_routes

ns = Namespace("vhs", description="VHS cassette shop: accounts with an API token, cassettes")

signup_schema, login_schema, reply_schema = (
    UsernameSignupSchema(),
    UsernameLoginSchema(),
    TokenReplySchema(),
)
reply_model = schema_model(ns, reply_schema, "VhsToken")

cassette_schema, filter_schema = CassetteSchema(), CassetteFilterSchema()
LIST_PARAMS = {**schema_params(filter_schema), **PAGE_PARAMS, **ORDER_PARAMS}
cassettes_schema, changes_schema = CassetteSchema(many=True), CassetteSchema(partial=True)
cassette_model = schema_model(ns, cassette_schema, "Cassette")
changes_model = schema_model(ns, changes_schema, "CassetteChanges")


def token_reply(user, key: str) -> dict:
    return reply_schema.dump({"token": key, "user": user})


@ns.route("/auth/signup")
class Signup(Resource):
    @operation(
        ns,
        "vhs_sign_up",
        body=schema_model(ns, signup_schema, "VhsSignup"),
        answers={201: ("Created", reply_model), 400: "Validation failed or username taken"},
    )
    @per_address
    def post(self):
        """Create an account with a username and a password; get its API token"""
        data = load_body(signup_schema)
        user, key = token_account_service.sign_up(data["username"], data["password"])
        return token_reply(user, key), 201


@ns.route("/auth/token")
class ApiToken(Resource):
    @operation(
        ns,
        "vhs_log_in",
        body=schema_model(ns, login_schema, "VhsLogin"),
        answers={200: ("Success", reply_model), 400: "Validation failed or wrong credentials"},
    )
    @per_account_failures
    def post(self):
        """Log in; get your API token (the same one every time until it is revoked)"""
        data = load_body(login_schema)
        return token_reply(*token_account_service.log_in(data["username"], data["password"]))

    @operation(ns, "vhs_revoke_token", answers={204: "Revoked"})
    @auth_required
    def delete(self):
        """Revoke your API token; the next log-in gets a new one"""
        auth_service.revoke_api_key(g.user)
        return "", 204


cassettes = Rows(
    noun="cassette",
    service=cassette_service,
    schema=cassette_schema,
    model=cassette_model,
    changes_model=changes_model,
    guard=auth_required,
    patch_answers_row=False,
    summaries={
        "post": "Add a cassette (quantity 0 unless given)",
        "put": "Replace a cassette (a left-out quantity stays as it is)",
    },
)


def add_cassette_routes(spelling: str, note: str = "") -> None:
    """The list and item resources of cassettes at `/api/<spelling>/`."""

    @operation(
        ns,
        f"list_{spelling}",
        params=LIST_PARAMS,
        answers={200: ("Success", [cassette_model]), 400: "Bad filter, page or limit"},
    )
    def list_cassettes(self):
        """List cassettes: all of them, or one `page`; filter by title and director"""
        filters = load_query(filter_schema)
        return cassettes_schema.dump(cassette_service.search(page_request(ordered=True), **filters))

    doc = {"description": note} if note else None
    crud_routes(ns, cassettes, list_cassettes, f"/{spelling}", spelling, spelling, doc)


add_cassette_routes("cassetes")
add_cassette_routes("cassettes", "Alias of the same path spelt `cassetes` (the seed's spelling).")
