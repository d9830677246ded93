# shellcheck shell=bash
# Shared helpers of the curl walkthroughs: source it, then `call` each request.
#
#   call METHOD PATH EXPECTED_STATUS [BODY] [extra curl args...]
#
# prints "> METHOD URL", the JSON body sent (if any), "< STATUS" and the answer, keeps the
# answer in $ANSWER and the status in $STATUS, and exits 1 when the status is not the
# expected one. `json FIELD` reads a field of $ANSWER ("access_token", "results.0.id").
#
# Environment: BASE_URL (default http://127.0.0.1:5000); ANSWER_MAX, the most characters of
# an answer printed (default 1500, 0 prints everything).

BASE_URL="${BASE_URL:-http://127.0.0.1:5000}"
BASE_URL="${BASE_URL%/}"
ANSWER_MAX="${ANSWER_MAX:-1500}"
# A suffix that makes names unique per run (date +%N is not portable, so add $RANDOM).
RUN_ID="${RUN_ID:-$(date +%s)$RANDOM}"
STATUS=""
ANSWER=""
STEPS=0

command -v curl >/dev/null || { echo "curl is required" >&2; exit 2; }
command -v python3 >/dev/null || { echo "python3 is required" >&2; exit 2; }

_ANSWER_FILE="$(mktemp)"
trap 'rm -f "$_ANSWER_FILE"' EXIT

call() {
    local method="$1" path="$2" expected="$3" body="${4-}"
    shift 3
    if [ $# -gt 0 ]; then shift; fi
    local url="$BASE_URL$path"
    local args=(--silent --show-error --max-time 60 -X "$method" -o "$_ANSWER_FILE" -w '%{http_code}')
    echo "> $method $url"
    if [ -n "$body" ]; then
        printf '%s\n' "$body"
        args+=(-H 'Content-Type: application/json' --data-binary "$body")
    fi
    if ! STATUS="$(curl "${args[@]}" "$@" "$url")"; then
        echo "FAILED: no answer from $url (is the server running? BASE_URL=$BASE_URL)" >&2
        exit 2
    fi
    ANSWER="$(cat "$_ANSWER_FILE")"
    echo "< $STATUS"
    if [ -n "$ANSWER" ]; then
        if [ "$ANSWER_MAX" -gt 0 ] && [ "${#ANSWER}" -gt "$ANSWER_MAX" ]; then
            printf '%s ... (%d more characters)\n' "${ANSWER:0:$ANSWER_MAX}" "$((${#ANSWER} - ANSWER_MAX))"
        else
            printf '%s\n' "$ANSWER"
        fi
    fi
    echo
    STEPS=$((STEPS + 1))
    if [ "$STATUS" != "$expected" ]; then
        echo "FAILED: $method $url answered $STATUS, expected $expected" >&2
        exit 1
    fi
}

# json FIELD: a field of the last answer; dots go into objects and lists ("parts.0.product").
json() {
    python3 -c '
import json, sys
try:
    value = json.loads(sys.argv[1])
    for key in sys.argv[2].split("."):
        value = value[int(key)] if isinstance(value, list) else value[key]
except (ValueError, LookupError, TypeError):
    sys.exit(f"FAILED: the last answer has no {sys.argv[2]!r}")
print(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))
' "$ANSWER" "$1"
}

# expect_same ACTUAL EXPECTED WHAT / expect_contains TEXT PART WHAT: a check of an answer's
# content; stops the walkthrough (exit 1) when it fails.
expect_same() {
    if [ "$1" != "$2" ]; then
        echo "FAILED: $3: got '$1', expected '$2'" >&2
        exit 1
    fi
    echo "checked: $3"
    echo
}

expect_contains() {
    case "$1" in
        *"$2"*) echo "checked: $3"; echo ;;
        *) echo "FAILED: $3: '$2' not in '$1'" >&2; exit 1 ;;
    esac
}

# expect_json EXPECTED WHAT: the last answer is exactly the JSON EXPECTED (compared parsed, so
# spacing and key order do not matter); stops the walkthrough (exit 1) when it is not.
expect_json() {
    if ! python3 -c 'import json, sys; sys.exit(json.loads(sys.argv[1]) != json.loads(sys.argv[2]))' "$ANSWER" "$1" 2>/dev/null; then
        echo "FAILED: $2: got '$ANSWER', expected '$1'" >&2
        exit 1
    fi
    echo "checked: $2"
    echo
}

# section TITLE: a heading between groups of calls.
section() {
    echo "=== $1"
    echo
}

# finish: the closing line of a walkthrough.
finish() {
    echo "OK: $(basename "$0") made $STEPS requests, each answered as expected."
}
