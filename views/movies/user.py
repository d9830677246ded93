"""The signed-in user's profile (seed 004): `/user/`, `/user/password`."""

from flask import g
from flask_restx import Namespace, Resource

from helpers.container import user_service
from helpers.http.decorators import auth_required
from helpers.http.docs import operation
from helpers.http.limits import per_account_failures
from helpers.http.schemas import OPTIONAL_BODY, answer_model, load_body, schema_model
from views.movies.schemas import PasswordChangeSchema, ProfileSchema

ns = Namespace("user", description="Your own profile and password")

profile_schema, password_schema = ProfileSchema(), PasswordChangeSchema()
profile_model = answer_model(ns, profile_schema, "Profile")
changes_model = schema_model(ns, profile_schema, "ProfileChanges")


@ns.route("/")
class Profile(Resource):
    @operation(ns, answers={200: ("Success", profile_model)})
    @auth_required
    def get(self):
        """Get your profile"""
        return profile_schema.dump(g.user)

    @operation(
        ns,
        body=changes_model,
        params=OPTIONAL_BODY,
        answers={200: ("Updated", profile_model), 400: "Validation failed or unknown genre"},
    )
    @auth_required
    def patch(self):
        """Change your name, surname or favourite genre (`null` or `""` clears one)"""
        changes = load_body(profile_schema)
        return profile_schema.dump(user_service.update_profile(g.user, changes))


@ns.route("/password")
class Password(Resource):
    @operation(
        ns,
        body=schema_model(ns, password_schema, "PasswordChange"),
        answers={
            200: "Changed (the body is null); every earlier token stops working",
            400: "Validation failed or wrong current password",
            429: "Too many wrong current passwords, or requests; see Retry-After",
        },
    )
    @auth_required
    @per_account_failures
    def put(self):
        """Change your password (`password_1` current, `password_2` new)"""
        data = load_body(password_schema)
        current = data.get("password_1", data.get("old_password"))
        new = data.get("password_2", data.get("new_password"))
        user_service.change_password(g.user, current, new)
        return None
