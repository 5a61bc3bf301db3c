// The task: its log group, its task definition (size, platform, network mode, containers, volumes) with the
// manifest's `taskdef_overrides` applied, and the execution role's permissions to pull images and write logs.
import { RenderError } from '../inputs';
import { logGroupName } from '../naming';
import { GetAtt, Sub, compact, resource } from '../template';
import type { Value } from '../template';
import { taskContainers } from './containers';
import type { ContainerOptions } from './containers';
import { runtimePlatform } from './network';
import { applyTaskDefOverrides } from './overrides';
import { secretStatements } from './secrets';
import { taskVolumes } from './storage';
import type { Workload } from './workload';

export const LOG_GROUP = 'LogGroup';
export const TASK_DEFINITION = 'TaskDefinition';

/** The retention values CloudWatch Logs accepts, in days. */
const RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

function logGroup(w: Workload): void {
  const retention = w.manifest.logging?.retention ?? 30;
  if (!RETENTION_DAYS.includes(retention)) {
    throw new RenderError(
      ['logging', 'retention'],
      `CloudWatch Logs cannot keep logs for ${retention} days`,
      `use one of ${RETENTION_DAYS.join(', ')}`,
    );
  }
  w.parts.add(
    LOG_GROUP,
    resource('AWS::Logs::LogGroup', `A CloudWatch log group for the logs of ${w.name}`, {
      LogGroupName: logGroupName(w.app, w.env, w.name),
      RetentionInDays: retention,
    }),
  );
}

/** Task size: the manifest's, else Copilot's defaults (256 CPU / 512 MiB; Windows needs 1024 / 2048). */
export function taskSize(w: Workload): { cpu: number; memory: number } {
  return {
    cpu: w.manifest.cpu ?? (w.windows ? 1024 : 256),
    memory: w.manifest.memory ?? (w.windows ? 2048 : 512),
  };
}

export function addTaskDefinition(w: Workload, options: ContainerOptions): void {
  logGroup(w);
  const m = w.manifest;
  const { definitions, secrets, repositories } = taskContainers(w, options);
  const size = taskSize(w);
  const ephemeral = m.storage?.ephemeral;
  const properties: Record<string, Value> = compact({
    Family: Sub('${AppName}-${EnvName}-${WorkloadName}'),
    RuntimePlatform: runtimePlatform(w),
    NetworkMode: w.networkMode,
    RequiresCompatibilities: [w.ec2 ? 'EC2' : 'FARGATE'],
    Cpu: String(size.cpu),
    Memory: String(size.memory),
    // 20 GiB is Fargate's default and below the 21 GiB the property accepts, so it is left out (as Copilot did).
    EphemeralStorage: !w.ec2 && ephemeral !== undefined && ephemeral > 20 ? { SizeInGiB: ephemeral } : undefined,
    ExecutionRoleArn: GetAtt('ExecutionRole', 'Arn'),
    TaskRoleArn: GetAtt('TaskRole', 'Arn'),
    ContainerDefinitions: definitions,
    Volumes: taskVolumes(w),
  });
  applyTaskDefOverrides(properties, m.taskdef_overrides);
  // Containers that log to the log group already depend on it; an override may have removed them all.
  const logsToGroup = JSON.stringify(properties).includes(`{"Ref":"${LOG_GROUP}"}`);
  w.parts.add(
    TASK_DEFINITION,
    resource(
      'AWS::ECS::TaskDefinition',
      `An ECS task definition for the containers of ${w.name}`,
      properties,
      logsToGroup ? {} : { DependsOn: LOG_GROUP },
    ),
  );

  const pull: Value[] = [];
  if (repositories.length > 0) {
    const unique = [...new Map(repositories.map((r) => [JSON.stringify(r), r])).values()];
    pull.push(
      { Effect: 'Allow', Action: ['ecr:GetAuthorizationToken'], Resource: '*' },
      {
        Effect: 'Allow',
        Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
        Resource: unique,
      },
    );
  }
  w.parts.executionPolicies.unshift({
    PolicyName: 'TaskExecution',
    PolicyDocument: {
      Version: '2012-10-17',
      Statement: [
        ...pull,
        {
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: [GetAtt(LOG_GROUP, 'Arn')],
        },
        ...secretStatements(secrets),
      ],
    },
  });
}
