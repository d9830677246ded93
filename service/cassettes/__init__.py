"""The VHS cassette shop (seed 000): accounts that hold one API token, and the cassettes."""

from datetime import date

from sqlalchemy.orm import Session

from dao.cassettes import CassetteDAO
from dao.model.accounts import User
from dao.model.cassettes import Cassette
from helpers.pagination import PageRequest
from service.accounts import AuthService
from service.base import Service
from service.crud import CrudService
from service.seed import fixture, rows


class TokenAccountService(Service):
    """Sign up or log in with a username and a password to get the user's API key.

    (The shop answers a taken username and wrong credentials with 400, as Django REST Framework
    does: its error dialect says so, in views/cassettes/.)
    """

    def __init__(self, auth: AuthService):
        super().__init__(auth.session)
        self.auth = auth

    def sign_up(self, username: str, password: str) -> tuple[User, str]:
        """Create the account and its API key together; raise AlreadyExists if it is taken."""
        return self.auth.register_with_api_key(password, username)

    def log_in(self, login: str, password: str) -> tuple[User, str]:
        """The user's API key, the same until revoked; raise WrongCredentials.

        The password is checked before the key's transaction: a wrong one writes nothing.
        """
        user = self.auth.check_password(login, password)
        return user, self.auth.api_key_for(user)


class CassetteService(CrudService):
    """Cassettes: get, create, update and delete as any catalog entry, and search."""

    def __init__(self, cassettes: CassetteDAO):
        super().__init__(cassettes, "Cassette")
        self.cassettes = cassettes

    def search(
        self, page: PageRequest, title: str | None = None, director: str | None = None
    ) -> list[Cassette]:
        """The cassettes whose title and director contain the given texts, ignoring case."""
        return self.cassettes.search(page.offset, page.limit, page.newest_first, title, director)


def load_cassettes(session: Session) -> None:
    """A dozen VHS-era films with their real release dates (the cassette shop's demo stock)."""
    session.add_all(
        Cassette(**{**row, "released": date.fromisoformat(row["released"])})
        for row in rows(fixture("cassettes")["cassettes"])
    )
