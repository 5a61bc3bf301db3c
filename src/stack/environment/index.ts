// Builds the environment stack `<app>-<env>`: the network, the ECS cluster and the parts its workloads share
// (load balancers, CDN, EFS, NAT, EC2 capacity). Pure: the same input gives the same object and the same YAML.
import { EnvironmentStackInput, RenderWarnings } from '../inputs';
import { environmentStackName, environmentTags } from '../naming';
import { Ref } from '../template';
import type { RenderedStack, Template } from '../template';
import { addAccessLogsBucket } from './access-logs';
import { certificateAliases } from '../app-domain';
import { addAppDomain, AppDnsValues, appCertificateCondition, ENV_CERTIFICATE } from './app-domain';
import { addCdn, useIssuedCdnCertificate } from './cdn';
import { addCluster } from './cluster';
import { addEc2Capacity } from './ec2-capacity';
import { addFileSystem } from './efs';
import { addFlowLogs } from './flow-logs';
import { resolveHttp } from './http-plan';
import { addInternalLoadBalancer, addPublicLoadBalancer } from './load-balancers';
import { addVpc } from './network';
import { resolveNetwork } from './network-plan';
import { addOutputs } from './outputs';
import { addBaseParameters, CONDITION, notEmpty, PARAM, workloadList } from './parameters';
import { EnvContext, StackParts, Switches } from './parts';
import {
  addEnvironmentSecurityGroup,
  addInternalAlbSecurityGroup,
  addPublicAlbSecurityGroups,
} from './security-groups';

export { PARAM as ENVIRONMENT_PARAMETERS, CONDITION as ENVIRONMENT_CONDITIONS } from './parameters';
export { EPHEMERAL_PORTS } from './ec2-capacity';

/**
 * Facts only a live lookup can give; the deploy reads them before rendering. They fill parameters and never
 * change the template. Without them, CloudFrontOriginPrefixListId has no value (CloudFormation then refuses
 * the deploy, loudly) and Aliases is empty (CloudFront answers for the static-assets alias only).
 */
export interface EnvironmentLookups {
  /** ID of the region's `com.amazonaws.global.cloudfront.origin-facing` managed prefix list (ec2:DescribeManagedPrefixLists). */
  cloudFrontPrefixListId?: string;
  /** Domain names (`http.alias`) of the environment's public workloads, for CloudFront to answer (with `cdn.certificate`). */
  cdnAliases?: string[];
  /** The application's domain and its zones (deploy, from the application's record and stack); empty offline. */
  appDns?: AppDnsValues;
  /** ARN of the certificate mycopilot issued for the static-assets alias (deploy, from its us-east-1 stack). */
  cdnCertificateArn?: string;
}

/** ACM's default quota of domain names per certificate. */
const ACM_DEFAULT_NAMES = 10;

/** The environment's certificate names its domain, its wildcard and the aliases the wildcard does not cover. */
function warnCertificateSize(warnings: RenderWarnings, names: number): void {
  if (names <= ACM_DEFAULT_NAMES) return;
  warnings.add({
    path: [],
    value: String(names),
    message: `the environment's certificate would name ${names} domain names, and ACM allows ${ACM_DEFAULT_NAMES} by default`,
    hint: 'ask for a higher "Domain names per ACM certificate" quota, or use aliases under *.<env>.<app>.<domain>, which the wildcard covers',
  });
}

/**
 * Throws RenderError (with the manifest path) for what the manifest asks but cannot be rendered. Imported IDs and
 * ARNs (VPC, subnets, certificates, buckets) are parameters whose values, in `parameters`, are the manifest's: the
 * template is the same whatever they are. Those that do not look well-formed are passed as written and returned as
 * `warnings`.
 */
export function buildEnvironmentStack(input: EnvironmentStackInput, lookups: EnvironmentLookups = {}): RenderedStack {
  const { app, env, manifest, needs } = input;
  const parts = new StackParts();
  addBaseParameters(parts, input);

  const warnings = new RenderWarnings();
  const network = resolveNetwork(manifest, warnings, parts);
  const http = resolveHttp(manifest, network, needs, warnings, parts);
  const ec2 = manifest.capacity?.ec2;
  const switches: Switches = {
    alb: http.public ? parts.condition(CONDITION.alb, notEmpty(PARAM.albWorkloads)) : undefined,
    internalAlb: http.internal
      ? parts.condition(CONDITION.internalAlb, notEmpty(PARAM.internalAlbWorkloads))
      : undefined,
    efs: parts.condition(CONDITION.efs, notEmpty(PARAM.efsWorkloads)),
    // An imported VPC's routing is its owner's. Container instances in private subnets need NAT to reach ECS at
    // all, whichever workloads run; otherwise NAT follows the workloads that ask for it.
    nat: network.imported
      ? undefined
      : ec2 && (ec2.placement ?? 'private') === 'private'
        ? true
        : parts.condition(CONDITION.nat, notEmpty(PARAM.natWorkloads)),
  };
  const ctx: EnvContext = { app, env, manifest, network, http, switches, parts };
  if (input.appDomain) {
    const delegateDns = addAppDomain(ctx, input.appDomain, input.publicAliases ?? [], lookups.appDns);
    warnCertificateSize(warnings, 2 + certificateAliases(input.publicAliases ?? [], app, env, input.appDomain).size);
    // Certificates the manifest imports serve the HTTPS listener when it has some.
    if (http.public && switches.alb && http.public.certificates.length === 0) {
      http.public.appCertificate = {
        arn: Ref(ENV_CERTIFICATE),
        condition: appCertificateCondition(ctx, switches.alb, delegateDns),
      };
    }
  }

  addVpc(ctx);
  addFlowLogs(ctx);
  addCluster(ctx);
  addEnvironmentSecurityGroup(ctx);
  if (http.public && switches.alb) {
    if (http.public.cdnOnly) {
      parts.parameter(
        PARAM.cloudFrontPrefixList,
        { Type: 'String', Description: 'ID of the CloudFront origin-facing managed prefix list of the region.' },
        lookups.cloudFrontPrefixListId,
      );
    }
    addAccessLogsBucket(ctx, http.public, switches.alb);
    addPublicAlbSecurityGroups(ctx, http.public, switches.alb);
    addPublicLoadBalancer(ctx, http.public, http.cdn, switches.alb);
    if (http.cdn?.staticAssets?.alias && !http.cdn.certificate) {
      useIssuedCdnCertificate(ctx, http.cdn, input.appDomain, lookups.cdnCertificateArn);
    }
    if (http.cdn) addCdn(ctx, http.cdn, switches.alb, lookups.cdnAliases && workloadList(lookups.cdnAliases));
  }
  if (http.internal && switches.internalAlb) {
    addInternalAlbSecurityGroup(ctx, http.internal.certificates, http.internal.fromVpc, switches.internalAlb);
    addInternalLoadBalancer(ctx, http.internal, switches.internalAlb);
  }
  addFileSystem(ctx, switches.efs);
  if (ec2) addEc2Capacity(ctx, ec2);
  addOutputs(ctx);

  const template: Template = {
    AWSTemplateFormatVersion: '2010-09-09',
    Description:
      'mycopilot environment: the network, cluster and shared resources of the workloads of one environment.',
    Parameters: parts.parameters,
    ...(Object.keys(parts.mappings).length > 0 ? { Mappings: parts.mappings } : {}),
    Conditions: parts.conditions,
    Resources: parts.resources,
    Outputs: parts.outputs,
  };
  return warnings.attach({
    stackName: environmentStackName(app, env),
    template,
    parameters: parts.parameterValues,
    tags: environmentTags(app, env),
  });
}
