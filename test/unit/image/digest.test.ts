// Digests read from what each engine prints (or writes) when it pushes.
import {
  dockerPushDigest,
  nerdctlPushDigest,
  podmanDigestFile,
  pushDigestFromOutput,
  tagOf,
} from '../../../src/image/digest';

const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;
const C = `sha256:${'c'.repeat(64)}`;

const DOCKER_PUSH = [
  'The push refers to repository [123456789012.dkr.ecr.us-west-2.amazonaws.com/shop/api]',
  '5f70bf18a086: Preparing',
  'd4363a8ca37e: Pushed',
  `abc1234: digest: ${A} size: 528`,
];

// nerdctl (under finch) logs what it pushes, then progress lines per blob.
const FINCH_PUSH = [
  `INFO[0000] pushing as a reduced-platform image (application/vnd.docker.distribution.manifest.v2+json, ${B})`,
  `manifest-${B}: done           |++++++++++++++++++++++++++++++++++++++|`,
  `config-${C}:   done           |++++++++++++++++++++++++++++++++++++++|`,
  'elapsed: 0.5 s                                                                    total:  1.9 Ki (3.8 KiB/s)',
];

describe('docker', () => {
  it('reads "<tag>: digest: sha256:… size: …"', () => {
    expect(dockerPushDigest(DOCKER_PUSH, 'abc1234')).toBe(A);
    expect(
      pushDigestFromOutput('docker', DOCKER_PUSH, '123456789012.dkr.ecr.us-west-2.amazonaws.com/shop/api:abc1234'),
    ).toBe(A);
  });

  it("prefers the pushed tag's line when several tags were pushed", () => {
    const lines = [`latest: digest: ${B} size: 528`, `abc1234: digest: ${A} size: 528`, `other: digest: ${C} size: 1`];
    expect(dockerPushDigest(lines, 'abc1234')).toBe(A);
    expect(dockerPushDigest(lines, 'latest')).toBe(B);
  });

  it('finds nothing in output without a digest line', () => {
    expect(
      dockerPushDigest(['The push refers to repository [x]', 'denied: requested access to the resource is denied']),
    ).toBeUndefined();
    expect(dockerPushDigest([`abc: digest: sha256:short size: 1`])).toBeUndefined();
  });
});

describe('finch (nerdctl)', () => {
  it('reads the digest of the reduced-platform image it pushes', () => {
    expect(nerdctlPushDigest(FINCH_PUSH)).toBe(B);
    expect(pushDigestFromOutput('finch', FINCH_PUSH, 'r/a:t')).toBe(B);
  });

  it('reads logrus text format too', () => {
    const line = `time="2026-01-01T00:00:00Z" level=info msg="pushing as a reduced-platform image (application/vnd.oci.image.index.v1+json, ${C})"`;
    expect(nerdctlPushDigest([line])).toBe(C);
  });

  it('falls back to the index line, then to the only manifest line', () => {
    expect(
      nerdctlPushDigest([`index-${C}: done |+++|`, `manifest-${A}: done |+++|`, `manifest-${B}: done |+++|`]),
    ).toBe(C);
    expect(
      nerdctlPushDigest([`manifest-${A}: waiting |---|`, `manifest-${A}: done |+++|`, `config-${B}: done |+++|`]),
    ).toBe(A);
    expect(nerdctlPushDigest([`manifest-${A}: done |+++|`, `manifest-${B}: done |+++|`])).toBeUndefined();
  });

  it('accepts docker-style output from a docker-compatible finch', () => {
    expect(pushDigestFromOutput('finch', DOCKER_PUSH, 'r/a:abc1234')).toBe(A);
  });
});

describe('podman', () => {
  it('reads the digest file, and ignores its "Writing manifest" output', () => {
    expect(podmanDigestFile(`${A}\n`)).toBe(A);
    expect(podmanDigestFile('')).toBeUndefined();
    expect(podmanDigestFile('Writing manifest to image destination')).toBeUndefined();
    expect(
      pushDigestFromOutput('podman', ['Copying blob sha256:abc', 'Writing manifest to image destination'], 'r/a:t'),
    ).toBeUndefined();
  });
});

it('tagOf reads the tag of a reference, not a registry port', () => {
  expect(tagOf('127.0.0.1:5000/shop/api:abc')).toBe('abc');
  expect(tagOf('127.0.0.1:5000/shop/api')).toBeUndefined();
  expect(tagOf(`r/a@${A}`)).toBeUndefined();
});
