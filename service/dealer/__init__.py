"""The car dealer (seed 001): its accounts on the shared core, and autos known by their mark.

Its contract answers a taken name with 400, not the core's 409, so the conversion is made here.
"""

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from dao.dealer import AutoDAO
from dao.model.accounts import User
from dao.model.dealer import Auto
from helpers.errors import Invalid, NotFound
from helpers.pagination import PageRequest
from service.accounts import AuthService
from service.base import Service
from service.seed import fixture, rows

AUTO_NOT_FOUND = "Auto with that mark not found"
AUTO_EXISTS = "Auto with that mark exists"
NO_AUTOS = "No one autos found in DataBase"


class DealerService(Service):
    def __init__(self, autos: AutoDAO, auth: AuthService):
        super().__init__(autos.session)
        self.autos = autos
        self.auth = auth

    def register(self, username: str, password: str) -> User:
        """Create an account (one transaction, the core's); raise AlreadyExists if taken."""
        return self.auth.register(password, username=username)

    def log_in(self, username: str, password: str) -> str:
        """An access token for the account; raise WrongCredentials."""
        return self.auth.issue_access(self.auth.check_password(username, password))

    def get(self, mark: str, for_update: bool = False) -> Auto:
        """The auto with this mark (locked for the transaction if `for_update`); raise NotFound."""
        auto = self.autos.get_by_mark(mark, for_update)
        if auto is None:
            raise NotFound(AUTO_NOT_FOUND)
        return auto

    def stock(self, page: PageRequest) -> list[Auto]:
        """The autos in storage order (a page, or the first UNPAGED_LIMIT); raise Invalid when
        there is none at all. A page past the end is empty, as every page is."""
        autos = self.autos.page(page.offset, page.limit)
        if not autos and page.offset == 0:
            raise Invalid(NO_AUTOS)
        return autos

    def create(self, mark: str, data: dict) -> Auto:
        """Add an auto under `mark`; raise Invalid if the mark is taken."""
        try:
            with self._transaction():
                if self.autos.get_by_mark(mark) is not None:
                    raise Invalid(AUTO_EXISTS)
                return self.autos.add(Auto(mark=mark, **data))
        except IntegrityError:  # a concurrent create of the same mark won the race
            raise Invalid(AUTO_EXISTS) from None

    def update(self, mark: str, changes: dict) -> Auto:
        """Change some or all fields of the auto; raise NotFound."""
        with self._transaction():
            return self.autos.update(self.get(mark, for_update=True), changes)

    def delete(self, mark: str) -> None:
        """Remove the auto; raise NotFound."""
        with self._transaction():
            self.autos.delete(self.get(mark, for_update=True))


def load_autos(session: Session) -> None:
    session.add_all(Auto(**row) for row in rows(fixture("autos")["autos"]))
