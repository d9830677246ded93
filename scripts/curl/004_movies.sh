#!/usr/bin/env bash
# Walkthrough of the movie catalog (004): browse the catalog, register, log in, profile,
# favorites, refresh tokens, change the password, and (with ADMIN_EMAIL and ADMIN_PASSWORD
# set) the admin's catalog writes.
#
#   BASE_URL=http://127.0.0.1:5000 ADMIN_EMAIL=... ADMIN_PASSWORD=... scripts/curl/004_movies.sh
set -euo pipefail
# shellcheck source=scripts/curl/lib.sh
. "$(dirname "$0")/lib.sh"

EMAIL="ann.$RUN_ID@example.com"
# Short passwords, as the course's reference tests use them: any 1 to 128 characters.
PASSWORD="test123"
NEW_PASSWORD="123"

section "The catalog is public (any Authorization header is ignored)"
call GET /health 200
call GET /movies/ 200
call GET "/movies/?status=new&page=1" 200
call GET /movies/1 200 "" -H "Authorization: Bearer undefined"
MOVIE_ID="$(json id)"
GENRE_ID="$(json genre_id)"
DIRECTOR_ID="$(json director_id)"
call GET /genres/ 200
call GET "/genres/$GENRE_ID" 200
call GET "/directors/?page=1" 200
call GET /movies/999999999 404
call GET "/movies/?page=0" 400
call GET "/movies/?state=old" 400
expect_json '{"message": "Invalid paging parameters.", "errors": {"state": ["Must be \"new\" (newest first); leave it out for storage order."]}}' "state is new (newest first) or left out"
call GET "/movies/?status=new&state=old" 200

section "Register and log in"
call POST /auth/register 201 "{\"email\": \"$EMAIL\", \"password\": \"$PASSWORD\", \"age\": 12}"
expect_json 'null' "registered: the body is null (and age is ignored)"
call POST /auth/register 409 "{\"email\": \"$EMAIL\", \"password\": \"$PASSWORD\"}"
call POST /auth/register 400 '{"email": "not-an-email", "password": ""}'
expect_json '{"message": "The request body is invalid.", "errors": {"email": ["Not a valid email address."], "password": ["Must be 1 to 128 characters long."]}}' "a bad email and an empty password are refused"
call POST /auth/login 401 "{\"email\": \"$EMAIL\", \"password\": \"wrong-password\"}"
call POST /auth/login 200 "{\"email\": \"$EMAIL\", \"password\": \"$PASSWORD\"}"
ACCESS="$(json access_token)"
REFRESH="$(json refresh_token)"
AUTH=(-H "Authorization: Bearer $ACCESS")

section "Profile"
call GET /user/ 401
call GET /user/ 200 "" "${AUTH[@]}"
USER_ID="$(json id)"
expect_json "{\"id\": $USER_ID, \"email\": \"$EMAIL\", \"name\": null, \"surname\": null, \"favourite_genre\": null}" "exactly id, email, name, surname, favourite_genre; nulls until set, no age"
call PATCH /user/ 200 "{\"name\": \"Ann\", \"surname\": \"Lee\", \"favorite_genre\": $GENRE_ID}" "${AUTH[@]}"
expect_json "{\"id\": $USER_ID, \"email\": \"$EMAIL\", \"name\": \"Ann\", \"surname\": \"Lee\", \"favourite_genre\": $GENRE_ID}" "the updated profile"
call PATCH /user/ 200 '{"role": "admin", "id": 1}' "${AUTH[@]}"
expect_json "{\"id\": $USER_ID, \"email\": \"$EMAIL\", \"name\": \"Ann\", \"surname\": \"Lee\", \"favourite_genre\": $GENRE_ID}" "role and id ignored: the profile unchanged"
call PATCH /user/ 200 '{"name": "", "surname": null}' "${AUTH[@]}"
call GET /user/ 200 "" "${AUTH[@]}"
expect_json "{\"id\": $USER_ID, \"email\": \"$EMAIL\", \"name\": null, \"surname\": null, \"favourite_genre\": $GENRE_ID}" "\"\" and null cleared name and surname"

