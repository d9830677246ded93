"""Profiles of the phone login family (seed 002): read anyone's, change your own, and
activate someone else's invite code once."""

import pytest
from sqlalchemy import event

from dao.model import db
from dao.model.accounts import User
from tests.conftest import bearer
from tests.referral_support import (
    ANN,
    BOB,
    CAT,
    INVITE_KEY,
    USERS,
    Clock,
    install_clock,
    phone_login,
    token,
)

NO_SUCH_USER = {"message": "No user has this username or phone number."}
UNCHANGED = (None, None, None, None)  # name, surname, username, activated code of a new user


@pytest.fixture
def clock(outside) -> Clock:
    return install_clock(outside)


@pytest.fixture
def ann(client, clock) -> dict:
    """Ann, logged in by phone: her login answer."""
    return phone_login(client, ANN)


@pytest.fixture
def bob(client, clock) -> dict:
    return phone_login(client, BOB)


def profile(**fields) -> dict:
    blank = {
        "first_name": "",
        "last_name": "",
        "username": "",
        "telephone_number": "",
        "invite_code": "",
        "activated_invite_code": "",
        "invite_code_list": [],
    }
    return {**blank, **fields}


def sign_up(client, path: str, username: str) -> None:
    """Open an account with a username and password on another family's form."""
    response = client.post(path, json={"username": username, "password": "1"})
    assert response.status_code == 201


@pytest.fixture
def others(client, make_user) -> None:
    """Accounts without a phone, one per other family: not profiles of this one."""
    make_user("mia@example.com")
    sign_up(client, "/api/auth/signup", "rick")
    sign_up(client, "/register", "carl")


def accounts(query) -> list[tuple]:
    return query(
        lambda s: [
            (u.email, u.username, u.phone, u.name, u.surname, u.activated_invite_code, u.role)
            for u in s.query(User).order_by(User.id)
        ]
    )


def stored(query, phone: str) -> tuple:
    user = query(lambda s: s.query(User).filter_by(phone=phone).one())
    return user.name, user.surname, user.username, user.activated_invite_code


def test_profiles_need_credentials(client):
    assert client.get(USERS).status_code == 401
    assert client.get(USERS + ANN).status_code == 401
    assert client.patch(USERS + ANN, json={"first_name": "Ann"}).status_code == 401


@pytest.mark.parametrize("path", [USERS, USERS.rstrip("/")])
def test_list_shows_only_users_with_a_phone(client, others, ann, bob, path):
    response = client.get(path, headers=token(ann))
    assert response.status_code == 200
    assert response.json == [
        profile(telephone_number=ANN, invite_code=ann[INVITE_KEY]),
        profile(telephone_number=BOB, invite_code=bob[INVITE_KEY]),
    ]


@pytest.mark.parametrize(
    ("query_string", "listed"),
    [
        ("page=1&limit=1", [ANN]),
        ("page=2&limit=1", [BOB]),
        ("page=3&limit=1", []),
        ("page=2", []),
        ("limit=5", [ANN, BOB]),
        ("status=new", [BOB, ANN]),
        ("status=NEW&page=2&limit=1", [ANN]),
        ("status=old", [ANN, BOB]),
        ("state=new&limit=1", [BOB]),
        ("status=old&state=new", [ANN, BOB]),
        ("status=new&state=old", [BOB, ANN]),
    ],
)
def test_list_pages_count_only_phone_users(client, make_user, clock, query_string, listed):
    make_user("mia@example.com")
    logins = {ANN: phone_login(client, ANN)}
    sign_up(client, "/api/auth/signup", "rick")
    logins[BOB] = phone_login(client, BOB)
    sign_up(client, "/register", "carl")
    response = client.get(f"{USERS}?{query_string}", headers=token(logins[ANN]))
    assert response.status_code == 200
    assert response.json == [
        profile(telephone_number=number, invite_code=logins[number][INVITE_KEY])
        for number in listed
    ]


@pytest.mark.parametrize("query_string", ["limit=0", "page=0", "limit=101"])
def test_bad_list_paging_is_400(client, ann, query_string):
    response = client.get(f"{USERS}?{query_string}", headers=token(ann))
    assert response.status_code == 400
    assert response.json["message"] == "Invalid paging parameters."


def test_a_state_other_than_new_is_400(client, ann):
    response = client.get(USERS + "?state=old", headers=token(ann))
    assert response.status_code == 400
    assert response.json == {
        "message": "Invalid paging parameters.",
        "errors": {"state": ['Must be "new" (newest first); leave it out for storage order.']},
    }


