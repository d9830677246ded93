"""Service health: `/health`."""

from flask_restx import Namespace, Resource

from helpers.container import health_service
from helpers.http.docs import operation
from helpers.http.limits import shared_store_status
from views.family import Family

ns = Namespace("health", description="Service health")
UP = (
    "The service and its database are up. With REDIS_URL set, `rate_limits` says whether "
    'Redis answers; while it does not, `status` is "degraded" and each worker counts '
    "the rate limits alone"
)


@ns.route("")
class Health(Resource):
    @operation(ns, answers={200: UP, 503: "The database is unreachable"})
    def get(self):
        """Report whether the service can reach its database (and its rate-limit store)"""
        if not health_service.database_is_up():
            return {"status": "degraded", "database": "unreachable"}, 503
        store = shared_store_status()
        if store is None:
            return {"status": "ok", "database": "ok"}
        return {
            "status": "ok" if store == "ok" else "degraded",
            "database": "ok",
            "rate_limits": store,
        }


FAMILY = Family(name="health", namespaces=((ns, "/health"),))