section "Favorites"
call POST "/favorites/movies/$MOVIE_ID" 200 "" "${AUTH[@]}"
expect_json 'null' "added: the body is null"
call POST "/favorites/movies/$MOVIE_ID" 200 "" "${AUTH[@]}"
expect_json 'null' "added again: the same answer"
call GET /favorites/movies/ 200 "" "${AUTH[@]}"
expect_same "$(json 0.id)" "$MOVIE_ID" "the movie is a favorite"
call POST /favorites/movies/999999999 404 "" "${AUTH[@]}"
call DELETE "/favorites/movies/$MOVIE_ID" 204 "" "${AUTH[@]}"
call DELETE "/favorites/movies/$MOVIE_ID" 404 "" "${AUTH[@]}"

section "Refresh: a refresh token works once"
PAIR="{\"access_token\": \"$ACCESS\", \"refresh_token\": \"$REFRESH\"}"
call PUT /auth/login 200 "$PAIR"
ACCESS="$(json access_token)"
AUTH=(-H "Authorization: Bearer $ACCESS")
call PUT /auth/login 401 "$PAIR"
expect_json '{"message": "This refresh token has already been used."}' "a spent refresh token"
call PUT /auth/login 401 '{"refresh_token": "not-a-jwt"}'
expect_json '{"message": "Expired refresh token"}' "a refresh token that cannot be read"

section "Only admins write the catalog"
call POST /movies/ 403 "{\"title\": \"Not mine\", \"year\": 2000, \"rating\": 5, \"genre_id\": $GENRE_ID, \"director_id\": $DIRECTOR_ID}" "${AUTH[@]}"

section "Change the password: tokens issued before stop working"
call PUT /user/password 400 "{\"password_1\": \"wrong-password\", \"password_2\": \"$NEW_PASSWORD\"}" "${AUTH[@]}"
call PUT /user/password 400 "{\"password_1\": \"$PASSWORD\", \"password_2\": \"\"}" "${AUTH[@]}"
call PUT /user/password 200 "{\"password_1\": \"$PASSWORD\", \"password_2\": \"$NEW_PASSWORD\"}" "${AUTH[@]}"
expect_json 'null' "changed: the body is null"
call GET /user/ 401 "" "${AUTH[@]}"
call POST /auth/login 200 "{\"email\": \"$EMAIL\", \"password\": \"$NEW_PASSWORD\"}"

if [ -z "${ADMIN_EMAIL:-}" ] || [ -z "${ADMIN_PASSWORD:-}" ]; then
    echo "NOTE: ADMIN_EMAIL / ADMIN_PASSWORD not set: skipping the admin's catalog writes."
    echo "      Create an admin with: flask --app app create-admin --email admin@example.com"
    echo
else
    section "The admin edits the catalog"
    call POST /auth/login 200 "{\"email\": \"$ADMIN_EMAIL\", \"password\": \"$ADMIN_PASSWORD\"}"
    ADMIN=(-H "Authorization: Bearer $(json access_token)")
    call POST /genres/ 201 "{\"name\": \"Walkthrough $RUN_ID\"}" "${ADMIN[@]}"
    NEW_GENRE="$(json id)"
    call POST /movies/ 201 "{\"title\": \"Walkthrough $RUN_ID\", \"description\": \"Made by 004_movies.sh\", \"trailer\": \"https://example.com/trailer\", \"year\": 2024, \"rating\": 7.5, \"genre_id\": $NEW_GENRE, \"director_id\": $DIRECTOR_ID}" "${ADMIN[@]}"
    NEW_MOVIE="$(json id)"
    call PATCH "/movies/$NEW_MOVIE" 200 '{"rating": 8.1}' "${ADMIN[@]}"
    call PUT "/movies/$NEW_MOVIE" 200 "{\"title\": \"Walkthrough $RUN_ID (director's cut)\", \"year\": 2025, \"rating\": 8.4, \"genre_id\": $NEW_GENRE, \"director_id\": $DIRECTOR_ID}" "${ADMIN[@]}"
    call POST /movies/ 400 "{\"title\": \"\", \"year\": 1500, \"rating\": 11, \"genre_id\": $NEW_GENRE, \"director_id\": $DIRECTOR_ID}" "${ADMIN[@]}"
    call DELETE "/movies/$NEW_MOVIE" 204 "" "${ADMIN[@]}"
    call GET "/movies/$NEW_MOVIE" 404
    call DELETE "/genres/$NEW_GENRE" 204 "" "${ADMIN[@]}"
fi

finish
