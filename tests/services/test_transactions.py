"""A service method is one transaction: a failure in the middle leaves nothing behind."""

import pytest

from dao.model.accounts import User
from dao.model.movies import FavoriteMovie, Genre
from helpers import container
from helpers.errors import NotFound


def test_failed_create_rolls_back(app, monkeypatch):
    def fail_check(data, current=None):
        raise NotFound("gone")

    with app.app_context():
        monkeypatch.setattr(container.genre_service, "_validate", fail_check)
        with pytest.raises(NotFound):
            container.genre_service.create({"name": "Нуар"})
        assert container.session.query(Genre).count() == 18


def test_password_change_failing_midway_keeps_the_old_password(app, monkeypatch):
    with app.app_context():
        user = container.auth_service.register("old-password-1", email="ann@example.com")

        def fail(user_id):
            raise RuntimeError("disk full")

        monkeypatch.setattr(container.api_token_dao, "delete_for_user", fail)
        with pytest.raises(RuntimeError):
            container.user_service.change_password(user, "old-password-1", "new-password-1")
        container.session.expire_all()
        stored = container.session.get(User, user.id)
        assert stored.token_version == 0
        assert (
            container.auth_service.check_password("ann@example.com", "old-password-1").id == user.id
        )


def test_favorite_add_failing_midway_writes_nothing(app, monkeypatch):
    with app.app_context():
        user = container.auth_service.register("old-password-1", email="ann@example.com")
        monkeypatch.setattr(
            container.session, "flush", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("x"))
        )
        with pytest.raises(RuntimeError):
            container.favorite_service.add(user, 3)
        monkeypatch.undo()
        assert container.session.query(FavoriteMovie).count() == 0
