// Listener-rule priorities, chosen by the CLI instead of a Lambda-backed custom resource.
// An ALB evaluates rules by ascending priority, so more specific rules must come first: a rule with a host
// condition before one without, a longer path before a shorter one, and the catch-all "/" last.

export interface ListenerRuleRequest {
  workload: string;
  /** Index of the rule within its workload (0 = the main `http` rule, then `additional_rules`). */
  index: number;
  path: string;
  hasHost: boolean;
}

/** Specificity order: host rules first, then longer paths, then by workload name and index for stability. */
function compareRules(a: ListenerRuleRequest, b: ListenerRuleRequest): number {
  if (a.hasHost !== b.hasHost) return a.hasHost ? -1 : 1;
  const depth = (p: string) => (p === '/' || p === '' ? 0 : p.replace(/\/+$/, '').length);
  const byPath = depth(b.path) - depth(a.path);
  if (byPath !== 0) return byPath;
  return a.workload.localeCompare(b.workload) || a.index - b.index;
}

export const MAX_PRIORITY = 50000;

function isCatchAll(rule: ListenerRuleRequest): boolean {
  return !rule.hasHost && (rule.path === '/' || rule.path === '');
}

/**
 * Assigns each rule a free priority, skipping `taken` ones (rules of other workloads, read from the live
 * listener). Specific rules take the lowest free priorities in specificity order; catch-all rules ("/" with no
 * host) take the highest ones (50000 down), so a rule added later can never end up behind a catch-all.
 * Returns priorities by workload, in rule order.
 */
export function assignRulePriorities(
  rules: ListenerRuleRequest[],
  taken: Iterable<number> = [],
): Map<string, number[]> {
  const used = new Set(taken);
  const out = new Map<string, number[]>();
  const give = (rule: ListenerRuleRequest, priority: number) => {
    used.add(priority);
    const list = out.get(rule.workload) ?? [];
    list[rule.index] = priority;
    out.set(rule.workload, list);
  };
  const sorted = [...rules].sort(compareRules);
  let low = 1;
  for (const rule of sorted.filter((r) => !isCatchAll(r))) {
    while (used.has(low)) low += 1;
    give(rule, low);
  }
  let high = MAX_PRIORITY;
  for (const rule of sorted.filter(isCatchAll).reverse()) {
    while (used.has(high)) high -= 1;
    give(rule, high);
  }
  if (low > high) throw new Error(`no free listener-rule priority left (an ALB listener allows 1..${MAX_PRIORITY})`);
  return out;
}
