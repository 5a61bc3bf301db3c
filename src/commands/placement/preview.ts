// `mycopilot placement preview`: predict where ECS would place each task (or which tasks a scale-in stops), from
// AWS CLI snapshots or the live cluster, with the reason for every task that could not be placed.
import { Flags } from '@oclif/core';
import { awsFlags, BaseCommand, jsonFlag } from '../../cli/base-command';

const many = { multiple: true, multipleNonGreedy: true } as const;

export default class PlacementPreview extends BaseCommand {
  static override summary = 'Predict where Amazon ECS would place each task, and why some could not be placed.';
  static override description = `Reads the container instances and their running tasks (AWS CLI output, or the live cluster with --cluster) and a task definition (a file, or a workload of the workspace rendered for an environment with --name/--env), then places the tasks the way ECS does: resources, ports, ENI slots, constraints, then the strategies in order. Ties are broken by --seed, and every assumption the ECS documentation leaves open is listed under Notes.

Exit status: 0 when every task is placed, 1 when some could not be (the last line says how many and why), 2 when an input is wrong.`;
  static override examples = [
    {
      description: 'Three tasks of the service "web", spread over AZs then packed by memory, from CLI snapshots.',
      command:
        '<%= config.bin %> <%= command.id %> --instances instances.json --tasks tasks.json --task-definition web.json --service web --count 3 --strategy spread:attribute:ecs.availability-zone --strategy binpack:memory',
    },
    {
      description: 'Make the snapshots with the AWS CLI.',
      command:
        'aws ecs describe-container-instances --cluster prod --container-instances $(aws ecs list-container-instances --cluster prod --query containerInstanceArns --output text) > instances.json',
    },
    {
      description: 'The "api" service as its manifest renders it for "test", against the live cluster.',
      command: '<%= config.bin %> <%= command.id %> --name api --env test --cluster hello-test-Cluster-AbC123',
    },
    {
      description: 'Only m5 instances, one task per instance.',
      command:
        '<%= config.bin %> <%= command.id %> --instances instances.json --task-definition web.json --count 4 --constraint distinctInstance --constraint "memberOf:attribute:ecs.instance-type =~ m5.*"',
    },
    {
      description: 'Which two tasks of "web" would stop on a scale-in.',
      command:
        '<%= config.bin %> <%= command.id %> --instances instances.json --tasks tasks.json --task-definition web.json --service web --scale-in 2 --json',
    },
  ];
  static override flags = {
    instances: Flags.string({
      description: '`aws ecs describe-container-instances` output (may also hold `tasks` and `eniSlots`).',
      helpValue: 'FILE',
    }),
    tasks: Flags.string({ description: '`aws ecs describe-tasks` output: the running tasks.', helpValue: 'FILE' }),
    'task-definition': Flags.string({
      description: '`aws ecs describe-task-definition` output or a RegisterTaskDefinition input.',
      helpValue: 'FILE',
    }),
    cluster: Flags.string({
      description: 'Read instances and running tasks from this live ECS cluster instead of files.',
      helpValue: 'NAME',
    }),
    name: Flags.string({
      char: 'n',
      description: 'A workload of the workspace: its rendered task definition and placement.',
      helpValue: 'SVC',
    }),
    env: Flags.string({ char: 'e', description: 'The environment to render --name for (offline).', helpValue: 'ENV' }),
    app: Flags.string({ char: 'a', description: 'Application name for --name (default: from copilot/.workspace).' }),
    count: Flags.string({
      description: "Tasks to place (default: the workload's desired count with --name, else 1).",
      helpValue: 'N',
    }),
    group: Flags.string({ description: 'Task group of a RunTask (default family:<family>).', helpValue: 'G' }),
    service: Flags.string({
      description: 'Place as tasks of this ECS service (task group service:<NAME>).',
      helpValue: 'NAME',
    }),
    strategy: Flags.string({
      ...many,
      description:
        'A placement strategy, in order (repeatable): binpack:cpu|memory, spread:instanceId, spread:attribute:<name>, random.',
      helpValue: 'TYPE[:FIELD]',
    }),
    constraint: Flags.string({
      ...many,
      description: 'A placement constraint (repeatable): distinctInstance, "memberOf:<expression>".',
      helpValue: 'TYPE[:EXPR]',
    }),
    'launch-type': Flags.string({ description: 'EC2 (default) or EXTERNAL.', helpValue: 'TYPE' }),
    'subnet-azs': Flags.string({
      ...many,
      description: 'awsvpc: the Availability Zones of the task subnets, comma-separated.',
      helpValue: 'AZ,AZ',
    }),
    seed: Flags.string({ description: 'Seed of random choices and tie-breaks (default 1).', helpValue: 'N' }),
    'scale-in': Flags.string({
      description: 'Instead of placing, show which N running tasks of --service/--group would stop.',
      helpValue: 'N',
    }),
    plugin: Flags.string({
      ...many,
      description: 'A placement plugin (a JavaScript module exporting register(api)) adding strategies or constraints.',
      helpValue: 'FILE',
    }),
    ...jsonFlag,
    ...awsFlags,
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(PlacementPreview);
    const { runPlacementPreview } = await import('../../placement/preview-service.js');
    const outcome = await runPlacementPreview(
      {
        instances: flags.instances,
        tasks: flags.tasks,
        taskDefinition: flags['task-definition'],
        cluster: flags.cluster,
        name: flags.name,
        env: flags.env,
        app: flags.app,
        count: flags.count,
        group: flags.group,
        service: flags.service,
        strategy: flags.strategy,
        constraint: flags.constraint,
        launchType: flags['launch-type'],
        subnetAzs: flags['subnet-azs'],
        seed: flags.seed,
        scaleIn: flags['scale-in'],
        plugin: flags.plugin,
      },
      {
        openClusterReader: async () => {
          // The SDK loads only here: files, --name and --help need none of it.
          const [{ AwsClients }, { SdkEcsClusterReader }] = await Promise.all([
            import('../../aws/clients.js'),
            import('../../aws/ecs-cluster-reader.js'),
          ]);
          return new SdkEcsClusterReader(await new AwsClients({ profile: flags.profile, region: flags.region }).ecs());
        },
        renderWorkload: async ({ workload, env, app }) => {
          const [{ renderWorkload }, { checkEnvironmentName, resolveWorkspaceApp }] = await Promise.all([
            import('../../deploy/render.js'),
            import('../../cli/workspace-context.js'),
          ]);
          const ws = resolveWorkspaceApp(app);
          checkEnvironmentName(ws.workspace, env);
          const { stack } = await renderWorkload(
            { workspace: ws.workspace, app: ws.app, env },
            { name: workload, tag: 'preview' },
          );
          return stack;
        },
      },
    );
    if (flags.json) {
      this.out.json(outcome.json);
      // stdout holds only the JSON; the verdict still reaches a reader.
      if (outcome.exitCode !== 0) this.out.info(outcome.verdict);
    } else {
      this.out.line(outcome.text.trimEnd());
    }
    process.exitCode = outcome.exitCode;
  }
}
