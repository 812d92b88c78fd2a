#!/usr/bin/env bash
# Smoke-tests one deployed CognitoStack environment end to end, from the outside, the way a client would:
# a throwaway user signs in, calls the API, uses identity-pool credentials against the user-files bucket;
# a machine client calls the scoped routes. Everything it creates is deleted again, also when a step fails.
#
# Needs: the AWS CLI (credentials of an operator allowed to administer the user pool, identity pool and
# bucket), curl, jq, openssl, od; oathtool only when the user pool requires MFA (TOTP).
# The user steps sign in through the smoke-test client (output SmokeTestClientId), which exists only where
# the environment sets clients.smokeTestClient; elsewhere they are skipped and no user is created.
#
# Exit codes: 0 every check passed, 1 a check or the cleanup failed, 2 bad arguments, missing tool or a
# missing/malformed outputs file.
set -euo pipefail
umask 077

readonly PROG="smoke-test"
readonly STACK_PREFIX="CognitoStack"
readonly IDENTITY_KEYS=(UserPoolId UserPoolArn WebClientId ConfidentialClientId MachineClientId HostedUiUrl
  IdentityPoolId UserFilesBucketName Region)
readonly API_KEYS=(ApiUrl)
# Overridable for tests and unusual installs; oathtool is looked up only when MFA is required.
OATHTOOL="${SMOKE_OATHTOOL:-oathtool}"
# A Cognito user pools endpoint other than AWS's (e.g. the cognito-local emulator the tests run).
COGNITO_ENDPOINT="${SMOKE_COGNITO_ENDPOINT:-}"
export AWS_PAGER=""

usage() {
  cat <<EOF
Usage: scripts/smoke-test.sh --env <name> [--outputs <file>] [--region <region>]

Smoke-tests the deployed stacks ${STACK_PREFIX}-<name>-Identity and ${STACK_PREFIX}-<name>-Api using the
outputs file written by:
  npx cdk deploy --all -c env=<name> --outputs-file outputs.json

Options:
  --env <name>        environment name, as in cdk.json "environments" (required)
  --outputs <file>    CDK outputs file (default: outputs.json)
  --region <region>   AWS region (default: the Identity stack's Region output)
  -h, --help          show this help

It creates a temporary user (smoke-<random>@example.invalid, no invitation message sent) and signs it in
through the smoke-test client (SmokeTestClientId output; without it the user steps are skipped), checks
GET /me, GET /admin/health (403), machine-to-machine tokens on GET/POST /items, identity-pool access to
the user-files bucket and guest access, then deletes the user, the object versions it wrote and its
identities. One PASS/FAIL/SKIP line per step.
Exit status: 0 all passed, 1 a step failed, 2 usage or outputs error.

Environment: SMOKE_COGNITO_ENDPOINT=<url> sends the cognito-idp calls there (e.g. a local emulator).
EOF
}

# One line naming what is wrong, exit 2. Used before anything has been created.
usage_error() {
  printf '%s: %s\n' "$PROG" "$1" >&2
  exit 2
}

# ---------------------------------------------------------------------------------------------------
# Arguments
# ---------------------------------------------------------------------------------------------------
ENV_NAME=""
OUTPUTS_FILE="outputs.json"
REGION=""

need_value() {
  [[ $# -ge 2 && -n "$2" && "$2" != -* ]] || usage_error "option $1 needs a value (see --help)"
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    -h | --help) usage; exit 0 ;;
    --env) need_value "$@"; ENV_NAME="$2"; shift 2 ;;
    --env=*) ENV_NAME="${1#*=}"; shift ;;
    --outputs) need_value "$@"; OUTPUTS_FILE="$2"; shift 2 ;;
    --outputs=*) OUTPUTS_FILE="${1#*=}"; shift ;;
    --region) need_value "$@"; REGION="$2"; shift 2 ;;
    --region=*) REGION="${1#*=}"; shift ;;
    *) usage_error "unknown argument \"$1\" (see --help)" ;;
  esac
done

[[ -n "$ENV_NAME" ]] || usage_error "missing --env <name> (see --help)"
[[ "$ENV_NAME" =~ ^[A-Za-z0-9][A-Za-z0-9-]*$ ]] ||
  usage_error "--env \"$ENV_NAME\" is invalid: use letters, digits and hyphens"
[[ -z "$REGION" || "$REGION" =~ ^[a-z]{2}(-[a-z]+)+-[0-9]+$ ]] ||
  usage_error "--region \"$REGION\" is not an AWS region name (e.g. eu-west-1)"

