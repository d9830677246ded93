"""Movie catalog reads (seed 004): lists, pages, `status=new`, items; public whatever the header."""

import pytest

from dao.model.movies import Movie

YELLOWSTONE = {
    "id": 1,
    "title": "Йеллоустоун",
    "description": "Владелец ранчо пытается сохранить землю своих предков. "
    "Кевин Костнер в неовестерне от автора «Ветреной реки»",
    "trailer": "https://www.youtube.com/watch?v=UKei_d0cbP4",
    "year": 2018,
    "rating": 8.6,
    "genre_id": 17,
    "director_id": 1,
    "genre": {"id": 17, "name": "Вестерн"},
    "director": {"id": 1, "name": "Тейлор Шеридан"},
}


def ids(response) -> list[int]:
    return [item["id"] for item in response.json]


def newest_first_ids(query) -> list[int]:
    movies = query(lambda s: s.query(Movie).all())
    return [m.id for m in sorted(movies, key=lambda m: (m.year, m.id), reverse=True)]


def test_movies_without_page_are_all_in_storage_order(client):
    response = client.get("/movies/")
    assert response.status_code == 200
    assert ids(response) == list(range(1, 21))
    assert response.json[0] == YELLOWSTONE


@pytest.mark.parametrize("path", ["/movies", "/movies/"])
def test_trailing_slash_is_optional_without_redirect(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert len(response.json) == 20


@pytest.mark.parametrize(
    ("page", "expected"), [(1, list(range(1, 13))), (2, list(range(13, 21))), (3, [])]
)
def test_movies_are_paged_by_twelve(client, page, expected):
    response = client.get(f"/movies/?page={page}")
    assert response.status_code == 200
    assert ids(response) == expected


def test_limit_sets_the_page_size(client):
    response = client.get("/movies/?page=2&limit=5")
    assert ids(response) == [6, 7, 8, 9, 10]


@pytest.mark.parametrize(
    "param", ["status=new", "state=new", "status=NEW", "status=New", "state=NEW", "state=nEw"]
)
def test_status_new_lists_newest_first(client, query, param):
    response = client.get(f"/movies/?{param}&page=1")
    assert response.status_code == 200
    assert ids(response) == newest_first_ids(query)[:12]
    years = [movie["year"] for movie in response.json]
    assert years == sorted(years, reverse=True)


def test_status_new_second_page_continues(client, query):
    response = client.get("/movies/?status=new&page=2")
    assert ids(response) == newest_first_ids(query)[12:]


@pytest.mark.parametrize("status", ["old", "", "popular"])
def test_other_status_values_keep_storage_order(client, status):
    response = client.get(f"/movies/?status={status}&page=1")
    assert response.status_code == 200
    assert ids(response) == list(range(1, 13))


@pytest.mark.parametrize("state", ["old", "", "newest", "popular"])
@pytest.mark.parametrize("path", ["/movies/", "/genres/", "/directors/"])
def test_other_state_values_are_400(client, path, state):
    response = client.get(f"{path}?state={state}&page=1")
    assert response.status_code == 400
    assert response.json == {
        "message": "Invalid paging parameters.",
        "errors": {"state": ['Must be "new" (newest first); leave it out for storage order.']},
    }


@pytest.mark.parametrize(
    ("query_string", "newest"),
    [
        ("status=new&state=old", True),
        ("status=NEW&state=", True),
        ("status=old&state=new", False),
        ("status=&state=old", False),
    ],
)
def test_with_status_sent_state_is_ignored(client, query, query_string, newest):
    response = client.get(f"/movies/?{query_string}&page=1")
    assert response.status_code == 200
    assert ids(response) == (newest_first_ids(query) if newest else list(range(1, 21)))[:12]


@pytest.mark.parametrize(
    ("query_string", "field"),
    [
        ("page=0", "page"),
        ("page=-1", "page"),
        ("page=abc", "page"),
        ("page=", "page"),
        ("page=1.5", "page"),
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("limit=x", "limit"),
    ],
)
@pytest.mark.parametrize("path", ["/movies/", "/genres/", "/directors/"])
def test_bad_page_or_limit_is_400(client, path, query_string, field):
    response = client.get(f"{path}?{query_string}")
    assert response.status_code == 400
    assert response.json["message"] == "Invalid paging parameters."
    assert list(response.json["errors"]) == [field]


def test_movie_by_id(client):
    response = client.get("/movies/1")
    assert response.status_code == 200
    assert response.json == YELLOWSTONE


@pytest.mark.parametrize("movie_id", [999, 0, 2**63, 10**30])
def test_unknown_movie_is_404(client, movie_id):
    response = client.get(f"/movies/{movie_id}")
    assert response.status_code == 404
    assert response.json == {"message": f"Movie {movie_id} not found."}


def test_non_numeric_movie_id_is_a_json_404(client):
    response = client.get("/movies/abc")
    assert response.status_code == 404
    assert response.is_json


@pytest.mark.parametrize(
    ("path", "first", "count"),
    [
        ("/genres/", {"id": 1, "name": "Комедия"}, 18),
        ("/directors/", {"id": 1, "name": "Тейлор Шеридан"}, 20),
    ],
)
def test_genre_and_director_lists(client, path, first, count):
    response = client.get(path)
    assert response.status_code == 200
    assert response.json[0] == first
    assert len(response.json) == count
    assert len(client.get(f"{path}?page=1").json) == 12
    assert ids(client.get(f"{path}?status=new&page=1"))[0] == count
    assert ids(client.get(f"{path}?state=NEW&page=1"))[0] == count


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/genres/8", {"id": 8, "name": "Аниме"}),
        ("/directors/2", {"id": 2, "name": "Квентин Тарантино"}),
    ],
)
def test_genre_and_director_items(client, path, body):
    response = client.get(path)
    assert response.status_code == 200
    assert response.json == body


@pytest.mark.parametrize(
    ("path", "label"), [("/genres/99", "Genre"), ("/directors/99", "Director")]
)
def test_unknown_genre_or_director_is_404(client, path, label):
    response = client.get(path)
    assert response.status_code == 404
    assert response.json == {"message": f"{label} 99 not found."}


@pytest.mark.parametrize(
    "header",
    ["Bearer undefined", "Bearer null", "Bearer expired.token.here", "Token nope", "garbage"],
)
def test_public_reads_ignore_the_authorization_header(client, header):
    for path in ["/movies/?page=1", "/movies/1", "/genres/", "/directors/1"]:
        assert client.get(path, headers={"Authorization": header}).status_code == 200


def test_non_ascii_is_kept_as_is(client):
    assert "Йеллоустоун".encode() in client.get("/movies/1").data


def test_a_list_without_page_is_capped(app, client):
    app.config["UNPAGED_LIMIT"] = 7
    response = client.get("/movies/?status=new")
    assert response.status_code == 200
    assert len(response.json) == 7
    assert len(client.get("/movies/?page=1").json) == 12
