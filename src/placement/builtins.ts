// The registry with the placement strategies and constraints ECS itself knows.
import { distinctInstance } from './constraints/distinct-instance';
import { memberOf } from './constraints/member-of';
import { PlacementRegistry } from './registry';
import { binpack } from './strategies/binpack';
import { random } from './strategies/random';
import { spread } from './strategies/spread';

export function createPlacementRegistry(): PlacementRegistry {
  return new PlacementRegistry()
    .register(binpack)
    .register(spread)
    .register(random)
    .register(memberOf)
    .register(distinctInstance);
}
