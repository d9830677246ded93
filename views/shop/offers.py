"""Special offers of the shop (seed 003's roadmap): `/api/offers`, `/api/offers/<id>`.

Everyone sees the offers active now; admins see every offer and edit them. Orders apply them.
"""

from flask import current_app
from flask_restx import Namespace, Resource

from helpers.container import offer_service
from helpers.http.decorators import admin_required, require_admin, viewer_is_admin
from helpers.http.docs import operation
from helpers.http.schemas import OPTIONAL_BODY, load_body, load_query, schema_model, schema_params
from views.shop.schemas import OfferListingSchema, OfferSchema

ns = Namespace("offers", description="Special offers: the active ones for all; admins edit them")

offer_schema, offers_schema = OfferSchema(), OfferSchema(many=True)
changes_schema, listing_schema = OfferSchema(partial=True), OfferListingSchema()
offer_model = schema_model(ns, offer_schema)
changes_model = schema_model(ns, changes_schema, "OfferChanges")
NOT_FOUND = "No such offer (for anyone but an admin: none active now)"
ADMINS_ONLY = "`all=true` by someone who is not an admin"
BAD_OFFER = "Validation failed, unknown product, or terms that do not fit the kind"


@ns.route("/")
class OfferList(Resource):
    @operation(
        ns,
        "list_offers",
        params=schema_params(listing_schema),
        answers={
            200: ("Success", [offer_model]),
            400: "Bad `all`",
            401: "`all=true` without valid credentials",
            403: ADMINS_ONLY,
        },
    )
    def get(self):
        """List the offers active now (an admin, with `all=true`: every offer)

        A plain list by id, of at most UNPAGED_LIMIT (1000) offers.
        """
        everything = load_query(listing_schema)["everything"]
        if everything:
            require_admin()
        return offers_schema.dump(
            offer_service.listing(everything, current_app.config["UNPAGED_LIMIT"])
        )

    @operation(
        ns,
        "create_offer",
        body=offer_model,
        answers={201: ("Created", offer_model), 400: BAD_OFFER},
    )
    @admin_required
    def post(self):
        """Create an offer (admin)"""
        return offer_schema.dump(offer_service.create(load_body(offer_schema))), 201


@ns.route("/<int:offer_id>")
@ns.response(404, NOT_FOUND)
class OfferItem(Resource):
    @operation(ns, "get_offer", answers={200: ("Success", offer_model)})
    def get(self, offer_id: int):
        """Get one offer: any to an admin, an active one to others"""
        return offer_schema.dump(offer_service.visible(offer_id, viewer_is_admin()))

    @operation(
        ns,
        "update_offer",
        body=changes_model,
        params=OPTIONAL_BODY,
        answers={200: ("Updated", offer_model), 400: BAD_OFFER},
    )
    @admin_required
    def patch(self, offer_id: int):
        """Change some fields of an offer (admin); orders placed already keep their prices"""
        return offer_schema.dump(offer_service.update(offer_id, load_body(changes_schema)))

    @operation(
        ns, "delete_offer", answers={204: "Deleted; orders placed with it keep their discounts"}
    )
    @admin_required
    def delete(self, offer_id: int):
        """Delete an offer (admin)"""
        offer_service.delete(offer_id)
        return "", 204
