// The pure pipeline builder on hand-written inputs: stage and action order, sources, the generated build, IAM.
import { RenderError } from '../../../src/stack/inputs';
import {
  buildPipelineStack,
  DEFAULT_BUILD_IMAGE,
  PipelineStackInput,
  PipelineStageInput,
  StageDeployment,
} from '../../../src/stack/pipeline';
import { shellWord } from '../../../src/stack/pipeline/buildspec';
import { ranks } from '../../../src/stack/pipeline/order';

function deployment(name: string, env: string, dependsOn: string[] = []): StageDeployment {
  return {
    name,
    kind: 'workload',
    stackName: `shop-${env}-${name}`,
    templatePath: `infrastructure/${name}-${env}.stack.yml`,
    templateConfig: `infrastructure/${name}-${env}.params.json`,
    dependsOn,
    path: ['stages', 0, 'deployments', name],
  };
}

function stage(env: string, extra: Partial<PipelineStageInput> = {}): PipelineStageInput {
  return {
    env,
    path: ['stages', 0],
    requiresApproval: false,
    testCommands: [],
    preDeployments: [],
    deployments: [deployment('api', env)],
    postDeployments: [],
    ...extra,
  };
}

function input(extra: Partial<PipelineStackInput> = {}): PipelineStackInput {
  return {
    app: 'shop',
    name: 'release',
    legacy: false,
    source: {
      provider: 'GitHub',
      repositoryId: 'acme/shop',
      branch: 'main',
      connection: { kind: 'create', name: 'copilot-acme-shop' },
    },
    build: {
      image: DEFAULT_BUILD_IMAGE,
      repositories: ['shop/api'],
      generated: {
        workspaceDir: '.',
        toolVersion: '1.2.3',
        images: [
          {
            repository: 'shop/api',
            container: 'api',
            tag: '$TAG',
            buildArgs: ['build', '--file', 'api/Dockerfile', '--tag', '$REGISTRY/shop/api:$TAG', 'api'],
            push: ['$REGISTRY/shop/api:$TAG'],
          },
        ],
        packages: [
          {
            kind: 'svc',
            name: 'api',
            env: 'test',
            template: 'infrastructure/api-test.stack.yml',
            params: 'infrastructure/api-test.params.json',
            copies: [],
            envFiles: [],
          },
        ],
        extraArtifacts: [],
      },
    },
    stages: [stage('test')],
    ...extra,
  };
}

type Action = { Name: string; RunOrder: number; Configuration: Record<string, unknown>; RoleArn?: unknown };
const stagesOf = (stack: ReturnType<typeof buildPipelineStack>) =>
  stack.template.Resources.Pipeline.Properties!.Stages as { Name: string; Actions: Action[] }[];
const orderOf = (actions: Action[]) => actions.map((a) => `${a.RunOrder} ${a.Name}`);
const statementsOf = (stack: ReturnType<typeof buildPipelineStack>, role: string) =>
  (stack.template.Resources[role].Properties!.Policies as { PolicyDocument: { Statement: any[] } }[])[0].PolicyDocument
    .Statement;

