"""Deep pages seek from anchors instead of scanning, and answer exactly what OFFSET would."""

import pytest

import dao.movies
from dao.model.movies import Movie, MoviePageAnchor
from dao.model.shop import Product
from helpers import container


@pytest.fixture
def small_anchors(monkeypatch):
    """Anchors every 7 rows, used from offset 14: the large-catalog plan on a small catalog."""
    monkeypatch.setattr(dao.movies, "ANCHOR_EVERY", 7)
    monkeypatch.setattr(dao.movies, "DEEP_OFFSET", 14)


def expected_ids(query, newest: bool) -> list[int]:
    movies = query(lambda s: [(m.year, m.id) for m in s.query(Movie)])
    ordered = sorted(movies, reverse=True) if newest else sorted(movies, key=lambda m: m[1])
    return [movie_id for _, movie_id in ordered]


def listed_ids(client, newest: bool, pages: int, limit: int = 5) -> list[int]:
    status = "&status=new" if newest else ""
    ids = []
    for page in range(1, pages + 1):
        response = client.get(f"/movies/?page={page}&limit={limit}{status}")
        assert response.status_code == 200
        ids += [movie["id"] for movie in response.json]
    return ids


@pytest.mark.parametrize("newest", [False, True])
def test_every_page_matches_the_plain_order(app, client, query, small_anchors, newest):
    app.test_cli_runner().invoke(args=["grow", "--movies", "60"])
    assert listed_ids(client, newest, pages=20) == expected_ids(query, newest)
    assert query(lambda s: s.query(MoviePageAnchor).count()) > 0


@pytest.mark.parametrize("newest", [False, True])
def test_writes_drop_the_anchors_and_pages_stay_exact(
    client, admin_headers, query, small_anchors, newest
):
    listed_ids(client, newest, pages=6)  # builds the anchors
    client.delete("/movies/3", headers=admin_headers)
    client.patch("/movies/15", json={"year": 1950}, headers=admin_headers)
    body = {"title": "New", "year": 2030, "rating": 5, "genre_id": 1, "director_id": 1}
    client.post("/movies/", json=body, headers=admin_headers)
    assert listed_ids(client, newest, pages=6) == expected_ids(query, newest)


def test_a_page_past_the_end_is_empty(client, small_anchors):
    response = client.get("/movies/?page=50000")
    assert response.status_code == 200
    assert response.json == []


def test_grow_adds_synthetic_movies_and_products_with_a_progress_bar(app, query):
    args = ["grow", "--movies", "25", "--products", "7", "--batch", "10"]
    result = app.test_cli_runner().invoke(args=args)
    assert result.exit_code == 0, result.output
    assert "movies" in result.output and "products" in result.output
    assert query(lambda s: (s.query(Movie).count(), s.query(Product).count())) == (45, 7)


def test_a_filtered_page_keeps_the_generic_signature_and_order(app, query):
    with app.app_context():
        page = container.movie_dao.page(0, 5, True, (Movie.year >= 2015,))
        got = [(movie.year, movie.id) for movie in page]
    wanted = sorted(query(lambda s: [(m.year, m.id) for m in s.query(Movie) if m.year >= 2015]))
    assert got == wanted[::-1][:5]