[[ -z "$COGNITO_ENDPOINT" || "$COGNITO_ENDPOINT" =~ ^https?://[A-Za-z0-9.-]+(:[0-9]+)?/?$ ]] ||
  usage_error "SMOKE_COGNITO_ENDPOINT \"$COGNITO_ENDPOINT\" is invalid: use http(s)://host[:port]"

for tool in aws curl jq openssl od; do
  command -v "$tool" >/dev/null 2>&1 || usage_error "required tool \"$tool\" is not installed"
done

# ---------------------------------------------------------------------------------------------------
# Outputs file
# ---------------------------------------------------------------------------------------------------
readonly IDENTITY_STACK="${STACK_PREFIX}-${ENV_NAME}-Identity"
readonly API_STACK="${STACK_PREFIX}-${ENV_NAME}-Api"

[[ -e "$OUTPUTS_FILE" ]] || usage_error "outputs file \"$OUTPUTS_FILE\" not found (write it with: npx cdk deploy --all -c env=$ENV_NAME --outputs-file $OUTPUTS_FILE)"
[[ -f "$OUTPUTS_FILE" && -r "$OUTPUTS_FILE" ]] || usage_error "outputs file \"$OUTPUTS_FILE\" is not a readable file"

# One jq call reads both stacks: "!ok", "!stacks<US><names>", then per stack either
# "<stack><US><key><US><value>" for each string output or "!nostack<US><stack>"; anything else (not JSON,
# empty, not an object) means the file is malformed.
declare -A OUT=()
OUTPUT_LINES=()
mapfile -t OUTPUT_LINES < <(jq -r --arg a "$IDENTITY_STACK" --arg b "$API_STACK" '
  if type != "object" then "!invalid" else
    "!ok", "!stacks\u001f\(keys | join(", "))", (. as $all | ($a, $b) as $s
    | if ($all[$s] | type) != "object" then "!nostack\u001f\($s)"
      else $all[$s] | to_entries[] | select(.value | type == "string")
        | "\($s)\u001f\(.key)\u001f\(.value | gsub("[\n\u001f]"; " "))"
      end)
  end' "$OUTPUTS_FILE" 2>/dev/null || echo "!invalid")
[[ "${OUTPUT_LINES[0]:-}" == '!ok' && "${OUTPUT_LINES[-1]}" != '!invalid' ]] || OUTPUT_LINES=('!invalid')
STACKS_FOUND=""

for line in "${OUTPUT_LINES[@]}"; do
  case "$line" in
    '!invalid') usage_error "outputs file \"$OUTPUTS_FILE\" is not valid JSON with one object per stack" ;;
    '!nostack'*)
      usage_error "outputs file \"$OUTPUTS_FILE\" has no stack \"${line#*$'\x1f'}\" (found: ${STACKS_FOUND:-none}); deployed with -c env=$ENV_NAME?"
      ;;
    '!ok') ;;
    '!stacks'*) STACKS_FOUND="${line#*$'\x1f'}" ;;
    *) OUT["${line%$'\x1f'*}"]="${line##*$'\x1f'}" ;;
  esac
done

