"""The signed-in user's profile in the shop (seed 003's own roadmap): `/api/me`."""

from flask import g
from flask_restx import Namespace, Resource

from helpers.container import shop_profile_service
from helpers.http.decorators import auth_required
from helpers.http.docs import operation
from helpers.http.schemas import OPTIONAL_BODY, answer_model, load_body, schema_model
from views.shop.schemas import MeSchema

ns = Namespace("me", description="Your profile in the shop: names and email")

me_schema, changes_schema = MeSchema(), MeSchema(partial=True)
me_model = answer_model(ns, me_schema, "ShopProfile", nullable=("email",))
changes_model = schema_model(ns, changes_schema, "ShopProfileChanges")


@ns.route("/me")
class Me(Resource):
    @operation(ns, "get_shop_profile", answers={200: ("Success", me_model)})
    @auth_required
    def get(self):
        """Get your profile (null where unset)"""
        return me_schema.dump(g.user)

    @operation(
        ns,
        "update_shop_profile",
        body=changes_model,
        params=OPTIONAL_BODY,
        answers={
            200: ("Updated", me_model),
            400: "Validation failed (an email cannot be cleared)",
            409: "Email taken by another account",
        },
    )
    @auth_required
    def patch(self):
        """Change your first name, last name or email (`null` or `""` clears a name)"""
        changes = load_body(changes_schema)
        return me_schema.dump(shop_profile_service.update(g.user, changes))
