// The application's own stack, `<app>-infrastructure`, one per Region it deploys to: an ECR repository per
// workload that builds images, and the artifact bucket that holds large templates and env files. With a domain
// (`app init --domain D`), also the application's hosted zone `<app>.<D>`, delegated from D's zone by an NS record
// there; environments delegate their own zones from it.
import { dnsName } from './app-domain';
import { GetAtt, privateBucketProperties, Ref, RenderedStack, resource, Sub, Template } from './template';
import { logicalIdSafe, TAG_APP } from './naming';

export interface ApplicationStackInput {
  app: string;
  /** Workloads with an ECR repository (those whose images are built), any order. */
  workloads: string[];
  /** Images kept per repository; older ones are expired. */
  keepImages?: number;
  /** The application's domain D and the ID of D's public hosted zone (in this account). */
  domain?: { name: string; hostedZoneId: string };
}

/** Outputs of the application stack with a domain. */
export const APP_DOMAIN_OUTPUTS = { zoneId: 'AppHostedZoneID', dnsName: 'AppDNSName' } as const;

/** The parameter of the application stack that names D's hosted zone. */
export const DOMAIN_HOSTED_ZONE_PARAMETER = 'DomainHostedZoneID';

export function applicationStackName(app: string): string {
  return `${app}-infrastructure`;
}

/** Logical ID of a workload's repository: letters and digits only. */
export function repositoryLogicalId(workload: string): string {
  return `ECRRepo${logicalIdSafe(workload)}`;
}

/** Workloads that have a repository in a deployed application stack, read from its `ECRRepo<name>Uri` outputs. */
export function repositoriesInStack(app: string, outputs: Record<string, string>): string[] {
  return Object.entries(outputs)
    .filter(([key, uri]) => /^ECRRepo.+Uri$/.test(key) && uri.includes(`/${app}/`))
    .map(([, uri]) => uri.slice(uri.indexOf(`/${app}/`) + app.length + 2))
    .sort();
}

export function buildApplicationStack(input: ApplicationStackInput): RenderedStack {
  const keep = input.keepImages ?? 30;
  const lifecycle = {
    rules: [
      {
        rulePriority: 1,
        description: `Keep the last ${keep} images`,
        selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: keep },
        action: { type: 'expire' },
      },
    ],
  };
  const resources: Template['Resources'] = {
    ArtifactBucket: resource(
      'AWS::S3::Bucket',
      'Bucket for large templates and env files',
      {
        ...privateBucketProperties(),
        LifecycleConfiguration: {
          Rules: [{ Id: 'ExpireTemplates', Status: 'Enabled', Prefix: 'manual/templates/', ExpirationInDays: 30 }],
        },
      },
      { DeletionPolicy: 'Delete' },
    ),
    ArtifactBucketPolicy: resource('AWS::S3::BucketPolicy', 'Artifact bucket policy: TLS only', {
      Bucket: Ref('ArtifactBucket'),
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'TLSOnly',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: [GetAtt('ArtifactBucket', 'Arn'), Sub('${ArtifactBucket.Arn}/*')],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      },
    }),
  };
  const outputs: Template['Outputs'] = {
    ArtifactBucketName: { Description: 'Artifact bucket', Value: Ref('ArtifactBucket') },
  };
  const parameters: Template['Parameters'] = {};
  const parameterValues: Record<string, string> = {};
  if (input.domain) {
    const zoneName = `${input.app}.${dnsName(input.domain.name)}`;
    parameters[DOMAIN_HOSTED_ZONE_PARAMETER] = {
      Type: 'String',
      Description: `ID of the public hosted zone of ${input.domain.name}, the application's domain.`,
    };
    parameterValues[DOMAIN_HOSTED_ZONE_PARAMETER] = input.domain.hostedZoneId;
    resources.AppHostedZone = resource('AWS::Route53::HostedZone', `The hosted zone ${zoneName} of the application`, {
      Name: zoneName,
      HostedZoneConfig: { Comment: `Hosted zone of mycopilot application ${input.app}` },
      HostedZoneTags: [{ Key: TAG_APP, Value: input.app }],
    });
    resources.AppDomainDelegationRecordSet = resource(
      'AWS::Route53::RecordSet',
      `The delegation of ${zoneName} from ${input.domain.name}`,
      {
        HostedZoneId: Ref(DOMAIN_HOSTED_ZONE_PARAMETER),
        Name: zoneName,
        Type: 'NS',
        TTL: '900',
        ResourceRecords: GetAtt('AppHostedZone', 'NameServers'),
      },
    );
    outputs[APP_DOMAIN_OUTPUTS.zoneId] = {
      Description: `ID of the hosted zone ${zoneName}`,
      Value: Ref('AppHostedZone'),
    };
    outputs[APP_DOMAIN_OUTPUTS.dnsName] = { Description: "The application's DNS name", Value: zoneName };
  }
  for (const workload of [...input.workloads].sort()) {
    const id = repositoryLogicalId(workload);
    resources[id] = resource('AWS::ECR::Repository', `Image repository of ${workload}`, {
      RepositoryName: `${input.app}/${workload}`,
      // A repository is emptied when the application or workload is deleted; the CLI asks first.
      EmptyOnDelete: true,
      ImageScanningConfiguration: { ScanOnPush: true },
      // Tags are immutable except `latest`, which each deploy moves.
      ImageTagMutability: 'IMMUTABLE_WITH_EXCLUSION',
      ImageTagMutabilityExclusionFilters: [
        { ImageTagMutabilityExclusionFilterType: 'WILDCARD', ImageTagMutabilityExclusionFilterValue: 'latest' },
      ],
      LifecyclePolicy: { LifecyclePolicyText: JSON.stringify(lifecycle) },
      Tags: [{ Key: TAG_APP, Value: input.app }],
    });
    outputs[`${id}Uri`] = { Description: `Repository URI of ${workload}`, Value: GetAtt(id, 'RepositoryUri') };
  }
  return {
    stackName: applicationStackName(input.app),
    template: {
      AWSTemplateFormatVersion: '2010-09-09',
      Description: `mycopilot application ${input.app}: image repositories and artifact bucket.`,
      ...(Object.keys(parameters).length > 0 ? { Parameters: parameters } : {}),
      Resources: resources,
      Outputs: outputs,
    },
    parameters: parameterValues,
    tags: { [TAG_APP]: input.app },
  };
}
