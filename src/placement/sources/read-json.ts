// Reading a JSON file with errors that say which file, and where in it the JSON breaks (line:column).
import { readFileSync } from 'node:fs';
import { MycopilotError } from '../../errors';

export function readJsonFile(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new MycopilotError(
      'FILE',
      `${file}: ${code === 'ENOENT' ? 'no such file' : `cannot read it (${code ?? String(e)})`}`,
      {
        hint: `Give the path of ${what}.`,
        cause: e,
      },
    );
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    const where = m ? lineColumn(text, Number(m[1])) : '';
    throw new MycopilotError('FILE', `${file}${where}: not valid JSON (${(e as Error).message})`, {
      hint: `Expected ${what}, as the AWS CLI prints it with --output json.`,
      cause: e,
    });
  }
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `:${line}:${offset - before.lastIndexOf('\n')}`;
}
