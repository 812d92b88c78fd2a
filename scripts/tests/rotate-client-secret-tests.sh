# shellcheck shell=bash
# shellcheck disable=SC2034 # OUT, RC and LOG are set here and read by run.sh's assertions
# Tests of scripts/rotate-client-secret.sh against a fake AWS CLI (fakes/rotation/aws), sourced by run.sh,
# which runs every test_* function. The fake keeps the client's secrets and the Secrets Manager value in $T.

ROTATE="${ROTATE_SCRIPT:-$ROOT/scripts/rotate-client-secret.sh}"
ROTATION_FAKES="$FAKES/rotation"

# rotate_outputs: outputs.json for env "prod" with realistic pool and client ids.
rotate_outputs() {
  cat >"$T/outputs.json" <<'JSON'
{ "CognitoStack-prod-Identity": { "UserPoolId": "eu-west-1_PRODpool1", "ConfidentialClientId": "4confidential5client6id",
  "MachineClientId": "7machine8client9id", "Region": "eu-west-1" } }
JSON
}

# rotate <stdin text> <args...>: runs the script from $T with the fake first on PATH; sets OUT, RC, LOG.
rotate() {
  local answer="$1"
  shift
  RC=0
  mkdir -p "$T/tmp"
  touch "$T/calls.log"
  OUT="$(cd "$T" && printf '%s' "$answer" | PATH="$ROTATION_FAKES:$PATH" FAKE_LOG="$T/calls.log" FAKE_STATE="$T" TMPDIR="$T/tmp" "$ROTATE" "$@" 2>&1)" || RC=$?
  LOG="$(cat "$T/calls.log")"
  printf '%s\n' "$OUT" >"$T/output"
}

# The secret values the fake generates (FakeSecretValue<N>...) and the old one set up by tests.
refute_secret_anywhere() {
  grep -q 'FakeSecretValue\|OldSecretValue' <<<"$OUT" && fail "a secret value was printed"
  grep -v '^aws secretsmanager put-secret-value' "$T/calls.log" | sed 's/ input=.*//' | grep -q 'FakeSecretValue\|OldSecretValue' &&
    fail "a secret value was passed in argv"
  [[ -z "$(ls -A "$T/tmp")" ]] || fail "temporary files were left behind: $(ls -A "$T/tmp")"
  return 0
}

test_rotate_help_exits_0() {
  rotate "" --help
  assert_rc 0
  assert_out "Usage: scripts/rotate-client-secret.sh --env <name> --secret-id <id>"
}

test_rotate_needs_env_and_secret_id() {
  rotate_outputs
  rotate "" --secret-id app/confidential
  assert_rc 2
  assert_out "--env is required"
  rotate "" --env prod
  assert_rc 2
  assert_out "--secret-id is required"
  rotate "" --env prod --secret-id 'app secret'
  assert_rc 2
  assert_out "--secret-id \"app secret\" is invalid"
  rotate "" --env prod --secret-id app/confidential --client WebClientId
  assert_rc 2
  assert_out "use ConfidentialClientId or MachineClientId"
  [[ ! -s "$T/calls.log" ]] || fail "AWS was called despite bad arguments"
}

test_rotate_refuses_missing_outputs() {
  rotate "" --env prod --secret-id app/confidential
  assert_rc 2
  assert_out "outputs file \"outputs.json\" not found"
  rotate_outputs
  rotate "" --env dev --secret-id app/confidential
  assert_rc 2
  assert_out "has no stack CognitoStack-dev-Identity"
}

test_rotate_adds_stores_and_deletes_the_old_secret_after_confirmation() {
  rotate_outputs
  echo "secret-id-old OldSecretValueabcdefghijklmnopq" >"$T/secrets"
  rotate "delete" --env prod --secret-id app/confidential
  assert_rc 0
  assert_out "Added secret secret-id-new1 to client 4confidential5client6id."
  assert_out "Stored it in app/confidential (AWSCURRENT)."
  assert_out "Deleted secret secret-id-old."
  [[ "$(cut -d' ' -f1 "$T/secrets")" == secret-id-new1 ]] || fail "the client should keep only the new secret"
  jq -e '.clientId == "4confidential5client6id" and .clientSecretId == "secret-id-new1" and (.clientSecret | startswith("FakeSecretValue1"))' "$T/stored" >/dev/null ||
    fail "Secrets Manager does not hold the new secret: $(cat "$T/stored")"
  assert_log "aws cognito-idp add-user-pool-client-secret --region eu-west-1"
  assert_log '"ClientSecretId":"secret-id-old"'
  refute_secret_anywhere
}

