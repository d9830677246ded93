"""Rules of phone login and referral profiles, straight on the services: exact waits, retries,
and a failure in the middle of a use case writes nothing."""

from datetime import timedelta

import pytest

from dao.model.accounts import User
from dao.model.referral import PhoneCode
from dao.referral import PhoneCodeDAO
from helpers import container
from helpers.errors import Conflict, Invalid, NotFound, TooManyAttempts
from helpers.pagination import PageRequest
from service.outside import Outside
from service.referral.phone_login import PhoneLoginService
from tests.referral_support import ANN, BOB, Clock, wrong


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def service(app, clock):
    """A phone login service on the test's clock, inside an app context."""
    with app.app_context():
        yield PhoneLoginService(
            container.user_dao,
            container.PhoneCodeDAO(container.session),
            container.auth_service,
            Outside(now=clock),
        )


def pending(phone: str = ANN) -> PhoneCode | None:
    container.session.expire_all()
    return PhoneCodeDAO(container.session).get_by_phone(phone)


@pytest.mark.parametrize(("elapsed", "wait"), [(0, 30), (12, 18), (29, 1)])
def test_resend_wait_is_the_rest_of_the_cool_down(service, clock, elapsed, wait):
    service.request_code(ANN)
    clock.advance(seconds=elapsed)
    with pytest.raises(TooManyAttempts) as refused:
        service.request_code(ANN)
    assert refused.value.retry_after == wait
    assert refused.value.headers() == {"Retry-After": str(wait)}


def test_a_burnt_code_names_the_wait_for_a_new_one(service, clock):
    code = service.request_code(ANN)
    clock.advance(seconds=10)
    for _ in range(5):
        with pytest.raises(Invalid):
            service.log_in(ANN, wrong(code))
    with pytest.raises(TooManyAttempts) as refused:
        service.log_in(ANN, code)
    assert refused.value.retry_after == 20
    clock.advance(seconds=25)
    with pytest.raises(TooManyAttempts) as refused:
        service.log_in(ANN, code)
    assert refused.value.retry_after == 1  # a new code may be asked for now


def test_wrong_guesses_are_committed_though_the_login_fails(service):
    code = service.request_code(ANN)
    with pytest.raises(Invalid):
        service.log_in(ANN, wrong(code))
    assert pending().tries == 1


def test_a_login_failing_midway_keeps_the_code_and_creates_nobody(service, monkeypatch):
    code = service.request_code(ANN)

    def fail(*args):
        raise RuntimeError("disk full")

    monkeypatch.setattr(container.user_dao, "try_save", fail)
    with pytest.raises(RuntimeError):
        service.log_in(ANN, code)
    monkeypatch.undo()
    assert (pending().tries, container.session.query(User).count()) == (0, 0)
    user, key = service.log_in(ANN, code)
    assert (user.phone, key) == (ANN, container.auth_service.api_key_for(user))


def test_no_free_invite_code_is_a_conflict_and_writes_nothing(service, monkeypatch):
    container.session.add(User(phone=BOB, invite_code="TAKEN1"))
    container.session.commit()
    code = service.request_code(ANN)
    service.outside.invite_code = lambda: "TAKEN1"
    with pytest.raises(Conflict):
        service.log_in(ANN, code)
    assert container.session.query(User).count() == 1
    assert pending() is not None  # the code was not spent


def test_an_activation_failing_midway_keeps_the_names(app, monkeypatch):
    with app.app_context():
        ann = User(phone=ANN, invite_code="ANN001")
        bob = User(phone=BOB, invite_code="BOB001")
        container.session.add_all([ann, bob])
        container.session.commit()

        def fail(*args):
            raise RuntimeError("disk full")

        monkeypatch.setattr(container.user_dao, "activate_invite", fail)
        changes = {"first_name": "Ann", "activated_invite_code": "BOB001"}
        with pytest.raises(RuntimeError):
            container.referral_service.update_profile(ann, ANN, changes)
        container.session.expire_all()
        assert (ann.name, ann.activated_invite_code) == (None, None)


def test_profiles_are_the_users_with_a_phone(app):
    with app.app_context():
        container.session.add_all(
            [User(phone=ANN), User(username="carl"), User(email="mia@example.com"), User(phone=BOB)]
        )
        container.session.commit()
        service = container.referral_service
        listed = service.list_profiles(PageRequest(None, 100, newest_first=True))
        assert [p.telephone_number for p in listed] == [BOB, ANN]
        assert [p.telephone_number for p in service.list_profiles(PageRequest(2, 1))] == [BOB]
        for key in ["carl", "mia@example.com"]:
            with pytest.raises(NotFound):
                service.get_profile(key)


def test_codes_live_five_minutes(service, clock):
    service.request_code(ANN)
    assert pending().expires_at - clock.now == timedelta(minutes=5)
