// Small schema pieces shared by every manifest type.
//
// Rules for every schema under src/manifest/schemas (the manifest pipeline relies on them):
//  - Only plain zod building blocks: object, union, array, record, string, number, boolean, enum, literal,
//    optional, nullable, plus .check()/.superRefine() for cross-field rules. No transform, preprocess or
//    default: the same schema is walked to resolve YAML 1.1 booleans and report unknown keys, and is turned
//    into JSON Schema for editors.
//  - Objects are z.object (unknown keys are stripped; the pipeline reports them as warnings).
//  - Unions list the scalar forms first, then the map form (`count: 3` | `count: {range: ...}`).
//  - Every field has .describe() text: it becomes the editor tooltip in the JSON Schema.
//  - Cross-field rules add issues with the path of the offending field, so positions are exact.
import { z } from 'zod';

/** Go-style duration as Copilot read them: `100ms`, `30s`, `2m`, `1h30m`. */
export const DURATION_PATTERN = /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/;

export const duration = z
  .string()
  .regex(DURATION_PATTERN, { message: 'expected a duration such as "100ms", "30s", "2m" or "1h30m"' });

export const port = z.number().int().min(1).max(65535);

/** A list that may also be written as a single string (`command: npm start` or `command: ["npm", "start"]`). */
export const stringOrList = z.union([z.string(), z.array(z.string())]);
