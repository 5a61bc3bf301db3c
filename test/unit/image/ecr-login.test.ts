// ECR login: the token from a mocked GetAuthorizationToken is decoded, the registry host taken from the proxy
// endpoint (or MYCOPILOT_REGISTRY), and the password handed to the engine on stdin, nowhere else.
import { inspect } from 'node:util';
import { ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { mockClient } from 'aws-sdk-client-mock';
import { MycopilotError } from '../../../src/errors';
import { CliEngine } from '../../../src/image/cli-engine';
import { decodeAuthorizationToken, ecrCredentials, ecrLogin, registryHost } from '../../../src/image/ecr-login';
import { FakeRunner } from './fake-runner';

const ecrMock = mockClient(ECRClient);
const ecr = new ECRClient({ region: 'us-west-2' });
const PASSWORD = 'eyJwYXlsb2FkIjoiQUJDIiwidmVyc2lvbiI6IjIifQ==';
const TOKEN = Buffer.from(`AWS:${PASSWORD}`).toString('base64');
const ENDPOINT = 'https://123456789012.dkr.ecr.us-west-2.amazonaws.com';

beforeEach(() => {
  ecrMock.reset();
  ecrMock.on(GetAuthorizationTokenCommand).resolves({
    authorizationData: [
      { authorizationToken: TOKEN, proxyEndpoint: ENDPOINT, expiresAt: new Date('2026-12-01T00:00:00Z') },
    ],
  });
});

async function rejection(p: Promise<unknown>): Promise<MycopilotError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(MycopilotError);
  return e as MycopilotError;
}

describe('ecrCredentials', () => {
  it('decodes AWS:<password> and takes the registry host from the proxy endpoint', async () => {
    const c = await ecrCredentials(ecr, {});
    expect(c.registry).toBe('123456789012.dkr.ecr.us-west-2.amazonaws.com');
    expect(c.username).toBe('AWS');
    expect(c.password).toBe(PASSWORD);
    expect(ecrMock.commandCalls(GetAuthorizationTokenCommand)).toHaveLength(1);
  });

  it('keeps the password out of logs and JSON of the credentials', async () => {
    const c = await ecrCredentials(ecr, {});
    expect(JSON.stringify(c)).not.toContain(PASSWORD);
    expect(inspect(c)).not.toContain(PASSWORD);
  });

  it('pushes to MYCOPILOT_REGISTRY instead when it is set (a local registry behind an emulator)', async () => {
    expect((await ecrCredentials(ecr, { MYCOPILOT_REGISTRY: '127.0.0.1:5000' })).registry).toBe('127.0.0.1:5000');
    expect((await ecrCredentials(ecr, { MYCOPILOT_REGISTRY: 'http://127.0.0.1:5001/' })).registry).toBe(
      '127.0.0.1:5001',
    );
  });

  it('fails clearly when ECR returns no authorization data', async () => {
    ecrMock.on(GetAuthorizationTokenCommand).resolves({ authorizationData: [] });
    const err = await rejection(ecrCredentials(ecr, {}));
    expect(err.code).toBe('IMAGE');
    expect(err.message).toBe('ECR returned no authorization data for the registry.');
  });

  it('fails without quoting a token that does not decode to user:password', async () => {
    const bad = Buffer.from('no-colon-here-secret').toString('base64');
    ecrMock
      .on(GetAuthorizationTokenCommand)
      .resolves({ authorizationData: [{ authorizationToken: bad, proxyEndpoint: ENDPOINT }] });
    const err = await rejection(ecrCredentials(ecr, {}));
    expect(err.message).toMatch(/not base64 of "user:password"/);
    expect(`${err.message}${err.hint}`).not.toMatch(/secret|no-colon/);
  });

  it('wraps an SDK failure as an AWS error with a hint', async () => {
    ecrMock.on(GetAuthorizationTokenCommand).rejects(
      Object.assign(new Error('User is not authorized to perform: ecr:GetAuthorizationToken'), {
        name: 'AccessDeniedException',
      }),
    );
    const err = await rejection(ecrCredentials(ecr, {}));
    expect(err.code).toBe('AWS');
    expect(err.message).toMatch(
      /^Getting an ECR login token \(ecr:GetAuthorizationToken\) failed: AccessDeniedException/,
    );
    expect(err.hint).toMatch(/permission/);
  });
});

describe('ecrLogin', () => {
  it('logs the engine in with the password on stdin and returns the registry', async () => {
    const runner = new FakeRunner(() => ({ lines: ['Login Succeeded'] }));
    const engine = new CliEngine({ name: 'docker', runner });
    await expect(ecrLogin(ecr, engine, { env: {} })).resolves.toBe('123456789012.dkr.ecr.us-west-2.amazonaws.com');
    expect(runner.calls).toHaveLength(1);
    expect(runner.calls[0].args).toEqual([
      'login',
      '--username',
      'AWS',
      '--password-stdin',
      '123456789012.dkr.ecr.us-west-2.amazonaws.com',
    ]);
    expect(runner.calls[0].stdin).toBe(PASSWORD);
    expect(JSON.stringify(runner.calls[0].args)).not.toContain(PASSWORD);
  });
});

describe('decoding', () => {
  it('splits at the first colon only (passwords may hold colons)', () => {
    expect(decodeAuthorizationToken(Buffer.from('AWS:a:b').toString('base64'))).toEqual({
      username: 'AWS',
      password: 'a:b',
    });
  });
  it.each(['', Buffer.from(':pw').toString('base64'), Buffer.from('AWS:').toString('base64')])(
    'rejects %j',
    (token) => {
      expect(() => decodeAuthorizationToken(token)).toThrow(MycopilotError);
    },
  );
  it('reads hosts with or without a scheme', () => {
    expect(registryHost(ENDPOINT)).toBe('123456789012.dkr.ecr.us-west-2.amazonaws.com');
    expect(registryHost('127.0.0.1:5000')).toBe('127.0.0.1:5000');
  });
});
