"""Phone login: a four-digit code sent to the number, then the code for an account and a token.

The time and the codes come from `Outside`, so tests move time instead of sleeping.
"""

import math
from datetime import datetime

from flask import current_app
from sqlalchemy.orm import Session

from dao.accounts import UserDAO
from dao.model.accounts import User
from dao.model.referral import PhoneCode
from dao.referral import PhoneCodeDAO
from helpers import security, sms
from helpers.errors import Conflict, Invalid, TooManyAttempts
from service.accounts import AuthService
from service.base import Service
from service.outside import Outside
from service.seed import fixture

WRONG_CODE = "The code is wrong or has expired."
RESEND_LATER = "A code was sent to this number moments ago. Wait before asking for another."
BURNT = "Too many wrong codes: this one no longer works. Ask for a new code."
INVITE_CODE_ATTEMPTS = 10


class PhoneLoginService(Service):
    def __init__(
        self,
        users: UserDAO,
        codes: PhoneCodeDAO,
        accounts: AuthService,
        outside: Outside,
    ):
        super().__init__(users.session)
        self.users = users
        self.codes = codes
        self.accounts = accounts
        self.outside = outside

    @property
    def _config(self):
        return current_app.config

    def request_code(self, phone: str) -> str | None:
        """Store a new code for the E.164 `phone` in place of any earlier one, and send it.

        Returns what the sender lets the response show. Raises TooManyAttempts within the
        resend cool-down of the last code, unless that code was used.
        """
        now, code = self.outside.now(), self.outside.phone_code()
        fresh = {
            "code_hash": security.hash_phone_code(code, phone, self._config["SECRET_KEY"]),
            "sent_at": now,
            "expires_at": now + self._config["PHONE_CODE_TTL"],
        }
        with self._transaction():
            pending = self.codes.get_by_phone(phone)
            if pending is None:
                sent = self.codes.try_save(PhoneCode(phone=phone, **fresh))
            else:
                sent_before = now - self._config["PHONE_CODE_RESEND_AFTER"]
                sent = self.codes.replace(phone, sent_before, **fresh)
            if not sent:
                raise TooManyAttempts(RESEND_LATER, self._seconds_to_resend(pending, now))
        # After the commit: the simulated SMS delay holds no database lock.
        return sms.sender_from(self._config).send(phone, code)

    def log_in(self, phone: str, code: str) -> tuple[User, str]:
        """The account of `phone` and its API key, once `code` matches its pending code, which
        is then used up; one transaction.

        The first login creates the account with its own invite code. Raises Invalid for a
        wrong or expired code (counting the guess) and TooManyAttempts once the code is burnt.
        """
        now, max_tries = self.outside.now(), self._config["PHONE_CODE_MAX_TRIES"]
        with self._transaction():
            pending = self.codes.get_by_phone(phone, for_update=True)
            if pending is None or now >= pending.expires_at:
                failure = Invalid(WRONG_CODE, {"code": [WRONG_CODE]})
            elif pending.tries >= max_tries:
                failure = TooManyAttempts(BURNT, self._seconds_to_resend(pending, now))
            elif self._matches(pending, code) and self.codes.consume(pending, max_tries):
                user = self._account(phone)
                return user, self.accounts.api_key_for(user)
            else:
                self.codes.count_failure(pending, max_tries)
                failure = Invalid(WRONG_CODE, {"code": [WRONG_CODE]})
        raise failure  # outside the transaction: the counted guess is committed

    def _matches(self, pending: PhoneCode, code: str) -> bool:
        secret = self._config["SECRET_KEY"]
        return security.verify_phone_code(code, pending.phone, secret, pending.code_hash)

    def _seconds_to_resend(self, pending: PhoneCode | None, now: datetime) -> int:
        cool_down = self._config["PHONE_CODE_RESEND_AFTER"]
        if pending is None:  # another request stored a code a moment ago
            return math.ceil(cool_down.total_seconds())
        return math.ceil((pending.sent_at + cool_down - now).total_seconds())

    def _account(self, phone: str) -> User:
        """The number's user, created (or completed) with a unique invite code if need be.

        Each try runs in a savepoint: a taken code is retried with another, and an account
        created meanwhile by a concurrent login is used as it is.
        """
        for _ in range(INVITE_CODE_ATTEMPTS):
            user = self.users.get_by_phone(phone) or User(phone=phone)
            if user.invite_code:
                return user
            if self.users.try_save(user, {"invite_code": self.outside.invite_code()}):
                return user
        raise Conflict("No free invite code was found. Try again.")


def load_phone_users(session: Session) -> None:
    """Phone-only users (no password) with invite codes, one of whom activated another's."""
    session.add_all(User(**row) for row in fixture("phone_users")["users"])