# require_outputs <stack> <key>...: names every missing (or empty, or non-string) output in one line.
require_outputs() {
  local stack="$1" key missing=() list
  shift
  for key in "$@"; do
    [[ -n "${OUT[$stack$'\x1f'$key]:-}" ]] || missing+=("$key")
  done
  if [[ ${#missing[@]} -gt 0 ]]; then
    list="$(printf '%s, ' "${missing[@]}")"
    usage_error "outputs file \"$OUTPUTS_FILE\": stack \"$stack\" lacks output(s) ${list%, }"
  fi
}
require_outputs "$IDENTITY_STACK" "${IDENTITY_KEYS[@]}"
require_outputs "$API_STACK" "${API_KEYS[@]}"

identity_output() { printf '%s' "${OUT[$IDENTITY_STACK$'\x1f'$1]}"; }
USER_POOL_ID="$(identity_output UserPoolId)"
# Optional: present only where the environment opts into the smoke-test client.
SMOKE_CLIENT_ID="${OUT[$IDENTITY_STACK$'\x1f'SmokeTestClientId]:-}"
MACHINE_CLIENT_ID="$(identity_output MachineClientId)"
HOSTED_UI_URL="$(identity_output HostedUiUrl)"
IDENTITY_POOL_ID="$(identity_output IdentityPoolId)"
BUCKET="$(identity_output UserFilesBucketName)"
[[ -n "$REGION" ]] || REGION="$(identity_output Region)"
API_URL="${OUT[$API_STACK$'\x1f'ApiUrl]}"

[[ "$HOSTED_UI_URL" == https://* ]] ||
  usage_error "outputs file \"$OUTPUTS_FILE\": $IDENTITY_STACK.HostedUiUrl \"$HOSTED_UI_URL\" is not an https URL"
[[ "$API_URL" == https://* ]] ||
  usage_error "outputs file \"$OUTPUTS_FILE\": $API_STACK.ApiUrl \"$API_URL\" is not an https URL"
[[ "$USER_POOL_ID" == *_* ]] ||
  usage_error "outputs file \"$OUTPUTS_FILE\": $IDENTITY_STACK.UserPoolId \"$USER_POOL_ID\" is not a user pool id"

readonly TOKEN_ENDPOINT="${HOSTED_UI_URL%/}/oauth2/token"
readonly API_BASE="${API_URL%/}"
# The logins key names the pool's own region, which the pool id carries.
readonly LOGIN_PROVIDER="cognito-idp.${USER_POOL_ID%%_*}.amazonaws.com/${USER_POOL_ID}"

# ---------------------------------------------------------------------------------------------------
# State, reporting, redaction
# ---------------------------------------------------------------------------------------------------
WORK=""
RUN_ID=""
SECRETS=()
PASSED=0
FAILED=0
SKIPPED=0
declare -A STEP_RESULT=()
REASON=""
DETAIL=""

# created: the user exists; unknown: admin-create-user failed without an answer from Cognito (it may exist).
USER_STATE=none
USERNAME=""
EMAIL=""
PASSWORD=""
USER_SUB=""
ID_TOKEN=""
M2M_TOKEN=""
IDENTITY_ID=""
ID_ACCESS_KEY=""
ID_SECRET_KEY=""
ID_SESSION_TOKEN=""
IDENTITIES_TO_DELETE=()
# "<key> <version id>" of every object a write created (version id "null" where the bucket is unversioned),
# and the keys whose write may have landed without the CLI saying so (no answer from S3).
OBJECTS_WRITTEN=()
OBJECTS_UNCERTAIN=()
LAST_TOTP=""
TOTP_SECRET=""
TOTP_CODE=""
SESSION=""
CHALLENGE_USER=""
CLIENT_SECRET=""
SMOKE_SECRET=""
CLEANED_UP=0

add_secret() {
  if [[ -n "$1" ]]; then SECRETS+=("$1"); fi
}

# Replaces every known secret in $1; everything printed from outside sources goes through here.
redact() {
  local text="$1" secret
  for secret in "${SECRETS[@]}"; do
    text="${text//"$secret"/[redacted]}"
  done
  printf '%s' "$text"
}

# First 200 characters of a single-line, redacted rendering of $1.
short() {
  local text
  text="$(redact "$1")"
  text="${text//$'\n'/ }"
  printf '%s' "${text:0:200}"
}

report() {
  local verdict="$1" step="$2" text="$3"
  STEP_RESULT["$step"]="$verdict"
  case "$verdict" in
    PASS) PASSED=$((PASSED + 1)) ;;
    FAIL) FAILED=$((FAILED + 1)) ;;
    SKIP) SKIPPED=$((SKIPPED + 1)) ;;
  esac
  if [[ -n "$text" ]]; then
    say '%s %s: %s\n' "$verdict" "$step" "$(short "$text")"
  else
    say '%s %s\n' "$verdict" "$step"
  fi
}

# say <format> <args...>: prints to stdout; a closed stdout (EPIPE with SIGPIPE ignored, EBADF) must not
# stop the run before its cleanup: the summary then goes to stderr.
STDOUT_GONE=0
say() {
  # shellcheck disable=SC2059 # the format is always a literal of this script
  printf "$@" 2>/dev/null || STDOUT_GONE=1
}

# run_step <name> <function> [<step it needs>...]: a step whose prerequisites did not pass is skipped.
# Step functions check every command themselves (errexit does not apply inside "if"), set REASON and
# return 1 on failure, may set DETAIL (or REASON with return 2 for a SKIP) on success.
run_step() {
  local name="$1" fn="$2" need rc=0
  shift 2
  for need in "$@"; do
    if [[ "${STEP_RESULT[$need]:-}" != PASS ]]; then
      report SKIP "$name" "needs step \"$need\", which did not pass"
      return 0
    fi
  done
  REASON=""
  DETAIL=""
  "$fn" || rc=$?
  case "$rc" in
    0) report PASS "$name" "$DETAIL" ;;
    2) report SKIP "$name" "$REASON" ;;
    *) report FAIL "$name" "${REASON:-failed without a reason}" ;;
  esac
}

# aws_call <args...>: runs the AWS CLI; stdout lands in AWS_OUT, the last stderr line in AWS_ERR.
# With AS_KEY/AS_SECRET/AS_TOKEN set, runs with those credentials instead of the operator's.
AWS_OUT=""
AWS_ERR=""
AS_KEY=""
AS_SECRET=""
AS_TOKEN=""
aws_call() {
  local err="$WORK/aws.err" rc=0 endpoint
  AWS_OUT="$(
    if [[ -n "$AS_KEY" ]]; then
      unset AWS_PROFILE AWS_DEFAULT_PROFILE
      export AWS_ACCESS_KEY_ID="$AS_KEY" AWS_SECRET_ACCESS_KEY="$AS_SECRET" AWS_SESSION_TOKEN="$AS_TOKEN"
    fi
    endpoint=()
    if [[ "$1" == cognito-idp && -n "$COGNITO_ENDPOINT" ]]; then endpoint=(--endpoint-url "$COGNITO_ENDPOINT"); fi
    aws "$@" "${endpoint[@]}" --region "$REGION" --output json 2>"$err"
  )" || rc=$?
  AWS_ERR=""
  if [[ $rc -ne 0 ]]; then
    AWS_ERR="$(grep -v '^[[:space:]]*$' "$err" | tail -n 1 || true)"
    AWS_ERR="${AWS_ERR:-aws exited with status $rc}"
  fi
  rm -f "$err"
  return "$rc"
}

# aws_json <service> <operation> <json>: passes the request through a private file, so that passwords,
# secret hashes, sessions and tokens never appear on a command line.
aws_json() {
  local request="$WORK/request.json" rc=0
  printf '%s' "$3" >"$request"
  aws_call "$1" "$2" --cli-input-json "file://$request" || rc=$?
  rm -f "$request"
  return "$rc"
}