describe('pipeline stack', () => {
  it('names the stack, the tags and the stages as Copilot did', () => {
    const stack = buildPipelineStack(input({ stages: [stage('test'), stage('prod')] }));
    expect(stack.stackName).toBe('pipeline-shop-release');
    expect(stack.tags).toEqual({ 'copilot-application': 'shop', 'copilot-pipeline': 'release' });
    expect(stagesOf(stack).map((s) => s.Name)).toEqual(['Source', 'Build', 'DeployTo-test', 'DeployTo-prod']);
    expect(stagesOf(stack)[0].Actions[0].Name).toBe('SourceCodeFor-shop');
    expect(stack.template.Resources.Pipeline.Properties!.Name).toBeUndefined();
    expect(stack.parameters).toEqual({ ArtifactBucket: '' });
  });

  it('names a legacy pipeline after itself and tags it with the application only', () => {
    const stack = buildPipelineStack(input({ legacy: true, name: 'pipeline-shop-acme-shop' }));
    expect(stack.stackName).toBe('pipeline-shop-acme-shop');
    expect(stack.template.Resources.Pipeline.Properties!.Name).toEqual({ Ref: 'AWS::StackName' });
    expect(stack.tags).toEqual({ 'copilot-application': 'shop' });
  });

  it('orders approval, pre-deployments, deployments by depends_on, then tests', () => {
    const test = stage('test', {
      requiresApproval: true,
      preDeployments: [
        { name: 'migrate', buildspec: 'ci/migrate.yml', dependsOn: [], path: [] },
        { name: 'seed', buildspec: 'ci/seed.yml', dependsOn: ['migrate'], path: [] },
      ],
      deployments: [
        deployment('web', 'test', ['api', 'report']),
        deployment('api', 'test'),
        deployment('report', 'test', ['api']),
        deployment('worker', 'test'),
      ],
      testCommands: ['make integ-test'],
    });
    const actions = stagesOf(buildPipelineStack(input({ stages: [test] })))[2].Actions;
    expect(orderOf(actions)).toEqual([
      '1 ApprovePromotionTo-test',
      '2 migrate',
      '3 seed',
      '6 CreateOrUpdate-web-test',
      '4 CreateOrUpdate-api-test',
      '5 CreateOrUpdate-report-test',
      '4 CreateOrUpdate-worker-test',
      '7 TestCommands',
    ]);
  });

  it('runs post-deployments after the deployments, in their own order', () => {
    const prod = stage('prod', {
      deployments: [deployment('api', 'prod')],
      postDeployments: [
        { name: 'smoke', buildspec: 'ci/smoke.yml', dependsOn: [], path: [] },
        { name: 'notify', buildspec: 'ci/notify.yml', dependsOn: ['smoke'], path: [] },
      ],
    });
    const stack = buildPipelineStack(input({ stages: [prod] }));
    expect(orderOf(stagesOf(stack)[2].Actions)).toEqual(['1 CreateOrUpdate-api-prod', '2 smoke', '3 notify']);
    const project = stack.template.Resources.PostprodDeploymentActionsmoke.Properties!;
    expect(project.Source).toEqual({ Type: 'CODEPIPELINE', BuildSpec: 'ci/smoke.yml' });
    expect(project.ServiceRole).toEqual({ 'Fn::GetAtt': ['ActionRole', 'Arn'] });
  });

  it('deploys each stack from the build output with the CloudFormation role', () => {
    const stack = buildPipelineStack(input());
    const deploy = stagesOf(stack)[2].Actions[0];
    expect(deploy.Configuration).toEqual({
      ActionMode: 'CREATE_UPDATE',
      StackName: 'shop-test-api',
      Capabilities: 'CAPABILITY_IAM,CAPABILITY_NAMED_IAM,CAPABILITY_AUTO_EXPAND',
      TemplatePath: 'BuildOutput::infrastructure/api-test.stack.yml',
      TemplateConfiguration: 'BuildOutput::infrastructure/api-test.params.json',
      RoleArn: { 'Fn::GetAtt': ['CloudFormationRole', 'Arn'] },
    });
    expect(stack.template.Resources.CloudFormationRole.DeletionPolicy).toBe('Retain');
  });

  it("uses an environment's own roles when it has them", () => {
    const roles = {
      executionRoleArn: 'arn:aws:iam::123456789012:role/shop-test-CFNExecutionRole',
      managerRoleArn: 'arn:aws:iam::123456789012:role/shop-test-EnvManagerRole',
    };
    const stack = buildPipelineStack(input({ stages: [stage('test', { roles })] }));
    const deploy = stagesOf(stack)[2].Actions[0];
    expect(deploy.Configuration.RoleArn).toBe(roles.executionRoleArn);
    expect(deploy.RoleArn).toBe(roles.managerRoleArn);
    expect(stack.template.Resources.CloudFormationRole).toBeUndefined();
    expect(statementsOf(stack, 'PipelineRole')).toContainEqual({
      Effect: 'Allow',
      Action: ['sts:AssumeRole'],
      Resource: [roles.managerRoleArn],
    });
  });

  it('leaves out a stage that deploys nothing', () => {
    const stack = buildPipelineStack(input({ stages: [stage('test', { deployments: [] }), stage('prod')] }));
    expect(stagesOf(stack).map((s) => s.Name)).toEqual(['Source', 'Build', 'DeployTo-prod']);
  });

  it('rejects action names CodePipeline would refuse, at their manifest path', () => {
    const bad = stage('test', {
      preDeployments: [
        {
          name: 'db migrate!',
          buildspec: 'x.yml',
          dependsOn: [],
          path: ['stages', 0, 'pre_deployments', 'db migrate!'],
        },
      ],
    });
    let err: unknown;
    try {
      buildPipelineStack(input({ stages: [bad] }));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RenderError);
    expect((err as RenderError).path).toEqual(['stages', 0, 'pre_deployments', 'db migrate!']);
  });

  it('rejects two actions that would share a logical ID', () => {
    const bad = stage('test', {
      preDeployments: [
        { name: 'db-migrate', buildspec: 'a.yml', dependsOn: [], path: ['a'] },
        { name: 'db_migrate', buildspec: 'b.yml', dependsOn: [], path: ['b'] },
      ],
    });
    expect(() => buildPipelineStack(input({ stages: [bad] }))).toThrow(/logical ID PretestDeploymentActiondbmigrate/);
  });
});

