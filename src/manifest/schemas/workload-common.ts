// Container-level pieces shared by the workload manifests (Load Balanced Web, Backend, Worker, Scheduled Job;
// Request-Driven reuses a few): image, variables, secrets, platform, logging, publish, deployment; plus the small
// helpers the cross-field checks use. Storage and sidecars are in workload-storage.ts.
// Field names and forms follow Copilot's manifests; see primitives.ts for the rules every schema follows.
import { z } from 'zod';
import { asMap, WINDOWS_FAMILIES } from '../values';
import { duration, stringOrList } from './primitives';

/** Adds an issue at `path` (relative to the schema the check is attached to). */
export function issue(ctx: z.core.$RefinementCtx, path: (string | number)[], message: string): void {
  ctx.addIssue({ code: 'custom', path, message });
}

/** Cross-field checks run even when other fields have errors, so that every problem is reported at once. */
export const ALWAYS = { when: () => true };

// ---- values: plain, imported from a CloudFormation export, or a secret ----

export const fromCfn = z
  .object({
    from_cfn: z.string().min(1).describe('Name of a CloudFormation stack export whose value is imported.'),
  })
  .describe('A value imported from the export of another CloudFormation stack.');

export const variables = z
  .record(
    z.string(),
    z
      .union([z.string().describe('The value of the variable.'), fromCfn])
      .describe('A plain value, or `from_cfn: <export name>` to import it from a CloudFormation stack export.'),
  )
  .describe('Environment variables passed to the container, as NAME: value pairs.');

export const secretValue = z
  .union([
    z.string().describe('Name or ARN of an SSM parameter, or ARN of a Secrets Manager secret.'),
    z
      .object({
        secretsmanager: z
          .string()
          .min(1)
          .describe('Name of a Secrets Manager secret, optionally followed by :json-key:version-stage:version-id.'),
      })
      .describe('A secret read from AWS Secrets Manager by name.'),
    fromCfn,
  ])
  .describe('Where the secret value comes from: an SSM parameter, a Secrets Manager secret, or a stack export.');

export const secrets = z
  .record(z.string(), secretValue)
  .describe('Secrets injected into the container as environment variables, as NAME: source pairs.');

export const envFile = z
  .string()
  .regex(/\.env$/, { message: 'expected the path of a file with the .env extension' })
  .describe('Path, from the workspace root, to a .env file of environment variables uploaded to S3 for the task.');

export const labels = z
  .record(z.string(), z.string())
  .describe('Docker labels applied to the container at run time, as key: value pairs.');

export const dependsOn = z
  .record(
    z.string(),
    z
      .string()
      .regex(/^(start|complete|success|healthy)$/i, { message: 'expected start, complete, success or healthy' })
      .describe('Condition on the other container: start, complete, success or healthy.'),
  )
  .describe(
    'Containers this one waits for, as container: condition pairs. An essential container can only be waited ' +
      'for with start or healthy.',
  );

// ---- image ----

export const dockerBuild = z
  .union([
    z.string().describe('Path to the Dockerfile; its directory is the build context.'),
    z
      .object({
        context: z.string().describe('Build context directory, relative to the workspace root.'),
        dockerfile: z.string().describe('Path to the Dockerfile, relative to the workspace root.'),
        args: z.record(z.string(), z.string()).describe('Build arguments passed as --build-arg KEY=value.'),
        target: z.string().describe('Stage of a multi-stage Dockerfile to build (--target).'),
        cache_from: z.array(z.string()).describe('Images to use as cache sources (--cache-from).'),
      })
      .partial()
      .describe('Build options: context, dockerfile, args, target and cache_from.'),
  ])
  .describe('Build the image from a Dockerfile: its path, or a map of build options. Excludes `location`.');

export const imageLocation = z
  .string()
  .min(1)
  .describe('An existing image to run instead of building one (registry/repository:tag or @digest). Excludes `build`.');

