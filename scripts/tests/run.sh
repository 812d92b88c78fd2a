#!/usr/bin/env bash
# Tests scripts/smoke-test.sh against fake aws, curl, openssl and oathtool (scripts/tests/fakes), its
# Cognito steps against the cognito-local emulator with the real AWS CLI (test_emulator_*, see
# scripts/README.md), plus shellcheck and the workflow validator. No AWS account or network needed.
#
# Usage: scripts/tests/run.sh [<substring of test names>]
#   TEST_JOBS=<n>            tests run in parallel (default 4)
#   SMOKE_TEST_SCRIPT=<path> test another copy of the script (e.g. a deliberately broken one)
# Last line: "smoke-test: N passed, M failed"; exit status 1 when a test failed.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
FAKES="$HERE/fakes"
FIXTURE="$HERE/fixtures/outputs.json"
SMOKE="${SMOKE_TEST_SCRIPT:-$ROOT/scripts/smoke-test.sh}"
JOBS="${TEST_JOBS:-4}"
FILTER="${1:-}"

# Knobs of the fakes must come from the tests only.
while IFS= read -r var; do unset "$var"; done < <(compgen -e | grep -E '^(FAKE_|SMOKE_OATHTOOL$)' || true)

SUITE_TMP="$(mktemp -d "${TMPDIR:-/tmp}/smoke-tests.XXXXXX")"
trap 'stop_emulator; rm -rf "$SUITE_TMP"' EXIT
trap 'exit 130' INT TERM

# shellcheck source=SCRIPTDIR/fakes/fake-data.sh
source "$FAKES/fake-data.sh"

# ---------------------------------------------------------------------------------------------------
# Helpers for tests. Each test runs in its own subshell with T (its directory) set; assertions record
# failures in $T/failures and let the test go on, so one run reports every broken expectation.
# ---------------------------------------------------------------------------------------------------
OUT=""
HAPPY=""
RC=""
LOG=""

fail() { printf '    %s\n' "$*" >>"$T/failures"; }

# smoke <args...>: runs the script from $T with the fakes first on PATH; sets OUT (stdout+stderr), RC, LOG.
smoke() {
  RC=0
  mkdir -p "$T/tmp"
  : >"$T/calls.log"
  OUT="$(cd "$T" && PATH="${SMOKE_PATH_PREFIX:-}$FAKES:$PATH" FAKE_LOG="$T/calls.log" FAKE_STATE="$T" TMPDIR="$T/tmp" "$SMOKE" "$@" 2>&1)" || RC=$?
  LOG="$(cat "$T/calls.log" 2>/dev/null || true)"
  printf '%s\n' "$OUT" >"$T/output"
}

# results_from <file>: OUT from the file, LOG from the call log (for tests that run the script themselves).
results_from() {
  OUT="$(<"$1")"
  LOG="$(<"$T/calls.log")"
}

# smoke_happy: the results of the plain run (fixture outputs, --env dev, no knobs), made once per suite.
smoke_happy() {
  OUT="$(<"$HAPPY/output")"
  RC="$(<"$HAPPY/rc")"
  LOG="$(<"$HAPPY/calls.log")"
}

# smoke_default [<args...>]: the fixture as outputs.json, --env dev.
smoke_default() {
  cp "$FIXTURE" "$T/outputs.json"
  smoke --env dev "$@"
}

# outputs_with <jq filter>: writes $T/outputs.json as the fixture transformed by the filter.
outputs_with() { jq "$1" "$FIXTURE" >"$T/outputs.json"; }

assert_rc() { [[ "$RC" == "$1" ]] || fail "exit status: expected $1, got $RC"; }
assert_out() { grep -qF -- "$1" <<<"$OUT" || fail "output lacks \"$1\""; }
assert_out_re() { grep -qE -- "$1" <<<"$OUT" || fail "output does not match /$1/"; }
refute_out() { ! grep -qF -- "$1" <<<"$OUT" || fail "output must not contain \"$1\""; }
assert_log() { grep -qF -- "$1" <<<"$LOG" || fail "no call matching \"$1\" was made"; }
refute_log() { ! grep -qF -- "$1" <<<"$LOG" || fail "a call matching \"$1\" was made"; }
assert_log_count() {
  local n
  n="$(grep -cF -- "$1" <<<"$LOG" || true)"
  [[ "$n" == "$2" ]] || fail "expected $2 call(s) matching \"$1\", got $n"
}
assert_one_line() {
  local n
  n="$(grep -c . <<<"$OUT" || true)"
  [[ "$n" == 1 ]] || fail "expected exactly one line of output, got $n"
}
# the script's temporary directory is gone (smoke runs it with TMPDIR=$T/tmp)
assert_no_temp_left() {
  [[ -z "$(ls -A "$T/tmp" 2>/dev/null)" ]] || fail "temporary files left behind: $(ls -A "$T/tmp")"
}
# the fake bucket holds no version and no delete marker
assert_bucket_empty() {
  [[ ! -s "$T/s3" ]] || fail "left in the bucket (key, version, kind): $(tr '\n' ';' <"$T/s3")"
}
assert_no_calls() { [[ -z "$LOG" ]] || fail "expected no aws/curl calls, got: $(head -n 1 <<<"$LOG")"; }
# assert_order <pattern>...: the first calls matching each pattern happen in this order.
assert_order() {
  local pattern line last=0
  for pattern in "$@"; do
    line="$(grep -nF -- "$pattern" <<<"$LOG" | head -n 1 | cut -d: -f1)"
    if [[ -z "$line" ]]; then
      fail "no call matching \"$pattern\""
      return 0
    fi
    [[ "$line" -gt "$last" ]] || fail "call \"$pattern\" came before the previous one in $*"
    last="$line"
  done
}
# the lines of the call log with the request file contents (input=...) cut off: what was on command lines
command_lines() {
  local line
  while IFS= read -r line; do printf '%s\n' "${line%% input=*}"; done <<<"$LOG"
}