test_rotate_keeps_the_old_secret_without_confirmation() {
  rotate_outputs
  echo "secret-id-old OldSecretValueabcdefghijklmnopq" >"$T/secrets"
  rotate "no" --env prod --secret-id app/confidential
  assert_rc 3
  assert_out "Kept. Finish later with: scripts/rotate-client-secret.sh --env prod --secret-id app/confidential --client ConfidentialClientId --finish"
  [[ "$(grep -c . "$T/secrets")" == 2 ]] || fail "both secrets must stay"
  refute_log "delete-user-pool-client-secret"
  refute_secret_anywhere
}

test_rotate_without_stdin_keeps_the_old_secret() {
  rotate_outputs
  echo "secret-id-old OldSecretValueabcdefghijklmnopq" >"$T/secrets"
  rotate "" --env prod --secret-id app/confidential
  assert_rc 3
  refute_log "delete-user-pool-client-secret"
}

test_rotate_yes_deletes_without_asking() {
  rotate_outputs
  echo "secret-id-old OldSecretValueabcdefghijklmnopq" >"$T/secrets"
  rotate "" --env prod --secret-id app/machine --client MachineClientId --yes
  assert_rc 0
  assert_out "Deleted secret secret-id-old."
  assert_log '"ClientId":"7machine8client9id"'
  refute_out "Type \"delete\""
}

test_rotate_finish_deletes_all_but_the_stored_secret() {
  rotate_outputs
  printf 'secret-id-old OldSecretValueabcdefghijklmnopq\nsecret-id-new1 FakeSecretValue1abcdefghijklmnopqrstu\n' >"$T/secrets"
  printf '{"clientId":"4confidential5client6id","clientSecret":"FakeSecretValue1abcdefghijklmnopqrstu","clientSecretId":"secret-id-new1"}' >"$T/stored"
  rotate "delete" --env prod --secret-id app/confidential --finish
  assert_rc 0
  assert_out "Deleted secret secret-id-old."
  [[ "$(cut -d' ' -f1 "$T/secrets")" == secret-id-new1 ]] || fail "the stored secret must stay"
  refute_log "add-user-pool-client-secret"
  refute_secret_anywhere
}

test_rotate_finish_refuses_a_secret_of_another_client() {
  rotate_outputs
  printf 'secret-id-old OldSecretValueabcdefghijklmnopq\nsecret-id-new1 FakeSecretValue1abcdefghijklmnopqrstu\n' >"$T/secrets"
  printf '{"clientId":"someotherclient","clientSecret":"x","clientSecretId":"secret-id-new1"}' >"$T/stored"
  rotate "delete" --env prod --secret-id app/confidential --finish --yes
  assert_rc 1
  assert_out "does not hold a clientSecretId of client 4confidential5client6id"
  refute_log "delete-user-pool-client-secret"
}

test_rotate_refuses_when_the_client_already_has_two_secrets() {
  rotate_outputs
  printf 'secret-id-a OldSecretValueabcdefghijklmnopq\nsecret-id-b OldSecretValuebcdefghijklmnopqr\n' >"$T/secrets"
  rotate "delete" --env prod --secret-id app/confidential
  assert_rc 1
  assert_out "already has 2 secrets (Cognito allows two): finish the previous rotation with --finish first"
  refute_log "add-user-pool-client-secret"
}

test_rotate_takes_the_new_secret_back_when_it_cannot_be_stored() {
  rotate_outputs
  echo "secret-id-old OldSecretValueabcdefghijklmnopq" >"$T/secrets"
  FAKE_AWS_FAIL=put-secret-value rotate "delete" --env prod --secret-id app/confidential
  assert_rc 1
  assert_out "put-secret-value failed: An error occurred (AccessDeniedException)"
  assert_out "has been deleted again; the client keeps its old secret"
  [[ "$(cut -d' ' -f1 "$T/secrets")" == secret-id-old ]] || fail "only the old secret may remain"
  refute_secret_anywhere
}

test_rotate_withholds_an_error_that_quotes_the_secret() {
  rotate_outputs
  echo "secret-id-old OldSecretValueabcdefghijklmnopq" >"$T/secrets"
  FAKE_AWS_FAIL=put-secret-value FAKE_AWS_LEAK=1 rotate "delete" --env prod --secret-id app/confidential
  assert_rc 1
  assert_out "its error text quoted the secret and is withheld"
  refute_secret_anywhere
}

test_rotate_stops_when_listing_fails() {
  rotate_outputs
  FAKE_AWS_FAIL=list-user-pool-client-secrets rotate "delete" --env prod --secret-id app/confidential
  assert_rc 1
  assert_out "list-user-pool-client-secrets failed"
  refute_log "add-user-pool-client-secret"
}

# The tests file itself is checked with run.sh, which sources it (test_shellcheck_clean).
test_rotate_script_is_shellcheck_clean() {
  if ! command -v shellcheck >/dev/null 2>&1; then
    fail "shellcheck is not installed"
    return 0
  fi
  shellcheck -x "$ROTATE" "$ROTATION_FAKES/aws" >"$T/shellcheck" 2>&1 || fail "shellcheck: $(cat "$T/shellcheck")"
}
