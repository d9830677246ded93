"""Passwords are hashed and checked outside every transaction, and a change is conditional.

A hash or a check costs about 80 ms of scrypt; inside a transaction it would hold SQLite's
write lock that long (tests/gates/test_write_lock.py shows what that did to orders).
"""

import pytest

from dao.model.accounts import ApiToken, User
from helpers import container, security
from helpers.errors import DomainError, Invalid
from service.base import _IN_TRANSACTION

OLD, NEW = "old-password-1", "new-password-1"


@pytest.fixture
def hashing_log(app, monkeypatch):
    """Whether a transaction was open at each hash or check of a password."""
    log = []

    def recording(function):
        def record(*args, **kwargs):
            log.append(bool(container.session.info.get(_IN_TRANSACTION)))
            return function(*args, **kwargs)

        return record

    monkeypatch.setattr(security, "hash_password", recording(security.hash_password))
    monkeypatch.setattr(security, "verify_password", recording(security.verify_password))
    with app.app_context():
        yield log


def wrong_login(log_in):
    with pytest.raises(DomainError):
        log_in("nobody", OLD)


@pytest.mark.parametrize(
    "use_case",
    [
        lambda: container.auth_service.register(OLD, email="ann@example.com"),
        lambda: container.token_account_service.sign_up("rick", OLD),
        lambda: container.dealer_service.register("carl", OLD),
        lambda: wrong_login(container.token_account_service.log_in),
        lambda: wrong_login(container.dealer_service.log_in),
    ],
    ids=["register", "cassette-sign-up", "dealer-register", "cassette-log-in", "dealer-log-in"],
)
def test_no_transaction_is_open_while_a_password_is_hashed_or_checked(hashing_log, use_case):
    use_case()
    assert hashing_log == [False]


def test_a_password_change_hashes_and_checks_outside_its_transaction(hashing_log):
    user = container.auth_service.register(OLD, email="ann@example.com")
    hashing_log.clear()
    container.user_service.change_password(user, OLD, NEW)
    assert hashing_log == [False, False]


def test_of_two_changes_made_with_the_same_password_only_the_first_applies(app):
    with app.app_context():
        user, _ = container.token_account_service.sign_up("rick", OLD)
        # Two requests, each with the user as its guard read it: version 0, the old password.
        first, second = (container.user_dao.get_detached(user.id) for _ in range(2))
        container.user_service.change_password(first, OLD, NEW)
        with pytest.raises(Invalid, match="The current password is wrong."):
            container.user_service.change_password(second, OLD, "third-password-1")
        container.session.expire_all()
        stored = container.session.get(User, user.id)
        assert stored.token_version == 1
        assert security.verify_password(
            NEW, stored.password_hash, app.config["PASSWORD_HASH_METHOD"]
        )
        assert container.session.query(ApiToken).count() == 0