def test_list_reads_invitees_in_a_fixed_number_of_queries(app, client, query, ann):
    def add_users(count: int, start: int) -> None:
        def add(session):
            for i in range(start, start + count):
                inviter = User(phone=f"+7916000{i:04d}", invite_code=f"CODE{i:02d}")
                invitee = User(phone=f"+7916100{i:04d}", activated_invite_code=f"CODE{i:02d}")
                session.add_all([inviter, invitee])
            session.commit()

        query(add)

    def statements() -> int:
        count = 0

        def counter(*args):
            nonlocal count
            count += 1

        with app.app_context():
            engine = db.engine
        event.listen(engine, "before_cursor_execute", counter)
        try:
            response = client.get(USERS, headers=token(ann))
        finally:
            event.remove(engine, "before_cursor_execute", counter)
        assert response.status_code == 200
        return count

    add_users(2, 0)
    few = statements()
    add_users(10, 2)
    assert statements() == few
    listed = client.get(USERS, headers=token(ann)).json
    assert listed[1] == profile(
        telephone_number="+79160000000", invite_code="CODE00", invite_code_list=["+79161000000"]
    )


@pytest.mark.parametrize(
    "key",
    [ANN, "89298284301", "+7 929 828-43-01", "8%20(929)%20828-43-01", "79298284301"],
)
def test_detail_by_phone_in_any_format(client, ann, key):
    for path in [USERS + key, USERS + key + "/"]:
        response = client.get(path, headers=token(ann))
        assert response.status_code == 200, path
        assert response.json == profile(telephone_number=ANN, invite_code=ann[INVITE_KEY])


def test_detail_by_username(client, ann, bob):
    client.patch(USERS + BOB, json={"username": "bob"}, headers=token(bob))
    response = client.get(USERS + "bob/", headers=token(ann))
    assert response.status_code == 200
    assert response.json == profile(
        username="bob", telephone_number=BOB, invite_code=bob[INVITE_KEY]
    )


@pytest.mark.parametrize(
    "key", ["nobody", CAT, "123", "x" * 5000, "1" * 300, "+", "-1", "99999999999999999999"]
)
def test_unknown_user_is_404(client, ann, key):
    response = client.get(USERS + key, headers=token(ann))
    assert response.status_code == 404
    assert response.json == NO_SUCH_USER


@pytest.mark.parametrize("key", ["rick", "carl", "mia@example.com", "rick/"])
@pytest.mark.parametrize("method", ["get", "patch", "post"])
def test_an_account_without_a_phone_is_not_found(client, query, others, ann, key, method):
    before = accounts(query)
    response = getattr(client, method)(USERS + key, json={"first_name": "X"}, headers=token(ann))
    assert response.status_code == 404
    assert response.json == NO_SUCH_USER
    assert accounts(query) == before


def test_an_account_without_a_phone_is_not_found_by_its_owner(client, query, others, clock):
    rick = client.post("/api/auth/token", json={"username": "rick", "password": "1"}).json
    headers = {"Authorization": f"Token {rick['token']}"}
    before = accounts(query)
    for method in ["get", "patch", "post"]:
        response = getattr(client, method)(
            USERS + "rick/", json={"first_name": "X"}, headers=headers
        )
        assert response.status_code == 404
        assert response.json == NO_SUCH_USER
    assert accounts(query) == before


@pytest.mark.parametrize("username", [ANN, "89298284301"])
def test_a_dealer_username_like_a_phone_number_does_not_hide_the_phone_user(
    client, query, ann, username
):
    sign_up(client, "/register", username)
    response = client.get(USERS + username, headers=token(ann))
    assert response.status_code == 200
    assert response.json == profile(telephone_number=ANN, invite_code=ann[INVITE_KEY])
    changed = client.patch(USERS + username, json={"first_name": "Ann"}, headers=token(ann))
    assert changed.status_code == 200
    assert changed.json == profile(
        first_name="Ann", telephone_number=ANN, invite_code=ann[INVITE_KEY]
    )
    assert stored(query, ANN) == ("Ann", None, None, None)
    dealer = query(lambda s: s.query(User).filter_by(username=username).one())
    assert (dealer.phone, dealer.name) == (None, None)


def test_other_families_credentials_read_profiles(client, user_headers, ann):
    response = client.get(USERS + ANN, headers=user_headers)
    assert response.status_code == 200
    assert response.json["telephone_number"] == ANN


@pytest.mark.parametrize("method", ["patch", "post"])
def test_owner_changes_names_and_username(client, query, ann, method):
    body = {"first_name": " Анна ", "last_name": "Смирнова", "username": "anna"}
    response = getattr(client, method)(USERS + "89298284301/", json=body, headers=token(ann))
    assert response.status_code == 200
    assert response.json == profile(
        first_name="Анна",
        last_name="Смирнова",
        username="anna",
        telephone_number=ANN,
        invite_code=ann[INVITE_KEY],
    )
    assert stored(query, ANN) == ("Анна", "Смирнова", "anna", None)
    assert client.get("/user/", headers=token(ann)).json["name"] == "Анна"  # one name


