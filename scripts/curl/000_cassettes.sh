#!/usr/bin/env bash
# Walkthrough of the VHS cassette shop (000): sign up, get the API token, browse and filter
# cassettes, add, replace, change and delete one, and revoke the token.
#
#   BASE_URL=http://127.0.0.1:5000 scripts/curl/000_cassettes.sh
set -euo pipefail
# shellcheck source=scripts/curl/lib.sh
. "$(dirname "$0")/lib.sh"

# The seed's own client signs up as rick with "123": any 1 to 128 characters is a password.
USERNAME="rick$RUN_ID"
PASSWORD="123"
CREDENTIALS="{\"username\": \"$USERNAME\", \"password\": \"$PASSWORD\"}"

section "Sign up and log in: one API token until it is revoked"
call POST /api/auth/signup 400 "{\"username\": \"$USERNAME\", \"password\": \"\"}"
expect_json '{"message": "The request body is invalid.", "errors": {"password": ["Must be 1 to 128 characters long."]}}' "an empty password is refused"
call POST /api/auth/signup 201 "$CREDENTIALS"
TOKEN="$(json token)"
call POST /api/auth/signup 400 "$CREDENTIALS"
call POST /api/auth/token 200 "$CREDENTIALS"
expect_same "$(json token)" "$TOKEN" "a second log-in gives the same token"
call POST /api/auth/token 400 "{\"username\": \"$USERNAME\", \"password\": \"wrong-password\"}"
AUTH=(-H "Authorization: Token $TOKEN")

section "Reading is public"
call GET /api/cassetes/ 200
call GET "/api/cassetes/?director=spielberg" 200
call GET "/api/cassettes/?title=rambo" 200
call GET "/api/cassetes/?state=NEW" 200
call GET "/api/cassetes/?state=old" 400
expect_json '{"message": "Invalid paging parameters.", "errors": {"state": ["Must be \"new\" (newest first); leave it out for storage order."]}}' "state is new or left out"
call GET /api/cassetes/999999999 404

section "Writing needs a token"
CASSETTE="{\"title\": \"Walkthrough $RUN_ID\", \"director\": \"George P. Cosmatos\", \"released\": \"1985-05-22\"}"
call POST /api/cassetes/ 401 "$CASSETTE"
call POST /api/cassetes/ 201 "$CASSETTE" "${AUTH[@]}"
ID="$(json id)"
call POST /api/cassetes/ 400 '{"title": "No date", "director": "Nobody", "released": "22.05.1985", "quantity": -1}' "${AUTH[@]}"
call GET "/api/cassetes/$ID" 200
call PUT "/api/cassetes/$ID" 200 "{\"title\": \"Walkthrough $RUN_ID II\", \"director\": \"George P. Cosmatos\", \"released\": \"1985-05-22\", \"quantity\": 2}" "${AUTH[@]}"
call PATCH "/api/cassettes/$ID" 204 '{"quantity": 3, "id": 999999999}' "${AUTH[@]}"
call GET "/api/cassettes/$ID" 200
expect_json "{\"id\": $ID, \"title\": \"Walkthrough $RUN_ID II\", \"director\": \"George P. Cosmatos\", \"released\": \"1985-05-22\", \"quantity\": 3}" "quantity changed; the id sent in the body was ignored"
call DELETE "/api/cassetes/$ID" 204 "" "${AUTH[@]}"
call GET "/api/cassetes/$ID" 404

section "Revoke the token: it stops working, the next log-in gets a new one"
call DELETE /api/auth/token 204 "" "${AUTH[@]}"
call POST /api/cassetes/ 401 "$CASSETTE" "${AUTH[@]}"
call POST /api/auth/token 200 "$CREDENTIALS"

finish