ALL_STEPS=(create-user sign-in me admin-health-forbidden m2m-token items-read items-bad-body identity-credentials
  s3-own-prefix-write s3-other-prefix-denied guest-write-denied cleanup)

# ---------------------------------------------------------------------------------------------------
# Arguments and outputs file (exit 2, one line, nothing created)
# ---------------------------------------------------------------------------------------------------
test_help_prints_usage_and_exits_0() {
  smoke --help
  assert_rc 0
  assert_out "Usage: scripts/smoke-test.sh --env <name> [--outputs <file>] [--region <region>]"
  assert_no_calls
  smoke -h
  assert_rc 0
  assert_out "Usage:"
}

test_unknown_flag_exits_2() {
  smoke_default --bogus
  assert_rc 2
  assert_out 'unknown argument "--bogus"'
  assert_one_line
  assert_no_calls
}

test_missing_env_exits_2() {
  cp "$FIXTURE" "$T/outputs.json"
  smoke --outputs outputs.json
  assert_rc 2
  assert_out "missing --env"
  assert_one_line
  assert_no_calls
}

test_option_without_value_exits_2() {
  smoke --env
  assert_rc 2
  assert_out "option --env needs a value"
  assert_one_line
  smoke_default --region
  assert_rc 2
  assert_out "option --region needs a value"
  smoke_default --region nowhere
  assert_rc 2
  assert_out '--region "nowhere" is not an AWS region name'
  assert_no_calls
}

test_invalid_cognito_endpoint_exits_2() {
  SMOKE_COGNITO_ENDPOINT="ftp://127.0.0.1:9229" smoke_default
  assert_rc 2
  assert_out 'SMOKE_COGNITO_ENDPOINT "ftp://127.0.0.1:9229" is invalid: use http(s)://host[:port]'
  assert_one_line
  assert_no_calls
}

test_outputs_file_missing_exits_2() {
  smoke --env dev --outputs missing.json
  assert_rc 2
  assert_out 'outputs file "missing.json" not found'
  assert_one_line
  assert_no_calls
}

test_outputs_invalid_json_exits_2() {
  printf '{"CognitoStack-dev-Identity": ' >"$T/broken.json"
  smoke --env dev --outputs broken.json
  assert_rc 2
  assert_out 'outputs file "broken.json" is not valid JSON'
  assert_one_line
  printf '[]' >"$T/array.json"
  smoke --env dev --outputs array.json
  assert_rc 2
  assert_out 'outputs file "array.json" is not valid JSON'
  : >"$T/empty.json"
  smoke --env dev --outputs empty.json
  assert_rc 2
  assert_out 'outputs file "empty.json" is not valid JSON'
  assert_no_calls
}

test_outputs_missing_stack_exits_2() {
  outputs_with 'del(.["CognitoStack-dev-Api"])'
  smoke --env dev
  assert_rc 2
  assert_out 'has no stack "CognitoStack-dev-Api"'
  assert_one_line
  smoke_default --env staging
  assert_rc 2
  assert_out 'has no stack "CognitoStack-staging-Identity"'
  assert_no_calls
}

test_outputs_missing_keys_exits_2() {
  outputs_with 'del(.["CognitoStack-dev-Identity"].MachineClientId) | .["CognitoStack-dev-Identity"].HostedUiUrl = 5'
  smoke --env dev
  assert_rc 2
  assert_out 'stack "CognitoStack-dev-Identity" lacks output(s) MachineClientId, HostedUiUrl'
  assert_one_line
  outputs_with 'del(.["CognitoStack-dev-Api"].ApiUrl)'
  smoke --env dev
  assert_rc 2
  assert_out 'stack "CognitoStack-dev-Api" lacks output(s) ApiUrl'
  assert_no_calls
}

# ---------------------------------------------------------------------------------------------------
# Happy paths and output parsing
# ---------------------------------------------------------------------------------------------------
test_all_steps_pass_and_exit_0() {
  smoke_happy
  assert_rc 0
  local step
  for step in "${ALL_STEPS[@]}"; do
    assert_out_re "^PASS $step(:|\$)"
  done
  refute_out "FAIL"
  assert_out "smoke-test dev: 12 passed, 0 failed, 0 skipped"
  assert_out "RESULT: PASS"
  [[ -z "$(ls -A "$HAPPY/tmp" 2>/dev/null)" ]] || fail "temporary files left behind: $(ls -A "$HAPPY/tmp")"
}

test_reads_keys_from_the_right_stack() {
  smoke_happy
  assert_rc 0
  assert_log "--user-pool-id eu-west-1_DEVpool01"
  assert_log "--client-id dev-smoke-client-id"
  assert_log "--client-id dev-machine-client-id"
  assert_log "--bucket dev-user-files-bucket"
  assert_log "curl GET https://devapi.execute-api.eu-west-1.amazonaws.com/prod/me "
  assert_log "curl POST https://myapp-auth-dev.auth.eu-west-1.amazoncognito.com/oauth2/token "
  assert_log '"IdentityPoolId":"eu-west-1:dddddddd-0000-0000-0000-000000000001"'
  refute_log "WRONGstack"
  refute_log "prod-"
  refute_log "PRODpool"
  cp "$FIXTURE" "$T/outputs.json"
  smoke --env prod
  assert_rc 0
  assert_log "--user-pool-id eu-west-1_PRODpool1"
  assert_log "--client-id prod-machine-client-id"
  assert_log "curl GET https://prodapi.execute-api.eu-west-1.amazonaws.com/prod/items "
}