def test_null_or_blank_clears_a_name(client, query, ann):
    body = {"first_name": "Ann", "last_name": "Lee"}
    client.patch(USERS + ANN, json=body, headers=token(ann))
    response = client.patch(
        USERS + ANN, json={"first_name": None, "last_name": "  "}, headers=token(ann)
    )
    assert response.status_code == 200
    assert response.json == profile(telephone_number=ANN, invite_code=ann[INVITE_KEY])
    assert stored(query, ANN) == UNCHANGED


@pytest.mark.parametrize("body", [{"username": "anna"}, {"role": "admin"}, {}])
def test_a_change_keeps_the_names_it_does_not_send(client, query, ann, body):
    client.patch(USERS + ANN, json={"first_name": "Ann", "last_name": "Lee"}, headers=token(ann))
    response = client.patch(USERS + ANN, json=body, headers=token(ann))
    assert response.status_code == 200
    assert (response.json["first_name"], response.json["last_name"]) == ("Ann", "Lee")
    assert stored(query, ANN) == ("Ann", "Lee", body.get("username"), None)


def test_unknown_and_read_only_fields_are_ignored_and_not_stored(client, query, ann, bob):
    body = {
        "first_name": "Ann",
        "telephone_number": CAT,
        "invite_code": "AAAAAA",
        "invite_code_list": [BOB],
        "role": "admin",
        "id": 9,
        "password": "correct-horse-9",
    }
    response = client.patch(USERS + ANN, json=body, headers=token(ann))
    assert response.status_code == 200
    assert response.json == profile(
        first_name="Ann", telephone_number=ANN, invite_code=ann[INVITE_KEY]
    )
    user = query(lambda s: s.query(User).filter_by(phone=ANN).one())
    assert (user.id, user.name, user.invite_code) == (1, "Ann", ann[INVITE_KEY])
    assert (user.role, user.password_hash) == ("user", None)
    assert query(lambda s: s.query(User).filter_by(phone=CAT).count()) == 0
    assert client.get(USERS + BOB, headers=token(bob)).json["invite_code_list"] == []


def test_an_empty_change_changes_nothing(client, query, ann):
    response = client.patch(USERS + ANN, json={}, headers=token(ann))
    assert response.status_code == 200
    assert stored(query, ANN) == UNCHANGED


def test_keeping_ones_own_username_is_fine(client, ann):
    client.patch(USERS + ANN, json={"username": "anna"}, headers=token(ann))
    response = client.patch(USERS + "anna", json={"username": "anna"}, headers=token(ann))
    assert response.status_code == 200


@pytest.mark.parametrize("method", ["patch", "post"])
def test_only_the_owner_changes_a_profile(client, query, ann, bob, method):
    response = getattr(client, method)(USERS + BOB, json={"first_name": "X"}, headers=token(ann))
    assert response.status_code == 403
    assert response.json == {"message": "Only the owner may change this profile."}
    assert stored(query, BOB) == UNCHANGED


def test_admins_read_but_do_not_change_others_profiles(client, query, make_user, ann):
    admin = bearer(make_user("root@example.com", role="admin")["access_token"])
    assert client.get(USERS + ANN, headers=admin).status_code == 200
    assert client.patch(USERS + ANN, json={"first_name": "X"}, headers=admin).status_code == 403
    assert stored(query, ANN) == UNCHANGED


def test_changing_an_unknown_profile_is_404(client, ann):
    response = client.patch(USERS + "nobody", json={"first_name": "X"}, headers=token(ann))
    assert response.status_code == 404


def test_a_taken_username_is_400(client, query, ann, bob):
    client.patch(USERS + BOB, json={"username": "bob"}, headers=token(bob))
    response = client.patch(USERS + ANN, json={"username": "bob"}, headers=token(ann))
    assert response.status_code == 400
    assert response.json == {
        "message": "A user with this username already exists.",
        "errors": {"username": ["A user with this username already exists."]},
    }
    assert stored(query, ANN) == UNCHANGED


