"""Catalog writes (seed 004): admins only; create 201, update 200, delete 204; unknown fields
are ignored."""

import pytest

from dao.model.movies import Director, Genre, Movie

NEW_MOVIE = {
    "title": "  Сталкер ",
    "description": "Зона",
    "trailer": "https://example.com/stalker",
    "year": 1979,
    "rating": 8.1,
    "genre_id": 4,
    "director_id": 14,
}


CREATED_MOVIE = {
    **NEW_MOVIE,
    "id": 21,
    "title": "Сталкер",
    "genre": {"id": 4, "name": "Драма"},
    "director": {"id": 14, "name": "Стэнли Кубрик"},
}


def test_admin_creates_a_movie(client, admin_headers, query):
    response = client.post("/movies/", json=NEW_MOVIE, headers=admin_headers)
    assert response.status_code == 201
    assert response.json == CREATED_MOVIE
    assert query(lambda s: s.get(Movie, 21).title) == "Сталкер"


def test_optional_movie_fields_default_to_empty(client, admin_headers):
    body = {k: v for k, v in NEW_MOVIE.items() if k not in ("description", "trailer")}
    response = client.post("/movies", json=body, headers=admin_headers)
    assert response.status_code == 201
    assert (response.json["description"], response.json["trailer"]) == ("", "")


def test_a_movie_without_a_trailer_can_be_sent_back_as_answered(client, admin_headers, query):
    """Found by fuzzing: `"trailer": ""`, what such a movie answers, used to be 400."""
    body = {k: v for k, v in NEW_MOVIE.items() if k != "trailer"}
    created = client.post("/movies/", json=body, headers=admin_headers).json
    sent_back = {k: created[k] for k in NEW_MOVIE} | {"trailer": "", "title": "Солярис"}
    response = client.put("/movies/21", json=sent_back, headers=admin_headers)
    assert response.status_code == 200
    assert (response.json["title"], response.json["trailer"]) == ("Солярис", "")
    assert query(lambda s: (s.get(Movie, 21).title, s.get(Movie, 21).trailer)) == ("Солярис", "")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": "   "}, "title"),
        ({"trailer": "example.com/stalker"}, "trailer"),
        ({"trailer": "x" * 490 + ".example.com"}, "trailer"),
        ({"title": "x" * 256}, "title"),
        ({"title": 5}, "title"),
        ({"year": 1700}, "year"),
        ({"year": "soon"}, "year"),
        ({"year": True}, "year"),
        ({"rating": 11}, "rating"),
        ({"rating": -1}, "rating"),
        ({"rating": "NaN"}, "rating"),
        ({"trailer": "javascript:alert(1)"}, "trailer"),
        ({"genre_id": 0}, "genre_id"),
        ({"genre_id": 99}, "genre_id"),
        ({"director_id": 99}, "director_id"),
    ],
)
def test_bad_movie_is_refused_and_nothing_written(client, admin_headers, query, change, field):
    response = client.post("/movies/", json={**NEW_MOVIE, **change}, headers=admin_headers)
    assert response.status_code == 400
    assert field in response.json["errors"]
    assert query(lambda s: s.query(Movie).count()) == 20


def test_unknown_and_read_only_movie_fields_are_ignored(client, admin_headers, query):
    extras = {"id": 500, "genre": {"id": 1, "name": "X"}, "director": {"id": 2}, "extra": 1}
    response = client.post("/movies/", json={**NEW_MOVIE, **extras}, headers=admin_headers)
    assert response.status_code == 201
    assert response.json == CREATED_MOVIE
    movie = query(lambda s: s.get(Movie, 21))
    assert (movie.genre_id, movie.director_id) == (4, 14)
    assert query(lambda s: s.get(Movie, 500)) is None


@pytest.mark.parametrize("missing", ["title", "year", "rating", "genre_id", "director_id"])
def test_missing_required_movie_field_is_400(client, admin_headers, missing):
    body = {k: v for k, v in NEW_MOVIE.items() if k != missing}
    response = client.post("/movies/", json=body, headers=admin_headers)
    assert response.status_code == 400
    assert response.json["errors"] == {missing: ["Missing data for required field."]}


def test_admin_replaces_a_movie(client, admin_headers, query):
    response = client.put("/movies/1/", json=NEW_MOVIE, headers=admin_headers)
    assert response.status_code == 200
    assert response.json["id"] == 1
    assert response.json["title"] == "Сталкер"
    assert query(lambda s: s.get(Movie, 1).year) == 1979


def test_put_needs_the_whole_movie(client, admin_headers):
    response = client.put("/movies/1", json={"title": "Only"}, headers=admin_headers)
    assert response.status_code == 400
    assert set(response.json["errors"]) == {"year", "rating", "genre_id", "director_id"}


def test_admin_patches_a_movie(client, admin_headers, query):
    response = client.patch("/movies/1", json={"rating": 9.5}, headers=admin_headers)
    assert response.status_code == 200
    assert response.json["rating"] == 9.5
    assert response.json["title"] == "Йеллоустоун"
    assert query(lambda s: s.get(Movie, 1).rating) == 9.5