describe('pipeline sources', () => {
  it('creates a connection named as Copilot named it, and outputs it', () => {
    const stack = buildPipelineStack(input());
    expect(stack.template.Resources.SourceConnection.Properties).toEqual({
      ConnectionName: 'copilot-acme-shop',
      ProviderType: 'GitHub',
    });
    expect(stack.template.Outputs!.PipelineConnectionARN.Value).toEqual({ Ref: 'SourceConnection' });
    expect(statementsOf(stack, 'PipelineRole')).toContainEqual({
      Effect: 'Allow',
      Action: ['codestar-connections:UseConnection', 'codeconnections:UseConnection'],
      Resource: [{ Ref: 'SourceConnection' }],
    });
  });

  it('uses a connection ARN as given, and one named by a parameter', () => {
    const arn = 'arn:aws:codestar-connections:us-west-2:123456789012:connection/abc';
    const byArn = buildPipelineStack(
      input({
        source: { provider: 'Bitbucket', repositoryId: 'acme/shop', branch: 'main', connection: { kind: 'arn', arn } },
      }),
    );
    expect(byArn.template.Resources.SourceConnection).toBeUndefined();
    expect(stagesOf(byArn)[0].Actions[0].Configuration.ConnectionArn).toBe(arn);
    const byName = buildPipelineStack(
      input({
        source: {
          provider: 'GitHub',
          repositoryId: 'acme/shop',
          branch: 'main',
          connection: { kind: 'named', name: 'gh' },
        },
      }),
    );
    expect(byName.parameters).toEqual({ ArtifactBucket: '', SourceConnectionArn: '' });
    expect(stagesOf(byName)[0].Actions[0].Configuration.ConnectionArn).toEqual({ Ref: 'SourceConnectionArn' });
  });

  it('starts a CodeCommit pipeline from an EventBridge rule instead of polling', () => {
    const stack = buildPipelineStack(
      input({
        source: { provider: 'CodeCommit', repositoryName: 'shop', branch: 'main', outputFormat: 'CODEBUILD_CLONE_REF' },
      }),
    );
    const source = stagesOf(stack)[0].Actions[0];
    expect(source.Configuration).toMatchObject({ RepositoryName: 'shop', PollForSourceChanges: false });
    const rule = stack.template.Resources.SourceEventRule.Properties!;
    expect(rule.EventPattern).toMatchObject({ source: ['aws.codecommit'], detail: { referenceName: ['main'] } });
    // CODEBUILD_CLONE_REF: the build clones the repository itself.
    expect(statementsOf(stack, 'BuildProjectRole')).toContainEqual(
      expect.objectContaining({ Action: ['codecommit:GitPull'] }),
    );
  });

  it('reads a GitHub token from Secrets Manager for GitHubV1 sources', () => {
    const stack = buildPipelineStack(
      input({ source: { provider: 'GitHubV1', owner: 'acme', repo: 'shop', branch: 'main', tokenSecret: 'gh-token' } }),
    );
    const config = stagesOf(stack)[0].Actions[0].Configuration;
    expect(config).toMatchObject({ Owner: 'acme', Repo: 'shop', Branch: 'main' });
    expect(config.OAuthToken).toEqual({
      'Fn::Sub': ['{{resolve:secretsmanager:${SecretId}}}', { SecretId: 'gh-token' }],
    });
  });
});

