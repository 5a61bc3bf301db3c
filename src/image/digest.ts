// Reads the digest the registry stored from what a push printed. Not from `inspect`: podman's inspect reports a
// digest of its local copy, which differs from the pushed manifest's whenever the push recompresses layers.
import type { EngineName } from './engine';

const DIGEST = /^sha256:[0-9a-f]{64}$/;

/** The tag of an image reference (`repo:tag` → tag), undefined for a digest reference or none. */
export function tagOf(ref: string): string | undefined {
  if (ref.includes('@')) return undefined;
  const name = ref.slice(ref.lastIndexOf('/') + 1);
  const colon = name.lastIndexOf(':');
  return colon < 0 ? undefined : name.slice(colon + 1);
}

/** docker: `<tag>: digest: sha256:<hex> size: <bytes>`; the line for `tag` when several tags were pushed. */
export function dockerPushDigest(lines: readonly string[], tag?: string): string | undefined {
  let any: string | undefined;
  for (const line of lines) {
    const m = /^(\S+): digest: (sha256:[0-9a-f]{64}) size: \d+/.exec(line.trim());
    if (!m) continue;
    if (tag !== undefined && m[1] === tag) return m[2];
    any = m[2];
  }
  return any;
}

/**
 * finch (nerdctl): the log line `pushing as a reduced-platform image (<media type>, sha256:<hex>)` names what is
 * pushed; without it (all platforms pushed), the progress line of the index, else of the only manifest.
 */
export function nerdctlPushDigest(lines: readonly string[]): string | undefined {
  for (const line of lines) {
    const m = /pushing as a (?:reduced|single)-platform image \([^,]+, (sha256:[0-9a-f]{64})\)/.exec(line);
    if (m) return m[1];
  }
  const progress = (kind: string) => [
    ...new Set(
      lines.flatMap((l) => {
        const m = new RegExp(`^${kind}-(sha256:[0-9a-f]{64}):`).exec(l.trim());
        return m ? [m[1]] : [];
      }),
    ),
  ];
  const indexes = progress('index');
  if (indexes.length === 1) return indexes[0];
  const manifests = progress('manifest');
  return manifests.length === 1 ? manifests[0] : undefined;
}

/** podman: the file given to `push --digestfile` holds the digest alone. */
export function podmanDigestFile(content: string): string | undefined {
  const digest = content.trim();
  return DIGEST.test(digest) ? digest : undefined;
}

/** The pushed digest from the output of `<engine> push <ref>` (podman: see podmanDigestFile). */
export function pushDigestFromOutput(engine: EngineName, lines: readonly string[], ref: string): string | undefined {
  if (engine === 'finch') return nerdctlPushDigest(lines) ?? dockerPushDigest(lines, tagOf(ref));
  return dockerPushDigest(lines, tagOf(ref));
}
