"""Phone login and referral profiles (seed 002): `/api/v1/auth/…`, `/api/v1/users/…`.

Logging in by phone gives the shared opaque API token, good on every family's endpoints.
"""

from flask import g
from flask_restx import Namespace, Resource

from helpers.container import phone_login_service, referral_service
from helpers.http.decorators import auth_required
from helpers.http.docs import BAD_PAGE, operation
from helpers.http.limits import per_account_failures, per_address
from helpers.http.params import ORDER_PARAMS, PAGE_PARAMS, page_request
from helpers.http.schemas import NO_NUL, OPTIONAL_BODY, answer_model, load_body, schema_model
from views.referral.schemas import (
    CodeRequestSchema,
    CodeSentSchema,
    PhoneLoginResultSchema,
    PhoneLoginSchema,
    ReferralProfileSchema,
)

auth_ns = Namespace("phone-auth", description="Phone login: a code by SMS, then an API token")
users_ns = Namespace("profiles", description="Profiles and invite codes of phone users")

request_schema, sent_schema = CodeRequestSchema(), CodeSentSchema()
login_schema, result_schema = PhoneLoginSchema(), PhoneLoginResultSchema()
profile_schema, profiles_schema = ReferralProfileSchema(), ReferralProfileSchema(many=True)
update_schema = ReferralProfileSchema(partial=True)
changes_model = schema_model(users_ns, update_schema, "ReferralProfileChanges")
profile_model = answer_model(users_ns, profile_schema, "ReferralProfile")
KEY_DOC = {"key": {"description": "A username, or a phone number in any format", "pattern": NO_NUL}}
# The doc of a profile's change, by PATCH or by the seed's POST.
PROFILE_CHANGE = {
    "body": changes_model,
    "params": OPTIONAL_BODY,
    "answers": {
        200: ("Updated", profile_model),
        400: "Validation failed, username taken, own code, or already activated",
        403: "Not your profile",
    },
}


@auth_ns.route("/signup")
class CodeRequest(Resource):
    @operation(
        auth_ns,
        "request_phone_code",
        body=schema_model(auth_ns, request_schema),
        answers={
            200: ("Code sent (the simulated SMS shows it)", schema_model(auth_ns, sent_schema)),
            400: "Invalid phone number",
            429: "A code was sent moments ago; see Retry-After",
        },
    )
    @per_address
    def post(self):
        """Send a 4-digit login code to a phone number"""
        data = load_body(request_schema)
        shown = phone_login_service.request_code(data["telephone_number"])
        return sent_schema.dump({"code": shown} if shown is not None else {})


@auth_ns.route("/code")
class CodeLogin(Resource):
    @operation(
        auth_ns,
        "log_in_with_phone_code",
        body=schema_model(auth_ns, login_schema),
        answers={
            200: ("Logged in", schema_model(auth_ns, result_schema)),
            400: "Wrong or expired code, or invalid phone number",
            429: "Too many wrong codes; see Retry-After",
        },
    )
    @per_account_failures
    def post(self):
        """Log in with the code: get your API token and invite code"""
        data = load_body(login_schema)
        user, token = phone_login_service.log_in(data["telephone_number"], data["code"])
        return result_schema.dump({"token": token, "invite_code": user.invite_code})


@users_ns.route("/")
class ProfileList(Resource):
    @operation(
        users_ns,
        "list_referral_profiles",
        params=PAGE_PARAMS | ORDER_PARAMS,
        answers={200: ("Success", [profile_model]), 400: BAD_PAGE},
    )
    @auth_required
    def get(self):
        """List profiles: all of them, or one `page`"""
        return profiles_schema.dump(referral_service.list_profiles(page_request(ordered=True)))


@users_ns.route("/<string:key>")
@users_ns.doc(params=KEY_DOC)
@users_ns.response(404, "No user has this username or phone number")
class ProfileItem(Resource):
    @operation(users_ns, "get_referral_profile", answers={200: ("Success", profile_model)})
    @auth_required
    def get(self, key: str):
        """Get a profile by username or phone number"""
        return profile_schema.dump(referral_service.get_profile(key))

    @operation(users_ns, "update_referral_profile", **PROFILE_CHANGE)
    @auth_required
    def patch(self, key: str):
        """Change your profile or activate someone's invite code"""
        return update_profile(key)

    @operation(users_ns, "update_referral_profile_by_post", **PROFILE_CHANGE)
    @auth_required
    def post(self, key: str):
        """Change your profile (the seed's POST, same as PATCH)"""
        return update_profile(key)


def update_profile(key: str) -> dict:
    changes = load_body(update_schema)
    return profile_schema.dump(referral_service.update_profile(g.user, key, changes))
