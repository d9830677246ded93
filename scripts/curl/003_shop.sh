#!/usr/bin/env bash
# Walkthrough of products and orders (003): browse and filter products (with their images),
# log in for a JWT pair, see and change your profile (/api/me), place an order (safely retried
# with an Idempotency-Key), list your orders, rotate the refresh token, see the special offers
# active now, and (with ADMIN_EMAIL and ADMIN_PASSWORD set) manage products and their images
# and put offers on a product as an admin, which the customer's orders then apply.
#
#   BASE_URL=http://127.0.0.1:5000 ADMIN_EMAIL=... ADMIN_PASSWORD=... scripts/curl/003_shop.sh
set -euo pipefail
# shellcheck source=scripts/curl/lib.sh
. "$(dirname "$0")/lib.sh"

EMAIL="shopper.$RUN_ID@example.com"
PASSWORD="correct-horse-$RUN_ID"

section "Products are public: paged, searchable, filtered, ordered"
call GET "/api/products?limit=5" 200
call GET "/api/products?search=a&min_price=1&max_price=1000&ordering=-price&limit=3" 200
call GET "/api/products?in_stock=true&ordering=price&limit=1" 200
PRODUCT="$(json results.0.id)"
call GET "/api/products/$PRODUCT" 200
call GET /api/products/1 200
expect_same "$(json images)" '["https://images.example.com/products/1/front.jpg", "https://images.example.com/products/1/side.jpg"]' \
    "demo product 1 shows its two images, in order"
call GET /api/products/999999999 404
call GET "/api/products?limit=101" 400

section "The shop has no sign-up of its own: any account logs in (here one made by /auth/register)"
call POST /auth/register 201 "{\"email\": \"$EMAIL\", \"password\": \"$PASSWORD\"}"
expect_json 'null' "the account is made (the body is null)"
call POST /api/auth 401 "{\"username\": \"$EMAIL\", \"password\": \"wrong-password\"}"
call POST /api/auth 200 "{\"username\": \"$EMAIL\", \"password\": \"$PASSWORD\"}"
REFRESH="$(json refresh)"
AUTH=(-H "Authorization: Bearer $(json access)")

section "Your profile (/api/me): names and email; the email cannot be cleared or taken"
call GET /api/me 200 "" "${AUTH[@]}"
ME="$(json id)"
expect_json "{\"id\": $ME, \"username\": null, \"email\": \"$EMAIL\", \"first_name\": null, \"last_name\": null}" \
    "right after login: the email you signed up with, no names"
call PATCH /api/me 200 '{"first_name": " Ada ", "last_name": "Lovelace", "username": "not-changed"}' "${AUTH[@]}"
expect_json "{\"id\": $ME, \"username\": null, \"email\": \"$EMAIL\", \"first_name\": \"Ada\", \"last_name\": \"Lovelace\"}" \
    "the names are set (trimmed), the username in the body ignored"
call GET /api/me 200 "" "${AUTH[@]}"
expect_json "{\"id\": $ME, \"username\": null, \"email\": \"$EMAIL\", \"first_name\": \"Ada\", \"last_name\": \"Lovelace\"}" \
    "the profile shows the names"
NEW_EMAIL="renamed.shopper.$RUN_ID@example.com"
call PATCH /api/me 200 "{\"email\": \"  $NEW_EMAIL \"}" "${AUTH[@]}"
expect_same "$(json email)" "$NEW_EMAIL" "the new email, trimmed"
call GET /api/me 200 "" "${AUTH[@]}"
expect_json "{\"id\": $ME, \"username\": null, \"email\": \"$NEW_EMAIL\", \"first_name\": \"Ada\", \"last_name\": \"Lovelace\"}" \
    "the profile shows the new email"
