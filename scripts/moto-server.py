"""Starts a moto server for the tests, with stack outputs and exports for change sets.

moto runs change sets without computing the stack's outputs or registering its exports, and creates the
stack of a CREATE change set without the exports of other stacks. mycopilot deploys only through change
sets, so its integration tests need both; this launcher adds them, then runs moto's own server.
Used by the tests and by scripts/demo.sh. Usage: python3 scripts/moto-server.py HOST PORT
"""
import sys

from moto.cloudformation import models, parsing
from moto.ec2.models import vpcs
from moto.server import main

_clean_json = parsing.clean_json


def clean_json(resource_json, resources_map):
    """Fn::GetAtt of a resource whose type moto does not model (Cloud Map, App Runner, ...) gives a
    placeholder, as Ref of such a resource already does, instead of failing the whole stack."""
    if isinstance(resource_json, dict) and "Fn::GetAtt" in resource_json:
        name, attribute = resource_json["Fn::GetAtt"][0], resource_json["Fn::GetAtt"][1]
        if resources_map.get(name) is None and name in getattr(resources_map, "_resource_json_map", {}):
            return f"unsupported-by-moto-{name}-{attribute}"
    return _clean_json(resource_json, resources_map)


parsing.clean_json = clean_json

_delete_vpc = vpcs.VPCBackend.delete_vpc


def delete_vpc(self, vpc_id):
    """moto's CloudFormation leaves a deleted stack's route tables behind, so its VPC could never be
    deleted; remove the VPC's own route tables first, as deleting the stack does in AWS."""
    for table in self.describe_route_tables(filters={"vpc-id": vpc_id}):
        if any(getattr(a, "main", False) for a in getattr(table, "associations", {}).values() if not isinstance(a, str)):
            continue
        for association_id in list(getattr(table, "associations", {}).keys()):
            try:
                self.disassociate_route_table(association_id)
            except Exception:
                pass
        if not getattr(table, "main_association_id", None):
            try:
                self.delete_route_table(table.id)
            except Exception:
                pass
    return _delete_vpc(self, vpc_id)


vpcs.VPCBackend.delete_vpc = delete_vpc

Backend = models.CloudFormationBackend
_create_change_set = Backend.create_change_set
_execute_change_set = Backend.execute_change_set


def create_change_set(self, stack_name, change_set_name, template, parameters, *args, **kwargs):
    result = _create_change_set(self, stack_name, change_set_name, template, parameters, *args, **kwargs)
    change_set_id, stack_id = result
    stack = self.stacks[stack_id]
    # Imports resolve against the exports of every stack, as create_stack does.
    stack.cross_stack_resources = self.exports
    stack.resource_map.cross_stack_resources = self.exports
    return result


def execute_change_set(self, change_set_name, stack_name=None):
    _execute_change_set(self, change_set_name, stack_name)
    change_set = self.change_sets.get(change_set_name)
    if change_set is None:
        change_set = next(cs for cs in self.change_sets.values() if cs.change_set_name == change_set_name)
    stack = self.stacks[change_set.stack_id]
    stack.parameters = change_set.parameters
    stack._parse_template()
    stack.description = stack.template_dict.get("Description")
    old_exports = [export.name for export in stack.exports]
    stack.output_map = tolerant_output_map(stack)
    for name in old_exports:
        self.exports.pop(name, None)
    for export in stack.exports:
        self.exports[export.name] = export


def tolerant_output_map(stack):
    """Outputs whose value moto cannot compute (attributes of resource types it does not model) keep a
    placeholder value instead of failing every DescribeStacks of the stack."""
    output_map = stack._create_output_map()
    outputs = output_map._output_json_map or {}
    for key, value in list(outputs.items()):
        condition = value.get("Condition")
        if condition and not stack.resource_map.lazy_condition_map[condition]:
            continue
        try:
            output_map[key]
            resolved = parsing.clean_json(value.get("Value"), stack.resource_map)
            if value.get("Export"):
                parsing.clean_json(value["Export"].get("Name"), stack.resource_map)
        except Exception:
            resolved = None
        if resolved is None:
            # Ref of a resource type moto does not model resolves to nothing.
            outputs[key] = {**value, "Value": f"unsupported-by-moto-{key}"}
            output_map._parsed_outputs.pop(key, None)
    return output_map


Backend.create_change_set = create_change_set
Backend.execute_change_set = execute_change_set

if __name__ == "__main__":
    main(["-H", sys.argv[1], "-p", sys.argv[2]])