test_without_a_smoke_client_no_user_is_created() {
  cp "$FIXTURE" "$T/outputs.json"
  smoke --env prod
  assert_rc 0
  assert_out_re '^SKIP create-user: no SmokeTestClientId output: CognitoStack-prod-Identity has no smoke-test client \(clients.smokeTestClient\)'
  assert_out_re '^SKIP sign-in: needs step "create-user"'
  assert_out_re '^PASS items-read'
  assert_out "5 passed, 0 failed, 7 skipped"
  refute_log "admin-create-user"
  refute_log "admin-delete-user"
  refute_log "ConfidentialClient"
  refute_log "prod-conf-client-id"
}

test_api_url_trailing_slash_is_not_doubled() {
  outputs_with '.["CognitoStack-dev-Api"].ApiUrl = "https://devapi.execute-api.eu-west-1.amazonaws.com/prod"'
  smoke --env dev
  assert_rc 0
  refute_log "prod//"
  smoke_happy
  refute_log "prod//"
}

test_region_from_outputs_or_flag() {
  smoke_happy
  assert_rc 0
  [[ "$(grep -c '^aws ' <<<"$LOG")" == "$(grep -c -- '--region eu-west-1 ' <<<"$LOG")" ]] ||
    fail "not every aws call used --region eu-west-1 from the outputs"
  smoke_default --region us-east-2
  assert_rc 0
  [[ "$(grep -c '^aws ' <<<"$LOG")" == "$(grep -c -- '--region us-east-2 ' <<<"$LOG")" ]] ||
    fail "not every aws call used --region us-east-2 from the flag"
  # The logins key names the user pool's own region, whatever --region says.
  assert_log '"cognito-idp.eu-west-1.amazonaws.com/eu-west-1_DEVpool01":'
}

test_secret_hash_is_hmac_of_username_and_client_id() {
  smoke_happy
  assert_rc 0
  local email expected
  email="$(grep -oE 'smoke-[0-9a-f]+@example\.invalid' <<<"$LOG" | head -n 1)"
  [[ -n "$email" ]] || fail "no smoke-<random>@example.invalid user was created"
  expected="$(printf '%s%s' "$email" dev-smoke-client-id | openssl dgst -sha256 -hmac "$FAKE_SMOKE_SECRET" -binary |
    openssl base64 -A)"
  assert_log "\"SECRET_HASH\":\"$expected\""
  assert_log '"ClientId":"dev-smoke-client-id","AuthFlow":"ADMIN_USER_PASSWORD_AUTH"'
  refute_log "dev-conf-client-id"
  assert_log '"Permanent":true'
}

# The key is longer than a SHA-256 block: RFC 2104 hashes it first. Same answer as openssl's own HMAC.
test_secret_hash_with_a_key_longer_than_a_block() {
  local key message expected actual
  key="$(printf 'k%.0s' {1..80})"
  message="smoke-0@example.invalid$(printf 'c%.0s' {1..26})"
  expected="$(printf '%s' "$message" | openssl dgst -sha256 -hmac "$key" -binary | openssl base64 -A)"
  actual="$(sed -n '/^hex_bytes()/p;/^hmac_sha256()/,/^}/p' "$SMOKE" | bash -c 'set -euo pipefail; source /dev/stdin; hmac_sha256 "$1" "$2"' _ "$key" "$message")"
  [[ "$actual" == "$expected" ]] || fail "hmac_sha256 with an 80-byte key: expected $expected, got $actual"
}

# Issue 10: Cognito's default sender allows only a few messages a day. The smoke test sends none and
# addresses nobody real.
test_creates_users_without_sending_any_message() {
  smoke_happy
  assert_rc 0
  local creates suppressed
  creates="$(grep -c "admin-create-user" <<<"$LOG" || true)"
  suppressed="$(grep "admin-create-user" <<<"$LOG" | grep -c -- "--message-action SUPPRESS " || true)"
  [[ "$creates" == 1 && "$suppressed" == 1 ]] || fail "admin-create-user calls: $creates, with --message-action SUPPRESS: $suppressed"
  assert_log "--username smoke-"
  ! grep "admin-create-user" <<<"$LOG" | grep -qvE -- '--username smoke-[0-9a-f]{12}@example\.invalid ' ||
    fail "a user was created with an address outside example.invalid"
  assert_log "Name=email_verified,Value=true"
  refute_log "--desired-delivery-mediums"
  local op
  for op in sign-up resend-confirmation-code forgot-password admin-reset-user-password \
    get-user-attribute-verification-code update-user-attributes admin-update-user-attributes; do
    refute_log "aws cognito-idp $op "
  done
}

test_identity_credentials_are_used_for_bucket_writes() {
  smoke_happy
  assert_rc 0
  assert_log "aws s3api put-object creds=user --bucket dev-user-files-bucket --key private/$FAKE_USER_IDENTITY/smoke-test-"
  assert_log "aws s3api put-object creds=guest --bucket dev-user-files-bucket --key public/smoke-test-"
  refute_log "put-object creds=operator"
}

