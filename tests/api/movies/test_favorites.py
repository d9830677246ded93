"""Favorite movies (seed 004): add (idempotent), list (paged), remove; each user their own."""

import pytest

from dao.model.movies import FavoriteMovie
from tests.conftest import bearer


def favorites(query) -> list[tuple[int, int]]:
    return query(lambda s: sorted((f.user_id, f.movie_id) for f in s.query(FavoriteMovie)))


def test_add_a_favorite(client, user_headers, query):
    response = client.post("/favorites/movies/3", headers=user_headers)
    assert response.status_code == 200
    assert response.data == b"null\n"
    assert favorites(query) == [(1, 3)]
    assert [m["id"] for m in client.get("/favorites/movies/", headers=user_headers).json] == [3]


def test_adding_twice_is_200_null_and_keeps_one(client, user_headers, query):
    first = client.post("/favorites/movies/3/", headers=user_headers)
    second = client.post("/favorites/movies/3/", headers=user_headers)
    assert [first.status_code, second.status_code] == [200, 200]
    assert [first.json, second.json] == [None, None]
    assert favorites(query) == [(1, 3)]


@pytest.mark.parametrize("movie_id", [999, 0, 2**64])
def test_unknown_movie_cannot_be_a_favorite(client, user_headers, query, movie_id):
    response = client.post(f"/favorites/movies/{movie_id}", headers=user_headers)
    assert response.status_code == 404
    assert response.json == {"message": f"Movie {movie_id} not found."}
    assert favorites(query) == []


def test_list_favorites_in_storage_order_and_paged(client, user_headers):
    for movie_id in [5, 2, 9]:
        client.post(f"/favorites/movies/{movie_id}", headers=user_headers)
    response = client.get("/favorites/movies/", headers=user_headers)
    assert response.status_code == 200
    assert [movie["id"] for movie in response.json] == [2, 5, 9]
    assert client.get("/favorites/movies/?page=2", headers=user_headers).json == []
    assert [
        m["id"] for m in client.get("/favorites/movies?page=2&limit=2", headers=user_headers).json
    ] == [9]
    assert client.get("/favorites/movies/?page=0", headers=user_headers).status_code == 400


@pytest.mark.parametrize("order", ["status=new", "state=new", "state=old", "status=old&state=x"])
def test_favorites_ignore_the_order_parameters(client, user_headers, order):
    for movie_id in [5, 2, 9]:
        client.post(f"/favorites/movies/{movie_id}", headers=user_headers)
    response = client.get(f"/favorites/movies/?{order}", headers=user_headers)
    assert response.status_code == 200
    assert [movie["id"] for movie in response.json] == [2, 5, 9]


def test_remove_a_favorite(client, user_headers, query):
    client.post("/favorites/movies/3", headers=user_headers)
    response = client.delete("/favorites/movies/3", headers=user_headers)
    assert response.status_code == 204
    assert response.data == b""
    assert favorites(query) == []


@pytest.mark.parametrize("movie_id", [3, 999, 2**64])
def test_removing_a_non_favorite_is_404(client, user_headers, movie_id):
    response = client.delete(f"/favorites/movies/{movie_id}", headers=user_headers)
    assert response.status_code == 404
    assert response.json == {"message": f"Movie {movie_id} is not among your favorites."}


def test_favorites_belong_to_their_user(client, make_user, query):
    ann = bearer(make_user("ann@example.com")["access_token"])
    bob = bearer(make_user("bob@example.com")["access_token"])
    client.post("/favorites/movies/4", headers=ann)
    assert client.get("/favorites/movies/", headers=bob).json == []
    assert client.delete("/favorites/movies/4", headers=bob).status_code == 404
    assert favorites(query) == [(1, 4)]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/favorites/movies/"),
        ("post", "/favorites/movies/1"),
        ("delete", "/favorites/movies/1"),
    ],
)
def test_favorites_need_a_token(client, method, path):
    response = getattr(client, method)(path)
    assert response.status_code == 401


def test_deleting_a_movie_removes_it_from_favorites(client, user_headers, admin_headers, query):
    client.post("/favorites/movies/6", headers=user_headers)
    assert client.delete("/movies/6", headers=admin_headers).status_code == 204
    assert favorites(query) == []
