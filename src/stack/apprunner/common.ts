// What both Request-Driven Web Service targets (App Runner, ECS Express Mode) share: the stack's parameters and
// tags, the image, the environment variables and the subnets the manifest asks for.
import type { RequestDrivenWebService } from '../../manifest/schemas';
import type { PathSegment } from '../../manifest/node';
import { importFromEnv } from '../exports';
import { RenderError, RenderWarnings, RequestDrivenWebServiceInput } from '../inputs';
import { subnetId } from '../environment/ids';
import { repositoryName, serviceDiscoveryNamespace, workloadTags } from '../naming';
import { ImportValue, Parameter, Ref, Split, Sub, Value } from '../template';

export type Manifest = RequestDrivenWebService;

/** The parameters every workload stack has; `importFromEnv` reads AppName and EnvName. */
export const STACK_PARAMETERS: Record<string, Parameter> = {
  AppName: { Type: 'String', Description: 'Name of the application.' },
  EnvName: { Type: 'String', Description: 'Name of the environment.' },
  WorkloadName: { Type: 'String', Description: 'Name of the service.' },
};

export function parameterValues(input: RequestDrivenWebServiceInput): Record<string, string> {
  return { AppName: input.app, EnvName: input.env, WorkloadName: input.name };
}

/**
 * Existing resources the manifest names by ID (subnets, a VPC endpoint), as stack parameters whose values are the
 * manifest's: CloudFormation checks the typed ones at deploy, and the template is the same whatever the IDs are.
 */
export class ImportedParameters {
  readonly definitions: Record<string, Parameter> = {};
  readonly values: Record<string, string> = {};

  /** Declares the parameter and returns its `Ref`. */
  add(name: string, definition: Parameter, value: string): Value {
    this.definitions[name] = definition;
    this.values[name] = value;
    return Ref(name);
  }
}

export const IMPORTED_PARAMETERS = {
  /** `network.vpc.placement.subnets` given as IDs. */
  placementSubnets: 'ImportedPlacementSubnetIds',
  /** `http.private.endpoint`. */
  vpcEndpoint: 'ImportedVpcEndpointId',
} as const;

/** Stack tags (CloudFormation propagates them to every resource): the manifest's, then Copilot's, which win. */
export function stackTags(input: RequestDrivenWebServiceInput): Record<string, string> {
  return { ...(input.manifest.tags ?? {}), ...workloadTags(input.app, input.env, input.name) };
}

// ---- image ----

export type Registry = 'ecr' | 'ecr-public' | 'other';

export interface ServiceImage {
  /** The image reference the service runs. */
  identifier: Value;
  registry: Registry;
}

const ECR_PRIVATE = /^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\//;
const ECR_PUBLIC = /^public\.ecr\.aws\//;

/**
 * A built image is pushed to the workload's ECR repository and referenced by digest when the push reported one
 * (a tag can move; a digest cannot). `package` without a build has no image yet and renders `:latest`.
 */
export function serviceImage(input: RequestDrivenWebServiceInput): ServiceImage {
  const image = input.manifest.image;
  if (!image) throw new RenderError(['image'], 'a Request-Driven Web Service needs `image` (build or location)');
  if (image.location !== undefined) {
    const registry: Registry = ECR_PRIVATE.test(image.location)
      ? 'ecr'
      : ECR_PUBLIC.test(image.location)
        ? 'ecr-public'
        : 'other';
    return { identifier: image.location, registry };
  }
  const built = input.images[input.name];
  const reference = built?.digest ? `@${built.digest}` : `:${built?.tag ?? 'latest'}`;
  const repository = repositoryName(input.app, input.name);
  return {
    identifier: Sub(`\${AWS::AccountId}.dkr.ecr.\${AWS::Region}.\${AWS::URLSuffix}/${repository}${reference}`),
    registry: 'ecr',
  };
}

// ---- environment variables ----

export interface NameValue {
  Name: string;
  Value: Value;
}

/**
 * The variables Copilot gave every service (so existing code keeps reading them), then the manifest's in name
 * order. A manifest variable with a built-in's name replaces it.
 */
export function environmentVariables(input: RequestDrivenWebServiceInput, extra: NameValue[]): NameValue[] {
  const builtIn: NameValue[] = [
    { Name: 'COPILOT_APPLICATION_NAME', Value: Ref('AppName') },
    { Name: 'COPILOT_ENVIRONMENT_NAME', Value: Ref('EnvName') },
    { Name: 'COPILOT_SERVICE_NAME', Value: Ref('WorkloadName') },
    ...extra,
  ];
  const variables = input.manifest.variables ?? {};
  const own: NameValue[] = Object.keys(variables)
    .sort()
    .map((name) => {
      const value = variables[name];
      return { Name: name, Value: typeof value === 'string' ? value : ImportValue(value.from_cfn) };
    });
  const ownNames = new Set(own.map((v) => v.Name));
  return [...builtIn.filter((v) => !ownNames.has(v.Name)), ...own];
}

/** Where services of the environment answer by name (Cloud Map namespace), for code that calls them. */
export function serviceDiscoveryVariable(input: RequestDrivenWebServiceInput): NameValue {
  return { Name: 'COPILOT_SERVICE_DISCOVERY_ENDPOINT', Value: serviceDiscoveryNamespace(input.app, input.env) };
}

// ---- network ----

const PLACEMENT: PathSegment[] = ['network', 'vpc', 'placement'];

/** The environment's private subnets, as the list a subnet property takes. */
export const privateSubnets = () => Split(',', importFromEnv('PrivateSubnets'));
export const publicSubnets = () => Split(',', importFromEnv('PublicSubnets'));

/**
 * The subnets `network.vpc.placement` names, or undefined when the manifest does not connect the service to the
 * VPC. Tag filters would need a DescribeSubnets call, which a builder cannot make. Subnet IDs are the parameter
 * ImportedPlacementSubnetIds; those that do not look like subnet IDs (a placeholder, a typo) are passed as written,
 * with a warning at their manifest path.
 */
export function placementSubnets(
  manifest: Manifest,
  warnings: RenderWarnings,
  imported: ImportedParameters,
): Value | undefined {
  const placement = manifest.network?.vpc?.placement;
  if (placement === undefined) return undefined;
  if (placement === 'private') return privateSubnets();
  if (placement === 'public') {
    // The schema refuses it; kept exhaustive for the type.
    throw new RenderError(PLACEMENT, 'placement "public" is not supported here: use private or subnets');
  }
  const subnets = placement.subnets;
  if (Array.isArray(subnets)) {
    const ids = subnets.map((id, i) => {
      const path = [...PLACEMENT, 'subnets', i];
      // The parameter's value is split on commas: a comma in an ID would make two of it.
      if (id.includes(',')) throw new RenderError(path, `"${id}" cannot contain a comma`);
      return subnetId(id, path, warnings);
    });
    return imported.add(
      IMPORTED_PARAMETERS.placementSubnets,
      {
        Type: 'List<AWS::EC2::Subnet::Id>',
        Description: 'IDs of the existing subnets the service connects to (network.vpc.placement.subnets).',
      },
      ids.join(','),
    );
  }
  throw new RenderError(
    [...PLACEMENT, 'subnets', 'from_tags'],
    'subnets chosen by tags are not supported for a Request-Driven Web Service',
    'list the subnet IDs under `placement.subnets`',
  );
}