# http <method> <url> <authorization header value> [<content type> <body>]: sets HTTP_STATUS, HTTP_BODY.
# The Authorization header goes through a private file: tokens never appear on a command line.
HTTP_STATUS=""
HTTP_BODY=""
http() {
  local method="$1" url="$2" auth="$3" headers="$WORK/headers" body="$WORK/body" err="$WORK/curl.err"
  local args=(--silent --show-error --max-time 30 --output "$body" --write-out '%{http_code}'
    --request "$method" --header "@$headers")
  printf 'Authorization: %s\n' "$auth" >"$headers"
  if [[ $# -ge 5 ]]; then
    args+=(--header "Content-Type: $4" --data-binary "$5")
  fi
  HTTP_BODY=""
  if ! HTTP_STATUS="$(curl "${args[@]}" "$url" 2>"$err")"; then
    REASON="$method $url: $(head -c 300 "$err")"
    rm -f "$headers" "$body" "$err"
    return 1
  fi
  HTTP_BODY="$(cat "$body" 2>/dev/null || true)"
  rm -f "$headers" "$body" "$err"
}

# expect_status <code> <what>: REASON on mismatch.
expect_status() {
  if [[ "$HTTP_STATUS" != "$1" ]]; then
    REASON="$2: expected HTTP $1, got ${HTTP_STATUS:-nothing} (body: ${HTTP_BODY:0:120})"
    return 1
  fi
}

# json_object <key> <value> ...: a JSON object of string values; a key written "@key" takes its value as
# raw JSON (a number, true, an object from json_object). Built in bash because every request needs one
# and jq start-up dominates the test suite's time; the escaping covers all the values sent here (ids,
# passwords, hashes, sessions, tokens: printable characters).
json_string() {
  local s="$1"
  s="${s//\\/\\\\}"
  s="${s//\"/\\\"}"
  s="${s//$'\n'/\\n}"
  s="${s//$'\r'/\\r}"
  s="${s//$'\t'/\\t}"
  printf '"%s"' "$s"
}
json_object() {
  local out="" key
  while [[ $# -ge 2 ]]; do
    key="$1"
    if [[ "$key" == @* ]]; then
      out+="$(json_string "${key#@}"):$2,"
    else
      out+="$(json_string "$key"):$(json_string "$2"),"
    fi
    shift 2
  done
  printf '{%s}' "${out%,}"
}

# fields <json> <jq expression>...: one line per expression (missing → empty) into the FIELDS array, with
# a single jq start-up; the values read here (ids, tokens, sessions) never contain newlines.
FIELDS=()
fields() {
  local json="$1" filter
  shift
  filter="$(printf '(%s // "" | tostring), ' "$@")"
  mapfile -t FIELDS < <(jq -r "${filter%, }" <<<"$json" 2>/dev/null || true)
  while [[ ${#FIELDS[@]} -lt $# ]]; do FIELDS+=(""); done
}

# hex_bytes: stdin as lowercase hex, no separators.
hex_bytes() { od -An -v -tx1 | tr -d ' \n'; }

# hmac_sha256 <key> <message>: base64(HMAC-SHA256(key, message)), RFC 2104 spelled out over
# "openssl dgst" reading stdin, so that the key never appears in a process's arguments (openssl's -hmac
# and -macopt take it on the command line, visible in the process list). Key and message reach the pipes
# through printf, a bash builtin: no process is started with them as arguments.
hmac_sha256() {
  local key_hex inner_hex ipad="" opad="" inner="" i byte
  key_hex="$(printf '%s' "$1" | hex_bytes)" || return 1
  if [[ ${#key_hex} -gt 128 ]]; then
    key_hex="$(printf '%s' "$1" | openssl dgst -sha256 -binary | hex_bytes)" || return 1
  fi
  while [[ ${#key_hex} -lt 128 ]]; do key_hex+="00"; done
  for ((i = 0; i < 128; i += 2)); do
    byte=$((16#${key_hex:i:2}))
    printf -v ipad '%s\\x%02x' "$ipad" $((byte ^ 0x36))
    printf -v opad '%s\\x%02x' "$opad" $((byte ^ 0x5c))
  done
  # shellcheck disable=SC2059 # the formats are the \xHH escapes built above
  inner_hex="$({ printf "$ipad" && printf '%s' "$2"; } | openssl dgst -sha256 -binary | hex_bytes)" || return 1
  [[ "$inner_hex" =~ ^[0-9a-f]{64}$ ]] || return 1
  for ((i = 0; i < 64; i += 2)); do inner+="\\x${inner_hex:i:2}"; done
  # shellcheck disable=SC2059
  { printf "$opad" && printf "$inner"; } | openssl dgst -sha256 -binary | openssl base64 -A
}

# secret_hash <username> <client id> <client secret>: SECRET_HASH = base64(HMAC-SHA256(secret, username +
# client id)) into HASH; a failed or malformed computation fails the step instead of sending a bad hash.
HASH=""
secret_hash() {
  HASH="$(hmac_sha256 "$3" "$1$2")" || HASH=""
  [[ "$HASH" =~ ^[A-Za-z0-9+/]{43}=$ ]] || { REASON="could not compute SECRET_HASH (openssl failed)"; return 1; }
}

client_secret() {
  aws_call cognito-idp describe-user-pool-client --user-pool-id "$USER_POOL_ID" --client-id "$1" ||
    { REASON="describe-user-pool-client $1: $AWS_ERR"; return 1; }
  CLIENT_SECRET="$(jq -r '.UserPoolClient.ClientSecret // empty' <<<"$AWS_OUT")"
  [[ -n "$CLIENT_SECRET" ]] || { REASON="app client $1 has no client secret"; return 1; }
  add_secret "$CLIENT_SECRET"
}

# ---------------------------------------------------------------------------------------------------
# Steps
# ---------------------------------------------------------------------------------------------------
# The user never gets mail: an address under .invalid (RFC 2606, undeliverable), no invitation
# (MessageAction SUPPRESS), a verified address set by the admin (no verification code), and no call that
# sends a code. Cognito's default sender allows only a few messages a day per pool.
step_create_user() {
  if [[ -z "$SMOKE_CLIENT_ID" ]]; then
    REASON="no SmokeTestClientId output: $IDENTITY_STACK has no smoke-test client (clients.smokeTestClient), so no user is created"
    return 2
  fi
  EMAIL="smoke-${RUN_ID}@example.invalid"
  USERNAME="$EMAIL"
  # Meets any Cognito password policy: upper, lower, digit, symbol, 36 characters.
  PASSWORD="Aa1!$(openssl rand -hex 16)" || { REASON="openssl rand failed"; return 1; }
  add_secret "$PASSWORD"

  if ! aws_call cognito-idp admin-create-user --user-pool-id "$USER_POOL_ID" --username "$EMAIL" \
    --message-action SUPPRESS --user-attributes "Name=email,Value=$EMAIL" "Name=email_verified,Value=true"; then
    # An error code is Cognito's answer: nothing was created. Anything else (timeout, no connection) may
    # have created the user.
    if ! is_service_error "$AWS_ERR"; then USER_STATE=unknown; fi
    REASON="admin-create-user: $AWS_ERR"
    return 1
  fi
  USER_STATE=created
  fields "$AWS_OUT" .User.Username '[.User.Attributes[]? | select(.Name == "sub") | .Value][0]'
  USERNAME="${FIELDS[0]:-$EMAIL}"
  USER_SUB="${FIELDS[1]}"

  local request
  request="$(json_object UserPoolId "$USER_POOL_ID" Username "$EMAIL" Password "$PASSWORD" @Permanent true)"
  aws_json cognito-idp admin-set-user-password "$request" ||
    { REASON="admin-set-user-password: $AWS_ERR"; return 1; }
  DETAIL="$EMAIL"
}

# is_service_error <CLI error line>: true when the service answered with an error code.
is_service_error() { [[ "$1" == *"An error occurred ("* ]]; }

# totp_code: a TOTP for TOTP_SECRET in TOTP_CODE, never the one used last (Cognito refuses a reused code).
totp_code() {
  if ! command -v "$OATHTOOL" >/dev/null 2>&1; then
    REASON="the user pool requires TOTP MFA but oathtool is not installed: install it (apt-get install oathtool) and run again"
    return 1
  fi
  local attempt
  for attempt in 1 2; do
    TOTP_CODE="$(printf '%s' "$TOTP_SECRET" | "$OATHTOOL" --totp -b - 2>/dev/null)" ||
      { REASON="oathtool could not compute a TOTP code"; return 1; }
    if [[ "$TOTP_CODE" != "$LAST_TOTP" ]]; then
      LAST_TOTP="$TOTP_CODE"
      return 0
    fi
    [[ $attempt -eq 2 ]] || sleep "$((31 - $(date +%s) % 30))"
  done
  REASON="oathtool returned the same TOTP code twice"
  return 1
}

# Answers MFA_SETUP: associate a software token with the challenge session, verify a code, then
# respond with the session VerifySoftwareToken returned.
answer_mfa_setup() {
  local request
  request="$(json_object Session "$SESSION")"
  aws_json cognito-idp associate-software-token "$request" ||
    { REASON="MFA_SETUP: associate-software-token: $AWS_ERR"; return 1; }
  fields "$AWS_OUT" .SecretCode .Session
  TOTP_SECRET="${FIELDS[0]}"
  SESSION="${FIELDS[1]}"
  add_secret "$TOTP_SECRET"
  add_secret "$SESSION"
  [[ -n "$TOTP_SECRET" ]] || { REASON="MFA_SETUP: associate-software-token returned no SecretCode"; return 1; }

  totp_code || { REASON="MFA_SETUP: $REASON"; return 1; }
  request="$(json_object Session "$SESSION" UserCode "$TOTP_CODE" FriendlyDeviceName smoke-test)"
  aws_json cognito-idp verify-software-token "$request" ||
    { REASON="MFA_SETUP: verify-software-token: $AWS_ERR"; return 1; }
  fields "$AWS_OUT" .Status .Session
  [[ "${FIELDS[0]}" == SUCCESS ]] ||
    { REASON="MFA_SETUP: verify-software-token did not return Status SUCCESS"; return 1; }
  SESSION="${FIELDS[1]}"
  add_secret "$SESSION"

  secret_hash "$CHALLENGE_USER" "$SMOKE_CLIENT_ID" "$SMOKE_SECRET" || { REASON="MFA_SETUP: $REASON"; return 1; }
  request="$(json_object UserPoolId "$USER_POOL_ID" ClientId "$SMOKE_CLIENT_ID" ChallengeName MFA_SETUP \
    Session "$SESSION" @ChallengeResponses "$(json_object USERNAME "$CHALLENGE_USER" SECRET_HASH "$HASH")")"
  aws_json cognito-idp admin-respond-to-auth-challenge "$request" ||
    { REASON="MFA_SETUP: admin-respond-to-auth-challenge: $AWS_ERR"; return 1; }
}

answer_software_token_mfa() {
  [[ -n "$TOTP_SECRET" ]] || { REASON="SOFTWARE_TOKEN_MFA challenge for a user without a known TOTP secret"; return 1; }
  totp_code || { REASON="SOFTWARE_TOKEN_MFA: $REASON"; return 1; }
  secret_hash "$CHALLENGE_USER" "$SMOKE_CLIENT_ID" "$SMOKE_SECRET" || { REASON="SOFTWARE_TOKEN_MFA: $REASON"; return 1; }
  local request
  request="$(json_object UserPoolId "$USER_POOL_ID" ClientId "$SMOKE_CLIENT_ID" ChallengeName SOFTWARE_TOKEN_MFA \
    Session "$SESSION" @ChallengeResponses "$(json_object USERNAME "$CHALLENGE_USER" SOFTWARE_TOKEN_MFA_CODE "$TOTP_CODE" \
      SECRET_HASH "$HASH")")"
  aws_json cognito-idp admin-respond-to-auth-challenge "$request" ||
    { REASON="SOFTWARE_TOKEN_MFA: admin-respond-to-auth-challenge: $AWS_ERR"; return 1; }
}

step_sign_in() {
  client_secret "$SMOKE_CLIENT_ID" || return 1
  SMOKE_SECRET="$CLIENT_SECRET"
  local request challenge round via=""
  secret_hash "$EMAIL" "$SMOKE_CLIENT_ID" "$SMOKE_SECRET" || return 1
  request="$(json_object UserPoolId "$USER_POOL_ID" ClientId "$SMOKE_CLIENT_ID" AuthFlow ADMIN_USER_PASSWORD_AUTH \
    @AuthParameters "$(json_object USERNAME "$EMAIL" PASSWORD "$PASSWORD" SECRET_HASH "$HASH")")"
  aws_json cognito-idp admin-initiate-auth "$request" ||
    { REASON="admin-initiate-auth (ADMIN_USER_PASSWORD_AUTH): $AWS_ERR"; return 1; }

  for round in 1 2 3 4; do
    fields "$AWS_OUT" .ChallengeName .Session .ChallengeParameters.USER_ID_FOR_SRP
    challenge="${FIELDS[0]}"
    [[ -n "$challenge" && $round -lt 4 ]] || break
    SESSION="${FIELDS[1]}"
    add_secret "$SESSION"
    # Challenge responses name the user by its internal user name, not the e-mail alias.
    CHALLENGE_USER="${FIELDS[2]:-$USERNAME}"
    case "$challenge" in
      MFA_SETUP) answer_mfa_setup || return 1 ;;
      SOFTWARE_TOKEN_MFA) answer_software_token_mfa || return 1 ;;
      *) REASON="unexpected challenge $challenge (round $round)"; return 1 ;;
    esac
    via="${via:+$via, }$challenge"
  done

  fields "$AWS_OUT" .AuthenticationResult.IdToken .AuthenticationResult.AccessToken .AuthenticationResult.RefreshToken
  ID_TOKEN="${FIELDS[0]}"
  add_secret "$ID_TOKEN"
  add_secret "${FIELDS[1]}"
  add_secret "${FIELDS[2]}"
  [[ -n "$ID_TOKEN" ]] || { REASON="sign-in returned no ID token (challenge: ${challenge:-none})"; return 1; }
  DETAIL="ADMIN_USER_PASSWORD_AUTH on the smoke-test client with SECRET_HASH${via:+, answered $via}"
}

step_me() {
  http GET "$API_BASE/me" "$ID_TOKEN" || return 1
  expect_status 200 "GET /me" || return 1
  local sub
  sub="$(jq -r '.sub // empty' <<<"$HTTP_BODY" 2>/dev/null || true)"
  [[ -n "$sub" ]] || { REASON="GET /me: 200 without a \"sub\" in the body"; return 1; }
  if [[ -n "$USER_SUB" && "$sub" != "$USER_SUB" ]]; then
    REASON="GET /me: sub \"$sub\" is not the new user's sub \"$USER_SUB\""
    return 1
  fi
  DETAIL="200, sub is the new user's"
}

step_admin_forbidden() {
  http GET "$API_BASE/admin/health" "$ID_TOKEN" || return 1
  expect_status 403 "GET /admin/health as a non-admin" || return 1
  DETAIL="403 for a user outside the admin group"
}

step_m2m_token() {
  client_secret "$MACHINE_CLIENT_ID" || return 1
  local basic
  # The secret reaches openssl on stdin (printf is a builtin); a failed encoding fails the step.
  basic="$(printf '%s:%s' "$MACHINE_CLIENT_ID" "$CLIENT_SECRET" | openssl base64 -A)" || basic=""
  [[ "$basic" =~ ^[A-Za-z0-9+/]+=*$ ]] || { REASON="could not encode the client credentials (openssl base64 failed)"; return 1; }
  add_secret "$basic"
  http POST "$TOKEN_ENDPOINT" "Basic $basic" application/x-www-form-urlencoded "grant_type=client_credentials" ||
    return 1
  M2M_TOKEN="$(jq -r '.access_token // empty' <<<"$HTTP_BODY" 2>/dev/null || true)"
  add_secret "$M2M_TOKEN"
  HTTP_BODY="$(redact "$HTTP_BODY")"
  expect_status 200 "POST /oauth2/token (client_credentials)" || return 1
  [[ -n "$M2M_TOKEN" ]] || { REASON="token endpoint returned no access_token"; return 1; }
  DETAIL="client_credentials access token issued"
}

step_items_read() {
  http GET "$API_BASE/items" "$M2M_TOKEN" || return 1
  expect_status 200 "GET /items with the read scope" || return 1
  DETAIL="200"
}

step_items_bad_body() {
  http POST "$API_BASE/items" "$M2M_TOKEN" application/json '{"name": 5}' || return 1
  expect_status 400 'POST /items {"name": 5}' || return 1
  DETAIL="400 for an invalid body"
}

step_identity_credentials() {
  local request logins
  logins="$(json_object "$LOGIN_PROVIDER" "$ID_TOKEN")"
  request="$(json_object IdentityPoolId "$IDENTITY_POOL_ID" @Logins "$logins")"
  aws_json cognito-identity get-id "$request" || { REASON="get-id with logins: $AWS_ERR"; return 1; }
  IDENTITY_ID="$(jq -r '.IdentityId // empty' <<<"$AWS_OUT")"
  [[ -n "$IDENTITY_ID" ]] || { REASON="get-id returned no IdentityId"; return 1; }
  IDENTITIES_TO_DELETE+=("$IDENTITY_ID")

  request="$(json_object IdentityId "$IDENTITY_ID" @Logins "$logins")"
  aws_json cognito-identity get-credentials-for-identity "$request" ||
    { REASON="get-credentials-for-identity: $AWS_ERR"; return 1; }
  fields "$AWS_OUT" .Credentials.AccessKeyId .Credentials.SecretKey .Credentials.SessionToken
  ID_ACCESS_KEY="${FIELDS[0]}"
  ID_SECRET_KEY="${FIELDS[1]}"
  ID_SESSION_TOKEN="${FIELDS[2]}"
  add_secret "$ID_SECRET_KEY"
  add_secret "$ID_SESSION_TOKEN"
  [[ -n "$ID_ACCESS_KEY" && -n "$ID_SECRET_KEY" ]] ||
    { REASON="get-credentials-for-identity returned no credentials"; return 1; }
  DETAIL="identity $IDENTITY_ID"
}

# put_object_as <key id> <secret> <session token> <object key>: the write's outcome in AWS_ERR/return.
# The bucket is versioned: a written object is recorded with its VersionId, so that the cleanup deletes
# that version (deleting the key alone would only add a delete marker and keep the object).
put_object_as() {
  local body="$WORK/object.txt" rc=0 version
  printf 'CognitoStack smoke test %s\n' "$RUN_ID" >"$body"
  AS_KEY="$1" AS_SECRET="$2" AS_TOKEN="$3"
  aws_call s3api put-object --bucket "$BUCKET" --key "$4" --body "$body" || rc=$?
  AS_KEY="" AS_SECRET="" AS_TOKEN=""
  if [[ $rc -eq 0 ]]; then
    version="$(jq -r '.VersionId // "null"' <<<"$AWS_OUT" 2>/dev/null)" || version="null"
    OBJECTS_WRITTEN+=("$4 ${version:-null}")
  elif ! is_service_error "$AWS_ERR"; then
    OBJECTS_UNCERTAIN+=("$4")
  fi
  return "$rc"
}

# expect_denied <what>: after a failed put_object_as, only AccessDenied counts as the expected refusal.
expect_denied() {
  if [[ "$AWS_ERR" == *AccessDenied* ]]; then
    return 0
  fi
  REASON="$1: expected AccessDenied, got: $AWS_ERR"
  return 1
}

step_s3_own_prefix() {
  local key="private/$IDENTITY_ID/smoke-test-$RUN_ID.txt"
  put_object_as "$ID_ACCESS_KEY" "$ID_SECRET_KEY" "$ID_SESSION_TOKEN" "$key" ||
    { REASON="put-object s3://$BUCKET/$key: $AWS_ERR"; return 1; }
  DETAIL="wrote s3://$BUCKET/$key"
}

step_s3_other_prefix() {
  local key="private/${USER_POOL_ID%%_*}:00000000-0000-0000-0000-000000000000/smoke-test-$RUN_ID.txt"
  if put_object_as "$ID_ACCESS_KEY" "$ID_SECRET_KEY" "$ID_SESSION_TOKEN" "$key"; then
    REASON="write to another identity's prefix s3://$BUCKET/$key was ALLOWED"
    return 1
  fi
  expect_denied "put-object s3://$BUCKET/$key" || return 1
  DETAIL="AccessDenied on another identity's prefix"
}

step_guest_write() {
  local request guest_id
  request="$(json_object IdentityPoolId "$IDENTITY_POOL_ID")"
  if ! aws_json cognito-identity get-id "$request"; then
    if [[ "$AWS_ERR" == *NotAuthorizedException* ]]; then
      REASON="guest access is disabled for this identity pool (get-id without logins refused), nothing to check"
      return 2
    fi
    REASON="get-id without logins: $AWS_ERR"
    return 1
  fi
  guest_id="$(jq -r '.IdentityId // empty' <<<"$AWS_OUT")"
  [[ -n "$guest_id" ]] || { REASON="get-id without logins returned no IdentityId"; return 1; }
  IDENTITIES_TO_DELETE+=("$guest_id")

  request="$(json_object IdentityId "$guest_id")"
  aws_json cognito-identity get-credentials-for-identity "$request" ||
    { REASON="get-credentials-for-identity (guest): $AWS_ERR"; return 1; }
  local key_id secret token key="public/smoke-test-$RUN_ID.txt"
  fields "$AWS_OUT" .Credentials.AccessKeyId .Credentials.SecretKey .Credentials.SessionToken
  key_id="${FIELDS[0]}"
  secret="${FIELDS[1]}"
  token="${FIELDS[2]}"
  add_secret "$secret"
  add_secret "$token"
  [[ -n "$key_id" && -n "$secret" ]] || { REASON="get-credentials-for-identity (guest) returned no credentials"; return 1; }

  if put_object_as "$key_id" "$secret" "$token" "$key"; then
    REASON="guest write to s3://$BUCKET/$key was ALLOWED"
    return 1
  fi
  expect_denied "guest put-object s3://$BUCKET/$key" || return 1
  DETAIL="AccessDenied for guest credentials"
}

# delete_versions_of <key>: deletes every version and delete marker left under exactly <key> (a write
# whose answer was lost, or a marker), counting them in LEFTOVERS.
LEFTOVERS=0
delete_versions_of() {
  local key="$1" version
  aws_call s3api list-object-versions --bucket "$BUCKET" --prefix "$key" ||
    { PROBLEMS+=("list-object-versions s3://$BUCKET/$key: $AWS_ERR"); return 0; }
  while IFS= read -r version; do
    [[ -n "$version" ]] || continue
    if aws_call s3api delete-object --bucket "$BUCKET" --key "$key" --version-id "$version"; then
      LEFTOVERS=$((LEFTOVERS + 1))
    else
      PROBLEMS+=("delete-object s3://$BUCKET/$key version $version: $AWS_ERR")
    fi
  done < <(jq -r --arg k "$key" '(.Versions // []) + (.DeleteMarkers // []) | .[] | select(.Key == $k) | .VersionId' \
    <<<"$AWS_OUT" 2>/dev/null)
}

delete_objects() {
  local entry key version deleted=0 keys=() args
  for entry in "${OBJECTS_WRITTEN[@]}"; do
    key="${entry% *}"
    version="${entry##* }"
    keys+=("$key")
    args=(--bucket "$BUCKET" --key "$key")
    if [[ "$version" != null ]]; then args+=(--version-id "$version"); fi
    if aws_call s3api delete-object "${args[@]}"; then
      deleted=$((deleted + 1))
    else
      PROBLEMS+=("delete-object s3://$BUCKET/$key version $version: $AWS_ERR")
    fi
  done
  if [[ $deleted -gt 0 ]]; then REMOVED+=("$deleted object version(s)"); fi
  # Nothing of this run may stay behind: no other version, no delete marker.
  for key in "${keys[@]}" "${OBJECTS_UNCERTAIN[@]}"; do delete_versions_of "$key"; done
  if [[ $LEFTOVERS -gt 0 ]]; then REMOVED+=("$LEFTOVERS leftover version(s) or delete marker(s)"); fi
}

delete_identities() {
  [[ ${#IDENTITIES_TO_DELETE[@]} -gt 0 ]] || return 0
  if ! aws_call cognito-identity delete-identities --identity-ids-to-delete "${IDENTITIES_TO_DELETE[@]}"; then
    PROBLEMS+=("delete-identities: $AWS_ERR")
    return 0
  fi
  # A 200 answer can still leave identities undeleted: each is listed with an error code.
  local unprocessed=() total=${#IDENTITIES_TO_DELETE[@]}
  mapfile -t unprocessed < <(jq -r '.UnprocessedIdentityIds // [] | .[] | "\(.IdentityId) (\(.ErrorCode // "no error code"))"' \
    <<<"$AWS_OUT" 2>/dev/null)
  if [[ $((total - ${#unprocessed[@]})) -gt 0 ]]; then REMOVED+=("$((total - ${#unprocessed[@]})) identities"); fi
  if [[ ${#unprocessed[@]} -gt 0 ]]; then
    PROBLEMS+=("delete-identities: ${#unprocessed[@]} of $total not deleted: $(printf '%s, ' "${unprocessed[@]}" | sed 's/, $//') (delete them by hand)")
  fi
}

delete_user() {
  [[ "$USER_STATE" != none ]] || return 0
  if aws_call cognito-idp admin-delete-user --user-pool-id "$USER_POOL_ID" --username "$USERNAME"; then
    REMOVED+=("user $EMAIL")
  elif [[ "$AWS_ERR" == *UserNotFoundException* || "$AWS_ERR" == *ResourceNotFoundException* ]]; then
    : # nothing remains
  elif [[ "$USER_STATE" == created ]]; then
    PROBLEMS+=("admin-delete-user $EMAIL: $AWS_ERR (delete it by hand)")
  else
    PROBLEMS+=("admin-create-user got no answer and admin-delete-user $EMAIL failed: $AWS_ERR (check whether the user exists and delete it by hand)")
  fi
}

# Deletes what this run created, with the operator's credentials, and reports only what really remains.
# Safe to call twice.
PROBLEMS=()
REMOVED=()
cleanup() {
  [[ $CLEANED_UP -eq 0 ]] || return 0
  CLEANED_UP=1
  delete_objects
  delete_identities
  delete_user
  if [[ ${#PROBLEMS[@]} -gt 0 ]]; then
    report FAIL cleanup "$(printf '%s; ' "${PROBLEMS[@]}")"
  elif [[ ${#REMOVED[@]} -gt 0 ]]; then
    report PASS cleanup "deleted $(printf '%s, ' "${REMOVED[@]}" | sed 's/, $//')"
  else
    report PASS cleanup "nothing to delete"
  fi
}

# Every exit path ends here (normal end, failed command, INT/TERM/HUP, a closed stdout): clean up, remove
# the temporary directory, print the summary (to stderr when stdout is gone).
on_exit() {
  local rc=$?
  set +e
  trap - EXIT
  if [[ $rc -ne 0 && $CLEANED_UP -eq 0 ]]; then
    report FAIL run "stopped unexpectedly (exit status $rc); cleaning up"
  fi
  cleanup
  if [[ -n "$WORK" ]]; then rm -rf "$WORK"; fi
  local summary verdict=PASS
  if [[ $FAILED -gt 0 ]]; then verdict=FAIL; fi
  printf -v summary '\n%s %s: %d passed, %d failed, %d skipped\nRESULT: %s\n' "$PROG" "$ENV_NAME" "$PASSED" "$FAILED" \
    "$SKIPPED" "$verdict"
  say '%s' "$summary"
  if [[ $STDOUT_GONE -eq 1 ]]; then printf '%s' "$summary" >&2; fi
  [[ $verdict == PASS ]] && exit 0
  exit 1
}

# ---------------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------------
trap on_exit EXIT
trap 'exit 130' INT TERM
trap 'exit 129' HUP
# A closed stdout must not kill the run before its cleanup: writes fail instead (see say).
trap '' PIPE
WORK="$(mktemp -d "${TMPDIR:-/tmp}/smoke-test.XXXXXX")"
RUN_ID="$(openssl rand -hex 6)"

say 'Smoke-testing %s and %s in %s (outputs: %s)\n' "$IDENTITY_STACK" "$API_STACK" "$REGION" "$OUTPUTS_FILE"

run_step create-user step_create_user
run_step sign-in step_sign_in create-user
run_step me step_me sign-in
run_step admin-health-forbidden step_admin_forbidden sign-in
run_step m2m-token step_m2m_token
run_step items-read step_items_read m2m-token
run_step items-bad-body step_items_bad_body m2m-token
run_step identity-credentials step_identity_credentials sign-in
run_step s3-own-prefix-write step_s3_own_prefix identity-credentials
run_step s3-other-prefix-denied step_s3_other_prefix identity-credentials
run_step guest-write-denied step_guest_write
cleanup
