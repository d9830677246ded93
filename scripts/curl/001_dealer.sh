#!/usr/bin/env bash
# Walkthrough of the car dealer (001): register, log in for a JWT, then create, read, update
# and delete an auto, and list the stock. Errors answer {"Error": "..."}.
#
#   BASE_URL=http://127.0.0.1:5000 scripts/curl/001_dealer.sh
set -euo pipefail
# shellcheck source=scripts/curl/lib.sh
. "$(dirname "$0")/lib.sh"

# The seed's Postman collection registers with "warik": any 1 to 128 characters is a password.
USERNAME="carl_$RUN_ID"
PASSWORD="warik"
CREDENTIALS="{\"username\": \"$USERNAME\", \"password\": \"$PASSWORD\"}"
# Marks are case-sensitive and travel URL-encoded in the path: "Mercedes E200 <run>".
MARK="Mercedes%20E200%20$RUN_ID"

section "Register and log in"
call POST /register 400 "{\"username\": \"$USERNAME\", \"password\": \"\"}"
expect_json '{"Error": "password: Must be 1 to 128 characters long."}' "an empty password is refused"
call POST /register 201 "$CREDENTIALS"
call POST /register 400 "$CREDENTIALS"
call POST /auth 401 "{\"username\": \"$USERNAME\", \"password\": \"wrong-password\"}"
call POST /auth 200 "$CREDENTIALS"
TOKEN="$(json access_token)"
AUTH=(-H "Authorization: JWT $TOKEN")

section "Autos need the token"
call GET /stock 401
call GET "/auto/$MARK" 401
call GET "/auto/$MARK" 404 "" "${AUTH[@]}"
call POST "/auto/$MARK" 201 '{"max_speed": 280, "distance": 400, "handler": "Auto Motors", "stock": "Germany", "color": "red"}' "${AUTH[@]}"
call POST "/auto/$MARK" 400 '{"max_speed": 280, "distance": 400, "handler": "Auto Motors", "stock": "Germany"}' "${AUTH[@]}"
call POST "/auto/Broken%20$RUN_ID" 400 '{"max_speed": 0, "distance": 400, "handler": "Auto Motors", "stock": "Germany"}' "${AUTH[@]}"
call GET "/auto/$MARK" 200 "" "${AUTH[@]}"
expect_json "{\"mark\": \"Mercedes E200 $RUN_ID\", \"max_speed\": 280, \"distance\": 400, \"handler\": \"Auto Motors\", \"stock\": \"Germany\"}" "the auto as sent; the unknown color was ignored"
call PUT "/auto/$MARK" 202 '{"max_speed": 250, "distance": 450, "handler": "Auto Motors", "stock": "Poland"}' "${AUTH[@]}"
call PATCH "/auto/$MARK" 202 '{"distance": 500}' "${AUTH[@]}"
call PATCH "/auto/$MARK" 400 '{"color": "red"}' "${AUTH[@]}"
expect_json '{"Error": "Send at least one of max_speed, distance, handler, stock."}' "a PATCH with nothing the auto has is refused"
call GET "/auto/$MARK" 200 "" "${AUTH[@]}"
expect_json "{\"mark\": \"Mercedes E200 $RUN_ID\", \"max_speed\": 250, \"distance\": 500, \"handler\": \"Auto Motors\", \"stock\": \"Poland\"}" "replaced, then distance changed"
call GET /stock 200 "" -H "Authorization: Bearer $TOKEN"
call DELETE "/auto/$MARK" 202 "" "${AUTH[@]}"
call DELETE "/auto/$MARK" 404 "" "${AUTH[@]}"

finish
