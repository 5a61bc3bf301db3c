// The one place AWS SDK clients are made. Each SDK package is imported only when a command first needs it,
// so `--help`, `--version` and offline commands load none of them. Credentials, Region and endpoints come
// from the SDK's standard chain (AWS_PROFILE / --profile, AWS_REGION / --region, AWS_ENDPOINT_URL[_<SERVICE>]),
// which is also how a local emulator is reached.
import type { AppRunnerClient } from '@aws-sdk/client-apprunner';
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { CodeBuildClient } from '@aws-sdk/client-codebuild';
import type { CodePipelineClient } from '@aws-sdk/client-codepipeline';
import type { CodeStarConnectionsClient } from '@aws-sdk/client-codestar-connections';
import type { ECRClient } from '@aws-sdk/client-ecr';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { ECSClient } from '@aws-sdk/client-ecs';
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Route53Client } from '@aws-sdk/client-route-53';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SFNClient } from '@aws-sdk/client-sfn';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { STSClient } from '@aws-sdk/client-sts';

export interface AwsConfig {
  /** Named profile (--profile); the default chain when unset. */
  profile?: string;
  /** Region (--region); AWS_REGION or the profile's when unset. */
  region?: string;
}

/** Client settings every client shares: adaptive retries absorb throttling on busy accounts. */
function clientConfig(config: AwsConfig) {
  return {
    ...(config.region ? { region: config.region } : {}),
    ...(config.profile ? { profile: config.profile } : {}),
    maxAttempts: 8,
    retryMode: 'adaptive' as const,
  };
}

export class AwsClients {
  private readonly made = new Map<string, unknown>();

  constructor(readonly config: AwsConfig = {}) {}

  private async make<T>(key: string, create: () => Promise<T>): Promise<T> {
    if (!this.made.has(key)) {
      const client = await create();
      if (process.env.MYCOPILOT_TRACE_AWS) traceCalls(client as TraceableClient);
      this.made.set(key, client);
    }
    return this.made.get(key) as T;
  }

  cloudFormation(): Promise<CloudFormationClient> {
    return this.make(
      'cfn',
      async () => new (await import('@aws-sdk/client-cloudformation')).CloudFormationClient(clientConfig(this.config)),
    );
  }
  ssm(): Promise<SSMClient> {
    return this.make('ssm', async () => new (await import('@aws-sdk/client-ssm')).SSMClient(clientConfig(this.config)));
  }
  ecr(): Promise<ECRClient> {
    return this.make('ecr', async () => new (await import('@aws-sdk/client-ecr')).ECRClient(clientConfig(this.config)));
  }
  ec2(): Promise<EC2Client> {
    return this.make('ec2', async () => new (await import('@aws-sdk/client-ec2')).EC2Client(clientConfig(this.config)));
  }
  ecs(): Promise<ECSClient> {
    return this.make('ecs', async () => new (await import('@aws-sdk/client-ecs')).ECSClient(clientConfig(this.config)));
  }
  s3(): Promise<S3Client> {
    // Path-style addressing works with local emulators as well as with AWS.
    return this.make(
      's3',
      async () =>
        new (await import('@aws-sdk/client-s3')).S3Client({ ...clientConfig(this.config), forcePathStyle: true }),
    );
  }
  sts(): Promise<STSClient> {
    return this.make('sts', async () => new (await import('@aws-sdk/client-sts')).STSClient(clientConfig(this.config)));
  }
  logs(): Promise<CloudWatchLogsClient> {
    return this.make(
      'logs',
      async () => new (await import('@aws-sdk/client-cloudwatch-logs')).CloudWatchLogsClient(clientConfig(this.config)),
    );
  }
  cloudWatch(): Promise<CloudWatchClient> {
    return this.make(
      'cw',
      async () => new (await import('@aws-sdk/client-cloudwatch')).CloudWatchClient(clientConfig(this.config)),
    );
  }
  cloudFront(): Promise<CloudFrontClient> {
    return this.make(
      'cloudfront',
      async () => new (await import('@aws-sdk/client-cloudfront')).CloudFrontClient(clientConfig(this.config)),
    );
  }
  appRunner(): Promise<AppRunnerClient> {
    return this.make(
      'apprunner',
      async () => new (await import('@aws-sdk/client-apprunner')).AppRunnerClient(clientConfig(this.config)),
    );
  }
  codePipeline(): Promise<CodePipelineClient> {
    return this.make(
      'codepipeline',
      async () => new (await import('@aws-sdk/client-codepipeline')).CodePipelineClient(clientConfig(this.config)),
    );
  }
  codeBuild(): Promise<CodeBuildClient> {
    return this.make(
      'codebuild',
      async () => new (await import('@aws-sdk/client-codebuild')).CodeBuildClient(clientConfig(this.config)),
    );
  }
  connections(): Promise<CodeStarConnectionsClient> {
    return this.make(
      'connections',
      async () =>
        new (await import('@aws-sdk/client-codestar-connections')).CodeStarConnectionsClient(clientConfig(this.config)),
    );
  }
  stepFunctions(): Promise<SFNClient> {
    return this.make('sfn', async () => new (await import('@aws-sdk/client-sfn')).SFNClient(clientConfig(this.config)));
  }
  route53(): Promise<Route53Client> {
    return this.make(
      'route53',
      async () => new (await import('@aws-sdk/client-route-53')).Route53Client(clientConfig(this.config)),
    );
  }
  elbv2(): Promise<ElasticLoadBalancingV2Client> {
    return this.make(
      'elbv2',
      async () =>
        new (await import('@aws-sdk/client-elastic-load-balancing-v2')).ElasticLoadBalancingV2Client(
          clientConfig(this.config),
        ),
    );
  }
}

type TraceableClient = {
  middlewareStack: {
    add(
      middleware: (
        next: (args: unknown) => Promise<unknown>,
        context: { clientName?: string; commandName?: string },
      ) => (args: unknown) => Promise<unknown>,
      options: { step: 'initialize'; name: string },
    ): void;
  };
};

/** MYCOPILOT_TRACE_AWS=1: one stderr line per AWS call (`aws CloudFormation DescribeStacks 35ms`), for debugging and benchmarks. */
function traceCalls(client: TraceableClient): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const started = Date.now();
      try {
        return await next(args);
      } finally {
        const service = (context.clientName ?? '').replace(/Client$/, '');
        const command = (context.commandName ?? '').replace(/Command$/, '');
        process.stderr.write(`aws ${service} ${command} ${Date.now() - started}ms\n`);
      }
    },
    { step: 'initialize', name: 'mycopilotTrace' },
  );
}
