"""Baseline for bench/logs.js: what `aws logs filter-log-events` does, with boto3 (the AWS CLI is built on
botocore; it is not installed here). Pages through FilterLogEvents with the same request as mycopilot
(log group, startTime, interleaved) and prints each event as one JSON line as it arrives.

Usage: python3 bench/logs-baseline.py ENDPOINT LOG_GROUP START_MS
"""
import json
import sys

import boto3

endpoint, group, start = sys.argv[1], sys.argv[2], int(sys.argv[3])
client = boto3.client("logs", endpoint_url=endpoint, region_name="us-west-2")
out = sys.stdout
for page in client.get_paginator("filter_log_events").paginate(logGroupName=group, startTime=start, interleaved=True):
    out.write("".join(json.dumps(e) + "\n" for e in page["events"]))
    out.flush()
