#!/usr/bin/env bash
# Rotates the secret of a confidential app client without downtime. Cognito keeps up to two secrets per
# client (AddUserPoolClientSecret, January 2026), both valid, so:
#   1. add a second secret (Cognito generates it),
#   2. store it in the Secrets Manager secret the consumer reads ({"clientId","clientSecret","clientSecretId"}),
#   3. once every consumer runs with it, delete the old secret, after a confirmation.
# Step 3 can also run later on its own (--finish). The secret never appears in output, in argv or in the
# environment: it goes from the Cognito answer to the Secrets Manager request through files in a private
# temporary directory, which is deleted on exit.
#
# Needs: jq and an AWS CLI with the cognito-idp client-secret commands (add-, list- and
# delete-user-pool-client-secret; AWS CLI v1 1.45.11 has them, older ones may not).
# AWS API: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AddUserPoolClientSecret.html
#
# Exit codes: 0 done (or nothing to do), 1 an AWS call failed or the client already has two secrets, 2 bad
# arguments, missing tool or a missing/malformed outputs file, 3 the old secret was kept (not confirmed).
set -euo pipefail
umask 077

readonly PROG="rotate-client-secret"
readonly STACK_PREFIX="CognitoStack"
export AWS_PAGER=""

usage() {
  cat <<EOF
Usage: scripts/rotate-client-secret.sh --env <name> --secret-id <id> [options]

Adds a new secret to a confidential client of ${STACK_PREFIX}-<name>-Identity, stores it in the Secrets
Manager secret <id> (which must exist), and deletes the old secret after you confirm.

Options:
  --env <name>        environment name, as in cdk.json "environments" (required)
  --secret-id <id>    Secrets Manager secret (name or ARN) the consumer reads (required)
  --client <output>   the client's output key: ConfidentialClientId (default) or MachineClientId
  --outputs <file>    CDK outputs file (default: outputs.json)
  --region <region>   AWS region (default: the Identity stack's Region output)
  --finish            only delete the secrets other than the one stored in <id> (after the consumers moved)
  --yes               delete the old secret without asking
  -h, --help          show this help

Confirmation: type "delete" when asked. Anything else keeps the old secret (exit 3); run again with
--finish when every consumer uses the new one.
EOF
}

usage_error() {
  printf '%s: %s\n' "$PROG" "$1" >&2
  exit 2
}

fail() {
  printf '%s: %s\n' "$PROG" "$1" >&2
  exit 1
}

ENV_NAME=""
SECRET_ID=""
CLIENT_KEY="ConfidentialClientId"
OUTPUTS_FILE="outputs.json"
REGION=""
FINISH=0
YES=0

need_value() {
  [[ $# -ge 2 && -n "$2" && "$2" != -* ]] || usage_error "option $1 needs a value (see --help)"
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    -h | --help) usage; exit 0 ;;
    --env) need_value "$@"; ENV_NAME="$2"; shift 2 ;;
    --secret-id) need_value "$@"; SECRET_ID="$2"; shift 2 ;;
    --client) need_value "$@"; CLIENT_KEY="$2"; shift 2 ;;
    --outputs) need_value "$@"; OUTPUTS_FILE="$2"; shift 2 ;;
    --region) need_value "$@"; REGION="$2"; shift 2 ;;
    --finish) FINISH=1; shift ;;
    --yes) YES=1; shift ;;
    *) usage_error "unknown argument \"$1\" (see --help)" ;;
  esac
done

[[ -n "$ENV_NAME" ]] || usage_error "--env is required (see --help)"
[[ "$ENV_NAME" =~ ^[a-z][a-z0-9-]{0,19}$ ]] || usage_error "--env \"$ENV_NAME\" is invalid: use 1-20 lowercase letters, digits and hyphens"
[[ -n "$SECRET_ID" ]] || usage_error "--secret-id is required (see --help)"
[[ "$SECRET_ID" =~ ^[A-Za-z0-9/_+=.@:-]{1,2048}$ ]] || usage_error "--secret-id \"$SECRET_ID\" is invalid: use a Secrets Manager secret name or ARN"
[[ "$CLIENT_KEY" == ConfidentialClientId || "$CLIENT_KEY" == MachineClientId ]] ||
  usage_error "--client \"$CLIENT_KEY\" is invalid: use ConfidentialClientId or MachineClientId (the clients with a secret)"
