"""Public catalog answers are microcached per process; writes through the API empty the cache."""

import time

from dao.model.movies import Movie
from helpers.http.cache import PublicCache
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


def test_query_parameters_the_view_ignores_share_one_answer(client, query):
    assert client.get("/movies/?page=1&z=1").json[0]["title"] == "Йеллоустоун"
    rename_behind_the_api(query, "Changed elsewhere")
    assert client.get("/movies/?z=2&page=1&utm_source=x").json[0]["title"] == "Йеллоустоун"
    assert client.get("/movies/?page=1&limit=12").json[0]["title"] == "Йеллоустоун"  # same page
    assert client.get("/movies/?page=1&limit=11").json[0]["title"] == "Changed elsewhere"


def test_the_cache_keeps_at_most_its_bytes_dropping_expired_entries_first():
    cache = PublicCache(max_bytes=10)
    cache.put("a", b"aaaa", expires_at=5, now=0)
    cache.put("b", b"bbbb", expires_at=20, now=1)
    cache.put("c", b"cccc", expires_at=21, now=2)  # no room: "a", the oldest, goes
    assert [cache.get(key, now=3) for key in "abc"] == [None, b"bbbb", b"cccc"]
    cache.put("d", b"dd", expires_at=30, now=3)  # fits beside b and c
    cache.put("e", b"ee", expires_at=40, now=20.5)  # "b" expired: it goes, c and d stay
    assert [cache.get(key, now=20.5) for key in "bcde"] == [None, b"cccc", b"dd", b"ee"]
    assert cache.size == 8
    cache.put("big", b"x" * 11, expires_at=50, now=21)  # larger than the whole cache: not kept
    assert (cache.get("big", now=21), cache.size) == (None, 8)


def test_an_expired_answer_is_made_again(client, query, app):
    app.config["PUBLIC_CACHE_SECONDS"] = 0.05
    assert client.get("/movies/1").json["title"] == "Йеллоустоун"
    rename_behind_the_api(query, "Changed elsewhere")
    time.sleep(0.06)
    assert client.get("/movies/1").json["title"] == "Changed elsewhere"
