#!/usr/bin/env bash
# Bring one custom key store to CONNECTED, and say why when it fails. Give its ID in
# CUSTOM_KEY_STORE_ID; other stores are left alone (they may be disconnected on purpose).
# Safe to run again: each run makes at most one connection attempt, and none on a store FAILED with
# INVALID_CREDENTIALS or USER_LOCKED_OUT, where every attempt is another failed kmsuser login. After
# you fix the cause, the next run connects the store. The same program as the TypeScript one on the
# scenario pages, with the AWS CLI. Run it against the mock with
# KMS_ENDPOINT_URL=http://127.0.0.1:4599; without it, it talks to the real KMS.
set -euo pipefail
export AWS_PAGER=""
id="${CUSTOM_KEY_STORE_ID:?Set CUSTOM_KEY_STORE_ID to the ID of the custom key store to connect (cks-...).}"
first_poll_seconds="${KMS_POLL_SECONDS:-5}" # doubling to 30 s; real stores take minutes to connect
# Another attempt with these codes offers KMS's same credentials again: for a CloudHSM key store each
# one is a failed kmsuser login, and CloudHSM locks kmsuser out after five. Only a person can fix them.
needs_credentials_fix() { [ "$1" = INVALID_CREDENTIALS ] || [ "$1" = USER_LOCKED_OUT ]; }

kms() { aws ${KMS_ENDPOINT_URL:+--endpoint-url "$KMS_ENDPOINT_URL"} --region eu-west-1 kms "$@"; }
field() { kms describe-custom-key-stores --custom-key-store-id "$1" --query "CustomKeyStores[0].$2" --output text; }

# Polls while the store is in state $2; gives up after $3 seconds.
wait_while() {
  local id="$1" transient="$2" deadline=$((SECONDS + $3)) delay="$first_poll_seconds" state
  while :; do
    state="$(field "$id" ConnectionState)" || return 1
    [ "$state" = "$transient" ] || break
    if [ $((SECONDS + ${delay%.*})) -gt "$deadline" ]; then echo "$id still $transient after $(($3 / 60)) min" >&2; return 1; fi
    sleep "$delay"
    delay="$(awk -v d="$delay" 'BEGIN { d *= 2; print (d > 30 ? 30 : d) }')"
  done
  echo "$state"
}

disconnect() {
  kms disconnect-custom-key-store --custom-key-store-id "$1" >/dev/null || return 1
  wait_while "$1" DISCONNECTING 600
}

report_failure() {
  echo "  FAILED: $1"
  echo "  Fix: \`npx -p kms-custom-key-store-mock kms-mock explain $1\` prints the fix, or see the AWS troubleshooting guide."
  if needs_credentials_fix "$1"; then
    echo "  Not reconnecting: that would be one more failed kmsuser login (five lock it out). It stays FAILED until you disconnect it."
  fi
}

bring_to_connected() {
  local id="$1" type="$2" state="$3" result code
  if [ "$state" = FAILED ]; then
    code="$(field "$id" ConnectionErrorCode)" || return 1
    if needs_credentials_fix "$code"; then report_failure "$code"; return; fi
    echo "  FAILED earlier with $code; disconnecting before reconnecting"
    state="$(disconnect "$id")" || return 1
  elif [ "$state" = DISCONNECTING ]; then
    state="$(wait_while "$id" DISCONNECTING 600)" || return 1
  fi
  if [ "$state" = DISCONNECTED ]; then
    kms connect-custom-key-store --custom-key-store-id "$id" >/dev/null || return 1
    echo "  Connecting (the 200 response only means it started)..."
  fi
  # CloudHSM key stores take up to 20 minutes to connect, external key stores about 5.
  result="$(wait_while "$id" CONNECTING "$([ "$type" = AWS_CLOUDHSM ] && echo 1500 || echo 600)")" || return 1
  if [ "$result" != FAILED ]; then echo "  $result"; return; fi
  code="$(field "$id" ConnectionErrorCode)" || return 1
  report_failure "$code"
  if needs_credentials_fix "$code"; then return; fi
  disconnect "$id" >/dev/null || return 1 # a FAILED store must be disconnected before the next connect
  echo "  Disconnected: fix the cause, then run this again."
}

store="$(kms describe-custom-key-stores --custom-key-store-id "$id" \
  --query 'CustomKeyStores[0].[CustomKeyStoreName,CustomKeyStoreType,ConnectionState]' --output text)"
IFS=$'\t' read -r name type state <<<"$store"
echo "$id ($name, $type): $state"
[ "$state" = CONNECTED ] && exit 0
# Inside `||` bash ignores `set -e`, hence the `|| return 1` above: a KMS error (the CLI prints
# it, e.g. CustomKeyStoreInvalidStateException) ends the attempt with advice, not a bare exit.
bring_to_connected "$id" "$type" "$state" || echo "  Not connected: see the error above; fix it, then run this again."