[[ -z "$REGION" || "$REGION" =~ ^[a-z]{2}(-gov)?-[a-z]+-[0-9]$ ]] || usage_error "--region \"$REGION\" is invalid: use a region such as eu-west-1"
for tool in aws jq; do
  command -v "$tool" >/dev/null 2>&1 || usage_error "$tool is required but not installed"
done

# ---------------------------------------------------------------------------------------------------
# Outputs
# ---------------------------------------------------------------------------------------------------
[[ -f "$OUTPUTS_FILE" ]] || usage_error "outputs file \"$OUTPUTS_FILE\" not found (write it with: npx cdk deploy --all -c env=$ENV_NAME --outputs-file $OUTPUTS_FILE)"
STACK="${STACK_PREFIX}-${ENV_NAME}-Identity"
jq -e --arg s "$STACK" '.[$s] | type == "object"' "$OUTPUTS_FILE" >/dev/null 2>&1 ||
  usage_error "outputs file \"$OUTPUTS_FILE\" has no stack $STACK"
output() { jq -r --arg s "$STACK" --arg k "$1" '.[$s][$k] // empty | strings' "$OUTPUTS_FILE"; }
POOL_ID="$(output UserPoolId)"
CLIENT_ID="$(output "$CLIENT_KEY")"
[[ "$POOL_ID" =~ ^[a-z]{2}(-gov)?-[a-z]+-[0-9]_[0-9A-Za-z]+$ ]] || usage_error "outputs file: $STACK.UserPoolId is missing or malformed"
[[ "$CLIENT_ID" =~ ^[A-Za-z0-9_+]{1,128}$ ]] || usage_error "outputs file: $STACK.$CLIENT_KEY is missing or malformed"
[[ -n "$REGION" ]] || REGION="$(output Region)"
[[ "$REGION" =~ ^[a-z]{2}(-gov)?-[a-z]+-[0-9]$ ]] || usage_error "outputs file: $STACK.Region is missing or malformed (or pass --region)"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/$PROG.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# call <name> <service> <operation> <request JSON file>: runs one AWS call with its request in a file
# (never in argv); the answer is in $WORK/<name>.json. On failure prints the error's first line, unless
# it quotes the new secret, and exits 1.
call() {
  local name="$1" service="$2" op="$3" request="$4"
  if ! aws "$service" "$op" --region "$REGION" --output json --cli-input-json "file://$request" \
    >"$WORK/$name.json" 2>"$WORK/$name.err"; then
    if [[ -s "$WORK/secret" ]] && grep -qF -f "$WORK/secret" "$WORK/$name.err"; then
      fail "$service $op failed (its error text quoted the secret and is withheld)"
    fi
    fail "$service $op failed: $(grep -m1 -v '^[[:space:]]*$' "$WORK/$name.err" || echo 'no error text')"
  fi
}

# request <file> <jq filter> [jq args...]: writes a request built from the pool and client ids. The
# filters are single-quoted on purpose: $pool and $client are jq variables.
# shellcheck disable=SC2016
request() {
  local file="$1" filter="$2"
  shift 2
  jq -nc --arg pool "$POOL_ID" --arg client "$CLIENT_ID" "$@" "$filter" >"$WORK/$file"
}

# The ids of the client's secrets, one per line (ListUserPoolClientSecrets returns both, never their values).
# shellcheck disable=SC2016
list_secrets() {
  request list.req '{UserPoolId: $pool, ClientId: $client}'
  call list cognito-idp list-user-pool-client-secrets "$WORK/list.req"
  jq -r '.ClientSecrets[]?.ClientSecretId | strings' "$WORK/list.json"
}

# shellcheck disable=SC2016
delete_secret() {
  request "delete-$2.req" '{UserPoolId: $pool, ClientId: $client, ClientSecretId: $id}' --arg id "$1"
  call "delete-$2" cognito-idp delete-user-pool-client-secret "$WORK/delete-$2.req"
}

# confirm_delete <ids...>: deletes the listed secrets once the operator types "delete" (or --yes).
confirm_delete() {
  local answer=""
  printf 'Delete the old secret%s %s of client %s? Every consumer must already use the new one.\n' \
    "$([[ $# -gt 1 ]] && echo s)" "$*" "$CLIENT_ID"
  if [[ $YES -eq 0 ]]; then
    printf 'Type "delete" to delete, anything else to keep it: '
    read -r answer || true
    if [[ "$answer" != delete ]]; then
      printf 'Kept. Finish later with: scripts/rotate-client-secret.sh --env %s --secret-id %s --client %s --finish\n' \
        "$ENV_NAME" "$SECRET_ID" "$CLIENT_KEY"
      exit 3
    fi
  fi
  local id n=0
  for id in "$@"; do
    n=$((n + 1))
    delete_secret "$id" "$n"
    printf 'Deleted secret %s.\n' "$id"
  done
}

