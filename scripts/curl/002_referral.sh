#!/usr/bin/env bash
# Walkthrough of phone login and invite codes (002): two phone users log in with SMS codes,
# browse profiles (phone users only), and the second activates the first one's invite code.
#
# The server answers a code after SMS_DELAY_SECONDS (default 1.5 s): start it with
# SMS_DELAY_SECONDS=0 for a fast run; the script works with the delay too, only slower.
#
#   BASE_URL=http://127.0.0.1:5000 scripts/curl/002_referral.sh
set -euo pipefail
# shellcheck source=scripts/curl/lib.sh
. "$(dirname "$0")/lib.sh"

# Two fresh Russian mobile numbers per run, written the two usual ways.
DIGITS=$(( 10#${RUN_ID: -7} ))
ANN_LOCAL="8999$(printf '%07d' "$DIGITS")"
ANN_PHONE="+7999$(printf '%07d' "$DIGITS")"
BOB_PHONE="+7999$(printf '%07d' $(( (DIGITS + 1) % 10000000 )))"
CODE_KEY="Ваш код активации"
TOKEN_KEY="Ваш токен"
INVITE_KEY="Ваш инвайт код"

section "Ann asks for a code (written 8 999 ...) and logs in with it (written +7 999 ...)"
call POST /api/v1/auth/signup/ 200 "{\"telephone_number\": \"$ANN_LOCAL\"}"
CODE="$(json "$CODE_KEY")"
call POST /api/v1/auth/signup/ 429 "{\"telephone_number\": \"$ANN_PHONE\"}"
call POST /api/v1/auth/signup/ 400 '{"telephone_number": "12345"}'
WRONG_CODE="$(printf '%04d' $(( (10#$CODE + 1) % 10000 )))"
call POST /api/v1/auth/code/ 400 "{\"telephone_number\": \"$ANN_PHONE\", \"code\": \"$WRONG_CODE\"}"
call POST /api/v1/auth/code/ 200 "{\"telephone_number\": \"$ANN_PHONE\", \"code\": \"$CODE\"}"
ANN=(-H "Authorization: Token $(json "$TOKEN_KEY")")
ANN_INVITE="$(json "$INVITE_KEY")"

section "Bob logs in the same way"
call POST /api/v1/auth/signup/ 200 "{\"telephone_number\": \"$BOB_PHONE\"}"
CODE="$(json "$CODE_KEY")"
call POST /api/v1/auth/code/ 200 "{\"telephone_number\": \"$BOB_PHONE\", \"code\": \"$CODE\"}"
BOB=(-H "Authorization: Token $(json "$TOKEN_KEY")")
BOB_INVITE="$(json "$INVITE_KEY")"

section "Profiles need a token; a profile is found by username or phone number"
call GET /api/v1/users/ 401
call GET "/api/v1/users/?page=1&limit=5" 200 "" "${ANN[@]}"
call GET "/api/v1/users/$ANN_PHONE/" 200 "" "${BOB[@]}"
call GET "/api/v1/users/nobody_$RUN_ID/" 404 "" "${BOB[@]}"
call GET "/api/v1/users/?state=old" 400 "" "${ANN[@]}"
expect_json '{"message": "Invalid paging parameters.", "errors": {"state": ["Must be \"new\" (newest first); leave it out for storage order."]}}' "state is new or left out"

section "An account without a phone number (the cassette shop's sign-up) is no profile here"
call POST /api/auth/signup 201 "{\"username\": \"nophone$RUN_ID\", \"password\": \"123\"}"
call GET "/api/v1/users/nophone$RUN_ID/" 404 "" "${BOB[@]}"
expect_json '{"message": "No user has this username or phone number."}' "the account without a phone is not found"

section "Only the owner changes a profile; Bob activates Ann's invite code, once"
call PATCH "/api/v1/users/$ANN_PHONE/" 403 '{"first_name": "Mallory"}' "${BOB[@]}"
call PATCH "/api/v1/users/$BOB_PHONE/" 200 "{\"first_name\": \"Bob\", \"last_name\": \"Smith\", \"username\": \"bob_$RUN_ID\", \"activated_invite_code\": \"$ANN_INVITE\", \"telephone_number\": \"+79990000000\", \"age\": 12}" "${BOB[@]}"
expect_same "$(json telephone_number)" "$BOB_PHONE" "the telephone_number sent (read-only) was ignored"
call PATCH "/api/v1/users/bob_$RUN_ID/" 400 "{\"activated_invite_code\": \"$ANN_INVITE\"}" "${BOB[@]}"
call PATCH "/api/v1/users/$ANN_PHONE/" 400 "{\"activated_invite_code\": \"$ANN_INVITE\"}" "${ANN[@]}"
call PATCH "/api/v1/users/$ANN_PHONE/" 404 '{"activated_invite_code": "ZZZZZZ"}' "${ANN[@]}"
call PATCH "/api/v1/users/$ANN_PHONE/" 400 '{"activated_invite_code": "no-such-code"}' "${ANN[@]}"
call GET "/api/v1/users/$ANN_PHONE/" 200 "" "${ANN[@]}"
expect_contains "$(json invite_code_list)" "$BOB_PHONE" "Bob's number is in Ann's invite_code_list"

section "null or \"\" clears a name (answered \"\")"
call PATCH "/api/v1/users/bob_$RUN_ID/" 200 '{"first_name": null, "last_name": ""}' "${BOB[@]}"
call GET "/api/v1/users/bob_$RUN_ID/" 200 "" "${ANN[@]}"
expect_json "{\"first_name\": \"\", \"last_name\": \"\", \"username\": \"bob_$RUN_ID\", \"telephone_number\": \"$BOB_PHONE\", \"invite_code\": \"$BOB_INVITE\", \"activated_invite_code\": \"$ANN_INVITE\", \"invite_code_list\": []}" "Bob's names cleared, the rest kept"

finish