OTHER_EMAIL="other.shopper.$RUN_ID@example.com"
call POST /auth/register 201 "{\"email\": \"$OTHER_EMAIL\", \"password\": \"$PASSWORD\"}"
call PATCH /api/me 409 "{\"email\": \"$(printf '%s' "$OTHER_EMAIL" | tr '[:lower:]' '[:upper:]')\"}" "${AUTH[@]}"
expect_json '{"message": "A user with this email already exists."}' "another account's email, in any case"
call PATCH /api/me 400 '{"email": ""}' "${AUTH[@]}"
expect_json '{"message": "The request body is invalid.", "errors": {"email": ["Not a valid email address."]}}' \
    "the email cannot be cleared"
call PATCH /api/me 200 '{"first_name": null, "last_name": ""}' "${AUTH[@]}"
expect_json "{\"id\": $ME, \"username\": null, \"email\": \"$NEW_EMAIL\", \"first_name\": null, \"last_name\": null}" \
    "null and \"\" clear the names; the refused changes left the email as it was"
call GET /api/me 401
expect_json '{"message": "Authentication credentials were not provided."}' "no token, no profile"

section "Orders: all parts or nothing; a retry with the same Idempotency-Key places nothing new"
ORDER="{\"parts\": [{\"product\": $PRODUCT, \"quantity_in_order\": 1}]}"
call POST /api/order 401 "$ORDER"
call POST /api/order 400 '{"parts": []}' "${AUTH[@]}"
call POST /api/order 400 "{\"parts\": [{\"product\": $PRODUCT, \"quantity_in_order\": 1000000}]}" "${AUTH[@]}"
call POST /api/order 201 "$ORDER" "${AUTH[@]}" -H "Idempotency-Key: walkthrough-$RUN_ID"
ORDER_ID="$(json id)"
call POST /api/order 201 "$ORDER" "${AUTH[@]}" -H "Idempotency-Key: walkthrough-$RUN_ID"
expect_same "$(json id)" "$ORDER_ID" "the retry answers the first order"
call GET /api/my-orders 200 "" "${AUTH[@]}"
expect_same "$(json 0.id)" "$ORDER_ID" "the order is the newest in my-orders"

section "Refresh: the pair rotates, the old refresh token stops working"
call POST /api/refresh 200 "{\"refresh\": \"$REFRESH\"}"
call POST /api/refresh 401 "{\"refresh\": \"$REFRESH\"}"
call POST /api/refresh 401 '{"refresh": "not-a-jwt"}'
expect_json '{"message": "Expired refresh token"}' "a refresh token that cannot be read"

section "Offers: anyone sees those active now; every offer (all=true) and offer writes are the admin's"
call GET /api/offers 200
OFFER="$(json 0.id)"
call GET "/api/offers/$OFFER" 200
expect_same "$(json id)" "$OFFER" "the first active offer, as listed"
call GET /api/offers/999999999 404
expect_json '{"message": "Offer 999999999 not found."}' "no such offer"
call GET "/api/offers?all=true" 401
call GET "/api/offers?all=true" 403 "" "${AUTH[@]}"
expect_json '{"message": "Only administrators may do this."}' "every offer is for admins only"
call POST /api/offers 403 "{\"kind\": \"percent_off\", \"product\": $PRODUCT, \"percent\": 10}" "${AUTH[@]}"

section "Only admins manage products"
call POST /api/products 403 '{"name": "Not mine", "price": "1.00", "quantity_in_stock": 1}' "${AUTH[@]}"

if [ -z "${ADMIN_EMAIL:-}" ] || [ -z "${ADMIN_PASSWORD:-}" ]; then
    echo "NOTE: ADMIN_EMAIL / ADMIN_PASSWORD not set: skipping the admin's product and offer writes."
    echo "      Create an admin with: flask --app app create-admin --email admin@example.com"
    echo
