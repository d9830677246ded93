"""Accounts and credentials: registration, password login, token refresh, request auth."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from flask import current_app
from sqlalchemy.exc import IntegrityError

from dao.accounts import ApiTokenDAO, SpentRefreshTokenDAO, UserDAO
from dao.model.accounts import ROLE_USER, ApiToken, SpentRefreshToken, User
from helpers import security
from helpers.errors import AlreadyExists, Unauthorized, WrongCredentials
from service.base import Service
from service.outside import Outside

EMAIL_TAKEN = "A user with this email already exists."
USERNAME_TAKEN = "A user with this username already exists."
NO_CREDENTIALS = "Authentication credentials were not provided."
BAD_TOKEN = "The token is invalid or expired."
# The course's reference backend's words for a refresh token it cannot read (its tests check).
EXPIRED_REFRESH = "Expired refresh token"
SPENT_TOKEN = "This refresh token has already been used."


class AuthService(Service):
    def __init__(
        self,
        users: UserDAO,
        api_tokens: ApiTokenDAO,
        spent: SpentRefreshTokenDAO,
        outside: Outside,
    ):
        super().__init__(users.session)
        self.users = users
        self.api_tokens = api_tokens
        self.spent = spent
        self.outside = outside

    @property
    def _config(self):
        return current_app.config

    def register(
        self,
        password: str,
        email: str | None = None,
        username: str | None = None,
        role: str = ROLE_USER,
    ) -> User:
        """Create a password account; raise AlreadyExists if the email or username is taken."""
        password_hash = self.hash_password(password)
        with self._taken_meanwhile(email):
            with self._transaction():
                return self._add_user(password_hash, email, username, role)

    def register_with_api_key(self, password: str, username: str) -> tuple[User, str]:
        """Create a username account and its API key, in one transaction; raise AlreadyExists."""
        password_hash = self.hash_password(password)
        with self._taken_meanwhile(None):
            with self._transaction():
                user = self._add_user(password_hash, None, username, ROLE_USER)
                return user, self.api_key_for(user)

    def hash_password(self, password: str) -> str:
        """The password's hash. Hashing is slow on purpose (about 80 ms of scrypt): callers do
        it before their transaction, so SQLite's write lock is never held meanwhile."""
        return security.hash_password(password, self._config["PASSWORD_HASH_METHOD"])

    @contextmanager
    def _taken_meanwhile(self, email: str | None) -> Iterator[None]:
        """A concurrent sign-up with the same email or username commits first: the unique
        index refuses this one, which is then taken like any other."""
        try:
            yield
        except IntegrityError:
            raise AlreadyExists(EMAIL_TAKEN if email else USERNAME_TAKEN) from None

    def _add_user(
        self, password_hash: str, email: str | None, username: str | None, role: str
    ) -> User:
        if email and self.users.get_by_email(email):
            raise AlreadyExists(EMAIL_TAKEN)
        if username and self.users.get_by_username(username):
            raise AlreadyExists(USERNAME_TAKEN)
        return self.users.add(
            User(email=email, username=username, password_hash=password_hash, role=role)
        )

    def account_id(self, login: str) -> int | None:
        """The id of the account whose email, username or phone number is `login`, if any."""
        user = (
            self.users.get_by_email(login)
            or self.users.get_by_username(login)
            or self.users.get_by_phone(login)
        )
        return user.id if user else None

    def check_password(self, login: str, password: str) -> User:
        """Return the user whose email or username is `login`; raise WrongCredentials otherwise.

        It only reads: call it before any transaction, as the check is slow (see hash_password).
        """
        user = self.users.get_by_email(login) or self.users.get_by_username(login)
        stored_hash = user.password_hash if user else None
        if not security.verify_password(
            password, stored_hash, self._config["PASSWORD_HASH_METHOD"]
        ):
            raise WrongCredentials()
        return user

    def log_in(self, login: str, password: str) -> tuple[str, str]:
        """A fresh (access, refresh) pair for the account `login` names; raise
        WrongCredentials."""
        return self.issue_pair(self.check_password(login, password))

    def issue_pair(self, user: User) -> tuple[str, str]:
        """A fresh (access, refresh) pair of JWTs for the user."""
        return self._issue(user, security.ACCESS), self._issue(user, security.REFRESH)

    def issue_access(self, user: User) -> str:
        return self._issue(user, security.ACCESS)

    def api_key_for(self, user: User) -> str:
        """The user's API key: the same one every time until it is revoked."""
        with self._transaction():
            secret = self._config["SECRET_KEY"]
            token = self.api_tokens.get_for_user(user.id)
            if token is None:
                seed = security.new_api_key_seed()
                key_hash = security.digest_api_key(security.derive_api_key(seed, secret))
                token = self.api_tokens.add(ApiToken(user_id=user.id, seed=seed, key_hash=key_hash))
            return security.derive_api_key(token.seed, secret)

    def revoke_api_key(self, user: User) -> None:
        """Delete the user's API key; the next `api_key_for` makes a new one."""
        with self._transaction():
            self.api_tokens.delete_for_user(user.id)

    def refresh(self, refresh_token: str, access_token: str | None = None) -> tuple[str, str]:
        """Spend a refresh token for a new pair; raise Unauthorized if it is not good for it.

        The access token, when given, must be ours and the same user's; it may have expired.
        """
        with self._transaction():
            claims = self._decode(refresh_token, security.REFRESH, message=EXPIRED_REFRESH)
            user = self._current_user(claims)
            if access_token is not None:
                if (
                    self._decode(access_token, security.ACCESS, verify_exp=False)["sub"]
                    != claims["sub"]
                ):
                    raise Unauthorized(BAD_TOKEN)
            expires_at = datetime.fromtimestamp(claims["exp"], UTC)
            spent = SpentRefreshToken(jti=claims["jti"], user_id=user.id, expires_at=expires_at)
            # Stored only once, whoever is first: a concurrent second use is refused too.
            if self.spent.is_spent(claims["jti"]) or not self.spent.try_save(spent):
                raise Unauthorized(SPENT_TOKEN)
            return self.issue_pair(user)

    def authenticate(self, header: str | None) -> User:
        """The user behind an `Authorization` header (Bearer/JWT <jwt> or Token <key>)."""
        scheme, _, credential = (header or "").strip().partition(" ")
        credential = credential.strip()
        if not credential:
            raise Unauthorized(NO_CREDENTIALS)
        scheme = scheme.lower()
        if scheme in ("bearer", "jwt"):
            return self._current_user(self._decode(credential, security.ACCESS))
        if scheme == "token":
            token = self.api_tokens.get_by_digest(security.digest_api_key(credential))
            user = self.users.get_detached(token.user_id) if token is not None else None
            if user is not None:  # a key whose user is gone names no one
                return user
        raise Unauthorized(BAD_TOKEN)

    def _issue(self, user: User, token_type: str) -> str:
        ttl = self._config[
            "ACCESS_TOKEN_TTL" if token_type == security.ACCESS else "REFRESH_TOKEN_TTL"
        ]
        return security.issue_token(
            user.id,
            user.token_version,
            token_type,
            ttl,
            self._config["SECRET_KEY"],
            self.outside.now(),
        )

    def _decode(
        self, token: str, token_type: str, verify_exp: bool = True, message: str = BAD_TOKEN
    ) -> dict:
        now = self.outside.now() if verify_exp else None
        try:
            return security.decode_token(token, self._config["SECRET_KEY"], token_type, now)
        except security.InvalidToken:
            raise Unauthorized(message) from None

    def _current_user(self, claims: dict) -> User:
        """The token's user, unless the token predates their last password change."""
        user = self.users.get_detached(int(claims["sub"]))
        if user is None or claims["ver"] != user.token_version:
            raise Unauthorized(BAD_TOKEN)
        return user
