"""Baseline for bench/deploy.js: what `aws cloudformation deploy --no-fail-on-empty-changeset` does, with boto3
(for machines without the AWS CLI; it is boto-based and makes these calls): DescribeStacks, CreateChangeSet,
the change-set-create-complete waiter (the CLI polls every 5 s), and, for an empty change set, DeleteChangeSet.
Usage: python3 bench/cfn-deploy-baseline.py STACK TEMPLATE_FILE PARAMS_JSON"""
import json
import sys
import time

import boto3
from botocore.exceptions import WaiterError

stack, template_file, params = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
cfn = boto3.client("cloudformation")
cfn.describe_stacks(StackName=stack)
name = f"awscli-cloudformation-package-deploy-{int(time.time())}"
cfn.create_change_set(
    StackName=stack,
    ChangeSetName=name,
    TemplateBody=open(template_file).read(),
    Parameters=[{"ParameterKey": k, "ParameterValue": v} for k, v in params.items()],
    ChangeSetType="UPDATE",
    Capabilities=["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND"],
)
try:
    cfn.get_waiter("change_set_create_complete").wait(StackName=stack, ChangeSetName=name, WaiterConfig={"Delay": 5})
except WaiterError:
    described = cfn.describe_change_set(StackName=stack, ChangeSetName=name)
    reason = described.get("StatusReason", "")
    if "didn't contain changes" in reason or "No updates are to be performed" in reason:
        cfn.delete_change_set(StackName=stack, ChangeSetName=name)
        print(f"No changes to deploy. Stack {stack} is up to date")
        sys.exit(0)
    raise
cfn.execute_change_set(StackName=stack, ChangeSetName=name)
