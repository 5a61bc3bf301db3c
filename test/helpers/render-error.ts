// The RenderError a builder call throws; fails the test when it throws nothing or something else.
import { RenderError } from '../../src/stack/inputs';

export function renderError(fn: () => unknown): RenderError {
  try {
    fn();
  } catch (err) {
    if (err instanceof RenderError) return err;
    throw err;
  }
  throw new Error('expected a RenderError');
}