export const containerHealthcheck = z
  .object({
    command: z
      .array(z.string())
      .describe('The check to run, starting with CMD (exec form) or CMD-SHELL (run by the default shell).'),
    interval: duration.describe('Time between two checks. Default 10s.'),
    retries: z.number().int().min(0).describe('Failed checks in a row before the container is unhealthy. Default 2.'),
    timeout: duration.describe('Time a check may take before it counts as failed. Default 5s.'),
    start_period: duration.describe('Grace period after start during which failed checks are not counted. Default 0s.'),
  })
  .partial()
  .describe('Container health check, run by the container agent inside the container.');

/** Fields of `image` for every ECS workload; services add `port`. */
export const imageShape = {
  build: dockerBuild,
  location: imageLocation,
  credentials: z.string().describe('ARN of a Secrets Manager secret with the credentials of a private registry.'),
  labels,
  depends_on: dependsOn,
  healthcheck: containerHealthcheck,
};

/** `image.build` and `image.location` exclude each other; a present `image` needs one of them. */
export function checkImageSource(value: unknown, ctx: z.core.$RefinementCtx): void {
  const image = asMap(value);
  if (!image) return;
  const build = image.build;
  const hasBuild = typeof build === 'string' ? build !== '' : Object.keys(asMap(build) ?? {}).length > 0;
  if (hasBuild && image.location !== undefined) {
    issue(ctx, ['location'], '`build` and `location` exclude each other: build the image or run an existing one');
  } else if (!hasBuild && image.location === undefined) {
    issue(ctx, ['build'], '`image` needs `build` (a Dockerfile to build) or `location` (an existing image)');
  }
}

// ---- task settings ----

export const cpu = z
  .number()
  .int()
  .positive()
  .describe('CPU units for the task (1024 = 1 vCPU). On Fargate: 256, 512, 1024, 2048, 4096, 8192 or 16384.');

export const memory = z
  .number()
  .int()
  .positive()
  .describe('Memory for the task, in MiB. On Fargate the valid values depend on `cpu`.');

export const platform = z
  .union([
    z
      .string()
      .regex(/^(linux\/(amd64|x86_64|arm|arm64)|windows\/(amd64|x86_64))$/i, {
        message:
          'expected linux/amd64, linux/x86_64, linux/arm, linux/arm64, windows/amd64 or windows/x86_64 (os/arch)',
      })
      .describe('Operating system and architecture as os/arch, for example linux/arm64 or windows/x86_64.'),
    z
      .object({
        osfamily: z
          .string()
          .regex(/^(linux|windows|windows_server_20(19|22)_(core|full))$/i, {
            message:
              'expected linux, windows, windows_server_2019_core, windows_server_2019_full, ' +
              'windows_server_2022_core or windows_server_2022_full',
          })
          .describe('Operating system family, for example linux or windows_server_2022_core.'),
        architecture: z
          .string()
          .regex(/^(amd64|x86_64|arm|arm64)$/i, { message: 'expected x86_64, amd64, arm or arm64' })
          .describe('CPU architecture: x86_64 (amd64) or arm64 (arm).'),
      })
      .superRefine((p, ctx) => {
        if (WINDOWS_FAMILIES.test(p.osfamily) && /^arm(64)?$/i.test(p.architecture)) {
          issue(ctx, ['architecture'], 'Windows runs on x86_64 (amd64) only');
        }
      })
      .describe('Operating system family and architecture, both required.'),
  ])
  .describe('Platform to build for and run on. Default linux/x86_64. Windows needs at least 1024 CPU and 2048 MiB.');

export const exec = z
  .union([
    z.boolean().describe('Whether `svc exec` may open a session in the running containers.'),
    z.object({ enable: z.boolean().describe('Whether ECS Exec is enabled.') }).describe('ECS Exec settings.'),
  ])
  .describe('Enable ECS Exec so that `svc exec` can run commands in the containers. Default false.');