# ---------------------------------------------------------------------------------------------------
# --finish: delete every secret but the one stored in Secrets Manager
# ---------------------------------------------------------------------------------------------------
if [[ $FINISH -eq 1 ]]; then
  jq -nc --arg id "$SECRET_ID" '{SecretId: $id}' >"$WORK/get.req"
  call get secretsmanager get-secret-value "$WORK/get.req"
  # Only the id is read from the stored value; the secret itself stays in the answer file.
  STORED="$(jq -r '.SecretString | fromjson? | select(type == "object") | .clientSecretId // empty | strings' "$WORK/get.json")"
  STORED_CLIENT="$(jq -r '.SecretString | fromjson? | select(type == "object") | .clientId // empty | strings' "$WORK/get.json")"
  [[ -n "$STORED" && "$STORED_CLIENT" == "$CLIENT_ID" ]] ||
    fail "secret $SECRET_ID does not hold a clientSecretId of client $CLIENT_ID: rotate first (without --finish)"
  list_secrets >"$WORK/ids"
  mapfile -t CURRENT <"$WORK/ids"
  printf '%s\n' "${CURRENT[@]}" | grep -qxF -- "$STORED" || fail "the stored secret $STORED is not a secret of client $CLIENT_ID any more: rotate again"
  mapfile -t OLD < <(printf '%s\n' "${CURRENT[@]}" | grep -vxF -- "$STORED" || true)
  if [[ ${#OLD[@]} -eq 0 ]]; then
    printf 'Client %s has only the stored secret %s: nothing to delete.\n' "$CLIENT_ID" "$STORED"
    exit 0
  fi
  confirm_delete "${OLD[@]}"
  exit 0
fi

# ---------------------------------------------------------------------------------------------------
# Rotation
# ---------------------------------------------------------------------------------------------------
list_secrets >"$WORK/ids"
mapfile -t OLD <"$WORK/ids"
if [[ ${#OLD[@]} -ge 2 ]]; then
  fail "client $CLIENT_ID already has ${#OLD[@]} secrets (Cognito allows two): finish the previous rotation with --finish first"
fi

# shellcheck disable=SC2016
request add.req '{UserPoolId: $pool, ClientId: $client}'
call add cognito-idp add-user-pool-client-secret "$WORK/add.req"
NEW_ID="$(jq -r '.ClientSecretDescriptor.ClientSecretId // empty | strings' "$WORK/add.json")"
jq -j '.ClientSecretDescriptor.ClientSecretValue // empty | strings' "$WORK/add.json" >"$WORK/secret"
if [[ -z "$NEW_ID" || ! -s "$WORK/secret" ]]; then
  [[ -z "$NEW_ID" ]] || delete_secret "$NEW_ID" rollback
  fail "add-user-pool-client-secret returned no secret id or value; nothing was stored"
fi
printf 'Added secret %s to client %s.\n' "$NEW_ID" "$CLIENT_ID"

# The value goes from the answer file into the request file; jq never sees it on its command line.
jq -c --arg id "$SECRET_ID" --arg client "$CLIENT_ID" \
  '{SecretId: $id, SecretString: ({clientId: $client, clientSecret: .ClientSecretDescriptor.ClientSecretValue, clientSecretId: .ClientSecretDescriptor.ClientSecretId} | tojson)}' \
  "$WORK/add.json" >"$WORK/put.req"
if ! (call put secretsmanager put-secret-value "$WORK/put.req"); then
  # Not stored: take the new secret away again so the client is as it was.
  delete_secret "$NEW_ID" rollback
  fail "the new secret was not stored in $SECRET_ID and has been deleted again; the client keeps its old secret"
fi
rm -f "$WORK/secret" "$WORK/add.json" "$WORK/put.req"
printf 'Stored it in %s (AWSCURRENT). Consumers that read the secret now get the new one; the old one keeps working.\n' "$SECRET_ID"

if [[ ${#OLD[@]} -eq 0 ]]; then
  printf 'Client %s had no other secret: done.\n' "$CLIENT_ID"
  exit 0
fi
confirm_delete "${OLD[@]}"
