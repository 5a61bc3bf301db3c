// Request-Driven Web Service stack `<app>-<env>-<name>`: an App Runner service (default, as Copilot deployed
// it) or, with `deploy_to: ecs-express`, an Amazon ECS Express Mode service. docs/request-driven-web-service.md
// maps every manifest field to what it becomes on each target.
import { RenderWarnings, RequestDrivenWebServiceInput } from '../inputs';
import { workloadStackName } from '../naming';
import type { RenderedStack, Template } from '../template';
import { Rendered, appRunnerService } from './app-runner';
import { ImportedParameters, STACK_PARAMETERS, parameterValues, stackTags } from './common';
import { IgnoredField, expressService } from './express';

export { EXPRESS_SCALING } from './express';
export type { IgnoredField } from './express';
export { splitCommand } from './command';

/** Template Metadata key listing manifest fields the target ignores, for the deploy to print as warnings. */
export const IGNORED_FIELDS_METADATA = 'mycopilot:ignored';

export function buildRequestDrivenWebServiceStack(input: RequestDrivenWebServiceInput): RenderedStack {
  const express = input.manifest.deploy_to === 'ecs-express';
  const warnings = new RenderWarnings();
  // Subnets and a VPC endpoint named by ID are parameters, with the manifest's values (see ImportedParameters).
  const imported = new ImportedParameters();
  const { resources, outputs, ignored }: Rendered & { ignored: IgnoredField[] } = express
    ? expressService(input, warnings, imported)
    : { ...appRunnerService(input, warnings, imported), ignored: [] };
  const template: Template = {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: express
      ? `Request-Driven Web Service ${input.name} on Amazon ECS Express Mode (mycopilot).`
      : `Request-Driven Web Service ${input.name} on AWS App Runner (mycopilot).`,
    ...(ignored.length > 0 ? { Metadata: { [IGNORED_FIELDS_METADATA]: ignored } } : {}),
    Parameters: { ...STACK_PARAMETERS, ...imported.definitions },
    Resources: resources,
    Outputs: outputs,
  };
  return warnings.attach({
    stackName: workloadStackName(input.app, input.env, input.name),
    template,
    parameters: { ...parameterValues(input), ...imported.values },
    tags: stackTags(input),
  });
}
