"""Operator commands: `init-db --seed` rebuilds the demo data reproducibly; `create-admin`."""

import pytest
from sqlalchemy import select

from dao.model.accounts import User
from dao.model.movies import Director, Genre, Movie
from tests.conftest import PASSWORD, login


def snapshot(session) -> list:
    return [
        [(g.id, g.name) for g in session.scalars(select(Genre).order_by(Genre.id))],
        [(d.id, d.name) for d in session.scalars(select(Director).order_by(Director.id))],
        [
            (m.id, m.title, m.year, m.rating, m.genre_id)
            for m in session.scalars(select(Movie).order_by(Movie.id))
        ],
    ]


def test_init_db_seed_rebuilds_the_same_data_twice(app, query):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["init-db", "--seed", "--yes"])
    assert result.exit_code == 0, result.output
    first = query(snapshot)
    assert [len(rows) for rows in first] == [18, 20, 20]
    runner.invoke(args=["init-db", "--seed", "--yes"])
    assert query(snapshot) == first


def test_init_db_without_seed_leaves_empty_tables(app, query):
    result = app.test_cli_runner().invoke(args=["init-db", "--yes"])
    assert result.exit_code == 0
    assert query(lambda s: s.query(Movie).count()) == 0


def test_init_db_refuses_a_database_that_holds_data_without_yes(app, query):
    before = query(snapshot)
    result = app.test_cli_runner().invoke(args=["init-db", "--seed"])
    assert result.exit_code == 1
    assert "The database holds data" in result.output
    assert "--yes" in result.output
    assert query(snapshot) == before


def test_init_db_builds_an_empty_database_without_asking(app, query):
    assert app.test_cli_runner().invoke(args=["init-db", "--yes"]).exit_code == 0
    result = app.test_cli_runner().invoke(args=["init-db", "--seed"])
    assert result.exit_code == 0, result.output
    assert [len(rows) for rows in query(snapshot)] == [18, 20, 20]


def test_create_admin_makes_an_admin_who_can_write(app, client, query):
    result = app.test_cli_runner().invoke(
        args=["create-admin", "--email", "root@example.com", "--password", PASSWORD]
    )
    assert result.exit_code == 0, result.output
    assert PASSWORD not in result.output
    assert query(lambda s: s.get(User, 1).role) == "admin"
    token = login(client, "root@example.com")["access_token"]
    response = client.post(
        "/genres/", json={"name": "Нуар"}, headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 201


def test_create_admin_refuses_a_taken_email(app, query):
    runner = app.test_cli_runner()
    runner.invoke(args=["create-admin", "--email", "root@example.com", "--password", PASSWORD])
    taken = runner.invoke(
        args=["create-admin", "--email", "ROOT@example.com", "--password", PASSWORD]
    )
    assert taken.exit_code != 0
    assert "already exists" in taken.output
    assert query(lambda s: s.query(User).count()) == 1


def test_create_admin_takes_a_one_character_password(app, client, query):
    result = app.test_cli_runner().invoke(
        args=["create-admin", "--email", "root@example.com", "--password", "1"]
    )
    assert result.exit_code == 0, result.output
    assert query(lambda s: s.get(User, 1).role) == "admin"
    login(client, "root@example.com", "1")


@pytest.mark.parametrize(
    ("minimum", "password", "message"),
    [
        (1, "", "Must be 1 to 128 characters long."),
        (1, "x" * 129, "Must be 1 to 128 characters long."),
        (8, "short", "Must be 8 to 128 characters long."),
    ],
)
def test_create_admin_refuses_a_password_out_of_bounds(app, query, minimum, password, message):
    app.config["PASSWORD_MIN_LENGTH"] = minimum
    result = app.test_cli_runner().invoke(
        args=["create-admin", "--email", "root@example.com", "--password", password]
    )
    assert result.exit_code == 2
    assert message in result.output
    assert query(lambda s: s.query(User).count()) == 0
