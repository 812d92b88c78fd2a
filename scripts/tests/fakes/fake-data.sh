# shellcheck shell=bash
# Canned values shared by the fake aws, curl and oathtool. Every "secret" contains s3cr3t so that tests
# can grep the script's output for leaks.
# shellcheck disable=SC2034
FAKE_USER_SUB="5e1f0c2a-0000-4000-8000-00000000a11c"
FAKE_CONF_SECRET="conf-client-s3cr3t-4f9a1c"
FAKE_MACHINE_SECRET="machine-client-s3cr3t-7d2e8b"
FAKE_ID_TOKEN="eyJ.fake-id-token-s3cr3t.sig"
FAKE_ACCESS_TOKEN="eyJ.fake-access-token-s3cr3t.sig"
FAKE_REFRESH_TOKEN="fake-refresh-token-s3cr3t"
FAKE_M2M_TOKEN="eyJ.fake-m2m-token-s3cr3t.sig"
FAKE_TOTP_SECRET="JBSWY3DPEHPK3PXPs3cr3tTOTP"
FAKE_USER_IDENTITY="eu-west-1:11111111-2222-3333-4444-555555555555"
FAKE_GUEST_IDENTITY="eu-west-1:99999999-8888-7777-6666-555555555555"
FAKE_USER_KEY_ID="ASIAFAKEUSERKEY00001"
FAKE_USER_SECRET_KEY="user-secret-key-s3cr3t"
FAKE_USER_SESSION="user-session-token-s3cr3t"
FAKE_GUEST_KEY_ID="ASIAFAKEGUESTKEY0001"
FAKE_GUEST_SECRET_KEY="guest-secret-key-s3cr3t"
FAKE_GUEST_SESSION="guest-session-token-s3cr3t"
FAKE_SMOKE_SECRET="smoke-client-s3cr3t-0c6e51"

# real_openssl <args>: the system's openssl, never the fake beside this file (the fakes' own checks must
# neither be logged nor fail with FAKE_OPENSSL_FAIL).
real_openssl() {
  local fakes dir path="" dirs=()
  fakes="$(cd "${BASH_SOURCE[0]%/*}" && pwd)"
  IFS=: read -ra dirs <<<"$PATH"
  for dir in "${dirs[@]}"; do
    [[ "$dir" -ef "$fakes" ]] || path+="${path:+:}$dir"
  done
  PATH="$path" openssl "$@"
}

# jwt_claim <token> <claim>: a claim of a JWT's payload (the signature is not checked); empty when the
# token is not a JWT.
jwt_claim() {
  local payload="${1#*.}"
  payload="${payload%%.*}"
  payload="${payload//-/+}"
  payload="${payload//_//}"
  while ((${#payload} % 4)); do payload+="="; done
  base64 -d <<<"$payload" 2>/dev/null | jq -r --arg c "$2" '.[$c] // empty' 2>/dev/null || true
}

# is_id_token <token>: the canned ID token, or with FAKE_JWT=1 (emulator tests) any JWT whose token_use is id.
is_id_token() {
  [[ "$1" == "$FAKE_ID_TOKEN" ]] || { [[ "${FAKE_JWT:-}" == 1 ]] && [[ "$(jwt_claim "$1" token_use)" == id ]]; }
}
