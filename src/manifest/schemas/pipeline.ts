// Pipeline manifest (`copilot/pipelines/<name>/manifest.yml`, and the older single `copilot/pipeline.yml`,
// which has the same fields). Pipelines carry no `type:`. See primitives.ts for the rules every schema follows.
import { z } from 'zod';

type Ctx = z.RefinementCtx<unknown>;
type Path = (string | number)[];

function issue(ctx: Ctx, path: Path, message: string): void {
  ctx.addIssue({ code: 'custom', path, message });
}

/** Source providers Copilot deployed. `GitHubV1` is a GitHub source authenticated by a personal access token. */
export const PIPELINE_PROVIDERS = ['GitHub', 'GitHubV1', 'Bitbucket', 'CodeCommit'] as const;

const sourceProperties = z
  .object({
    repository: z
      .string()
      .min(1)
      .describe('URL of the repository, e.g. https://github.com/user/repo (GitHub also accepts owner/repo).'),
    branch: z.string().optional().describe('Branch whose changes trigger the pipeline. Default main.'),
    connection_name: z
      .string()
      .optional()
      .describe('Name of an existing CodeStar Connections connection (GitHub, Bitbucket). Default: one is created.'),
    connection_arn: z
      .string()
      .optional()
      .describe('ARN of an existing CodeStar Connections connection (GitHub, Bitbucket).'),
    access_token_secret: z
      .string()
      .optional()
      .describe(
        'Legacy GitHub (version 1) sources: name of the Secrets Manager secret holding a GitHub personal access token.',
      ),
    output_artifact_format: z
      .enum(['CODE_ZIP', 'CODEBUILD_CLONE_REF'])
      .optional()
      .describe('Output artifact format of the source action. Default CODE_ZIP.'),
  })
  .describe('Where the source is: repository, branch and connection.');

const sourceSchema = z
  .object({
    provider: z
      .enum(PIPELINE_PROVIDERS)
      .describe('Source provider: GitHub, Bitbucket or CodeCommit (GitHubV1 for legacy token-based GitHub sources).'),
    properties: sourceProperties,
  })
  .superRefine((source, ctx) => {
    if (source.provider === 'GitHubV1' && !source.properties.access_token_secret) {
      issue(ctx, ['properties', 'access_token_secret'], 'is required for a GitHubV1 source');
    }
  })
  .describe('The repository whose changes trigger the pipeline.');

const policyDocument = z
  .union([
    z.string().describe('The policy document as JSON text.'),
    z.record(z.string(), z.unknown()).describe('The policy document as a map (Version, Statement).'),
  ])
  .describe('An IAM policy document.');

const buildSchema = z
  .object({
    image: z
      .string()
      .optional()
      .describe('CodeBuild image of the build project. Default aws/codebuild/amazonlinux2-x86_64-standard:5.0.'),
    buildspec: z
      .string()
      .optional()
      .describe(
        'Path of the buildspec, relative to the repository root. Default copilot/pipelines/<name>/buildspec.yml.',
      ),
    additional_policy: z
      .object({
        PolicyDocument: policyDocument.optional(),
      })
      .optional()
      .describe('An additional IAM policy for the build project role.'),
  })
  .describe('The CodeBuild project that builds images and templates.');

const dependsOn = z.array(z.string()).describe('Names of the actions in this map that must finish first.');

const deploymentSchema = z
  .object({
    depends_on: dependsOn.optional(),
    stack_name: z
      .string()
      .optional()
      .describe('CloudFormation stack to create or update. Default <app>-<stage>-<deployment name>.'),
    template_path: z
      .string()
      .optional()
      .describe('Template produced by the build. Default infrastructure/<deployment name>-<stage>.yml.'),
    template_config: z
      .string()
      .optional()
      .describe(
        'Template configuration produced by the build. Default infrastructure/<deployment name>-<stage>.params.json.',
      ),
  })
  .describe('A CloudFormation deployment of a service, job or environment.');

const prePostDeploymentSchema = z
  .object({
    buildspec: z.string().min(1).describe('Path of the buildspec the action runs, relative to the repository root.'),
    depends_on: dependsOn.optional(),
  })
  .describe('A CodeBuild action.');

/** Issues for every action that takes part in a dependency cycle. */
function checkCycles(actions: Record<string, { depends_on?: string[] } | null>, ctx: Ctx, base: Path): void {
  const state = new Map<string, 'visiting' | 'done'>();
  const reported = new Set<string>();
  const visit = (name: string, stack: string[]): void => {
    if (state.get(name) === 'done' || !(name in actions)) return;
    if (state.get(name) === 'visiting') {
      const cycle = [...stack.slice(stack.indexOf(name)), name];
      if (!reported.has(name)) {
        reported.add(name);
        issue(ctx, [...base, name, 'depends_on'], `circular dependency: ${cycle.join(' -> ')}`);
      }
      return;
    }
    state.set(name, 'visiting');
    for (const dep of actions[name]?.depends_on ?? []) visit(dep, [...stack, name]);
    state.set(name, 'done');
  };
  for (const name of Object.keys(actions)) visit(name, []);
}

const stageSchema = z
  .object({
    name: z.string().min(1).describe('The environment this stage deploys to.'),
    requires_approval: z.boolean().optional().describe('Wait for a manual approval before the stage. Default false.'),
    test_commands: z
      .array(z.string())
      .optional()
      .describe(
        'Shell commands run after the deployments, e.g. make integ-test. Mutually exclusive with post_deployments.',
      ),
    pre_deployments: z
      .record(z.string(), prePostDeploymentSchema)
      .optional()
      .describe('CodeBuild actions run before the deployments, by name.'),
    deployments: z
      .record(z.string(), deploymentSchema.nullable())
      .nullable()
      .optional()
      .describe(
        'Which stacks to deploy and in what order, by service, job or deployment name (an empty entry takes the defaults). Default: every service and job in the repository, in parallel.',
      ),
    post_deployments: z
      .record(z.string(), prePostDeploymentSchema)
      .optional()
      .describe('CodeBuild actions run after the deployments, by name. Mutually exclusive with test_commands.'),
  })
  .superRefine((stage, ctx) => {
    if ((stage.test_commands ?? []).length > 0 && stage.post_deployments !== undefined) {
      issue(ctx, ['post_deployments'], 'must specify one, not both, of "post_deployments" and "test_commands"');
    }
    const deployments = stage.deployments ?? {};
    for (const [name, conf] of Object.entries(deployments)) {
      (conf?.depends_on ?? []).forEach((dep, i) => {
        if (!(dep in deployments)) {
          issue(ctx, ['deployments', name, 'depends_on', i], `dependency deployment named "${dep}" does not exist`);
        }
      });
    }
    checkCycles(deployments, ctx, ['deployments']);
    checkCycles(stage.pre_deployments ?? {}, ctx, ['pre_deployments']);
    checkCycles(stage.post_deployments ?? {}, ctx, ['post_deployments']);
  })
  .describe('A stage: deploy to one environment.');

export const pipelineSchema = z
  .object({
    name: z.string().min(1).max(100).describe('Name of the pipeline (at most 100 characters).'),
    version: z.literal(1).optional().describe('Schema version of the manifest; only 1 exists.'),
    source: sourceSchema,
    build: buildSchema.optional(),
    stages: z.array(stageSchema).optional().describe('The environments to deploy to, in order.'),
  })
  .describe('A continuous delivery pipeline (CodePipeline) that builds the repository and deploys it stage by stage.');
