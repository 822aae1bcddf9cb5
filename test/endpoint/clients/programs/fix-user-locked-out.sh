#!/usr/bin/env bash
# The USER_LOCKED_OUT fix, end to end, with the AWS CLI against the mock's endpoint.
#
#   KMS_ENDPOINT_URL=http://127.0.0.1:4599 bash fix-user-locked-out.sh [store id] [new password]
#
# Confirm the store is FAILED with USER_LOCKED_OUT, disconnect it, reset kmsuser's password (in a
# real account a crypto officer does this in CloudHSM CLI; here the mock's control API does it),
# tell KMS the new password, connect, and poll until CONNECTED. Exits non-zero if a step fails.
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

# A step outside KMS, through the mock's control API (POST /_mock/act).
act_outside_kms() { curl -sS --fail-with-body -X POST "$endpoint/_mock/act" -H "content-type: application/json" -d "$1"; echo; }

read -r state code cluster_id <<<"$(store_field '[ConnectionState,ConnectionErrorCode,CloudHsmClusterId]')"
echo "1. Confirm: $store_id is $state $code"
if [ "$state $code" != "FAILED USER_LOCKED_OUT" ]; then echo "  Not FAILED with USER_LOCKED_OUT: this is not the fix for it." >&2; exit 1; fi

echo "2. Disconnect and wait for DISCONNECTED"
kms disconnect-custom-key-store --custom-key-store-id "$store_id"
wait_for DISCONNECTED

echo "3. Reset kmsuser's password as a crypto officer, which ends the lockout"
act_outside_kms "{\"type\":\"set-kmsuser-password\",\"clusterId\":\"$cluster_id\",\"password\":\"$new_password\"}"

echo "4. Tell KMS the new password (UpdateCustomKeyStore KeyStorePassword)"
kms update-custom-key-store --custom-key-store-id "$store_id" --key-store-password "$new_password"

echo "5. Connect once and poll until CONNECTED"
kms connect-custom-key-store --custom-key-store-id "$store_id"
wait_for CONNECTED
