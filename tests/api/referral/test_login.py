"""Phone login (seed 002): a 4-digit code for a number, then the code for a token and an
invite code. Time is moved with the `clock` fixture, never waited for."""

import re
import threading
from datetime import timedelta

import pytest

from dao.model.accounts import User
from dao.model.referral import PhoneCode
from helpers import security
from helpers.sms import ResponseSender
from tests.conftest import build_app
from tests.referral_support import (
    ANN,
    BOB,
    CODE_KEY,
    INVITE_KEY,
    LOGIN,
    SIGNUP,
    TOKEN_KEY,
    Clock,
    install_clock,
    log_in,
    phone_login,
    request_code,
    sent_code,
    token,
    wrong,
)

FIVE_MINUTES = timedelta(minutes=5)
SECRET = "test-secret-key-with-enough-length-0123456789"
INVALID_NUMBER = "Not a valid phone number: write it as +79298284301 or 89298284301."
WRONG_CODE = {
    "message": "The code is wrong or has expired.",
    "errors": {"code": ["The code is wrong or has expired."]},
}
RESEND_LATER = {
    "message": "A code was sent to this number moments ago. Wait before asking for another."
}
BURNT = {"message": "Too many wrong codes: this one no longer works. Ask for a new code."}


@pytest.fixture
def clock(outside) -> Clock:
    return install_clock(outside)


def stored_code(query, number: str = ANN) -> PhoneCode | None:
    return query(lambda s: s.query(PhoneCode).filter_by(phone=number).one_or_none())


def users(query) -> list[tuple]:
    return query(lambda s: [(u.phone, u.invite_code) for u in s.query(User).order_by(User.id)])


def retry_after(response) -> int:
    return int(response.headers["Retry-After"])


@pytest.mark.parametrize("path", [SIGNUP, SIGNUP.rstrip("/")])
def test_signup_answers_a_four_digit_code_and_stores_only_its_hmac(client, query, clock, path):
    response = client.post(path, json={"telephone_number": "89298284301"})
    assert response.status_code == 200
    assert list(response.json) == [CODE_KEY]
    code = response.json[CODE_KEY]
    assert re.fullmatch(r"[0-9]{4}", code)
    assert "Ваш код активации" in response.get_data(as_text=True)  # not \u-escaped
    row = stored_code(query)
    assert row.code_hash == security.hash_phone_code(code, ANN, SECRET)
    assert code not in row.code_hash
    assert (row.tries, row.sent_at, row.expires_at) == (0, clock.now, clock.now + FIVE_MINUTES)
    assert users(query) == []


def test_known_numbers_get_a_code_too(client, clock):
    phone_login(client, ANN)
    response = request_code(client, ANN)
    assert response.status_code == 200
    assert list(response.json) == [CODE_KEY]


@pytest.mark.parametrize(
    "number",
    ["89298284301", "+7 929 828-43-01", "+79298284301", "8 (929) 828-43-01", " 79298284301 "],
)
def test_every_way_of_writing_a_number_is_one_account(client, query, clock, number):
    first = phone_login(client, "89298284301")
    code = sent_code(client, number)
    response = log_in(client, "+7 929 828-43-01", code)
    assert response.status_code == 200
    assert response.json == first
    assert users(query) == [(ANN, first[INVITE_KEY])]


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ({"telephone_number": "123"}, INVALID_NUMBER),
        ({"telephone_number": "not a number"}, INVALID_NUMBER),
        ({"telephone_number": "+7 000 000 00 00"}, INVALID_NUMBER),
        ({"telephone_number": "8929828430199"}, INVALID_NUMBER),
        ({"telephone_number": "+" + "9" * 40}, INVALID_NUMBER),
        ({"telephone_number": "8" * 100_000}, INVALID_NUMBER),
        ({"telephone_number": ""}, INVALID_NUMBER),
        ({"telephone_number": "   "}, INVALID_NUMBER),
        ({"telephone_number": 89298284301}, "Not a valid string."),
        ({"telephone_number": None}, "Field may not be null."),
        ({"telephone_number": ["+79298284301"]}, "Not a valid string."),
        ({}, "Missing data for required field."),
    ],
)
def test_invalid_numbers_are_400_and_store_nothing(client, query, body, problem):
    response = client.post(SIGNUP, json=body)
    assert response.status_code == 400
    assert response.json == {
        "message": "The request body is invalid.",
        "errors": {"telephone_number": [problem]},
    }
    assert query(lambda s: s.query(PhoneCode).count()) == 0


def test_unknown_fields_are_ignored_and_not_stored(client, query, clock):
    extras = {"role": "admin", "invite_code": "ADMIN1", "id": 7}
    response = client.post(SIGNUP, json={"telephone_number": ANN, "code": "1234", **extras})
    assert response.status_code == 200
    assert list(response.json) == [CODE_KEY]
    body = {"telephone_number": ANN, "code": response.json[CODE_KEY], **extras}
    response = client.post(LOGIN, json=body)
    assert response.status_code == 200
    assert response.json[INVITE_KEY] != "ADMIN1"
    user = query(lambda s: s.query(User).one())
    assert (user.id, user.phone, user.role) == (1, ANN, "user")
    assert user.invite_code == response.json[INVITE_KEY]