describe('pipeline build', () => {
  const buildspecOf = (stack: ReturnType<typeof buildPipelineStack>) =>
    (stack.template.Resources.BuildProject.Properties!.Source as { BuildSpec: string }).BuildSpec;

  it('installs this version of mycopilot, builds each image once and packages every stack', () => {
    const spec = buildspecOf(buildPipelineStack(input()));
    expect(spec).toContain('npm install --global mycopilot@1.2.3');
    expect(spec).toContain('docker build --file api/Dockerfile --tag "$REGISTRY/shop/api:$TAG" api');
    expect(spec).toContain('aws ecr describe-images --repository-name shop/api --image-ids "imageTag=$TAG"');
    expect(spec).toContain('mycopilot svc package --name api --env test --tag "$TAG" --output-dir "$OUT"');
    expect(spec).toContain('- infrastructure/*');
  });

  it('uses a buildspec of the repository when the manifest names one', () => {
    const base = input();
    const stack = buildPipelineStack(input({ build: { ...base.build, buildspecPath: 'ci/build.yml' } }));
    expect(buildspecOf(stack)).toBe('ci/build.yml');
  });

  it('lets the build push only to the repositories it builds', () => {
    const statements = statementsOf(buildPipelineStack(input()), 'BuildProjectRole');
    const push = statements.find((s) => s.Action.includes('ecr:PutImage'));
    expect(push.Resource).toEqual([
      { 'Fn::Sub': 'arn:${AWS::Partition}:ecr:${AWS::Region}:${AWS::AccountId}:repository/shop/api' },
    ]);
    expect(statements.flatMap((s) => s.Action)).not.toContain('cloudformation:CreateStack');
  });

  it('lets the pipeline deploy only the stacks its stages name', () => {
    const stack = buildPipelineStack(input({ stages: [stage('test'), stage('prod')] }));
    const cfn = statementsOf(stack, 'PipelineRole').find((s) => s.Action.includes('cloudformation:CreateStack'));
    expect(cfn.Resource).toEqual([
      { 'Fn::Sub': 'arn:${AWS::Partition}:cloudformation:${AWS::Region}:${AWS::AccountId}:stack/shop-prod-api/*' },
      { 'Fn::Sub': 'arn:${AWS::Partition}:cloudformation:${AWS::Region}:${AWS::AccountId}:stack/shop-test-api/*' },
    ]);
  });

  it('limits what the CloudFormation role may name to the application, and grants the network only to environments', () => {
    const workloads = statementsOf(buildPipelineStack(input()), 'CloudFormationRole');
    const roles = workloads.find((s) => s.Sid === 'Roles');
    expect(roles.Resource).toContainEqual({ 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/shop-*' });
    expect(workloads.find((s) => s.Sid === 'Services').Action).not.toContain('ec2:*');
    const env = stage('test', {
      deployments: [{ ...deployment('deploy-env', 'test'), kind: 'environment', stackName: 'shop-test' }],
    });
    const environments = statementsOf(buildPipelineStack(input({ stages: [env] })), 'CloudFormationRole');
    expect(environments.find((s) => s.Sid === 'Services').Action).toContain('ec2:*');
  });
});

describe('generated buildspec helpers', () => {
  it('quotes shell words so that only our variables expand', () => {
    expect(shellWord('api/Dockerfile')).toBe('api/Dockerfile');
    expect(shellWord('$REGISTRY/shop/api:$TAG')).toBe('"$REGISTRY/shop/api:$TAG"');
    expect(shellWord('GREETING=hello world')).toBe("'GREETING=hello world'");
    expect(shellWord('$HOME')).toBe("'$HOME'");
    expect(shellWord("it's")).toBe("'it'\\''s'");
  });

  it('ranks actions by their deepest dependency', () => {
    const r = ranks([
      { name: 'c', dependsOn: ['b'] },
      { name: 'a', dependsOn: [] },
      { name: 'b', dependsOn: ['a'] },
      { name: 'd', dependsOn: ['a', 'c'] },
    ]);
    expect(Object.fromEntries(r)).toEqual({ a: 0, b: 1, c: 2, d: 3 });
  });
});
