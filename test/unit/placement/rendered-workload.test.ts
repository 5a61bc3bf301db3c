// A workload's rendered stack as placement inputs (`placement preview --name` and the deploy-time check): the
// real render of an EC2 Backend Service, and the adapter's defences against shapes the builders may change to.
import * as path from 'node:path';
import { renderWorkload } from '../../../src/deploy/render';
import { ClusterSnapshot, InstanceSource, loadSnapshotFiles, renderPlacement } from '../../../src/placement';
import { PreviewDeps, runPlacementPreview } from '../../../src/placement/preview-service';
import {
  deployedServiceName,
  placementTargetFromStack,
  RenderedWorkloadStack,
} from '../../../src/placement/sources/rendered-workload';
import { checkWorkloadPlacement, workloadRequest } from '../../../src/placement/workload-preview';
import { Workspace } from '../../../src/workspace/workspace';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'placement');
const WORKSPACE = Workspace.require(path.join(FIXTURES, 'workspace'));
const SNAPSHOT = {
  instancesFile: path.join(FIXTURES, 'container-instances.json'),
  tasksFile: path.join(FIXTURES, 'tasks.json'),
};

async function rendered(name: string, env = 'test'): Promise<RenderedWorkloadStack> {
  return (await renderWorkload({ workspace: WORKSPACE, app: 'shop', env, vars: {} }, { name, tag: 'preview' })).stack;
}

const deps: PreviewDeps = {
  openClusterReader: () => Promise.reject(new Error('no AWS in this test')),
  renderWorkload: ({ workload, env }) => rendered(workload, env),
};

function snapshotSource(cluster: ClusterSnapshot): InstanceSource {
  return { description: 'test snapshot', load: async () => cluster };
}

describe('placementTargetFromStack on a rendered EC2 Backend Service', () => {
  it('reads the task size, network mode, strategies, constraints and the environment count', async () => {
    const target = placementTargetFromStack(await rendered('api'), 'api');
    expect(target).toMatchObject({
      label: 'api (stack shop-test-api)',
      runsOnEc2: true,
      isService: true,
      desiredCount: 3,
      strategies: [
        { type: 'spread', field: 'attribute:ecs.availability-zone' },
        { type: 'binpack', field: 'memory' },
      ],
      constraints: [{ type: 'memberOf', expression: 'attribute:ecs.instance-type =~ m5.*' }],
    });
    expect(target.taskDefinition).toMatchObject({
      family: 'shop-test-api',
      networkMode: 'bridge',
      cpu: 256,
      memory: 1024,
      staticPorts: [],
      dynamicPorts: 1,
      requiresCompatibilities: ['EC2'],
    });
  });

  it('says a Fargate workload runs nowhere to place', async () => {
    expect(placementTargetFromStack(await rendered('web'), 'web').runsOnEc2).toBe(false);
  });
});