def test_a_second_request_within_the_cool_down_is_429_and_keeps_the_code(client, query, clock):
    code = sent_code(client, "89298284301")
    clock.advance(seconds=29)
    response = request_code(client, "+7 929 828-43-01")
    assert response.status_code == 429
    assert response.json == RESEND_LATER
    assert retry_after(response) == 1
    assert stored_code(query).code_hash == security.hash_phone_code(code, ANN, SECRET)
    assert log_in(client, ANN, code).status_code == 200


def test_after_the_cool_down_a_new_code_replaces_the_old(client, query, clock, outside):
    outside.phone_code = iter(["1111", "2222"]).__next__
    assert sent_code(client) == "1111"
    clock.advance(seconds=30)
    assert sent_code(client) == "2222"
    assert query(lambda s: s.query(PhoneCode).count()) == 1
    assert log_in(client, ANN, "1111").json == WRONG_CODE
    assert log_in(client, ANN, "2222").status_code == 200


def test_after_a_login_a_new_code_may_be_asked_for_at_once(client, clock):
    first = phone_login(client)
    second_device = log_in(client, ANN, sent_code(client))
    assert second_device.status_code == 200
    assert second_device.json == first


def test_other_numbers_are_not_held_by_the_cool_down(client, clock):
    sent_code(client, ANN)
    assert request_code(client, BOB).status_code == 200


def test_first_login_creates_a_phone_only_user_with_an_invite_code(client, query, clock):
    code = sent_code(client, "89298284301")
    response = log_in(client, "+79298284301", code)
    assert response.status_code == 200
    assert list(response.json) == [TOKEN_KEY, INVITE_KEY]
    assert re.fullmatch(r"[0-9a-f]{40}", response.json[TOKEN_KEY])
    assert re.fullmatch(r"[A-Z0-9]{6}", response.json[INVITE_KEY])
    user = query(lambda s: s.query(User).one())
    assert (user.phone, user.invite_code) == (ANN, response.json[INVITE_KEY])
    assert (user.email, user.username, user.password_hash) == (None, None, None)
    assert (user.name, user.surname, user.activated_invite_code) == (None, None, None)
    assert stored_code(query) is None  # used up


def test_later_logins_give_the_same_token_and_invite_code(client, query, clock):
    first = phone_login(client)
    assert phone_login(client) == first
    assert len(users(query)) == 1


def test_a_user_who_had_a_phone_but_no_code_gets_one(client, query, clock):
    query(lambda s: (s.add(User(phone=ANN, name="Ann")), s.commit()))
    body = phone_login(client)
    assert users(query) == [(ANN, body[INVITE_KEY])]


def test_colliding_invite_codes_are_retried(client, query, clock, outside):
    query(lambda s: (s.add(User(phone=BOB, invite_code="TAKEN1")), s.commit()))
    codes = iter(["TAKEN1", "TAKEN1", "FRESH2"])
    outside.invite_code = lambda: next(codes)
    body = phone_login(client, ANN)
    assert body[INVITE_KEY] == "FRESH2"
    assert users(query) == [(BOB, "TAKEN1"), (ANN, "FRESH2")]


def test_the_phone_token_works_on_other_families(client, clock):
    response = client.get("/user/", headers=token(phone_login(client)))
    assert response.status_code == 200
    assert response.json["email"] is None


def test_a_code_works_once(client, query, clock):
    code = sent_code(client)
    assert log_in(client, ANN, code).status_code == 200
    response = log_in(client, ANN, code)
    assert response.status_code == 400
    assert response.json == WRONG_CODE


def test_wrong_code_is_400_and_counted(client, query, clock):
    code = sent_code(client)
    response = log_in(client, ANN, wrong(code))
    assert response.status_code == 400
    assert response.json == WRONG_CODE
    assert stored_code(query).tries == 1
    assert users(query) == []


def test_no_code_requested_is_400(client, query):
    response = log_in(client, ANN, "1234")
    assert response.status_code == 400
    assert response.json == WRONG_CODE


def test_a_code_sent_to_another_number_does_not_work(client, clock):
    code = sent_code(client, BOB)
    assert log_in(client, ANN, code).json == WRONG_CODE


@pytest.mark.parametrize(("elapsed", "status"), [(299, 200), (300, 400), (3600, 400)])
def test_a_code_expires_after_five_minutes(client, query, clock, elapsed, status):
    code = sent_code(client)
    clock.advance(seconds=elapsed)
    assert log_in(client, ANN, code).status_code == status
    assert len(users(query)) == (1 if status == 200 else 0)