@pytest.mark.parametrize("username", [BOB, "89298284302", "+7-929-828-43-02"])
def test_a_username_cannot_be_a_phone_number(client, query, ann, username):
    response = client.patch(USERS + ANN, json={"username": username}, headers=token(ann))
    assert response.status_code == 400
    assert response.json["errors"] == {"username": ["A username cannot be a phone number."]}
    assert stored(query, ANN) == UNCHANGED


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"first_name": "x" * 101}, "first_name"),
        ({"last_name": 5}, "last_name"),
        ({"username": ""}, "username"),
        ({"username": "has\ttab"}, "username"),
        ({"username": "x" * 151}, "username"),
        ({"activated_invite_code": "ABC"}, "activated_invite_code"),
        ({"activated_invite_code": ""}, "activated_invite_code"),
        ({"activated_invite_code": "ABCDEFG"}, "activated_invite_code"),
        ({"activated_invite_code": "ABC-12"}, "activated_invite_code"),
        ({"activated_invite_code": None}, "activated_invite_code"),
        ({"activated_invite_code": 123456}, "activated_invite_code"),
    ],
)
def test_bad_changes_are_400_and_write_nothing(client, query, ann, bob, body, field):
    response = client.patch(USERS + ANN, json={"first_name": "Ann", **body}, headers=token(ann))
    assert response.status_code == 400
    assert field in response.json["errors"]
    assert stored(query, ANN) == UNCHANGED


@pytest.mark.parametrize("typed", ["{code}", " {lower} "])
def test_activating_someone_elses_code(client, query, ann, bob, typed):
    code = bob[INVITE_KEY]
    body = {"activated_invite_code": typed.format(code=code, lower=code.lower())}
    response = client.patch(USERS + ANN, json=body, headers=token(ann))
    assert response.status_code == 200
    assert response.json == profile(
        telephone_number=ANN, invite_code=ann[INVITE_KEY], activated_invite_code=code
    )
    assert stored(query, ANN)[3] == code
    inviter = client.get(USERS + BOB, headers=token(ann)).json
    assert inviter["invite_code_list"] == [ANN]


def test_invitees_are_listed_in_order(client, clock, ann):
    for number in [BOB, CAT]:
        body = {"activated_invite_code": ann[INVITE_KEY]}
        client.patch(USERS + number, json=body, headers=token(phone_login(client, number)))
    response = client.get(USERS + ANN, headers=token(ann))
    assert response.json["invite_code_list"] == [BOB, CAT]


def test_an_unknown_code_is_404(client, query, ann):
    response = client.patch(
        USERS + ANN, json={"activated_invite_code": "ZZZZZZ"}, headers=token(ann)
    )
    assert response.status_code == 404
    assert response.json == {
        "message": "There is no such invite code.",
        "errors": {"activated_invite_code": ["There is no such invite code."]},
    }
    assert stored(query, ANN)[3] is None


def test_ones_own_code_is_400(client, query, ann):
    body = {"activated_invite_code": ann[INVITE_KEY]}
    response = client.patch(USERS + ANN, json=body, headers=token(ann))
    assert response.status_code == 400
    assert response.json == {
        "message": "You cannot activate your own invite code.",
        "errors": {"activated_invite_code": ["You cannot activate your own invite code."]},
    }
    assert stored(query, ANN)[3] is None


@pytest.mark.parametrize("second", ["bob", "cat"])
def test_a_second_activation_is_refused(client, query, clock, ann, bob, second):
    cat = phone_login(client, CAT)
    first = {"activated_invite_code": bob[INVITE_KEY]}
    assert client.patch(USERS + ANN, json=first, headers=token(ann)).status_code == 200
    again = {"activated_invite_code": {"bob": bob, "cat": cat}[second][INVITE_KEY]}
    response = client.patch(USERS + ANN, json=again, headers=token(ann))
    assert response.status_code == 400
    message = "You have already activated an invite code; only one activation is allowed."
    assert response.json == {"message": message, "errors": {"activated_invite_code": [message]}}
    assert stored(query, ANN)[3] == bob[INVITE_KEY]


def test_a_failed_activation_keeps_the_other_changes_out_too(client, query, ann):
    body = {"first_name": "Ann", "username": "ann", "activated_invite_code": "ZZZZZZ"}
    assert client.patch(USERS + ANN, json=body, headers=token(ann)).status_code == 404
    assert stored(query, ANN) == UNCHANGED


def test_demo_data_has_phone_users_and_one_activation(app, client, clock):
    assert app.test_cli_runner().invoke(args=["init-db", "--seed", "--yes"]).exit_code == 0
    anna = phone_login(client, "89298284301")
    assert anna[INVITE_KEY] == "Q9UK59"
    response = client.get(USERS + "anna", headers=token(anna))
    assert response.json == profile(
        first_name="Анна",
        last_name="Смирнова",
        username="anna",
        telephone_number=ANN,
        invite_code="Q9UK59",
        invite_code_list=[BOB],
    )
    boris = client.get(USERS + BOB, headers=token(anna)).json
    assert (boris["invite_code"], boris["activated_invite_code"]) == ("7BX2KD", "Q9UK59")
