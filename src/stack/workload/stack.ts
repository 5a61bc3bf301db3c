// Turns the parts of a rendered workload into the RenderedStack that `package` writes and `deploy` sends.
import { workloadStackName, workloadTags } from '../naming';
import type { RenderedStack, Resource, Template } from '../template';
import { addRoles } from './roles';
import type { Workload } from './workload';

/** Resources listed first, in this order, so that templates read from the task outwards. */
const FIRST = ['LogGroup', 'TaskDefinition', 'ExecutionRole', 'TaskRole'];

export function finishStack(w: Workload): RenderedStack {
  addRoles(w);
  const parts = w.parts;
  const resources: Record<string, Resource> = {};
  for (const id of FIRST) if (parts.resources[id]) resources[id] = parts.resources[id];
  for (const [id, r] of Object.entries(parts.resources)) if (!(id in resources)) resources[id] = r;
  const template: Template = {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `${w.type} ${w.name} of application ${w.app}, environment ${w.env} (mycopilot).`,
    Parameters: parts.parameters,
    ...(Object.keys(parts.conditions).length > 0 ? { Conditions: parts.conditions } : {}),
    Resources: resources,
    ...(Object.keys(parts.outputs).length > 0 ? { Outputs: parts.outputs } : {}),
  };
  return {
    stackName: workloadStackName(w.app, w.env, w.name),
    template,
    parameters: { ...parts.values },
    tags: workloadTags(w.app, w.env, w.name),
  };
}
