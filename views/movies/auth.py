"""Accounts of the movie catalog (seed 004): `/auth/register`, `/auth/login`.

Both accept JSON or form-encoded bodies, as the course's reference tests send them.
"""

from flask_restx import Namespace, Resource

from helpers.container import auth_service
from helpers.http.docs import VALIDATION_FAILED, operation
from helpers.http.limits import per_account_failures, per_address
from helpers.http.schemas import load_body, schema_model
from views.movies.schemas import LoginSchema, RefreshSchema, RegisterSchema, TokenPairSchema

ns = Namespace("auth", description="Movie catalog accounts: register, log in, refresh")

register_schema, login_schema, refresh_schema = RegisterSchema(), LoginSchema(), RefreshSchema()
pair_schema = TokenPairSchema()
register_model = schema_model(ns, register_schema)
pair_model = schema_model(ns, pair_schema)
NEW_PAIR = ("Success", pair_model)
PROFILE_LOCATION = {"Location": {"type": "string", "description": "/user/: your profile"}}


def token_pair(access: str, refresh: str) -> dict:
    return pair_schema.dump({"access_token": access, "refresh_token": refresh})


@ns.route("/register")
class Register(Resource):
    @operation(
        ns,
        body=register_model,
        answers={
            201: ("Created; the body is null", None, {"headers": PROFILE_LOCATION}),
            400: VALIDATION_FAILED,
            409: "Email taken",
        },
    )
    @per_address
    def post(self):
        """Create an account with an email and a password"""
        data = load_body(register_schema, allow_form=True)
        auth_service.register(data["password"], email=data["email"])
        return None, 201, {"Location": "/user/"}


@ns.route("/login")
class Login(Resource):
    @operation(
        ns,
        body=schema_model(ns, login_schema),
        answers={200: NEW_PAIR, 400: VALIDATION_FAILED, 401: "Wrong email or password"},
    )
    @per_account_failures
    def post(self):
        """Log in with email and password; get an access and a refresh token"""
        data = load_body(login_schema, allow_form=True)
        return token_pair(*auth_service.log_in(data["email"], data["password"]))

    @operation(
        ns,
        body=schema_model(ns, refresh_schema),
        answers={
            200: NEW_PAIR,
            400: VALIDATION_FAILED,
            401: "Refresh token expired, malformed or already used",
        },
    )
    @per_address
    def put(self):
        """Exchange a refresh token (once) for a new pair"""
        data = load_body(refresh_schema)
        return token_pair(*auth_service.refresh(data["refresh_token"], data.get("access_token")))