def test_five_wrong_codes_burn_the_code(client, query, clock):
    code = sent_code(client)
    statuses = [log_in(client, ANN, wrong(code)).status_code for _ in range(5)]
    assert statuses == [400] * 5
    response = log_in(client, ANN, code)  # even the right one, now
    assert response.status_code == 429
    assert response.json == BURNT
    assert retry_after(response) == 30
    assert stored_code(query).tries == 5
    assert users(query) == []
    assert request_code(client).status_code == 429  # still within the cool-down
    clock.advance(seconds=30)
    assert log_in(client, ANN, sent_code(client)).status_code == 200


def test_guesses_in_any_number_format_count_against_one_account(client, clock):
    """The address limiter counts failed logins per number, however the number is written."""
    formats = ["89298284301", "+7 929 828-43-01", "+79298284301", "8 929 8284301", "79298284301"]
    for _ in range(2):
        code = sent_code(client)
        assert {log_in(client, f, wrong(code)).status_code for f in formats} == {400}
        clock.advance(seconds=30)
    response = log_in(client, ANN, sent_code(client))
    assert response.status_code == 429
    assert response.json == {"message": "Too many requests. Try again later."}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"telephone_number": ANN}, "code"),
        ({"telephone_number": ANN, "code": "123"}, "code"),
        ({"telephone_number": ANN, "code": "12345"}, "code"),
        ({"telephone_number": ANN, "code": "12a4"}, "code"),
        ({"telephone_number": ANN, "code": "١٢٣٤"}, "code"),
        ({"telephone_number": ANN, "code": 1234}, "code"),
        ({"telephone_number": ANN, "code": None}, "code"),
        ({"telephone_number": ANN, "code": "1" * 10_000}, "code"),
        ({"code": "1234"}, "telephone_number"),
        ({"telephone_number": "123", "code": "1234"}, "telephone_number"),
    ],
)
def test_bad_login_bodies_are_400(client, query, clock, body, field):
    sent_code(client)
    response = client.post(LOGIN, json=body)
    assert response.status_code == 400
    assert field in response.json["errors"]
    assert stored_code(query).tries == 0  # a malformed body is not a guess
    assert users(query) == []


@pytest.mark.parametrize("path", [LOGIN, LOGIN.rstrip("/")])
def test_login_path_works_with_and_without_slash(client, clock, path):
    code = sent_code(client)
    assert client.post(path, json={"telephone_number": ANN, "code": code}).status_code == 200


def test_the_simulated_sms_waits_the_configured_delay():
    waits = []
    sender = ResponseSender({"SMS_DELAY_SECONDS": "1.5"}, sleep=waits.append)
    assert sender.send(ANN, "4821") == "4821"
    assert waits == [1.5]


class SilentSender:
    """A sender that delivers the code elsewhere and shows nothing in the response."""

    sent: list = []

    def __init__(self, config):
        pass

    def send(self, phone: str, code: str) -> None:
        self.sent.append((phone, code))


def test_the_sender_is_chosen_by_configuration(tmp_path):
    client = build_app(tmp_path, SMS_SENDER=f"{__name__}.SilentSender").test_client()
    response = request_code(client, "89298284301")
    assert response.status_code == 200
    assert response.json == {}
    assert [phone for phone, _ in SilentSender.sent] == [ANN]
    assert log_in(client, ANN, SilentSender.sent[0][1]).status_code == 200


def in_parallel(app, calls) -> list:
    """Run each call with its own test client, all released at once; return their answers."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(i, call):
        client = app.test_client()
        barrier.wait()
        results[i] = call(client)

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.parametrize("round_", range(5))
def test_two_first_logins_of_one_number_at_once_make_one_user(app, client, query, round_):
    number = f"+7929828430{round_}"
    code = sent_code(client, number)
    responses = in_parallel(app, [lambda c: log_in(c, number, code)] * 2)
    assert sorted(r.status_code for r in responses) == [200, 400]
    winner = next(r for r in responses if r.status_code == 200)
    assert users(query) == [(number, winner.json[INVITE_KEY])]


def test_two_first_code_requests_at_once_store_one_code(app, query):
    responses = in_parallel(app, [lambda c: request_code(c, ANN)] * 2)
    assert sorted(r.status_code for r in responses) == [200, 429]
    code = next(r.json[CODE_KEY] for r in responses if r.status_code == 200)
    assert stored_code(query).code_hash == security.hash_phone_code(code, ANN, SECRET)


def test_swagger_documents_the_phone_login_family(client):
    spec = client.get("/swagger.json").json
    paths = spec["paths"]
    assert set(paths["/api/v1/auth/signup"]) == {"post"}
    assert set(paths["/api/v1/auth/code"]) == {"post"}
    assert {"get"} <= set(paths["/api/v1/users/"])
    assert {"get", "patch", "post"} <= set(paths["/api/v1/users/{key}"])
    assert paths["/api/v1/users/{key}"]["patch"]["security"] == [{"Authorization": []}]
    assert "security" not in paths["/api/v1/auth/code"]["post"]
    assert set(spec["definitions"]["ReferralProfile"]["properties"]) == {
        "first_name",
        "last_name",
        "username",
        "telephone_number",
        "invite_code",
        "activated_invite_code",
        "invite_code_list",
    }
