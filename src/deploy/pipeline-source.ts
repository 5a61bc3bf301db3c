// The manifest's `source:` as the pipeline stack needs it: repository URLs in the forms people paste (https,
// ssh, owner/repo, CodeCommit's clone and console URLs) turned into the ids the source actions take, and the
// connection to use. A repository that cannot be parsed still packages, with a warning, so an unfinished
// manifest can be looked at; the deploy would fail at the source action.
import type { PipelineManifest } from '../manifest/schemas';
import { RenderError } from '../stack/inputs';
import { connectionName, PipelineConnection, PipelineSource } from '../stack/pipeline';

export interface SourceResolution {
  source: PipelineSource;
  /** Problems worth a warning, with the manifest path they are about. */
  warnings: { path: (string | number)[]; message: string }[];
}

const REPOSITORY = ['source', 'properties', 'repository'];

/** `owner/repo` of a GitHub or Bitbucket URL (https, ssh, with or without .git), or of `owner/repo` itself. */
export function ownerRepo(url: string, host: 'github.com' | 'bitbucket.org'): string | undefined {
  const text = url
    .trim()
    .replace(/\.git$/, '')
    .replace(/\/+$/, '');
  const escaped = host.replace('.', '\\.');
  const m =
    text.match(new RegExp(`^(?:https?://)?(?:[^@/]+@)?${escaped}[/:]([^/]+)/([^/]+)$`)) ??
    text.match(/^git@[^:]+:([^/]+)\/([^/]+)$/) ??
    text.match(/^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/);
  return m ? `${m[1]}/${m[2]}` : undefined;
}

/** Repository name of a CodeCommit clone URL (https, grc), console URL, or a bare name. */
export function codeCommitRepository(url: string): string | undefined {
  const text = url.trim().replace(/\/+$/, '');
  const m =
    text.match(/\/v1\/repos\/([^/?#]+)$/) ??
    text.match(/^codecommit:(?::[a-z0-9-]+:)?\/\/(?:[^@/]+@)?([^/?#]+)$/) ??
    text.match(/\/codecommit\/repositories\/([^/?#]+)/) ??
    text.match(/^([A-Za-z0-9_.-]{1,100})$/);
  return m ? m[1] : undefined;
}

export function resolveSource(manifest: PipelineManifest): SourceResolution {
  const { provider, properties } = manifest.source;
  const branch = properties.branch ?? 'main';
  const warnings: SourceResolution['warnings'] = [];
  const outputFormat = properties.output_artifact_format;

  if (provider === 'CodeCommit') {
    for (const key of ['connection_name', 'connection_arn'] as const) {
      if (properties[key] !== undefined) {
        warnings.push({ path: ['source', 'properties', key], message: 'is ignored: CodeCommit needs no connection' });
      }
    }
    let name = codeCommitRepository(properties.repository);
    if (!name) {
      throw new RenderError(
        REPOSITORY,
        `"${properties.repository}" is not a CodeCommit repository URL or name`,
        'e.g. https://git-codecommit.us-west-2.amazonaws.com/v1/repos/shop',
      );
    }
    name = decodeURIComponent(name);
    return { source: { provider, repositoryName: name, branch, outputFormat }, warnings };
  }

  const host = provider === 'Bitbucket' ? 'bitbucket.org' : 'github.com';
  let id = ownerRepo(properties.repository, host);
  if (!id) {
    warnings.push({
      path: REPOSITORY,
      message: `"${properties.repository}" is not a ${provider === 'Bitbucket' ? 'Bitbucket' : 'GitHub'} repository URL or owner/repo: the source action will not find it`,
    });
    id = properties.repository;
  }

  if (provider === 'GitHubV1') {
    const [owner = id, repo = id] = id.split('/');
    return {
      source: { provider, owner, repo, branch, tokenSecret: properties.access_token_secret ?? '' },
      warnings,
    };
  }

  if (properties.connection_name !== undefined && properties.connection_arn !== undefined) {
    throw new RenderError(
      ['source', 'properties', 'connection_arn'],
      'give connection_name or connection_arn, not both',
      'connection_arn names the connection exactly; connection_name is looked up when the pipeline deploys.',
    );
  }
  let connection: PipelineConnection;
  if (properties.connection_arn !== undefined) {
    if (
      !/^arn:aws[a-z-]*:(codestar-connections|codeconnections):[a-z0-9-]+:\d{12}:connection\/.+/.test(
        properties.connection_arn,
      )
    ) {
      throw new RenderError(
        ['source', 'properties', 'connection_arn'],
        `"${properties.connection_arn}" is not a connection ARN`,
        'e.g. arn:aws:codestar-connections:us-west-2:123456789012:connection/0a1b2c3d-...',
      );
    }
    connection = { kind: 'arn', arn: properties.connection_arn };
  } else if (properties.connection_name !== undefined) {
    connection = { kind: 'named', name: properties.connection_name };
  } else {
    connection = { kind: 'create', name: connectionName(id) };
  }
  return { source: { provider, repositoryId: id, branch, connection, outputFormat }, warnings };
}
