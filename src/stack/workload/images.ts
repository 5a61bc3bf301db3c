// Container images. A built image is pushed by the deploy to the workload's ECR repository
// (`<app>/<name>`, Copilot's) and referenced by digest when the deploy knows it, by tag otherwise.
// Built sidecars go to the same repository under the tag `<tag>-<sidecar>` (one repository per workload, as
// Copilot had, so no extra repository has to be created or cleaned up). An image `location` is used as is.
import { RenderError } from '../inputs';
import { repositoryName } from '../naming';
import { Equals, If, Not, Ref, Sub } from '../template';
import type { Value } from '../template';
import { localArn, logicalIdSafe, subLiteral } from './parts';
import type { Workload } from './workload';

export const IMAGE_TAG = 'ImageTag';

/** Where a container's image comes from, as the manifest says it. */
export type ImageSource = { build: true } | { location: string };

export interface ResolvedImage {
  image: Value;
  /** ARN of the ECR repository the execution role must be able to pull from, if any. */
  repositoryArn?: Value;
}

/** The tag every built image of this deploy carries: the main container's, else any built one's, else latest. */
function deployTag(w: Workload): string {
  const images = w.input.images;
  return images[w.name]?.tag ?? Object.values(images)[0]?.tag ?? 'latest';
}

/**
 * The Image of a container. `container` is the main container's name (the workload's) or a sidecar's;
 * the digest parameter is ImageDigest for the main container and ImageDigestFor<Sidecar> for a sidecar.
 */
export function resolveImage(w: Workload, container: string, source: ImageSource): ResolvedImage {
  if ('location' in source) return { image: source.location, repositoryArn: ecrRepositoryArn(source.location) };
  const parts = w.parts;
  const main = container === w.name;
  const digestParam = main ? 'ImageDigest' : `ImageDigestFor${logicalIdSafe(container)}`;
  if (!parts.parameters[IMAGE_TAG]) {
    parts.param(IMAGE_TAG, { Type: 'String', Description: 'Tag of the images built for this deploy.' }, deployTag(w));
  }
  parts.param(
    digestParam,
    {
      Type: 'String',
      Default: '',
      Description: `Digest (sha256:...) of the ${container} image pushed by this deploy; empty to use the tag.`,
    },
    w.input.images[container]?.digest ?? '',
  );
  const hasDigest = parts.condition(`Has${digestParam}`, Not(Equals(Ref(digestParam), '')));
  const repository = `\${AWS::AccountId}.dkr.ecr.\${AWS::Region}.\${AWS::URLSuffix}/${repositoryName(w.app, w.name)}`;
  const tag = main ? `\${${IMAGE_TAG}}` : `\${${IMAGE_TAG}}-${subLiteral(container)}`;
  return {
    image: If(hasDigest, Sub(`${repository}@\${${digestParam}}`), Sub(`${repository}:${tag}`)),
    repositoryArn: Sub(localArn('ecr', `repository/${repositoryName(w.app, w.name)}`)),
  };
}

const ECR_IMAGE = /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([^:@]+)/;

/** The repository ARN of an image in a private ECR registry, so that pulling it can be allowed precisely. */
export function ecrRepositoryArn(location: string): Value | undefined {
  const m = ECR_IMAGE.exec(location);
  if (!m) return undefined;
  const [, account, region, repository] = m;
  return Sub(`arn:\${AWS::Partition}:ecr:${region}:${account}:repository/${subLiteral(repository)}`);
}

/** The image source of the main container; every ECS workload needs one. */
export function mainImageSource(w: Workload): ImageSource {
  const image = w.manifest.image;
  if (image?.location) return { location: image.location };
  if (image?.build !== undefined) return { build: true };
  throw new RenderError(['image'], `${w.name} has no image`, 'set `image.build` (a Dockerfile) or `image.location`');
}
