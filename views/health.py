"""Service health: `/health`."""

from flask_restx import Namespace, Resource

from helpers.container import health_service

ns = Namespace("health", description="Service health")


@ns.route("")
class Health(Resource):
    @ns.response(200, "The service and its database are up")
    @ns.response(503, "The database is unreachable")
    def get(self):
        """Report whether the service can reach its database"""
        if not health_service.database_is_up():
            return {"status": "degraded", "database": "unreachable"}, 503
        return {"status": "ok", "database": "ok"}
