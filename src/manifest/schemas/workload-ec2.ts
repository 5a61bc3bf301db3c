// What Copilot never had: the EC2 launch type, capacity provider strategies, and ECS task placement strategies
// and constraints. The rules that tie them to the rest of the manifest are in workload-rules.ts.
import { z } from 'zod';
import { CqlSyntaxError, parseCql } from '../../placement/cql';
import { issue } from './workload-common';
import { asMap } from '../values';

// ---- EC2 launch type and capacity providers ----

export const launchType = z
  .enum(['FARGATE', 'EC2'])
  .describe(
    'Where tasks run. FARGATE (default): serverless capacity. EC2: the ECS-optimized instances of the ' +
      "environment's Auto Scaling group (`capacity.ec2` in the environment manifest). Excludes " +
      '`capacity_providers`.',
  );

const FARGATE_PROVIDERS = ['FARGATE', 'FARGATE_SPOT'];

export const capacityProviders = z
  .array(
    z
      .object({
        provider: z
          .enum(['FARGATE', 'FARGATE_SPOT', 'EC2'])
          .describe(
            "FARGATE, FARGATE_SPOT, or EC2: the capacity provider of the environment's `capacity.ec2` instances.",
          ),
        weight: z
          .number()
          .int()
          .min(0)
          .max(1000)
          .optional()
          .describe('Relative share of the tasks placed with this provider once every base is met. Default 0.'),
        base: z
          .number()
          .int()
          .min(0)
          .max(100000)
          .optional()
          .describe('Tasks placed with this provider before weights apply. Only one provider may set it.'),
      })
      .describe('One capacity provider of the strategy.'),
  )
  .min(1)
  .max(6)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    let withBase = -1;
    list.forEach((item, i) => {
      if (seen.has(item.provider)) issue(ctx, [i, 'provider'], `${item.provider} is listed twice`);
      seen.add(item.provider);
      if ((item.base ?? 0) > 0) {
        if (withBase >= 0) issue(ctx, [i, 'base'], `only one provider may set \`base\`; entry ${withBase} does`);
        else withBase = i;
      }
    });
    const fargate = list.findIndex((p) => FARGATE_PROVIDERS.includes(p.provider));
    const ec2 = list.findIndex((p) => p.provider === 'EC2');
    if (fargate >= 0 && ec2 >= 0) {
      issue(ctx, [Math.max(fargate, ec2), 'provider'], 'a strategy cannot mix Fargate providers with EC2 capacity');
    }
    if (list.length > 1 && list.every((p) => (p.weight ?? 0) === 0)) {
      issue(ctx, [0, 'weight'], 'with several providers, at least one needs a `weight` greater than 0');
    }
  })
  .describe(
    'Capacity provider strategy: how tasks are spread over FARGATE, FARGATE_SPOT or the EC2 capacity of the ' +
      'environment. An alternative to `launch_type`; listing EC2 makes the tasks run on EC2.',
  );

// ---- ECS task placement ----

const ATTRIBUTE_FIELD = /^attribute:[A-Za-z0-9_./\\-]{1,128}$/;

const strategy = z
  .object({
    type: z
      .enum(['binpack', 'spread', 'random'])
      .describe('binpack: fill instances by cpu or memory; spread: even out over a field; random: any instance.'),
    field: z
      .string()
      .optional()
      .describe(
        'binpack: cpu or memory. spread: instanceId, host or attribute:<name> (e.g. ' +
          'attribute:ecs.availability-zone). random: none.',
      ),
  })
  .superRefine((s, ctx) => {
    if (s.type === 'binpack' && s.field !== 'cpu' && s.field !== 'memory') {
      issue(
        ctx,
        ['field'],
        s.field === undefined
          ? 'binpack needs `field: cpu` or `field: memory`'
          : `binpack packs by cpu or memory, got "${s.field}"`,
      );
    } else if (
      s.type === 'spread' &&
      !(s.field === 'instanceId' || s.field === 'host' || ATTRIBUTE_FIELD.test(s.field ?? ''))
    ) {
      const want = 'instanceId, host or attribute:<name> (e.g. attribute:ecs.availability-zone)';
      issue(
        ctx,
        ['field'],
        s.field === undefined ? `spread needs \`field\`: ${want}` : `spread takes ${want}, got "${s.field}"`,
      );
    } else if (s.type === 'random' && s.field !== undefined) {
      issue(ctx, ['field'], 'random takes no `field`');
    }
  })
  .describe('A placement strategy.');

const constraint = z
  .object({
    type: z
      .enum(['distinctInstance', 'memberOf'])
      .describe('distinctInstance: one task of the service per instance; memberOf: instances matching an expression.'),
    expression: z
      .string()
      .optional()
      .describe('memberOf only: a cluster query language expression, e.g. attribute:ecs.instance-type =~ t3.*'),
  })
  .superRefine((c, ctx) => {
    if (c.type === 'distinctInstance' && c.expression !== undefined) {
      issue(ctx, ['expression'], 'distinctInstance takes no `expression`');
    } else if (c.type === 'memberOf' && (c.expression === undefined || c.expression.trim() === '')) {
      issue(ctx, ['expression'], 'memberOf needs an `expression`, e.g. "attribute:ecs.instance-type =~ t3.*"');
    } else if (c.type === 'memberOf' && c.expression !== undefined && c.expression.length > 2000) {
      issue(ctx, ['expression'], `the expression is ${c.expression.length} characters long; ECS allows 2000`);
    } else if (c.type === 'memberOf' && c.expression !== undefined) {
      // ECS would reject the service at deploy time; say where the expression breaks now instead.
      const problem = cqlSyntaxProblem(c.expression);
      if (problem) issue(ctx, ['expression'], `memberOf expression: ${problem}`);
    }
  })
  .describe('A placement constraint.');

/** The parser's `column N: expected …, found …`, or undefined when the expression parses. */
function cqlSyntaxProblem(expression: string): string | undefined {
  try {
    parseCql(expression);
    return undefined;
  } catch (e) {
    if (e instanceof CqlSyntaxError) return e.message;
    throw e;
  }
}

export const ecsPlacement = z
  .object({
    strategies: z.array(strategy).describe('Placement strategies, at most 5, applied in order.'),
    constraints: z.array(constraint).describe('Placement constraints, at most 10; every one must hold.'),
  })
  .partial()
  .superRefine(
    (value, ctx) => {
      const p = asMap(value) ?? {};
      if (Array.isArray(p.strategies) && p.strategies.length > 5) {
        issue(ctx, ['strategies'], `ECS applies at most 5 placement strategies, got ${p.strategies.length}`);
      }
      if (Array.isArray(p.constraints) && p.constraints.length > 10) {
        issue(ctx, ['constraints'], `ECS allows at most 10 placement constraints, got ${p.constraints.length}`);
      }
    },
    { when: () => true },
  )
  .describe(
    'ECS task placement on EC2 instances: strategies choose among the instances that satisfy every constraint. ' +
      'Needs the EC2 launch type (Fargate places tasks itself). `mycopilot placement preview` predicts the result.',
  );
