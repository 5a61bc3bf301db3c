// Flags and questions shared by `init`, `svc init` and `job init`.
import { Flags } from '@oclif/core';
import * as path from 'node:path';
import { WorkloadKind } from '../workspace/scaffold';
import { checkName, exposedPort, findDockerfiles } from '../workspace/init';
import { Workspace } from '../workspace/workspace';
import { Prompter } from './prompt';

export const SERVICE_KINDS: WorkloadKind[] = [
  'Load Balanced Web Service',
  'Backend Service',
  'Worker Service',
  'Request-Driven Web Service',
  'Static Site',
];

export const imageFlags = {
  dockerfile: Flags.string({
    char: 'd',
    description: 'Dockerfile to build, relative to the workspace root.',
    exclusive: ['image'],
  }),
  image: Flags.string({
    char: 'i',
    description: 'An existing image to run instead of building one (e.g. nginx:1.27).',
    exclusive: ['dockerfile'],
  }),
};

export interface WorkloadAnswers {
  dockerfile?: string;
  image?: string;
  port?: number;
}

/** Asks for the image source (Dockerfile or image) and, for services with a port, the port. */
export async function askImage(
  prompter: Prompter,
  ws: Workspace,
  given: { dockerfile?: string; image?: string; port?: number },
  needsPort: boolean,
): Promise<WorkloadAnswers> {
  let { dockerfile, image } = given;
  if (!dockerfile && !image) {
    const found = findDockerfiles(ws.root);
    const choices = [
      ...found.map((f) => ({ value: f, name: f })),
      { value: '__image__', name: 'Use an existing image instead' },
    ];
    const picked = await prompter.select(
      'dockerfile',
      'Which Dockerfile should be built?',
      choices,
      found.length === 1 ? found[0] : undefined,
    );
    if (picked === '__image__') image = await prompter.input('image', 'Which image should run (e.g. nginx:1.27)?');
    else dockerfile = picked;
  }
  let port = given.port;
  if (needsPort && port === undefined) {
    const exposed = dockerfile ? exposedPort(path.resolve(ws.root, dockerfile)) : undefined;
    const answer = await prompter.input('port', 'Which port does the container listen on?', {
      default: String(exposed ?? 80),
      validate: (v) => (/^\d+$/.test(v) && Number(v) > 0 && Number(v) < 65536) || 'a port number from 1 to 65535',
    });
    port = Number(answer);
  }
  return { dockerfile, image, port };
}

export async function askName(prompter: Prompter, kind: string, given: string | undefined): Promise<string> {
  if (given) return given;
  return prompter.input('name', `What is the ${kind}'s name?`, { validate: (v) => checkName(kind, v) });
}
