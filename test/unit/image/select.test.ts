// Engine choice: --engine, then MYCOPILOT_CONTAINER_ENGINE, then docker.
import { MycopilotError } from '../../../src/errors';
import { CliEngine } from '../../../src/image/cli-engine';
import { createEngine, engineName } from '../../../src/image/select';

describe('engineName', () => {
  it('is docker by default', () => expect(engineName(undefined, {})).toBe('docker'));
  it('reads MYCOPILOT_CONTAINER_ENGINE', () =>
    expect(engineName(undefined, { MYCOPILOT_CONTAINER_ENGINE: 'podman' })).toBe('podman'));
  it('lets the flag win over the environment', () =>
    expect(engineName('finch', { MYCOPILOT_CONTAINER_ENGINE: 'podman' })).toBe('finch'));
  it('ignores case and blanks', () => {
    expect(engineName(' Podman ', {})).toBe('podman');
    expect(engineName('', { MYCOPILOT_CONTAINER_ENGINE: 'FINCH' })).toBe('finch');
    expect(engineName(undefined, { MYCOPILOT_CONTAINER_ENGINE: '  ' })).toBe('docker');
  });

  it('rejects an unknown engine, naming where the value came from', () => {
    const fromFlag = (() => {
      try {
        engineName('nerdctl', {});
      } catch (e) {
        return e as MycopilotError;
      }
    })();
    expect(fromFlag?.code).toBe('USAGE');
    expect(fromFlag?.exitCode).toBe(2);
    expect(fromFlag?.message).toBe('--engine: unknown container engine "nerdctl"');
    expect(fromFlag?.hint).toBe('Choose one of docker, podman, finch.');
    expect(() => engineName(undefined, { MYCOPILOT_CONTAINER_ENGINE: 'rkt' })).toThrow(
      'MYCOPILOT_CONTAINER_ENGINE: unknown container engine "rkt"',
    );
  });
});

it('createEngine makes a CLI engine for the chosen name', () => {
  const e = createEngine({ flag: 'podman', env: {} });
  expect(e).toBeInstanceOf(CliEngine);
  expect(e.name).toBe('podman');
});
