#!/usr/bin/env bash
# The USER_LOCKED_OUT fix, end to end, with the AWS CLI (and curl and jq) against the mock's endpoint.
#
#   KMS_ENDPOINT_URL=http://127.0.0.1:4599 bash fix-user-locked-out.sh [store id] [new password]
#
# Confirm in the cluster that kmsuser is locked out, disconnect the store, reset kmsuser's password
# (in a real account a crypto officer does both in CloudHSM CLI; here the mock's control API does),
# tell KMS the new password, connect, and poll until CONNECTED. It reads the lockout from the
# cluster, not from the store's ConnectionErrorCode: the code goes away when the store is
# disconnected, the lockout does not. Exits non-zero if a step fails.
set -euo pipefail
export AWS_PAGER=""
endpoint="${KMS_ENDPOINT_URL:?set KMS_ENDPOINT_URL to the mock, e.g. http://127.0.0.1:4599}"
store_id="${1:-cks-1234567890abcdef0}"
new_password="${2:-kmsPswd-2025}"
poll_seconds="${KMS_POLL_SECONDS:-5}"

kms() { aws --endpoint-url "$endpoint" --region eu-west-1 kms "$@"; }
store_field() { kms describe-custom-key-stores --custom-key-store-id "$store_id" --query "CustomKeyStores[0].$1" --output text; }

# Polls until the store is in state $1 (a real CloudHSM store takes up to 20 minutes); stops on FAILED.
wait_for() {
  local state attempt
  for attempt in $(seq 300); do
    state="$(store_field ConnectionState)"
    if [ "$state" = "$1" ]; then echo "  $1"; return; fi
    if [ "$state" = FAILED ]; then echo "Expected $1, got FAILED $(store_field ConnectionErrorCode)" >&2; exit 1; fi
    sleep "$poll_seconds"
  done
  echo "Still $state after $attempt polls" >&2
  exit 1
}

# A look or a step outside KMS, through the mock's control API (GET /_mock/world, POST /_mock/act).
world() { curl -sS --fail-with-body "$endpoint/_mock/world"; }
act_outside_kms() { curl -sS --fail-with-body -X POST "$endpoint/_mock/act" -H "content-type: application/json" -d "$1"; echo; }

read -r state code cluster_id <<<"$(store_field '[ConnectionState,ConnectionErrorCode,CloudHsmClusterId]')"
[ "$code" = None ] && code="" # the CLI's text output for a missing field
locked_out="$(world | jq -r --arg id "$cluster_id" '.clusters[] | select(.id == $id) | .kmsUser.lockedOut')"
echo "1. Confirm: kmsuser in $cluster_id is $([ "$locked_out" = true ] && echo "locked out" || echo "not locked out") ($store_id is $state${code:+ $code})"
if [ "$locked_out" != true ]; then echo "  kmsuser is not locked out: this is not the fix for it. To start over: npx -p kms-custom-key-store-mock kms-mock reset." >&2; exit 1; fi

echo "2. Disconnect and wait for DISCONNECTED"
[ "$state" = DISCONNECTED ] || kms disconnect-custom-key-store --custom-key-store-id "$store_id"
wait_for DISCONNECTED

echo "3. Reset kmsuser's password as a crypto officer, which ends the lockout"
act_outside_kms "{\"type\":\"set-kmsuser-password\",\"clusterId\":\"$cluster_id\",\"password\":\"$new_password\"}"

echo "4. Tell KMS the new password (UpdateCustomKeyStore KeyStorePassword)"
kms update-custom-key-store --custom-key-store-id "$store_id" --key-store-password "$new_password"

echo "5. Connect once and poll until CONNECTED"
kms connect-custom-key-store --custom-key-store-id "$store_id"
wait_for CONNECTED
