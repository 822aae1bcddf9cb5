"""Makes one KMS call with boto3, as a reader's script would, and lets an error end it with
Python's own traceback. The operation and its input (JSON) come from the command line; with
`describe`, prints DescribeCustomKeyStores' response as Python prints a dict.
Used only by scripts/capture-client-output.mjs to record what boto3 really prints.
"""
import json
import os
import re
import sys

import boto3

kms = boto3.client("kms", endpoint_url=os.environ["KMS_ENDPOINT_URL"])

operation, raw_input = sys.argv[1], sys.argv[2]
snake_name = re.sub(r"(?<!^)(?=[A-Z])", "_", operation).lower()
response = getattr(kms, snake_name)(**json.loads(raw_input))
if operation == "DescribeCustomKeyStores":
    print(response)
