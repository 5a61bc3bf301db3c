// copilot/.workspace: the one-line form is read directly, every other YAML form through the parser, and a
// file that names no application is an error that says what to write.
import * as path from 'node:path';
import { Workspace } from '../../../src/workspace/workspace';
import { writeFiles } from '../../helpers/cli';

const nameIn = (text: string) =>
  new Workspace(path.join(writeFiles({ 'copilot/.workspace': text }), 'copilot')).applicationName();

describe('Workspace.applicationName', () => {
  it.each([
    ['application: demo\n', 'demo'],
    ['application: my-app_2', 'my-app_2'],
    ['application: demo\r\n', 'demo'],
    ['application: "quoted app"\n', 'quoted app'],
    ["# written by Copilot\napplication: 'demo'\n", 'demo'],
    ['application: demo # the app\n', 'demo'],
    ['{application: flow}\n', 'flow'],
  ])('reads %j as %j', (text, name) => {
    expect(nameIn(text)).toBe(name);
  });

  it.each([['application:\n'], ['app: demo\n'], ['application: [a, b]\n']])('refuses %j', (text) => {
    expect(() => nameIn(text)).toThrow(/expected `application: <name>`/);
  });

  it('refuses text that is not YAML', () => {
    expect(() => nameIn('application: "open\n')).toThrow(/not valid YAML/);
  });

  it('is undefined without the file', () => {
    expect(new Workspace(path.join(writeFiles({ 'copilot/x': '' }), 'copilot')).applicationName()).toBeUndefined();
  });
});
