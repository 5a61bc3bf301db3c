// Reading AWS CLI JSON with a path: every complaint names the file, the JSON path ($.a.b[3].c) and what was
// expected, so a hand-edited snapshot is easy to fix.
import { MycopilotError } from '../../errors';

export class JsonCursor {
  constructor(
    readonly value: unknown,
    readonly file: string,
    readonly path: string = '$',
    private readonly hint?: string,
  ) {}

  fail(expected: string): never {
    throw new MycopilotError(
      'FILE',
      `${this.file}: ${this.path}: expected ${expected}, found ${describe(this.value)}`,
      {
        hint: this.hint,
      },
    );
  }

  get present(): boolean {
    return this.value !== undefined && this.value !== null;
  }

  isObject(): boolean {
    return typeof this.value === 'object' && this.value !== null && !Array.isArray(this.value);
  }

  object(expected = 'an object'): Record<string, unknown> {
    if (!this.isObject()) this.fail(expected);
    return this.value as Record<string, unknown>;
  }

  has(key: string): boolean {
    return this.isObject() && (this.value as Record<string, unknown>)[key] !== undefined;
  }

  get(key: string): JsonCursor {
    const obj = this.object();
    return new JsonCursor(obj[key], this.file, `${this.path}.${key}`, this.hint);
  }

  array(expected = 'an array'): JsonCursor[] {
    if (!Array.isArray(this.value)) this.fail(expected);
    return (this.value as unknown[]).map((v, i) => new JsonCursor(v, this.file, `${this.path}[${i}]`, this.hint));
  }

  optionalArray(expected = 'an array'): JsonCursor[] {
    return this.present ? this.array(expected) : [];
  }

  string(expected = 'a string'): string {
    if (typeof this.value !== 'string') this.fail(expected);
    return this.value as string;
  }

  optionalString(expected = 'a string'): string | undefined {
    return this.present ? this.string(expected) : undefined;
  }

  number(expected = 'a number'): number {
    if (typeof this.value !== 'number' || !Number.isFinite(this.value)) this.fail(expected);
    return this.value as number;
  }

  optionalNumber(expected = 'a number'): number | undefined {
    return this.present ? this.number(expected) : undefined;
  }

  /** A number, or a string holding one (task definitions write "512"). */
  numberish(expected = 'a number or a string holding one'): number {
    if (typeof this.value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(this.value)) return Number(this.value);
    return this.number(expected);
  }

  boolean(expected = 'true or false'): boolean {
    if (typeof this.value !== 'boolean') this.fail(expected);
    return this.value as boolean;
  }

  optionalBoolean(expected = 'true or false'): boolean | undefined {
    return this.present ? this.boolean(expected) : undefined;
  }
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === 'object') return `an object with keys ${Object.keys(v).slice(0, 5).join(', ') || '(none)'}`;
  const text = JSON.stringify(v);
  return `${typeof v} ${text.length > 40 ? text.slice(0, 40) + '…' : text}`;
}
