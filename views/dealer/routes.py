"""The car dealer (seed 001): `/register`, `/auth`, `/auto/<mark>`, `/stock`.

Its errors, whatever raised them (validation, the guard, routing), answer `{"Error": "..."}`:
`render_error` is the family's dialect (views/dealer/__init__.py), on exactly its paths.
"""

from collections.abc import Iterator

from flask_restx import Namespace, Resource

from dao.model.dealer import MARK_LENGTH
from helpers.container import dealer_service
from helpers.http.decorators import auth_required
from helpers.http.docs import operation
from helpers.http.errors import ErrorReply
from helpers.http.limits import per_account_failures, per_address
from helpers.http.params import PAGE_PARAMS, page_request
from helpers.http.schemas import NO_NUL, load, load_body, schema_model
from views.accounts import UsernameLoginSchema, UsernameSignupSchema
from views.dealer.schemas import (
    AccessTokenSchema,
    AutoSchema,
    ErrorSchema,
    MarkSchema,
    MessageSchema,
)


def _problems(messages, field: str = "") -> Iterator[str]:
    """Marshmallow's messages as "field: problem. problem." each, nested fields dotted."""
    if isinstance(messages, dict):
        for name, inner in messages.items():
            inner_field = field if name == "_schema" else ".".join(filter(None, [field, str(name)]))
            yield from _problems(inner, inner_field)
        return
    sentence = " ".join(messages) if isinstance(messages, list) else str(messages)
    yield f"{field}: {sentence}" if field else sentence


def render_error(reply: ErrorReply) -> dict:
    """`{"Error": "..."}`: the message, or every field at fault with its problem, in one line."""
    return {"Error": " ".join(_problems(reply.errors)) if reply.errors else reply.message}


# Mounted at "/": its routes carry no leading slash, or Swagger would list "//register".
ns = Namespace("dealer", description="Car dealer: accounts, autos by mark, the stock")

signup_schema, login_schema, token_schema = (
    UsernameSignupSchema(),
    UsernameLoginSchema(),
    AccessTokenSchema(),
)
mark_schema, auto_schema = MarkSchema(), AutoSchema()
autos_schema, changes_schema = AutoSchema(many=True), AutoSchema(partial=True)
auto_model = schema_model(ns, auto_schema, "DealerAuto")
changes_model = schema_model(ns, changes_schema, "DealerAutoChanges", minProperties=1)
message_model = schema_model(ns, MessageSchema(), "DealerMessage")
error_model = schema_model(ns, ErrorSchema(), "DealerError")
NO_AUTO = ("No auto with that mark", error_model)
UPDATED = ("Updated", message_model)
TOO_MANY = ("Too many requests", error_model)


def message(text: str) -> dict:
    return {"Message": text}


def valid_mark(mark: str) -> str:
    return load(mark_schema, {"mark": mark})["mark"]


@ns.route("register")
class DealerRegister(Resource):
    @operation(
        ns,
        "dealer_register",
        body=schema_model(ns, signup_schema, "DealerSignup"),
        answers={
            201: ("Created", message_model),
            400: ("Username taken or validation failed", error_model),
            429: TOO_MANY,
        },
    )
    @per_address
    def post(self):
        """Create an account with a username and a password"""
        data = load_body(signup_schema, allow_form=True)
        dealer_service.register(data["username"], data["password"])
        return message("User created. Try to auth"), 201


@ns.route("auth")
class DealerAuth(Resource):
    @operation(
        ns,
        "dealer_auth",
        body=schema_model(ns, login_schema, "DealerLogin"),
        answers={
            200: ("Success", schema_model(ns, token_schema, "DealerAccessToken")),
            400: ("Validation failed", error_model),
            401: ("Invalid credentials", error_model),
            429: TOO_MANY,
        },
    )
    @per_account_failures
    def post(self):
        """Log in with username and password; get a JWT (send it as `JWT <token>`)"""
        data = load_body(login_schema, allow_form=True)
        return token_schema.dump(
            {"access_token": dealer_service.log_in(data["username"], data["password"])}
        )


@ns.route("auto/<string:mark>")
@ns.param(
    "mark",
    "The auto's mark: 1 to 100 characters, case-sensitive, URL-encoded",
    _in="path",
    minLength=1,
    maxLength=MARK_LENGTH,
    pattern=NO_NUL,
)
@ns.response(400, "Bad mark or body", error_model)
class AutoItem(Resource):
    @operation(ns, "get_auto", answers={200: ("Success", auto_model), 404: NO_AUTO})
    @auth_required
    def get(self, mark: str):
        """Get the auto with this mark"""
        return auto_schema.dump(dealer_service.get(valid_mark(mark)))

    @operation(ns, "create_auto", body=auto_model, answers={201: ("Created", message_model)})
    @auth_required
    def post(self, mark: str):
        """Add an auto with this mark (400 if the mark is taken)"""
        dealer_service.create(valid_mark(mark), load_body(auto_schema))
        return message("Auto created"), 201

    @operation(ns, "replace_auto", body=auto_model, answers={202: UPDATED, 404: NO_AUTO})
    @auth_required
    def put(self, mark: str):
        """Replace every field of the auto with this mark"""
        dealer_service.update(valid_mark(mark), load_body(auto_schema))
        return message("Auto updated"), 202

    @operation(ns, "update_auto", body=changes_model, answers={202: UPDATED, 404: NO_AUTO})
    @auth_required
    def patch(self, mark: str):
        """Change some fields of the auto with this mark"""
        dealer_service.update(valid_mark(mark), load_body(changes_schema))
        return message("Auto updated"), 202

    @operation(ns, "delete_auto", answers={202: ("Deleted", message_model), 404: NO_AUTO})
    @auth_required
    def delete(self, mark: str):
        """Delete the auto with this mark"""
        dealer_service.delete(valid_mark(mark))
        return message("Auto deleted"), 202


@ns.route("stock")
class Stock(Resource):
    @operation(
        ns,
        "dealer_stock",
        params=PAGE_PARAMS,
        answers={
            200: ("Success", [auto_model]),
            400: ("No autos at all, or a bad page or limit", error_model),
        },
    )
    @auth_required
    def get(self):
        """List the autos: a `page`, or the first UNPAGED_LIMIT (1000); 400 when there is none"""
        return autos_schema.dump(dealer_service.stock(page_request()))
