// Listener-rule priorities chosen by the CLI: specific rules first, catch-alls last, never a taken one.
import { assignRulePriorities, ListenerRuleRequest, MAX_PRIORITY } from '../../../src/stack/priorities';

const rule = (workload: string, index: number, path: string, hasHost = false): ListenerRuleRequest => ({
  workload,
  index,
  path,
  hasHost,
});

describe('assignRulePriorities', () => {
  it('puts host rules before path rules, longer paths first, and "/" at the end', () => {
    const got = assignRulePriorities([
      rule('web', 0, '/'),
      rule('api', 0, '/api'),
      rule('admin', 0, '/api/admin'),
      rule('www', 0, '/', true),
    ]);
    expect(got.get('www')).toEqual([1]);
    expect(got.get('admin')).toEqual([2]);
    expect(got.get('api')).toEqual([3]);
    expect(got.get('web')).toEqual([MAX_PRIORITY]);
  });

  it("keeps each workload's rules in rule order and skips taken priorities", () => {
    const got = assignRulePriorities(
      [rule('web', 0, '/'), rule('web', 1, '/admin'), rule('api', 0, '/api')],
      [1, 2, MAX_PRIORITY],
    );
    expect(got.get('api')).toEqual([4]);
    expect(got.get('web')).toEqual([MAX_PRIORITY - 1, 3]);
  });

  it('gives a rule added later a priority ahead of an existing catch-all', () => {
    const before = assignRulePriorities([rule('web', 0, '/')]).get('web')!;
    const after = assignRulePriorities([rule('api', 0, '/api')], before).get('api')!;
    expect(after[0]).toBeLessThan(before[0]);
  });

  it('is deterministic whatever the input order', () => {
    const rules = [rule('b', 0, '/b'), rule('a', 0, '/a'), rule('c', 0, '/')];
    expect([...assignRulePriorities(rules).entries()].sort()).toEqual(
      [...assignRulePriorities([...rules].reverse()).entries()].sort(),
    );
  });
});
