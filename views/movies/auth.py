"""Accounts of the movie catalog (seed 004): `/auth/register`, `/auth/login`.

Both accept JSON or form-encoded bodies, as the course's reference tests send them.
"""

from flask_restx import Namespace, Resource

from helpers.container import auth_service
from helpers.http.limits import per_account_failures, per_address
from helpers.http.schemas import load_body, schema_model
from views.movies.schemas import LoginSchema, RefreshSchema, RegisterSchema, TokenPairSchema

ns = Namespace("auth", description="Movie catalog accounts: register, log in, refresh")

register_schema, login_schema, refresh_schema = RegisterSchema(), LoginSchema(), RefreshSchema()
pair_schema = TokenPairSchema()
register_model = schema_model(ns, register_schema)
pair_model = schema_model(ns, pair_schema)
PROFILE_LOCATION = {"Location": {"type": "string", "description": "/user/: your profile"}}


def token_pair(access: str, refresh: str) -> dict:
    return pair_schema.dump({"access_token": access, "refresh_token": refresh})


@ns.route("/register")
class Register(Resource):
    @ns.expect(register_model)
    @ns.response(201, "Created; the body is null", headers=PROFILE_LOCATION)
    @ns.response(400, "Validation failed")
    @ns.response(409, "Email taken")
    @per_address
    def post(self):
        """Create an account with an email and a password"""
        data = load_body(register_schema, allow_form=True)
        auth_service.register(data["password"], email=data["email"])
        return None, 201, {"Location": "/user/"}


@ns.route("/login")
class Login(Resource):
    @ns.expect(schema_model(ns, login_schema))
    @ns.response(200, "Success", pair_model)
    @ns.response(400, "Validation failed")
    @ns.response(401, "Wrong email or password")
    @per_account_failures
    def post(self):
        """Log in with email and password; get an access and a refresh token"""
        data = load_body(login_schema, allow_form=True)
        return token_pair(*auth_service.log_in(data["email"], data["password"]))

    @ns.expect(schema_model(ns, refresh_schema))
    @ns.response(200, "Success", pair_model)
    @ns.response(400, "Validation failed")
    @ns.response(401, "Refresh token expired, malformed or already used")
    @per_address
    def put(self):
        """Exchange a refresh token (once) for a new pair"""
        data = load_body(refresh_schema)
        return token_pair(*auth_service.refresh(data["refresh_token"], data.get("access_token")))