describe('placement preview --name through the service', () => {
  it('places the desired count with the manifest strategies on the snapshot', async () => {
    const out = await runPlacementPreview(
      { name: 'api', env: 'test', instances: SNAPSHOT.instancesFile, tasks: SNAPSHOT.tasksFile },
      deps,
    );
    expect(out.exitCode).toBe(0);
    expect(out.text).toContain('Workload: api (stack shop-test-api), task definition as rendered for test');
    expect(out.text).toContain('Strategy: spread(attribute:ecs.availability-zone), binpack(memory)\n');
    expect(out.text).toContain('Constraints: memberOf(attribute:ecs.instance-type =~ m5.*)\n');
    expect((out.json as { placements: unknown[] }).placements).toHaveLength(3);
    expect(out.verdict).toBe('All 3 task(s) placed.');
  });

  it('lets --count and --strategy replace the manifest values', async () => {
    const out = await runPlacementPreview(
      { name: 'api', env: 'test', instances: SNAPSHOT.instancesFile, count: '20', strategy: ['binpack:cpu'] },
      deps,
    );
    expect(out.text).toContain('Strategy: binpack(cpu)\n');
    expect(out.exitCode).toBe(1);
    expect(out.verdict).toMatch(/^✘ \d+ of 20 task\(s\) could not be placed \(RESOURCE:/);
  });

  it('refuses a Fargate workload with exit 2', async () => {
    await expect(
      runPlacementPreview({ name: 'web', env: 'test', instances: SNAPSHOT.instancesFile }, deps),
    ).rejects.toMatchObject({
      exitCode: 2,
      message: '--name web: the workload runs on Fargate in environment test; Fargate places tasks itself',
    });
  });
});

describe('the deployed service and the deploy-time check', () => {
  const cluster = loadSnapshotFiles(SNAPSHOT);
  const deployedTask = {
    ...cluster.tasks[0],
    taskArn: 'arn:aws:ecs:us-east-1:111122223333:task/prod/api0001',
    group: 'service:shop-test-api-Service-Xy12Ab34',
  };
  const withApi: ClusterSnapshot = { ...cluster, tasks: [...cluster.tasks, deployedTask] };

  it('finds the CloudFormation-named service among the running tasks and counts it', async () => {
    const target = placementTargetFromStack(await rendered('api'), 'api');
    expect(deployedServiceName(target, withApi.tasks)).toBe('shop-test-api-Service-Xy12Ab34');
    const { request, notes } = workloadRequest(target, withApi);
    expect(request).toMatchObject({ api: 'UpdateService', serviceName: 'shop-test-api-Service-Xy12Ab34', count: 3 });
    expect(notes.join(' ')).toMatch(/rolling deployment/);
    expect(workloadRequest(target, cluster).request).toMatchObject({
      api: 'CreateService',
      serviceName: 'shop-test-api-Service',
    });
  });

  it('checkWorkloadPlacement previews the rendered stack on the cluster source', async () => {
    const check = await checkWorkloadPlacement(await rendered('api'), 'api', snapshotSource(withApi));
    expect(check).toBeDefined();
    expect(check!.placedAll).toBe(true);
    expect(check!.verdict).toBe('All 3 task(s) placed.');
    expect(check!.result.summary.group).toBe('service:shop-test-api-Service-Xy12Ab34');
    expect(renderPlacement(check!.result)).toContain('service:shop-test-api-Service-Xy12Ab34 BEFORE');
  });

  it('checkWorkloadPlacement has nothing to check for Fargate or a stack without ECS tasks', async () => {
    const source = snapshotSource(cluster);
    expect(await checkWorkloadPlacement(await rendered('web'), 'web', source)).toBeUndefined();
    const noTasks = { stackName: 'shop-test-site', template: { Resources: {} }, parameters: {} };
    expect(await checkWorkloadPlacement(noTasks, 'site', source)).toBeUndefined();
  });
});

describe('placementTargetFromStack on other shapes', () => {
  const stack = (taskDef: Record<string, unknown>, service?: Record<string, unknown>): RenderedWorkloadStack => ({
    stackName: 'app-env-svc',
    parameters: { AppName: 'app', EnvName: 'env', WorkloadName: 'svc', TaskCount: '4', Mem: '2048' },
    template: {
      Resources: {
        // Found by type, not only by Copilot's logical IDs.
        TD: { Type: 'AWS::ECS::TaskDefinition', Properties: taskDef },
        ...(service ? { Svc: { Type: 'AWS::ECS::Service', Properties: service } } : {}),
      },
    },
  });

  it('resolves Ref and Fn::Sub over the parameters and reads numbers written as strings', () => {
    const target = placementTargetFromStack(
      stack(
        {
          Family: { 'Fn::Sub': '${AppName}-${EnvName}-${WorkloadName}' },
          NetworkMode: 'host',
          Memory: { Ref: 'Mem' },
          ContainerDefinitions: [
            { Name: 'app', Cpu: '512', PortMappings: [{ ContainerPort: '8080', Protocol: 'TCP' }] },
            { Name: 'gpu', ResourceRequirements: [{ Type: 'GPU', Value: '1' }] },
          ],
          PlacementConstraints: [{ Type: 'memberOf', Expression: 'attribute:ecs.os-type == linux' }],
        },
        { DesiredCount: { Ref: 'TaskCount' }, ServiceName: 'named' },
      ),
      'svc',
    );
    expect(target.taskDefinition).toMatchObject({
      family: 'app-env-svc',
      networkMode: 'host',
      cpu: 512,
      memory: 2048,
      gpu: 1,
      staticPorts: [{ port: 8080, protocol: 'tcp' }],
      placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.os-type == linux' }],
    });
    expect(target).toMatchObject({ desiredCount: 4, serviceName: 'named', runsOnEc2: true, strategies: [] });
  });

  it('a job (no service) is previewed as RunTask', () => {
    const target = placementTargetFromStack(
      stack({ Family: 'job', Memory: '512', ContainerDefinitions: [{ Name: 'job' }] }),
      'job',
    );
    expect(target.isService).toBe(false);
    expect(workloadRequest(target, { instances: [], tasks: [], tasksKnown: false }).request).toMatchObject({
      api: 'RunTask',
      count: 1,
    });
  });

  it('names the rendered task definition and JSON path when a value cannot be resolved offline', () => {
    expect(() =>
      placementTargetFromStack(
        stack({ Family: 'x', Memory: { 'Fn::ImportValue': 'elsewhere' }, ContainerDefinitions: [{ Name: 'a' }] }),
        'svc',
      ),
    ).toThrow(/^the rendered TaskDefinition of svc \(stack app-env-svc\): \$\.memory: expected MiB/);
  });

  it('says which workload has no task definition', () => {
    expect(() =>
      placementTargetFromStack({ stackName: 's', template: { Resources: {} }, parameters: {} }, 'site'),
    ).toThrow('site (stack s): the rendered stack has no ECS task definition');
  });
});
