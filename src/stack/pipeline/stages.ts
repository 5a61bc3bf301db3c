// One pipeline stage per environment, actions in Copilot's order: manual approval, pre-deployments, the
// CloudFormation deployments in `depends_on` order, then the test commands or post-deployments. A stage that
// deploys nothing is left out, as Copilot did.
import { RenderError } from '../inputs';
import type { Resource, Value } from '../template';
import { GetAtt, Ref } from '../template';
import { deploymentActionProject, testProject } from './build';
import type { PipelineStageInput, StageBuildAction } from './inputs';
import {
  ACTION_NAME,
  approvalActionName,
  BUILD_ARTIFACT,
  deployActionName,
  SOURCE_ARTIFACT,
  stageName,
  TEST_ACTION,
} from './names';
import { lastRunOrder, runOrders } from './order';

export const CFN_ROLE = 'CloudFormationRole';

export interface StagesPart {
  stages: Record<string, Value>[];
  resources: Record<string, Resource>;
  /** Stacks the deploy actions create or update. */
  stackNames: string[];
  /** Environment manager roles the pipeline assumes for deploy actions. */
  managerRoles: string[];
}

const CAPABILITIES = 'CAPABILITY_IAM,CAPABILITY_NAMED_IAM,CAPABILITY_AUTO_EXPAND';

function codeBuildAction(name: string, category: 'Build' | 'Test', project: string, runOrder: number) {
  return {
    Name: name,
    ActionTypeId: { Category: category, Owner: 'AWS', Version: '1', Provider: 'CodeBuild' },
    Configuration: { ProjectName: Ref(project) },
    InputArtifacts: [{ Name: SOURCE_ARTIFACT }],
    RunOrder: runOrder,
  };
}

function checkActionName(name: string, path: (string | number)[]): void {
  if (!ACTION_NAME.test(name)) {
    throw new RenderError(
      path,
      `"${name}" cannot name a pipeline action: CodePipeline allows up to 100 letters, digits, ".", "@", "-" and "_"`,
    );
  }
}

export function stagesPart(
  app: string,
  stages: PipelineStageInput[],
  options: { image: string; keyArn: Value },
): StagesPart {
  const out: StagesPart = { stages: [], resources: {}, stackNames: [], managerRoles: [] };
  const seenIds = new Map<string, string>();
  const addProject = ([id, project]: [string, Resource], what: string, path: (string | number)[]) => {
    const other = seenIds.get(id);
    if (other !== undefined) {
      throw new RenderError(
        path,
        `${what} and ${other} would share the CloudFormation logical ID ${id}`,
        'Rename one.',
      );
    }
    seenIds.set(id, what);
    out.resources[id] = project;
    return id;
  };
  const stageNames = new Set<string>();
  for (const stage of stages) {
    if (stage.deployments.length === 0) continue;
    const env = stage.env;
    checkActionName(stageName(env), [...stage.path, 'name']);
    if (stageNames.has(env)) throw new RenderError([...stage.path, 'name'], `a stage for ${env} comes earlier`);
    stageNames.add(env);
    const actions: Record<string, Value>[] = [];
    const actionNames = new Set<string>();
    const push = (action: Record<string, Value> & { Name: string }, path: (string | number)[]) => {
      if (actionNames.has(action.Name)) {
        throw new RenderError(path, `the stage for ${env} already has an action named ${action.Name}`);
      }
      actionNames.add(action.Name);
      actions.push(action);
    };
    let last = 0;
    if (stage.requiresApproval) {
      last = 1;
      push(
        {
          Name: approvalActionName(env),
          ActionTypeId: { Category: 'Approval', Owner: 'AWS', Version: '1', Provider: 'Manual' },
          Configuration: { CustomData: `Approve to release to ${env}.` },
          RunOrder: 1,
        },
        [...stage.path, 'requires_approval'],
      );
    }
    const prePost = (when: 'Pre' | 'Post', list: StageBuildAction[], after: number) => {
      const orders = runOrders(list, after);
      for (const a of list) {
        checkActionName(a.name, a.path);
        const what = `${when === 'Pre' ? 'pre' : 'post'}-deployment ${a.name} of ${env}`;
        const id = addProject(deploymentActionProject(when, app, env, a, options.image, options.keyArn), what, a.path);
        push(codeBuildAction(a.name, 'Build', id, orders.get(a.name)!), a.path);
      }
      return lastRunOrder(orders, after);
    };
    last = prePost('Pre', stage.preDeployments, last);

    const deployOrders = runOrders(stage.deployments, last);
    for (const d of stage.deployments) {
      const name = deployActionName(d.name, env);
      checkActionName(name, d.path);
      out.stackNames.push(d.stackName);
      push(
        {
          Name: name,
          ActionTypeId: { Category: 'Deploy', Owner: 'AWS', Version: '1', Provider: 'CloudFormation' },
          Configuration: {
            ActionMode: 'CREATE_UPDATE',
            StackName: d.stackName,
            Capabilities: CAPABILITIES,
            TemplatePath: `${BUILD_ARTIFACT}::${d.templatePath}`,
            ...(d.templateConfig ? { TemplateConfiguration: `${BUILD_ARTIFACT}::${d.templateConfig}` } : {}),
            RoleArn: stage.roles ? stage.roles.executionRoleArn : GetAtt(CFN_ROLE, 'Arn'),
          },
          InputArtifacts: [{ Name: BUILD_ARTIFACT }],
          RunOrder: deployOrders.get(d.name)!,
          ...(stage.roles ? { RoleArn: stage.roles.managerRoleArn } : {}),
        },
        d.path,
      );
    }
    if (stage.roles) out.managerRoles.push(stage.roles.managerRoleArn);
    last = lastRunOrder(deployOrders, last);

    if (stage.testCommands.length > 0) {
      const id = addProject(
        testProject(app, env, stage.testCommands, options.image, options.keyArn),
        `the test commands of ${env}`,
        [...stage.path, 'test_commands'],
      );
      push(codeBuildAction(TEST_ACTION, 'Test', id, last + 1), [...stage.path, 'test_commands']);
    }
    prePost('Post', stage.postDeployments, last);
    out.stages.push({ Name: stageName(env), Actions: actions });
  }
  return out;
}
