"""The USER_LOCKED_OUT fix, end to end, with boto3 against the mock's endpoint.

  KMS_ENDPOINT_URL=http://127.0.0.1:4599 python3 fix_user_locked_out.py [store id] [new password]

Confirm in the cluster that kmsuser is locked out, disconnect the store, reset kmsuser's password (in
a real account a crypto officer does both in CloudHSM CLI; here the mock's control API does), tell KMS
the new password, connect, and poll until CONNECTED. It reads the lockout from the cluster, not from
the store's ConnectionErrorCode: the code goes away when the store is disconnected, the lockout does
not. Exits 1 if any step does not work.
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


def control_api(path, action=None):
    """A look or a step outside KMS, through the mock's control API (/_mock/world, /_mock/act)."""
    data = None if action is None else json.dumps(action).encode()
    request = urllib.request.Request(f"{endpoint}/_mock/{path}", data=data, headers={"content-type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.load(response)


store = describe()
cluster_id = store["CloudHsmClusterId"]
kmsuser = next(c["kmsUser"] for c in control_api("world")["clusters"] if c["id"] == cluster_id)
print(f"1. Confirm: kmsuser in {cluster_id} is {'locked out' if kmsuser['lockedOut'] else 'not locked out'}"
      f" ({store_id} is {store['ConnectionState']} {store.get('ConnectionErrorCode', '')}".rstrip() + ")")
if not kmsuser["lockedOut"]:
    sys.exit("  kmsuser is not locked out: this is not the fix for it. To start over: npx -p kms-custom-key-store-mock kms-mock reset.")

print("2. Disconnect and wait for DISCONNECTED")
if store["ConnectionState"] != "DISCONNECTED":
    kms.disconnect_custom_key_store(CustomKeyStoreId=store_id)
wait_for("DISCONNECTED")

print("3. Reset kmsuser's password as a crypto officer, which ends the lockout")
print(f"  {control_api('act', {'type': 'set-kmsuser-password', 'clusterId': cluster_id, 'password': new_password})['applied']}")

print("4. Tell KMS the new password (UpdateCustomKeyStore KeyStorePassword)")
kms.update_custom_key_store(CustomKeyStoreId=store_id, KeyStorePassword=new_password)

print("5. Connect once and poll until CONNECTED")
kms.connect_custom_key_store(CustomKeyStoreId=store_id)
wait_for("CONNECTED")
