"""Cassette shop use cases: each is one transaction, and the demo data loads reproducibly."""

from datetime import date

import pytest
from sqlalchemy import select

from dao.model.accounts import ApiToken, User
from dao.model.cassettes import Cassette
from helpers import container
from helpers.errors import AlreadyExists, WrongCredentials
from helpers.pagination import PageRequest
from tests.conftest import PASSWORD

EVERY_ROW = PageRequest(None, None)


def fail(*args, **kwargs):
    raise RuntimeError("disk full")


def counts() -> tuple[int, int]:
    session = container.session
    return session.query(User).count(), session.query(ApiToken).count()


def test_sign_up_failing_after_the_user_is_written_leaves_nothing(app, monkeypatch):
    with app.app_context():
        monkeypatch.setattr(container.api_token_dao, "add", fail)
        with pytest.raises(RuntimeError):
            container.token_account_service.sign_up("rick", PASSWORD)
        assert counts() == (0, 0)


def test_sign_up_losing_a_race_for_the_username_is_taken_like_any(app, monkeypatch):
    with app.app_context():
        container.token_account_service.sign_up("rick", PASSWORD)
        # The other request checked before this one's insert: the unique index decides.
        monkeypatch.setattr(container.user_dao, "get_by_username", lambda name: None)
        with pytest.raises(AlreadyExists, match="^A user with this username already exists.$"):
            container.token_account_service.sign_up("rick", "another-pass-1")
        assert counts() == (1, 1)


def test_log_in_with_a_wrong_password_issues_nothing(app):
    with app.app_context():
        container.auth_service.register(PASSWORD, username="rick")
        with pytest.raises(WrongCredentials):
            container.token_account_service.log_in("rick", "wrong-password")
        assert counts() == (1, 0)


def test_log_in_failing_midway_leaves_no_token_and_the_next_works(app, monkeypatch):
    with app.app_context():
        container.auth_service.register(PASSWORD, username="rick")
        monkeypatch.setattr(container.api_token_dao, "add", fail)
        with pytest.raises(RuntimeError):
            container.token_account_service.log_in("rick", PASSWORD)
        assert counts() == (1, 0)
        monkeypatch.undo()
        user, key = container.token_account_service.log_in("rick", PASSWORD)
        assert container.token_account_service.log_in("rick", PASSWORD) == (user, key)


def test_failed_cassette_create_writes_nothing(app, monkeypatch):
    body = {"title": "Rambo", "director": "Ted Kotcheff", "released": date(1982, 10, 22)}
    with app.app_context():
        monkeypatch.setattr(container.session, "flush", fail)
        with pytest.raises(RuntimeError):
            container.cassette_service.create(body)
        monkeypatch.undo()
        assert container.session.query(Cassette).count() == 0


def test_failed_cassette_update_changes_nothing(app, monkeypatch):
    with app.app_context():
        cassette = container.cassette_service.create(
            {"title": "Rambo", "director": "Ted Kotcheff", "released": date(1982, 10, 22)}
        )
        monkeypatch.setattr(container.session, "flush", fail)
        with pytest.raises(RuntimeError):
            container.cassette_service.update(cassette.id, {"title": "First Blood", "quantity": 3})
        monkeypatch.undo()
        container.session.expire_all()
        stored = container.session.get(Cassette, cassette.id)
        assert (stored.title, stored.quantity) == ("Rambo", 0)


def test_search_combines_filters_and_takes_wildcards_literally(app):
    with app.app_context():
        for title, director in [("100% Love", "A"), ("100 Years", "B"), ("Love_Story", "a")]:
            container.cassette_service.create(
                {"title": title, "director": director, "released": date(1990, 1, 1)}
            )
        search = container.cassette_service.search
        assert [c.title for c in search(EVERY_ROW, title="0%")] == ["100% Love"]
        assert [c.title for c in search(EVERY_ROW, title="e_s")] == ["Love_Story"]
        assert [c.title for c in search(EVERY_ROW, title="LOVE", director="a")] == [
            "100% Love",
            "Love_Story",
        ]
        assert len(search(EVERY_ROW)) == 3


def snapshot(session) -> list[tuple]:
    query = select(Cassette).order_by(Cassette.id)
    return [(c.id, c.title, c.director, c.released, c.quantity) for c in session.scalars(query)]


def test_init_db_seed_loads_the_same_dozen_cassettes_every_time(app, query):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["init-db", "--seed", "--yes"]).exit_code == 0
    first = query(snapshot)
    assert len(first) == 12
    assert first[0] == (1, "Jurassic Park", "Steven Spielberg", date(1993, 6, 11), 5)
    assert all(date(1975, 1, 1) < row[3] < date(2006, 1, 1) for row in first)  # the VHS era
    assert runner.invoke(args=["init-db", "--seed", "--yes"]).exit_code == 0
    assert query(snapshot) == first
