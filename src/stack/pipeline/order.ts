// Run orders inside a stage. CodePipeline runs the actions of a stage that share a RunOrder in parallel and the
// next RunOrder when they all succeeded, so `depends_on` becomes a rank: an action with no dependency runs
// first, any other one level after the deepest of its dependencies.

export interface Ordered {
  name: string;
  dependsOn: string[];
}

/**
 * The rank (0 = no dependency) of every action. The manifest schema has already rejected unknown names and
 * cycles; a dependency outside `actions` is ignored rather than trusted.
 */
export function ranks(actions: readonly Ordered[]): Map<string, number> {
  const byName = new Map(actions.map((a) => [a.name, a]));
  const rank = new Map<string, number>();
  const visiting = new Set<string>();
  const visit = (name: string): number => {
    const known = rank.get(name);
    if (known !== undefined) return known;
    if (visiting.has(name)) throw new Error(`dependency cycle through ${name}`);
    visiting.add(name);
    let r = 0;
    for (const dep of byName.get(name)?.dependsOn ?? []) if (byName.has(dep)) r = Math.max(r, visit(dep) + 1);
    visiting.delete(name);
    rank.set(name, r);
    return r;
  };
  for (const a of actions) visit(a.name);
  return rank;
}

/** RunOrders of a group of actions that starts after `after` (the highest RunOrder before it, 0 for none). */
export function runOrders(actions: readonly Ordered[], after: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const [name, r] of ranks(actions)) out.set(name, after + 1 + r);
  return out;
}

/** The highest RunOrder of a group, or `fallback` when the group is empty. */
export function lastRunOrder(orders: Map<string, number>, fallback: number): number {
  return orders.size === 0 ? fallback : Math.max(...orders.values());
}
