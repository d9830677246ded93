"""Whether the service can work: today, whether its database answers."""

from sqlalchemy.exc import SQLAlchemyError

from dao.base import ping
from service.base import Service


class HealthService(Service):
    def database_is_up(self) -> bool:
        """True when a trivial query reaches the database; never raises."""
        try:
            ping(self.session)
        except SQLAlchemyError:
            self.session.rollback()
            return False
        return True