else
    section "The admin adds and changes a product (and its images: 0 to 10 http(s) URLs)"
    call POST /api/auth 200 "{\"username\": \"$ADMIN_EMAIL\", \"password\": \"$ADMIN_PASSWORD\"}"
    ADMIN=(-H "Authorization: Bearer $(json access)")
    MUG_FRONT="https://images.example.com/walkthrough/mug-front.jpg"
    MUG_SIDE="https://images.example.com/walkthrough/mug-side.jpg"
    MUG_TOP="http://cdn.example.org/walkthrough/mug-top.png"
    call POST /api/products 201 "{\"name\": \"Walkthrough mug $RUN_ID\", \"description\": \"Made by 003_shop.sh\", \"price\": \"12.50\", \"quantity_in_stock\": 10, \"images\": [\"$MUG_FRONT\", \"$MUG_SIDE\"]}" "${ADMIN[@]}"
    NEW_PRODUCT="$(json id)"
    expect_same "$(json images)" "[\"$MUG_FRONT\", \"$MUG_SIDE\"]" "the new product has both images, in order"
    call POST /api/products 400 '{"name": "", "price": "-1", "quantity_in_stock": -1}' "${ADMIN[@]}"
    call PATCH "/api/products/$NEW_PRODUCT" 200 '{"price": "11.90"}' "${ADMIN[@]}"
    expect_same "$(json images)" "[\"$MUG_FRONT\", \"$MUG_SIDE\"]" "a PATCH without images keeps them"
    call PATCH "/api/products/$NEW_PRODUCT" 200 "{\"images\": [\"$MUG_TOP\", \"$MUG_FRONT\", \"$MUG_SIDE\"]}" "${ADMIN[@]}"
    expect_same "$(json images)" "[\"$MUG_TOP\", \"$MUG_FRONT\", \"$MUG_SIDE\"]" "only the images changed: three, in the order sent"
    expect_same "$(json name)" "Walkthrough mug $RUN_ID" "the name is unchanged"
    call PATCH "/api/products/$NEW_PRODUCT" 400 '{"images": ["ftp://x.example.com/a.jpg"]}' "${ADMIN[@]}"
    expect_json '{"message": "The request body is invalid.", "errors": {"images": {"0": ["Not a valid URL."]}}}' \
        "an image must be an absolute http(s) URL"
    call PUT "/api/products/$NEW_PRODUCT" 200 "{\"name\": \"Walkthrough mug $RUN_ID, large\", \"price\": \"14.00\", \"quantity_in_stock\": 5, \"images\": [\"$MUG_SIDE\"]}" "${ADMIN[@]}"
    expect_same "$(json images)" "[\"$MUG_SIDE\"]" "PUT replaces the images with the one sent"
    call GET "/api/products/$NEW_PRODUCT" 200
    expect_same "$(json images)" "[\"$MUG_SIDE\"]" "the stored images are the replaced ones"

    section "Offers on the mug (14.00): 10% off and buy 1 get 1 free; each order line takes the best"
    call POST /api/offers 201 "{\"kind\": \"percent_off\", \"product\": $NEW_PRODUCT, \"percent\": 10}" "${ADMIN[@]}"
    PERCENT_OFFER="$(json id)"
    expect_json "{\"id\": $PERCENT_OFFER, \"kind\": \"percent_off\", \"product\": $NEW_PRODUCT, \"buy\": null, \"get\": null, \"percent\": 10, \"starts_at\": null, \"ends_at\": null}" \
        "10% off the mug from now on; the fields percent_off does not use are null"
    call POST /api/offers 201 "{\"kind\": \"buy_x_get_y\", \"product\": $NEW_PRODUCT, \"buy\": 1, \"get\": 1}" "${ADMIN[@]}"
    BOGOF_OFFER="$(json id)"
    call POST /api/offers 201 "{\"kind\": \"percent_off\", \"product\": $NEW_PRODUCT, \"percent\": 50, \"starts_at\": \"2099-01-01T00:00:00+01:00\"}" "${ADMIN[@]}"
    FUTURE_OFFER="$(json id)"
    expect_same "$(json starts_at)" "2098-12-31T23:00:00+00:00" "an offer of 2099, its start in UTC"
    call POST /api/offers 400 "{\"kind\": \"percent_off\", \"product\": $NEW_PRODUCT, \"percent\": 101}" "${ADMIN[@]}"
    expect_json '{"message": "The request body is invalid.", "errors": {"percent": ["Must be greater than or equal to 1 and less than or equal to 100."]}}' \
        "a percent is 1 to 100"
    call POST /api/offers 400 "{\"kind\": \"percent_off\", \"product\": $NEW_PRODUCT, \"percent\": 10, \"starts_at\": \"2027-01-08T00:00:00+00:00\", \"ends_at\": \"2027-01-01T00:00:00+00:00\"}" "${ADMIN[@]}"
    expect_json '{"message": "The offer is invalid.", "errors": {"ends_at": ["Must be after starts_at."]}}' \
        "an offer cannot end before it starts"
    call GET "/api/offers/$BOGOF_OFFER" 200
    expect_same "$(json kind) $(json buy) $(json get)" "buy_x_get_y 1 1" "anyone sees an active offer"
    call GET "/api/offers/$FUTURE_OFFER" 404
    call GET "/api/offers/$FUTURE_OFFER" 200 "" "${ADMIN[@]}"
    call GET "/api/offers?all=true" 200 "" "${ADMIN[@]}"
    expect_contains "$ANSWER" "\"id\": $FUTURE_OFFER," "with all=true the admin sees the offer of 2099 too"
    call POST /api/order 201 "{\"parts\": [{\"product\": $NEW_PRODUCT, \"quantity_in_order\": 2}]}" "${AUTH[@]}"
    expect_same "$(json parts.0.discount) $(json parts.0.offer)" "14.00 $BOGOF_OFFER" \
        "2 mugs: 1 free (14.00 off) beats 10% (2.80)"
    expect_same "$(json subtotal) $(json discount) $(json total) $(json offer)" "28.00 14.00 14.00 null" \
        "subtotal, discount, total; no order-wide offer"
    call PATCH "/api/offers/$PERCENT_OFFER" 200 '{"percent": 50}' "${ADMIN[@]}"
    expect_same "$(json kind) $(json percent)" "percent_off 50" "only the percent changed"
    call POST /api/order 201 "{\"parts\": [{\"product\": $NEW_PRODUCT, \"quantity_in_order\": 3}]}" "${AUTH[@]}"
    expect_same "$(json parts.0.discount) $(json parts.0.offer)" "21.00 $PERCENT_OFFER" \
        "3 mugs: 50% (21.00 off) now beats 1 free (14.00)"
    expect_same "$(json subtotal) $(json discount) $(json total) $(json offer)" "42.00 21.00 21.00 null" \
        "subtotal, discount, total"
    call GET "/api/products/$NEW_PRODUCT" 200
    expect_same "$(json quantity_in_stock)" "0" "5 - 2 - 3 = 0: the free mug left the stock too"
    call DELETE "/api/offers/$BOGOF_OFFER" 204 "" "${ADMIN[@]}"
    call GET "/api/offers/$BOGOF_OFFER" 404 "" "${ADMIN[@]}"
    call DELETE "/api/offers/$PERCENT_OFFER" 204 "" "${ADMIN[@]}"
    call GET /api/my-orders 200 "" "${AUTH[@]}"
    expect_same "$(json 0.parts.0.discount) $(json 0.parts.0.offer) $(json 0.total)" "21.00 $PERCENT_OFFER 21.00" \
        "the order keeps its discount after the offer is gone"

    section "Deleting the product deletes its offers"
    call DELETE "/api/products/$NEW_PRODUCT" 204 "" "${ADMIN[@]}"
    call GET "/api/products/$NEW_PRODUCT" 404
    call GET "/api/offers/$FUTURE_OFFER" 404 "" "${ADMIN[@]}"
fi

finish