test_secrets_and_tokens_are_never_printed() {
  smoke_happy
  assert_rc 0
  local password
  password="$(grep -oE '"Password":"[^"]+"' <<<"$LOG" | head -n 1 | cut -d'"' -f4)"
  [[ -n "$password" ]] || fail "no password was set"
  [[ -z "$password" ]] || refute_out "$password"
  # Every canned secret, token, session and credential of the fakes contains "s3cr3t".
  refute_out "s3cr3t"
  FAKE_MFA=setup+totp smoke_default
  assert_rc 0
  refute_out "s3cr3t"
  refute_out "$FAKE_TOTP_SECRET"
  # ...nor passed on a command line (request and header files, stdin): the fakes of aws, curl, oathtool
  # and openssl record every argument.
  assert_log "openssl dgst -sha256 -binary"
  ! grep -q "s3cr3t" <(command_lines) || fail "a secret appeared on a command line: $(grep -m1 s3cr3t <(command_lines))"
  [[ -z "$password" ]] || ! grep -qF -- "$password" <(command_lines) || fail "the password appeared on a command line"
}

test_error_messages_are_redacted() {
  FAKE_AWS_FAIL=admin-set-user-password FAKE_AWS_LEAK=1 smoke_default
  assert_rc 1
  assert_out_re "^FAIL create-user: admin-set-user-password: .*injected failure for password \[redacted\]"
  refute_out "Aa1!"
}

# ---------------------------------------------------------------------------------------------------
# Failing steps: exit 1, a FAIL line, and the cleanup still runs
# ---------------------------------------------------------------------------------------------------
test_failed_sign_in_fails_skips_dependents_and_cleans_up() {
  FAKE_AWS_FAIL=admin-initiate-auth smoke_default
  assert_rc 1
  assert_out_re "^FAIL sign-in: admin-initiate-auth \(ADMIN_USER_PASSWORD_AUTH\): .*FakeInjectedError"
  assert_out_re '^SKIP me: needs step "sign-in"'
  assert_out_re '^SKIP identity-credentials: needs step "sign-in"'
  assert_out_re "^PASS m2m-token"
  assert_log "aws cognito-idp admin-delete-user creds=operator --user-pool-id eu-west-1_DEVpool01 --username $FAKE_USER_SUB"
  assert_out_re "^PASS cleanup"
  assert_out "1 failed"
  assert_out "RESULT: FAIL"
}

test_refused_user_creation_leaves_nothing_to_delete() {
  FAKE_AWS_FAIL=admin-create-user smoke_default
  assert_rc 1
  assert_out_re "^FAIL create-user: admin-create-user: "
  assert_out_re '^SKIP sign-in: needs step "create-user"'
  refute_log "admin-delete-user"
  refute_out "by hand"
}

test_wrong_pool_id_reports_nothing_to_delete_by_hand() {
  FAKE_NO_POOL=1 smoke_default
  assert_rc 1
  assert_out_re "^FAIL create-user: admin-create-user: .*ResourceNotFoundException"
  assert_out_re "^PASS cleanup"
  refute_out "by hand"
  assert_no_temp_left
}

test_unanswered_user_creation_still_deletes_the_user() {
  FAKE_AWS_NO_ANSWER=admin-create-user smoke_default
  assert_rc 1
  assert_out_re "^FAIL create-user: admin-create-user: Read timeout"
  assert_log "aws cognito-idp admin-delete-user creds=operator --user-pool-id eu-west-1_DEVpool01 --username smoke-"
  assert_out_re "^PASS cleanup: deleted .*user smoke-"
}

test_failed_hash_pipeline_fails_the_step() {
  FAKE_OPENSSL_FAIL=dgst smoke_default
  assert_rc 1
  assert_out "FAIL sign-in: could not compute SECRET_HASH (openssl failed)"
  refute_log "admin-initiate-auth"
  assert_out_re "^PASS m2m-token"
  FAKE_OPENSSL_FAIL=base64 smoke_default
  assert_rc 1
  assert_out "FAIL sign-in: could not compute SECRET_HASH (openssl failed)"
  assert_out "FAIL m2m-token: could not encode the client credentials (openssl base64 failed)"
  refute_log "oauth2/token"
  refute_log '"SECRET_HASH":""'
}

# ---------------------------------------------------------------------------------------------------
# Cleanup: versioned bucket, identities
# ---------------------------------------------------------------------------------------------------
test_cleanup_deletes_written_versions_and_counts_only_written_objects() {
  smoke_default
  assert_rc 0
  assert_out_re "^PASS cleanup: deleted 1 object version\(s\), 2 identities, user smoke-"
  assert_log "delete-object creds=operator --bucket dev-user-files-bucket --key private/$FAKE_USER_IDENTITY/smoke-test-"
  assert_log "--version-id v"
  # Denied writes created nothing: nothing to delete there.
  refute_log "delete-object creds=operator --bucket dev-user-files-bucket --key public/"
  refute_log "delete-object creds=operator --bucket dev-user-files-bucket --key private/eu-west-1:00000000"
  assert_bucket_empty
  assert_no_temp_left
}

test_cleanup_leaves_no_version_or_delete_marker() {
  FAKE_S3_OPEN=1 FAKE_GUEST_CAN_WRITE=1 smoke_default
  assert_rc 1
  assert_out_re "^PASS cleanup: deleted 3 object version\(s\)"
  assert_bucket_empty
  FAKE_S3_UNVERSIONED=1 smoke_default
  assert_rc 0
  assert_out_re "^PASS cleanup: deleted 1 object version\(s\)"
  assert_bucket_empty
}

test_write_without_an_answer_is_found_and_deleted() {
  FAKE_S3_LOST_ANSWER=1 smoke_default
  assert_rc 1
  assert_out_re "^FAIL s3-own-prefix-write: put-object .*Read timeout"
  assert_log "list-object-versions creds=operator --bucket dev-user-files-bucket --prefix private/$FAKE_USER_IDENTITY/smoke-test-"
  assert_out_re "^PASS cleanup: deleted 1 leftover version\(s\) or delete marker\(s\), 2 identities"
  assert_bucket_empty
}

test_unprocessed_identities_fail_the_cleanup() {
  FAKE_UNPROCESSED=1 smoke_default
  assert_rc 1
  assert_out "FAIL cleanup: delete-identities: 1 of 2 not deleted: $FAKE_USER_IDENTITY (InternalServerError) (delete them by hand)"
  assert_out "11 passed, 1 failed"
}

# ---------------------------------------------------------------------------------------------------
# Every exit path: cleanup, temp directory removed, summary printed
# ---------------------------------------------------------------------------------------------------
test_closed_stdout_still_cleans_up_and_prints_the_summary() {
  cp "$FIXTURE" "$T/outputs.json"
  mkdir -p "$T/tmp"
  RC=0
  (cd "$T" && PATH="$FAKES:$PATH" FAKE_LOG="$T/calls.log" FAKE_STATE="$T" TMPDIR="$T/tmp" \
    exec "$SMOKE" --env dev >&- 2>"$T/stderr") || RC=$?
  results_from "$T/stderr"
  assert_rc 0
  assert_out "smoke-test dev: 12 passed, 0 failed, 0 skipped"
  assert_out "RESULT: PASS"
  assert_log "admin-delete-user"
  assert_no_temp_left
}

test_reader_gone_still_cleans_up_and_prints_the_summary() {
  cp "$FIXTURE" "$T/outputs.json"
  mkdir -p "$T/tmp"
  RC=0
  # The reader takes the first line and goes away before the script writes the next one.
  (cd "$T" && PATH="$FAKES:$PATH" FAKE_LOG="$T/calls.log" FAKE_STATE="$T" TMPDIR="$T/tmp" \
    FAKE_AWS_WAIT="admin-create-user:$T/reader-gone" "$SMOKE" --env dev 2>"$T/stderr" |
    { head -n 1 >"$T/first"; exec <&-; touch "$T/reader-gone"; }) || RC=$?
  results_from "$T/stderr"
  grep -q "^Smoke-testing" "$T/first" || fail "the reader did not get the first line"
  assert_rc 0
  assert_out "smoke-test dev: 12 passed, 0 failed, 0 skipped"
  assert_log "admin-delete-user"
  assert_no_temp_left
}

test_failed_me_cleans_up_user_and_objects() {
  FAKE_HTTP_ME=500 smoke_default
  assert_rc 1
  assert_out "FAIL me: GET /me: expected HTTP 200, got 500"
  assert_log "aws s3api delete-object creds=operator --bucket dev-user-files-bucket --key private/$FAKE_USER_IDENTITY/smoke-test-"
  assert_log "admin-delete-user"
  assert_log "delete-identities"
  assert_order "admin-create-user" "curl GET https://devapi.execute-api.eu-west-1.amazonaws.com/prod/me" "admin-delete-user"
}

test_me_returning_another_sub_fails() {
  FAKE_ME_SUB=someone-else smoke_default
  assert_rc 1
  assert_out "FAIL me: GET /me: sub \"someone-else\" is not the new user's sub \"$FAKE_USER_SUB\""
}

test_admin_route_open_to_non_admin_fails() {
  FAKE_HTTP_ADMIN_HEALTH=200 smoke_default
  assert_rc 1
  assert_out "FAIL admin-health-forbidden: GET /admin/health as a non-admin: expected HTTP 403, got 200"
}

test_unreachable_api_fails_with_curl_error() {
  FAKE_CURL_DOWN=1 smoke_default
  assert_rc 1
  assert_out_re "^FAIL me: GET https://devapi.execute-api.eu-west-1.amazonaws.com/prod/me: curl: \(7\) Failed to connect"
  assert_log "admin-delete-user"
}

test_failed_m2m_token_skips_item_checks() {
  FAKE_HTTP_TOKEN=401 smoke_default
  assert_rc 1
  assert_out "FAIL m2m-token: POST /oauth2/token (client_credentials): expected HTTP 200, got 401"
  assert_out_re '^SKIP items-read: needs step "m2m-token"'
  assert_out_re '^SKIP items-bad-body: needs step "m2m-token"'
  assert_out_re "^PASS me"
  refute_log "prod/items"
}

test_item_routes_wrong_status_fail() {
  FAKE_HTTP_ITEMS_GET=403 FAKE_HTTP_ITEMS_POST=201 smoke_default
  assert_rc 1
  assert_out "FAIL items-read: GET /items with the read scope: expected HTTP 200, got 403"
  assert_out "FAIL items-bad-body: POST /items {\"name\": 5}: expected HTTP 400, got 201"
  assert_log 'curl POST https://devapi.execute-api.eu-west-1.amazonaws.com/prod/items auth=m2m-token body={"name": 5}'
}

test_write_to_other_prefix_allowed_fails_and_is_deleted() {
  FAKE_S3_OPEN=1 smoke_default
  assert_rc 1
  assert_out_re "^FAIL s3-other-prefix-denied: write to another identity's prefix .* was ALLOWED"
  assert_out_re "^PASS s3-own-prefix-write"
  assert_log "delete-object creds=operator --bucket dev-user-files-bucket --key private/eu-west-1:00000000-0000-0000-0000-000000000000/smoke-test-"
}

test_denied_write_must_be_access_denied() {
  FAKE_AWS_FAIL=put-object smoke_default
  assert_rc 1
  assert_out_re "^FAIL s3-own-prefix-write: put-object s3://dev-user-files-bucket/private/"
  assert_out_re "^FAIL s3-other-prefix-denied: .*expected AccessDenied, got: .*FakeInjectedError"
}

test_guests_disabled_is_a_skip_not_a_failure() {
  FAKE_GUESTS=0 smoke_default
  assert_rc 0
  assert_out_re "^SKIP guest-write-denied: guest access is disabled"
  assert_out "11 passed, 0 failed, 1 skipped"
  refute_log "creds=guest"
}

test_guest_write_allowed_fails_and_is_deleted() {
  FAKE_GUEST_CAN_WRITE=1 smoke_default
  assert_rc 1
  assert_out_re "^FAIL guest-write-denied: guest write to s3://dev-user-files-bucket/public/smoke-test-.* was ALLOWED"
  assert_log "delete-object creds=operator --bucket dev-user-files-bucket --key public/smoke-test-"
  assert_log "--identity-ids-to-delete $FAKE_USER_IDENTITY $FAKE_GUEST_IDENTITY"
}

test_failed_cleanup_fails_the_run() {
  FAKE_AWS_FAIL=admin-delete-user smoke_default
  assert_rc 1
  assert_out_re "^FAIL cleanup: admin-delete-user smoke-[0-9a-f]+@example.invalid: .*delete it by hand"
  assert_out "11 passed, 1 failed"
}

test_interrupted_run_still_cleans_up() {
  cp "$FIXTURE" "$T/outputs.json"
  mkdir -p "$T/tmp"
  (cd "$T" && FAKE_AWS_HANG=admin-initiate-auth PATH="$FAKES:$PATH" FAKE_LOG="$T/calls.log" FAKE_STATE="$T" \
    TMPDIR="$T/tmp" exec "$SMOKE" --env dev) >"$T/output" 2>&1 &
  local pid=$! waited=0
  until grep -q "admin-initiate-auth" "$T/calls.log" 2>/dev/null || [[ $waited -ge 50 ]]; do
    sleep 0.1
    waited=$((waited + 1))
  done
  kill -TERM "$pid"
  RC=0
  wait "$pid" || RC=$?
  results_from "$T/output"
  assert_rc 1
  assert_out_re "^FAIL run: stopped unexpectedly \(exit status 130\); cleaning up"
  assert_log "admin-delete-user"
  assert_out "RESULT: FAIL"
  assert_no_temp_left
}

# ---------------------------------------------------------------------------------------------------
# MFA (prod: TOTP required)
# ---------------------------------------------------------------------------------------------------
test_mfa_setup_challenge_is_answered() {
  FAKE_MFA=setup smoke_default
  assert_rc 0
  assert_out "PASS sign-in: ADMIN_USER_PASSWORD_AUTH on the smoke-test client with SECRET_HASH, answered MFA_SETUP"
  assert_order "admin-initiate-auth" "associate-software-token" "oathtool --totp -b key=stdin" \
    "verify-software-token" "admin-respond-to-auth-challenge" "curl GET"
  assert_log '"ChallengeName":"MFA_SETUP","Session":"session-3-s3cr3t-AYABeCnM0pZ7kx2Q"'
  assert_log "\"ChallengeResponses\":{\"USERNAME\":\"$FAKE_USER_SUB\""
  assert_log_count "admin-respond-to-auth-challenge" 1
}

test_mfa_setup_then_software_token_challenge() {
  FAKE_MFA=setup+totp smoke_default
  assert_rc 0
  assert_out "answered MFA_SETUP, SOFTWARE_TOKEN_MFA"
  assert_log_count "admin-respond-to-auth-challenge" 2
  assert_log '"UserCode":"123451"'
  # A TOTP code is accepted once: the challenge gets a fresh one.
  assert_log '"SOFTWARE_TOKEN_MFA_CODE":"123452"'
}

test_mfa_without_oathtool_fails_with_install_hint() {
  FAKE_MFA=setup SMOKE_OATHTOOL=/nonexistent/oathtool smoke_default
  assert_rc 1
  assert_out_re "^FAIL sign-in: MFA_SETUP: .*oathtool is not installed: install it \(apt-get install oathtool\)"
  refute_log "verify-software-token"
  assert_log "admin-delete-user"
}

# ---------------------------------------------------------------------------------------------------
# Against cognito-local (npm, pinned in package.json) with the real AWS CLI. The runner starts one
# emulator for the suite (127.0.0.1, a port the kernel picks, data in the suite's temp dir) and stops it on
# every exit; each test makes its own user pool. scripts/tests/emulator/aws sends the cognito-idp calls
# cognito-local serves to it and has the real CLI validate every other call before the fake answers it.
# ---------------------------------------------------------------------------------------------------
EMULATOR_DIR="$SUITE_TMP/cognito-local"
EMULATOR_PID=""
EMULATOR_URL=""
EMULATOR_ERROR=""

start_emulator() {
  local bin="$ROOT/node_modules/.bin/cognito-local" waited=0
  mkdir -p "$EMULATOR_DIR"
  if [[ ! -x "$bin" ]]; then
    EMULATOR_ERROR="cognito-local is not installed: run npm ci"
    return 0
  fi
  if ! command -v aws >/dev/null; then
    EMULATOR_ERROR="the AWS CLI is not installed (pip install awscli, or AWS CLI v2)"
    return 0
  fi
  # Started from a subshell, so that it is no job of this shell: the runner's "wait" is for tests only.
  EMULATOR_PID="$(cd "$EMULATOR_DIR" && { HOST=127.0.0.1 PORT=0 "$bin" >"$EMULATOR_DIR/log" 2>&1 </dev/null & } && echo $!)"
  until EMULATOR_URL="$(grep -oE 'http://127\.0\.0\.1:[0-9]+' "$EMULATOR_DIR/log" | head -n 1)" && [[ -n "$EMULATOR_URL" ]]; do
    if ! kill -0 "$EMULATOR_PID" 2>/dev/null; then
      EMULATOR_ERROR="cognito-local exited: $(tail -n 3 "$EMULATOR_DIR/log")"
      EMULATOR_PID=""
      return 0
    fi
    if [[ $waited -ge 600 ]]; then
      EMULATOR_ERROR="cognito-local did not start within 60 s: $(tail -n 3 "$EMULATOR_DIR/log")"
      return 0
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
}

# Stops it and waits (at most 10 s) until it is gone.
stop_emulator() {
  local waited=0
  [[ -n "$EMULATOR_PID" ]] || return 0
  kill "$EMULATOR_PID" 2>/dev/null || true
  while kill -0 "$EMULATOR_PID" 2>/dev/null && [[ $waited -lt 100 ]]; do
    sleep 0.1
    waited=$((waited + 1))
  done
  kill -KILL "$EMULATOR_PID" 2>/dev/null || true
  EMULATOR_PID=""
}

# The real CLI with dummy credentials and no configuration of this machine.
emulator_env() {
  unset AWS_PROFILE AWS_DEFAULT_PROFILE AWS_SESSION_TOKEN
  export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
  export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true
  export AWS_DEFAULT_REGION=eu-west-1 SMOKE_PATH_PREFIX="$HERE/emulator:"
}

# emu <args>: the real AWS CLI against the emulator.
emu() { aws --endpoint-url "$EMULATOR_URL" "$@"; }

# emulator_pool: a user pool with a smoke-test client and a machine client (both with secrets) in
# cognito-local, and $T/outputs.json naming them (the other outputs stay the fixture's).
POOL="" SMOKE_CLIENT="" SMOKE_SECRET="" MACHINE_CLIENT="" MACHINE_SECRET=""
emulator_pool() {
  [[ -z "$EMULATOR_ERROR" ]] || { fail "$EMULATOR_ERROR"; return 1; }
  emulator_env
  POOL="$(emu cognito-idp create-user-pool --pool-name "smoke-${T##*/}" --username-attributes email \
    --query UserPool.Id --output text)" || { fail "create-user-pool failed"; return 1; }
  if ! SMOKE_CLIENT="$(emu cognito-idp create-user-pool-client --user-pool-id "$POOL" --client-name smoke-test --generate-secret \
    --explicit-auth-flows ALLOW_ADMIN_USER_PASSWORD_AUTH ALLOW_REFRESH_TOKEN_AUTH --query UserPoolClient.ClientId --output text)" ||
    ! MACHINE_CLIENT="$(emu cognito-idp create-user-pool-client --user-pool-id "$POOL" --client-name machine --generate-secret \
      --query UserPoolClient.ClientId --output text)"; then
    fail "create-user-pool-client failed"
    return 1
  fi
  if ! SMOKE_SECRET="$(emu cognito-idp describe-user-pool-client --user-pool-id "$POOL" --client-id "$SMOKE_CLIENT" \
    --query UserPoolClient.ClientSecret --output text)" ||
    ! MACHINE_SECRET="$(emu cognito-idp describe-user-pool-client --user-pool-id "$POOL" --client-id "$MACHINE_CLIENT" \
      --query UserPoolClient.ClientSecret --output text)"; then
    fail "describe-user-pool-client failed"
    return 1
  fi
  jq --arg pool "$POOL" --arg smoke "$SMOKE_CLIENT" --arg machine "$MACHINE_CLIENT" \
    '.["CognitoStack-dev-Identity"] += {UserPoolId: $pool, SmokeTestClientId: $smoke, MachineClientId: $machine}' \
    "$FIXTURE" >"$T/outputs.json"
  export SMOKE_COGNITO_ENDPOINT="$EMULATOR_URL" FAKE_JWT=1 FAKE_MACHINE_BASIC="$MACHINE_CLIENT:$MACHINE_SECRET"
}

test_emulator_all_steps_pass_with_the_real_cli() {
  emulator_pool || return 0
  smoke --env dev
  assert_rc 0
  assert_out "smoke-test dev: 12 passed, 0 failed, 0 skipped"
  local op
  for op in admin-create-user admin-set-user-password describe-user-pool-client admin-initiate-auth admin-delete-user; do
    assert_log "aws cognito-idp $op real "
  done
  # Validated by the real CLI, answered by the fake:
  assert_log "aws cognito-identity get-credentials-for-identity creds=operator"
  assert_log "aws s3api put-object creds=user"
  assert_log "aws s3api delete-object creds=operator --bucket dev-user-files-bucket --key private/"
  # The user is gone again, and no invitation or code was sent (cognito-local prints each one it would
  # deliver; without MessageAction SUPPRESS it would even refuse this user: no delivery medium).
  [[ "$(emu cognito-idp list-users --user-pool-id "$POOL" --query 'length(Users)' --output text)" == 0 ]] ||
    fail "users left in the emulator's pool $POOL"
  ! grep -qi "deliver" "$EMULATOR_DIR/log" || fail "cognito-local delivered a message: $(grep -i -m1 deliver "$EMULATOR_DIR/log")"
  # The client secrets the emulator generated are never printed nor on a command line.
  refute_out "$SMOKE_SECRET"
  refute_out "$MACHINE_SECRET"
  ! grep -qF -e "$SMOKE_SECRET" -e "$MACHINE_SECRET" <(command_lines) || fail "a client secret appeared on a command line"
  assert_bucket_empty
  assert_no_temp_left
}

test_emulator_wrong_pool_id_leaves_nothing_to_delete_by_hand() {
  emulator_pool || return 0
  jq '.["CognitoStack-dev-Identity"].UserPoolId = "eu-west-1_NoSuchPool1"' "$T/outputs.json" >"$T/wrong.json"
  smoke --env dev --outputs wrong.json
  assert_rc 1
  assert_out_re "^FAIL create-user: admin-create-user: An error occurred \(ResourceNotFoundException\)"
  assert_out_re "^PASS cleanup"
  refute_out "by hand"
  refute_log "admin-delete-user"
}

# cognito-local serves no TOTP challenge flow: the fake answers it, the real CLI validates every request
# (a Session shorter than 20 characters, for one, is refused).
test_emulator_cli_accepts_every_request_of_the_mfa_flow() {
  [[ -z "$EMULATOR_ERROR" ]] || { fail "$EMULATOR_ERROR"; return 0; }
  emulator_env
  EMULATOR_FAKE_OPS="*" FAKE_MFA=setup+totp smoke_default
  assert_rc 0
  assert_out "answered MFA_SETUP, SOFTWARE_TOKEN_MFA"
  assert_out "smoke-test dev: 12 passed, 0 failed, 0 skipped"
  refute_log " real "
}

# ---------------------------------------------------------------------------------------------------
# Static checks
# ---------------------------------------------------------------------------------------------------
test_shellcheck_clean() {
  if ! command -v shellcheck >/dev/null; then
    fail "shellcheck is not installed (apt-get install shellcheck)"
    return 0
  fi
  (cd "$ROOT" && shellcheck -x scripts/smoke-test.sh scripts/tests/run.sh scripts/tests/validate-workflows.sh \
    scripts/tests/emulator/aws scripts/tests/fakes/aws scripts/tests/fakes/curl scripts/tests/fakes/oathtool scripts/tests/fakes/openssl \
    scripts/tests/fakes/fake-data.sh) \
    >"$T/shellcheck" 2>&1 || fail "shellcheck found problems: $(head -c 600 "$T/shellcheck")"
}

test_workflows_are_valid() {
  "$HERE/validate-workflows.sh" >"$T/validate" 2>&1 || fail "validate-workflows.sh: $(tail -n 5 "$T/validate")"
}

test_workflow_validator_rejects_broken_files() {
  mkdir -p "$T/bad-yaml" "$T/no-jobs"
  printf 'name: ci\non: [push\njobs:\n' >"$T/bad-yaml/ci.yml"
  printf 'name: other\non: push\n' >"$T/no-jobs/other.yml"
  "$HERE/validate-workflows.sh" "$T/bad-yaml" >/dev/null 2>&1 && fail "a file that is not YAML was accepted"
  "$HERE/validate-workflows.sh" "$T/no-jobs" >/dev/null 2>&1 && fail "a workflow without jobs was accepted"
  sed 's/^  deploy:/  deploy-renamed:/' "$ROOT/.github/workflows/ci.yml" >"$T/ci.yml"
  mkdir -p "$T/renamed" && mv "$T/ci.yml" "$T/renamed/ci.yml"
  "$HERE/validate-workflows.sh" "$T/renamed" >/dev/null 2>&1 && fail "ci.yml without a deploy job was accepted"
  return 0
}

# The client-secret rotation script's tests (test_rotate_*).
# shellcheck source=SCRIPTDIR/rotate-client-secret-tests.sh
source "$HERE/rotate-client-secret-tests.sh"

# ---------------------------------------------------------------------------------------------------
# Runner
# ---------------------------------------------------------------------------------------------------
run_one() {
  local name="$1"
  T="$SUITE_TMP/$name"
  mkdir -p "$T"
  : >"$T/failures"
  set +e
  ("$name") >"$T/stdout" 2>&1
  echo "$?" >"$T/rc"
}

mapfile -t TESTS < <(compgen -A function test_ | grep -F -- "$FILTER" || true)
[[ ${#TESTS[@]} -gt 0 ]] || { echo "no test matches \"$FILTER\"" >&2; exit 2; }

started=$SECONDS
if printf '%s\n' "${TESTS[@]}" | grep -q '^test_emulator_'; then start_emulator; fi
HAPPY="$SUITE_TMP/happy"
(
  T="$HAPPY"
  mkdir -p "$T"
  smoke_default
  echo "$RC" >"$T/rc"
  touch "$T/calls.log"
)
pids=()
for name in "${TESTS[@]}"; do
  while [[ "$(jobs -rp | wc -l)" -ge "$JOBS" ]]; do wait -n || true; done
  run_one "$name" &
  pids+=("$!")
done
wait "${pids[@]}"
stop_emulator

passed=0
failed=0
for name in "${TESTS[@]}"; do
  dir="$SUITE_TMP/$name"
  if [[ -s "$dir/failures" || "$(cat "$dir/rc" 2>/dev/null)" != 0 ]]; then
    failed=$((failed + 1))
    printf 'not ok - %s\n' "${name#test_}"
    cat "$dir/failures"
    if [[ -s "$dir/stdout" ]]; then sed 's/^/    | /' "$dir/stdout"; fi
    if [[ -s "$dir/output" ]]; then
      printf '    last script output:\n'
      tail -n 20 "$dir/output" | sed 's/^/    > /'
    fi
  else
    passed=$((passed + 1))
    printf 'ok - %s\n' "${name#test_}"
  fi
done
printf '(%d s)\n' "$((SECONDS - started))"
printf 'smoke-test: %d passed, %d failed\n' "$passed" "$failed"
[[ $failed -eq 0 ]]
