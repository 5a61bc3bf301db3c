// The files a Static Site deploy uploads, from the manifest's `files`: which local file goes to which object key.
// Only directory listing goes through the injected reader, so tests use an in-memory tree and the deploy the
// real file system; reading and uploading the contents is the deploy's job.
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { StaticSite } from '../../manifest/schemas';
import { RenderError } from '../inputs';
import { contentType } from './content-type';
import { relativePattern, uploadFilter } from './glob';

export interface SiteFile {
  /** Path of the local file: the workspace root joined with the path under it. */
  source: string;
  /** Object key in the site bucket (never starts with `/`). */
  key: string;
  contentType: string;
}

export interface DirectoryReader {
  /** What is at `p`, following symbolic links; undefined when nothing is. */
  kind(p: string): 'file' | 'directory' | undefined;
  /** Names of the entries of directory `p`. */
  list(p: string): string[];
}

export const localDirectories: DirectoryReader = {
  kind(p) {
    try {
      const s = statSync(p);
      return s.isDirectory() ? 'directory' : s.isFile() ? 'file' : undefined;
    } catch {
      return undefined;
    }
  },
  list: (p) => readdirSync(p),
};

/** Deeper than this is a symbolic link loop, not a site. */
const MAX_DEPTH = 64;

type Upload = NonNullable<StaticSite['files']>[number];

const asList = (v: string | string[] | undefined): string[] => (v === undefined ? [] : typeof v === 'string' ? [v] : v);

/** A key from slash-separated parts: `.` and empty parts dropped, no leading slash (CloudFront serves `/k` from `k`). */
function objectKey(...parts: string[]): string {
  const joined = path.posix.normalize(parts.filter((p) => p !== '').join('/'));
  return joined.replace(/^(\.\/|\/)+/, '').replace(/^\.$/, '');
}

/** Workspace-relative path with forward slashes, as patterns are written. */
function slashed(p: string): string {
  return p.split(path.sep).join('/');
}

function filesOf(upload: Upload, index: number, workspaceRoot: string, reader: DirectoryReader): SiteFile[] {
  const relSource = path.normalize(upload.source);
  // No trailing separator (`./` joins to `root/`), so listed paths and the reader's keys agree.
  const root = path.join(workspaceRoot, relSource).replace(/(.)[\\/]+$/, '$1');
  const destination = upload.destination ?? '';
  const kind = reader.kind(root);

  if (kind === undefined) {
    throw new RenderError(['files', index, 'source'], `"${upload.source}" does not exist in the workspace`);
  }
  // Patterns apply to paths inside the source directory (for a single file: inside the directory holding it).
  const sourceDir = objectKey(slashed(kind === 'file' ? path.dirname(relSource) : relSource));
  const patterns = (list: string | string[] | undefined) => asList(list).map((p) => relativePattern(p, sourceDir));
  const keep = uploadFilter(patterns(upload.exclude), patterns(upload.reinclude));

  if (kind === 'file') {
    const name = path.basename(root);
    if (!keep(name)) return [];
    // A single file goes to `destination` itself (Copilot's reading), else to its name at the root.
    const key = objectKey(destination) || name;
    return [{ source: root, key, contentType: contentType(name) }];
  }

  const recursive = upload.recursive ?? true;
  const found: SiteFile[] = [];
  const walk = (dir: string, below: string, depth: number) => {
    if (depth > MAX_DEPTH) {
      throw new RenderError(['files', index, 'source'], `"${upload.source}" nests deeper than ${MAX_DEPTH} levels`);
    }
    for (const name of [...reader.list(dir)].sort()) {
      const full = path.join(dir, name);
      const rel = below === '' ? name : `${below}/${name}`;
      const what = reader.kind(full);
      if (what === 'directory') {
        if (recursive) walk(full, rel, depth + 1);
      } else if (what === 'file' && keep(rel)) {
        found.push({ source: full, key: objectKey(destination, rel), contentType: contentType(name) });
      }
    }
  };
  walk(root, '', 0);
  return found;
}

/**
 * Every file to upload, by key. When two entries of `files` give the same key, the later one wins, as it would
 * when uploaded in order.
 */
export function listSiteFiles(
  manifest: StaticSite,
  workspaceRoot: string,
  reader: DirectoryReader = localDirectories,
): SiteFile[] {
  const byKey = new Map<string, SiteFile>();
  (manifest.files ?? []).forEach((upload, i) => {
    for (const file of filesOf(upload, i, workspaceRoot, reader)) byKey.set(file.key, file);
  });
  return [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
