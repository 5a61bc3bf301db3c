// Request-Driven Web Service: a web service on AWS App Runner, as Copilot deployed it, or on Amazon ECS Express
// Mode for accounts that can no longer create App Runner services.
import { z } from 'zod';
import { duration, port } from './primitives';
import {
  ALWAYS,
  checkImageSource,
  dockerBuild,
  imageLocation,
  issue,
  observability,
  platform,
  publish,
  secrets,
  variables,
} from './workload-common';
import { subnetPlacement } from './workload-ecs';
import { checkFargateSize } from './workload-rules';
import { asMap, isWindows, platformParts } from '../values';

const threshold = (what: string) => z.number().int().min(1).max(20).describe(what);

const healthcheck = z
  .union([
    z.string().describe('Path the HTTP health checks go to.'),
    z
      .object({
        path: z.string().describe('Path the HTTP health checks go to. Default /.'),
        healthy_threshold: threshold('Successes in a row before an instance is healthy (1-20). Default 3.'),
        unhealthy_threshold: threshold('Failures in a row before an instance is unhealthy (1-20). Default 3.'),
        interval: duration.describe('Time between two checks (1s-20s). Default 5s.'),
        timeout: duration.describe('Time without an answer after which a check fails (1s-20s). Default 2s.'),
      })
      .partial()
      .describe('Health check settings.'),
  ])
  .describe('Health check of the instances: a path, or the full settings.');

const http = z
  .object({
    healthcheck,
    alias: z.string().describe('A domain name of the service; its certificate is validated through DNS.'),
    private: z
      .union([
        z.boolean().describe('true: reachable only from the environment VPC.'),
        z
          .object({ endpoint: z.string().describe('ID of an existing App Runner VPC interface endpoint.') })
          .describe('Private, through an existing VPC endpoint.'),
      ])
      .describe('Restrict incoming traffic to the environment VPC. Default false.'),
  })
  .partial()
  .describe('Incoming traffic: health check, domain alias, private access.');

const network = z
  .object({
    vpc: z
      .object({
        placement: subnetPlacement.describe(
          'private: route egress through the private subnets of the environment VPC (with NAT), or chosen subnets.',
        ),
      })
      .partial()
      .describe('Connect the service to the environment VPC for outbound traffic.'),
  })
  .partial()
  .describe('Outbound networking. Without it the service reaches only the internet.');

const DEPLOY_TARGETS = ['app-runner', 'ecs-express'] as const;

function checkRequestDriven(value: unknown, ctx: z.core.$RefinementCtx): void {
  const m = asMap(value);
  if (!m) return;
  const placement = asMap(asMap(m.network)?.vpc)?.placement;
  if (typeof placement === 'string' && placement !== 'private') {
    issue(
      ctx,
      ['network', 'vpc', 'placement'],
      `placement "${placement}" is not supported here: use private or subnets`,
    );
  }
  if (m.platform !== undefined) {
    if (isWindows(m.platform)) issue(ctx, ['platform'], 'a Request-Driven Web Service runs Linux containers only');
    else if (!/^(amd64|x86_64)$/.test(platformParts(m.platform).arch ?? '')) {
      issue(ctx, ['platform'], 'a Request-Driven Web Service runs on x86_64 (amd64) only');
    }
  }
  if (m.deploy_to === 'ecs-express') {
    checkFargateSize(m, ctx, false, ' (ECS Express Mode runs on Fargate)');
  }
}

export const requestDrivenWebServiceSchema = z
  .object({
    name: z.string().min(1).describe('Name of the service; its resources are named after it.'),
    type: z.literal('Request-Driven Web Service').describe('An internet-facing web service that scales with requests.'),
    ...z
      .object({
        deploy_to: z
          .enum(DEPLOY_TARGETS)
          .describe(
            'What runs the service. app-runner (default): an AWS App Runner service, as Copilot deployed it. ' +
              'AWS App Runner is closed to new customers since 2026-04-30: accounts that never used it cannot ' +
              'create services. ecs-express: the same manifest deployed as an Amazon ECS Express Mode service ' +
              '(AWS::ECS::ExpressGatewayService), Fargate tasks behind an Application Load Balancer that ECS ' +
              'creates and manages, with autoscaling; `cpu`/`memory` must then be a Fargate size, and `count` ' +
              '(an App Runner auto scaling configuration) does not apply.',
          ),
        image: z
          .object({
            build: dockerBuild,
            location: imageLocation.describe(
              'An existing image to run instead of building one. App Runner pulls from Amazon ECR and ECR Public only.',
            ),
            port: port.describe('Port the container listens on.'),
          })
          .partial({ build: true, location: true })
          .superRefine(checkImageSource)
          .describe('The container: its image and port.'),
        http,
        cpu: z
          .number()
          .int()
          .positive()
          .describe('CPU units per instance: 256, 512, 1024, 2048 or 4096 (1024 = 1 vCPU).'),
        memory: z.number().int().positive().describe('Memory per instance, in MiB, valid for the chosen cpu.'),
        platform,
        network,
        observability,
        command: z.string().describe('Override the start command of the image.'),
        variables,
        secrets,
        publish,
        tags: z.record(z.string(), z.string()).describe('AWS tags of the service resources, as key: value pairs.'),
        count: z
          .string()
          .describe(
            'Name (name/revision) or ARN of an existing App Runner auto scaling configuration. App Runner only.',
          ),
      })
      .partial().shape,
  })
  .superRefine(checkRequestDriven, ALWAYS)
  .describe('Manifest of a Request-Driven Web Service.');