export const entrypoint = stringOrList.describe(
  'Override the image ENTRYPOINT: a string (split like a shell would) or a list of arguments.',
);
export const command = stringOrList.describe(
  'Override the image CMD: a string (split like a shell would) or a list of arguments.',
);

// ---- logging, observability, publish, overrides, deployment ----

export const logging = z
  .object({
    retention: z.number().int().positive().describe('Days to keep the log events in CloudWatch Logs. Default 30.'),
    image: z
      .string()
      .describe('FireLens (Fluent Bit) image. Default public.ecr.aws/aws-observability/aws-for-fluent-bit:stable.'),
    destination: z.record(z.string(), z.string()).describe('Options passed to the FireLens log driver.'),
    enableMetadata: z.boolean().describe('Add ECS metadata to the log records. Default true.'),
    secretOptions: z.record(z.string(), secretValue).describe('Secrets passed to the log configuration.'),
    configFilePath: z.string().describe('Full path of a custom configuration file inside the Fluent Bit image.'),
    variables,
    secrets,
    env_file: envFile,
  })
  .partial()
  .describe('Logs: retention, and a FireLens log router sidecar with its options.');

export const observability = z
  .object({
    tracing: z
      .string()
      .regex(/^awsxray$/i, { message: 'expected awsxray' })
      .describe('Tracing vendor; awsxray is the only one.'),
  })
  .partial()
  .describe('Observability settings.');

export const topic = z
  .object({
    name: z
      .string()
      .regex(/^[a-zA-Z0-9_-]+$/, { message: 'expected letters, digits, hyphens and underscores only' })
      .describe('Name of the SNS topic.'),
    fifo: z
      .union([
        z.boolean().describe('Create a FIFO topic.'),
        z
          .object({
            content_based_deduplication: z.boolean().describe('Deduplicate messages by a hash of their body.'),
          })
          .describe('FIFO topic settings.'),
      ])
      .optional()
      .describe('Make the topic FIFO (ordered, deduplicated): true or advanced settings.'),
  })
  .describe('An SNS topic the workload publishes to.');

export const publish = z
  .object({ topics: z.array(topic).describe('SNS topics created for this workload.') })
  .partial()
  .describe('SNS topics the workload publishes to; their ARNs are in COPILOT_SNS_TOPIC_ARNS.');

export const taskdefOverrides = z
  .array(
    z
      .object({
        path: z
          .string()
          .min(1)
          .refine((p) => !/^(Family|ContainerDefinitions\[\d+\]\.Name)$/.test(p), {
            message: 'Family and ContainerDefinitions[n].Name cannot be overridden',
          })
          .describe('Path of the task definition property, e.g. ContainerDefinitions[0].Ulimits[-].Name.'),
        value: z.unknown().describe('The value to set at the path.'),
      })
      .describe('One override rule.'),
  )
  .describe('Rules applied to the rendered ECS task definition, in order.');

const alarmShape = {
  cpu_utilization: z.number().describe('Roll back when average CPU utilization (%) reaches this value.'),
  memory_utilization: z.number().describe('Roll back when average memory utilization (%) reaches this value.'),
};

function deploymentOf(alarms: z.ZodType) {
  return z
    .object({
      rolling: z
        .string()
        .regex(/^(default|recreate)$/i, { message: 'expected default or recreate' })
        .describe('default: start new tasks before stopping old ones; recreate: stop all, then start new.'),
      rollback_alarms: z
        .union([z.array(z.string()).describe('Names of existing CloudWatch alarms.'), alarms])
        .describe('Alarms that roll the deployment back: names of existing alarms, or thresholds for new ones.'),
    })
    .partial()
    .describe('How new tasks replace old ones, and what rolls a deployment back.');
}

export const deployment = deploymentOf(z.object(alarmShape).partial().describe('Thresholds of alarms to create.'));
export const workerDeployment = deploymentOf(
  z
    .object({
      ...alarmShape,
      messages_delayed: z.number().int().describe('Roll back when this many messages wait in the queue.'),
    })
    .partial()
    .describe('Thresholds of alarms to create.'),
);
