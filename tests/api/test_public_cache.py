"""Public catalog answers are microcached per process; writes through the API empty the cache."""

from dao.model.movie import Movie
from tests.conftest import build_app


def rename_behind_the_api(query, title: str) -> None:
    def rename(session):
        session.get(Movie, 1).title = title
        session.commit()

    query(rename)


def test_a_fresh_answer_is_served_from_the_cache(client, query):
    assert client.get("/movies/1").json["title"] == "Йеллоустоун"
    rename_behind_the_api(query, "Changed elsewhere")
    assert client.get("/movies/1").json["title"] == "Йеллоустоун"


def test_an_admin_write_empties_the_cache(client, admin_headers):
    client.get("/movies/?page=1")
    client.get("/movies/1")
    client.patch("/movies/1", json={"title": "Renamed"}, headers=admin_headers)
    assert client.get("/movies/1").json["title"] == "Renamed"
    assert client.get("/movies/?page=1").json[0]["title"] == "Renamed"


def test_zero_seconds_switches_the_cache_off(tmp_path):
    app = build_app(tmp_path, PUBLIC_CACHE_SECONDS=0)
    client = app.test_client()
    assert client.get("/movies/1").json["title"] == "Йеллоустоун"

    def rename(session):
        session.get(Movie, 1).title = "Changed elsewhere"
        session.commit()

    with app.app_context():
        from dao.model import db

        rename(db.session)
    assert client.get("/movies/1").json["title"] == "Changed elsewhere"
