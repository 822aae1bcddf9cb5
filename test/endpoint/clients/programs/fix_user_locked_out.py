"""The USER_LOCKED_OUT fix, end to end, with boto3 against the mock's endpoint.

  KMS_ENDPOINT_URL=http://127.0.0.1:4599 python3 fix_user_locked_out.py [store id] [new password]

Confirm the store is FAILED with USER_LOCKED_OUT, disconnect it, reset kmsuser's password (in a
real account a crypto officer does this in CloudHSM CLI; here the mock's control API does it),
tell KMS the new password, connect, and poll until CONNECTED. Exits 1 if any step does not work.
"""
import json
import os
import sys
import time
import urllib.request

import boto3

endpoint = os.environ["KMS_ENDPOINT_URL"]
store_id = sys.argv[1] if len(sys.argv) > 1 else "cks-1234567890abcdef0"
new_password = sys.argv[2] if len(sys.argv) > 2 else "kmsPswd-2025"
poll_seconds = float(os.environ.get("KMS_POLL_SECONDS", "5"))
kms = boto3.client("kms", region_name="eu-west-1", endpoint_url=endpoint)


def describe():
    return kms.describe_custom_key_stores(CustomKeyStoreId=store_id)["CustomKeyStores"][0]


def wait_for(state, limit_seconds=1500):
    deadline = time.monotonic() + limit_seconds
    while (store := describe())["ConnectionState"] != state:
        if store["ConnectionState"] == "FAILED" or time.monotonic() > deadline:
            sys.exit(f"Expected {state}, got {store['ConnectionState']} {store.get('ConnectionErrorCode', '')}")
        time.sleep(poll_seconds)
    print(f"  {state}")


def act_outside_kms(action):
    """A step outside KMS, through the mock's control API (POST /_mock/act)."""
    request = urllib.request.Request(f"{endpoint}/_mock/act", data=json.dumps(action).encode(), headers={"content-type": "application/json"}, method="POST")
    with urllib.request.urlopen(request) as response:
        print(f"  {json.load(response)['applied']}")


store = describe()
print(f"1. Confirm: {store_id} is {store['ConnectionState']} {store.get('ConnectionErrorCode', '')}")
if (store["ConnectionState"], store.get("ConnectionErrorCode")) != ("FAILED", "USER_LOCKED_OUT"):
    sys.exit("  Not FAILED with USER_LOCKED_OUT: this is not the fix for it.")

print("2. Disconnect and wait for DISCONNECTED")
kms.disconnect_custom_key_store(CustomKeyStoreId=store_id)
wait_for("DISCONNECTED")

print("3. Reset kmsuser's password as a crypto officer, which ends the lockout")
act_outside_kms({"type": "set-kmsuser-password", "clusterId": store["CloudHsmClusterId"], "password": new_password})

print("4. Tell KMS the new password (UpdateCustomKeyStore KeyStorePassword)")
kms.update_custom_key_store(CustomKeyStoreId=store_id, KeyStorePassword=new_password)

print("5. Connect once and poll until CONNECTED")
kms.connect_custom_key_store(CustomKeyStoreId=store_id)
wait_for("CONNECTED")
