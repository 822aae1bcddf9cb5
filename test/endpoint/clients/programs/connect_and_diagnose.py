"""Bring one custom key store to CONNECTED, and say why when it fails.

Give its ID in CUSTOM_KEY_STORE_ID; other stores are left alone (they may be disconnected on
purpose). Safe to run again: each run makes at most one connection attempt, and none on a store FAILED
with INVALID_CREDENTIALS or USER_LOCKED_OUT, where every attempt is another failed kmsuser login. After
you fix the cause, the next run connects the store. The same program as the TypeScript one on the
scenario pages, with boto3. Run it against the mock with
KMS_ENDPOINT_URL=http://127.0.0.1:4599; without it, it talks to the real KMS.
"""
import os
import sys
import time

import boto3
from botocore.exceptions import ClientError

kms = boto3.client("kms", region_name="eu-west-1", endpoint_url=os.environ.get("KMS_ENDPOINT_URL"))
# The first pause between polls (doubling to 30 s); real stores take minutes to connect.
FIRST_POLL_SECONDS = float(os.environ.get("KMS_POLL_SECONDS", "5"))
MINUTE = 60
# Another attempt with these codes offers KMS's same credentials again: for a CloudHSM key store each
# one is a failed kmsuser login, and CloudHSM locks kmsuser out after five. Only a person can fix them.
CREDENTIAL_CODES = ("INVALID_CREDENTIALS", "USER_LOCKED_OUT")
STORE_ID = os.environ.get("CUSTOM_KEY_STORE_ID")
if not STORE_ID:
    sys.exit("Set CUSTOM_KEY_STORE_ID to the ID of the custom key store to connect (cks-...).")


def wait_while(store_id, transient, limit_seconds):
    """Polls while the store is in `transient`; gives up at the deadline."""
    deadline = time.monotonic() + limit_seconds
    delay = FIRST_POLL_SECONDS
    while True:
        stores = kms.describe_custom_key_stores(CustomKeyStoreId=store_id)["CustomKeyStores"]
        if not stores:
            raise RuntimeError(f"DescribeCustomKeyStores returned nothing for {store_id}")
        if stores[0]["ConnectionState"] != transient:
            return stores[0]
        if time.monotonic() + delay > deadline:
            raise RuntimeError(f"{store_id} still {transient} after {limit_seconds // MINUTE} min")
        time.sleep(delay)
        delay = min(delay * 2, 30)


def disconnect(store_id):
    kms.disconnect_custom_key_store(CustomKeyStoreId=store_id)
    return wait_while(store_id, "DISCONNECTING", 10 * MINUTE)


def report_failure(code):
    print(f"  FAILED: {code}\n  Fix: `npx -p kms-custom-key-store-mock kms-mock explain {code}` prints the fix, or see the AWS troubleshooting guide.")
    if code in CREDENTIAL_CODES:
        print("  Not reconnecting: that would be one more failed kmsuser login (five lock it out). It stays FAILED until you disconnect it.")


def bring_to_connected(store, store_id):
    state = store["ConnectionState"]
    if state == "FAILED" and store.get("ConnectionErrorCode") in CREDENTIAL_CODES:
        report_failure(store["ConnectionErrorCode"])
        return
    if state == "FAILED":
        print(f"  FAILED earlier with {store.get('ConnectionErrorCode')}; disconnecting before reconnecting")
        state = disconnect(store_id)["ConnectionState"]
    elif state == "DISCONNECTING":
        state = wait_while(store_id, "DISCONNECTING", 10 * MINUTE)["ConnectionState"]
    if state == "DISCONNECTED":
        kms.connect_custom_key_store(CustomKeyStoreId=store_id)
        print("  Connecting (the 200 response only means it started)...")
    # CloudHSM key stores take up to 20 minutes to connect, external key stores about 5.
    limit = 25 * MINUTE if store["CustomKeyStoreType"] == "AWS_CLOUDHSM" else 10 * MINUTE
    result = wait_while(store_id, "CONNECTING", limit)
    if result["ConnectionState"] != "FAILED":
        print(f"  {result['ConnectionState']}")
        return
    code = result.get("ConnectionErrorCode")
    report_failure(code)
    if code in CREDENTIAL_CODES:
        return
    disconnect(store_id)  # a FAILED store must be disconnected before the next connect
    print("  Disconnected: fix the cause, then run this again.")


found = kms.describe_custom_key_stores(CustomKeyStoreId=STORE_ID)["CustomKeyStores"]
if not found:
    sys.exit(f"DescribeCustomKeyStores returned nothing for {STORE_ID}")
store = found[0]
print(f"{STORE_ID} ({store['CustomKeyStoreName']}, {store['CustomKeyStoreType']}): {store['ConnectionState']}")
if store["ConnectionState"] != "CONNECTED":
    try:
        bring_to_connected(store, STORE_ID)
    except ClientError as error:
        name, message = error.response["Error"]["Code"], error.response["Error"].get("Message", "")
        if name == "CustomKeyStoreInvalidStateException":
            print(f"  Its state changed under us (someone else acting on it?); run again. {message}")
        else:
            print(f"  {name}: {message}")  # e.g. CloudHsmClusterNotActiveException