def test_patch_with_unknown_genre_changes_nothing(client, admin_headers, query):
    response = client.patch("/movies/1", json={"genre_id": 77, "title": "X"}, headers=admin_headers)
    assert response.status_code == 400
    assert response.json["errors"] == {"genre_id": ["There is no genre with id 77."]}
    assert query(lambda s: s.get(Movie, 1).title) == "Йеллоустоун"


def test_admin_deletes_a_movie(client, admin_headers, query):
    response = client.delete("/movies/2", headers=admin_headers)
    assert response.status_code == 204
    assert response.data == b""
    assert query(lambda s: s.get(Movie, 2)) is None
    assert client.get("/movies/2").status_code == 404


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_writing_an_unknown_movie_is_404(client, admin_headers, method):
    response = getattr(client, method)("/movies/999", json=NEW_MOVIE, headers=admin_headers)
    assert response.status_code == 404
    assert response.json == {"message": "Movie 999 not found."}


@pytest.mark.parametrize(("path", "model"), [("/genres/", Genre), ("/directors/", Director)])
def test_admin_manages_genres_and_directors(client, admin_headers, query, path, model):
    created = client.post(path, json={"name": " Нуар "}, headers=admin_headers)
    assert created.status_code == 201
    new_id = created.json["id"]
    assert created.json == {"id": new_id, "name": "Нуар"}
    updated = client.put(f"{path}{new_id}", json={"name": "Неонуар"}, headers=admin_headers)
    assert (updated.status_code, updated.json) == (200, {"id": new_id, "name": "Неонуар"})
    patched = client.patch(f"{path}{new_id}", json={"name": "Нуар"}, headers=admin_headers)
    assert (patched.status_code, patched.json["name"]) == (200, "Нуар")
    assert client.delete(f"{path}{new_id}", headers=admin_headers).status_code == 204
    assert query(lambda s: s.get(model, new_id)) is None


@pytest.mark.parametrize("path", ["/genres/", "/directors/"])
@pytest.mark.parametrize("body", [{}, {"name": ""}, {"name": "x" * 201}, {"name": None}])
def test_bad_genre_or_director_is_400(client, admin_headers, path, body):
    response = client.post(path, json=body, headers=admin_headers)
    assert response.status_code == 400
    assert response.json["errors"]


@pytest.mark.parametrize(
    ("path", "model", "new_id"), [("/genres/", Genre, 19), ("/directors/", Director, 21)]
)
def test_genre_or_director_ignores_a_sent_id(client, admin_headers, query, path, model, new_id):
    response = client.post(path, json={"name": "Нуар", "id": 3, "x": 1}, headers=admin_headers)
    assert response.status_code == 201
    assert response.json == {"id": new_id, "name": "Нуар"}
    assert query(lambda s: s.get(model, new_id).name) == "Нуар"
    assert query(lambda s: s.get(model, 3).name) != "Нуар"


def test_genre_still_used_by_movies_cannot_be_deleted(client, admin_headers, query):
    response = client.delete("/genres/17", headers=admin_headers)
    assert response.status_code == 409
    assert response.json["message"]
    assert query(lambda s: s.get(Genre, 17)) is not None


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/movies/"),
        ("put", "/movies/1"),
        ("patch", "/movies/1"),
        ("delete", "/movies/1"),
        ("post", "/genres/"),
        ("delete", "/genres/1"),
        ("post", "/directors/"),
        ("patch", "/directors/1"),
    ],
)
def test_catalog_writes_need_an_admin(client, user_headers, query, method, path):
    anonymous = getattr(client, method)(path, json={"name": "x"})
    assert anonymous.status_code == 401
    assert anonymous.json == {"message": "Authentication credentials were not provided."}
    user = getattr(client, method)(path, json={"name": "x"}, headers=user_headers)
    assert user.status_code == 403
    assert user.json == {"message": "Only administrators may do this."}
    assert query(lambda s: (s.query(Movie).count(), s.query(Genre).count())) == (20, 18)


@pytest.mark.parametrize("method", ["patch", "put"])
def test_a_changed_genre_or_director_answers_the_new_one(client, admin_headers, query, method):
    client.get("/movies/1")  # the old genre and director are loaded (and cached) first
    changes = {"genre_id": 3, "director_id": 2}
    body = changes if method == "patch" else {**NEW_MOVIE, **changes}
    response = getattr(client, method)("/movies/1", json=body, headers=admin_headers)
    assert response.status_code == 200
    assert (response.json["genre"], response.json["director"]) == (
        {"id": 3, "name": "Фэнтези"},
        {"id": 2, "name": "Квентин Тарантино"},
    )
    assert client.get("/movies/1").json["genre"] == {"id": 3, "name": "Фэнтези"}
    assert query(lambda s: (s.get(Movie, 1).genre_id, s.get(Movie, 1).director_id)) == (3, 2)
