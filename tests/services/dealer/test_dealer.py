"""Car dealer rules: the contract's 400s for taken names, and no half-done writes."""

import pytest
from sqlalchemy import select

from dao.model.accounts import User
from dao.model.dealer import Auto
from helpers import container
from helpers.errors import AlreadyExists, Invalid, NotFound, WrongCredentials
from helpers.pagination import PageRequest
from views.dealer.schemas import AutoSchema

BMW = {"max_speed": 280, "distance": 400, "handler": "Auto Motors", "stock": "Germany"}
PASSWORD = "correct-horse-9"


def fail_on_flush(monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(container.session, "flush", fail)


def autos() -> list[tuple]:
    container.session.expire_all()
    query = select(Auto).order_by(Auto.id)
    return [(a.mark, a.max_speed, a.distance) for a in container.session.scalars(query)]


@pytest.fixture
def service(app):
    with app.app_context():
        yield container.dealer_service


@pytest.fixture
def bmw(service):
    return service.create("BMW", BMW)


def test_a_taken_username_is_taken(service):
    service.register("carl", PASSWORD)
    with pytest.raises(AlreadyExists):
        service.register("carl", PASSWORD)


def test_a_username_lost_to_a_concurrent_twin_is_taken_too(service, monkeypatch):
    service.register("carl", PASSWORD)
    monkeypatch.setattr(container.user_dao, "get_by_username", lambda username: None)
    with pytest.raises(AlreadyExists):
        service.register("carl", PASSWORD)
    monkeypatch.undo()
    assert container.session.query(User).count() == 1


def test_log_in_refuses_a_wrong_password(service):
    service.register("carl", PASSWORD)
    with pytest.raises(WrongCredentials):
        service.log_in("carl", "wrong-password")


def test_a_taken_mark_is_invalid(service, bmw):
    with pytest.raises(Invalid, match="^Auto with that mark exists$"):
        service.create("BMW", BMW)


def test_a_mark_lost_to_a_concurrent_create_is_invalid(service, bmw, monkeypatch):
    monkeypatch.setattr(container.dealer_service.autos, "get_by_mark", lambda mark: None)
    with pytest.raises(Invalid, match="^Auto with that mark exists$"):
        service.create("BMW", {**BMW, "distance": 1})
    monkeypatch.undo()
    assert autos() == [("BMW", 280, 400)]


def test_an_empty_stock_is_invalid(service):
    with pytest.raises(Invalid, match="^No one autos found in DataBase$"):
        service.stock(PageRequest(None, 1000))


def test_the_stock_answers_at_most_the_unpaged_limit_or_a_page(service):
    for n in range(3):
        service.create(f"Auto {n}", BMW)
    assert [auto.mark for auto in service.stock(PageRequest(None, 2))] == ["Auto 0", "Auto 1"]
    assert [auto.mark for auto in service.stock(PageRequest(2, 2))] == ["Auto 2"]
    assert service.stock(PageRequest(9, 2)) == []  # a page past the end is empty, not 400


def test_an_unknown_mark_is_not_found(service):
    with pytest.raises(NotFound, match="^Auto with that mark not found$"):
        service.get("BMW")


def test_create_failing_midway_writes_nothing(service, monkeypatch):
    fail_on_flush(monkeypatch)
    with pytest.raises(RuntimeError):
        service.create("BMW", BMW)
    monkeypatch.undo()
    assert autos() == []


def test_update_failing_midway_keeps_the_old_values(service, bmw, monkeypatch):
    fail_on_flush(monkeypatch)
    with pytest.raises(RuntimeError):
        service.update("BMW", {"max_speed": 1, "distance": 2})
    monkeypatch.undo()
    assert autos() == [("BMW", 280, 400)]


def test_delete_failing_midway_keeps_the_auto(service, bmw, monkeypatch):
    fail_on_flush(monkeypatch)
    with pytest.raises(RuntimeError):
        service.delete("BMW")
    monkeypatch.undo()
    assert autos() == [("BMW", 280, 400)]


def test_demo_autos_load_reproducibly_and_pass_validation(app, query):
    def snapshot(session):
        return [
            (a.id, a.mark, a.max_speed, a.distance, a.handler, a.stock)
            for a in session.scalars(select(Auto).order_by(Auto.id))
        ]

    runner = app.test_cli_runner()
    assert runner.invoke(args=["init-db", "--seed", "--yes"]).exit_code == 0
    first = query(snapshot)
    assert len(first) == 6
    assert len({mark for _, mark, *_ in first}) == 6
    schema = AutoSchema()
    for _, _, max_speed, distance, handler, stock in first:
        fields = {"max_speed": max_speed, "distance": distance, "handler": handler, "stock": stock}
        assert schema.load(fields) == fields
    runner.invoke(args=["init-db", "--seed", "--yes"])
    assert query(snapshot) == first
