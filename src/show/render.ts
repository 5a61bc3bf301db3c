// The show and ls models as text: aligned tables, one section per topic, an explicit line when a list is empty.
import { fields, heading, stateWord, table } from '../status/table';
import { relative } from '../status/time';
import type {
  ApplicationList,
  ApplicationView,
  EnvironmentList,
  EnvironmentView,
  ResourceRow,
  WorkloadList,
  WorkloadView,
} from './model';

export interface ShowOptions {
  color: boolean;
  now: Date;
}

const yes = (b: boolean) => (b ? 'yes' : '-');

function resourcesTable(rows: ResourceRow[], o: ShowOptions): string[] {
  return table(
    ['LOGICAL ID', 'TYPE', 'STATUS', 'PHYSICAL ID'],
    rows.map((r) => [r.logicalId, r.type, stateWord(r.status, o.color), r.physicalId ?? '-']),
    '  ',
  );
}

export function renderWorkloadView(v: WorkloadView, o: ShowOptions): string[] {
  const lines = [
    heading(`${v.name} (${v.type}) of application ${v.app}`, o.color),
    ...fields([
      ['In this workspace', v.local ? 'yes' : 'no'],
      ['Deployed in', v.environments.map((e) => e.env).join(', ') || 'no environment yet'],
    ]),
  ];
  if (v.environments.length === 0) return lines;

  lines.push('', heading('Configuration', o.color));
  lines.push(
    ...table(
      ['ENVIRONMENT', 'TASKS', 'CPU', 'MEMORY', 'PLATFORM', 'LAUNCH', 'NETWORK', 'PLACEMENT', 'STACK'],
      v.environments.map((e) => [
        e.env,
        e.desiredCount !== undefined ? String(e.desiredCount) : '-',
        e.cpu ?? '-',
        e.memory ?? '-',
        e.platform ?? '-',
        [e.launchType, ...e.capacityProviders].filter(Boolean).join(', ') || '-',
        e.networkMode ?? '-',
        [...e.placement.strategies, ...e.placement.constraints].join(', ') || '-',
        `${stateWord(e.stack.status, o.color)} (${relative(e.stack.updatedAt, o.now)})`,
      ]),
      '  ',
    ),
  );

  const endpoints = v.environments.flatMap((e) => e.endpoints.map((p) => [e.env, p.kind, p.address]));
  lines.push('', heading('Endpoints', o.color));
  lines.push(
    ...(endpoints.length
      ? table(['ENVIRONMENT', 'KIND', 'ADDRESS'], endpoints, '  ')
      : ['  None: not reachable from outside its tasks.']),
  );

  const variables = v.environments.flatMap((e) =>
    e.containers.flatMap((c) => c.variables.map((name) => [name, c.name, e.env])),
  );
  lines.push('', heading('Variables (names only)', o.color));
  lines.push(...(variables.length ? table(['NAME', 'CONTAINER', 'ENVIRONMENT'], variables, '  ') : ['  None.']));

  const secrets = v.environments.flatMap((e) =>
    e.containers.flatMap((c) => c.secrets.map((s) => [s.name, c.name, e.env, s.from])),
  );
  if (secrets.length) {
    lines.push('', heading('Secrets (names and sources, never values)', o.color));
    lines.push(...table(['NAME', 'CONTAINER', 'ENVIRONMENT', 'FROM'], secrets, '  '));
  }

  for (const e of v.environments) {
    if (!e.resources) continue;
    lines.push(
      '',
      heading(`Resources in ${e.env} (stack ${e.stack.name})`, o.color),
      ...resourcesTable(e.resources, o),
    );
  }
  return lines;
}

export function renderEnvironmentView(v: EnvironmentView, o: ShowOptions): string[] {
  const lines = [
    heading(`Environment ${v.name} of application ${v.app}`, o.color),
    ...fields([
      ['Region', v.region],
      ['Account', v.account],
      ['In this workspace', v.local ? 'yes' : 'no'],
      [
        'Stack',
        v.stack
          ? `${v.stack.name}  ${stateWord(v.stack.status, o.color)} (${relative(v.stack.updatedAt, o.now)})`
          : 'not found',
      ],
      ['VPC', v.vpcId ?? '-'],
      ['Public subnets', v.publicSubnets.join(', ') || '-'],
      ['Private subnets', v.privateSubnets.join(', ') || '-'],
      ['Cluster', v.cluster ?? '-'],
      ['Public load balancer', v.publicLoadBalancer ? `http://${v.publicLoadBalancer}` : '-'],
      ['Internal load balancer', v.internalLoadBalancer ? `http://${v.internalLoadBalancer}` : '-'],
      ['EC2 capacity provider', v.ec2CapacityProvider ?? '-'],
      ['Service discovery', v.serviceDiscoveryNamespace],
      ...(v.domain ? [['Domain', v.domain] as [string, string]] : []),
      ...(v.cdn.length ? [['CloudFront', v.cdn.join(', ')] as [string, string]] : []),
    ]),
    '',
    heading('Deployed workloads', o.color),
    ...(v.workloads.length
      ? table(
          ['NAME', 'TYPE', 'STACK'],
          v.workloads.map((w) => [w.name, w.type, stateWord(w.stackStatus, o.color)]),
          '  ',
        )
      : ['  None yet.']),
  ];
  if (v.resources) lines.push('', heading('Resources', o.color), ...resourcesTable(v.resources, o));
  return lines;
}

export function renderApplicationView(v: ApplicationView, o: ShowOptions): string[] {
  const envs = v.environments.map((e) => e.name);
  return [
    heading(`Application ${v.name}`, o.color),
    ...fields([
      ['Account', v.account],
      ['Domain', v.domain ?? '-'],
      ['Version', v.version],
      ['In this workspace', v.local ? 'yes' : 'no'],
    ]),
    '',
    heading('Environments', o.color),
    ...(v.environments.length
      ? table(
          ['NAME', 'REGION', 'ACCOUNT'],
          v.environments.map((e) => [e.name, e.region, e.account]),
          '  ',
        )
      : ['  None yet: mycopilot env deploy --name <env>']),
    '',
    heading('Workloads', o.color),
    ...(v.workloads.length
      ? table(
          ['NAME', 'TYPE', 'LOCAL', ...envs.map((e) => e.toUpperCase())],
          v.workloads.map((w) => [
            w.name,
            w.type,
            yes(w.local),
            ...envs.map((e) => (w.deployments[e] ? stateWord(w.deployments[e], o.color) : '-')),
          ]),
          '  ',
        )
      : ['  None yet.']),
  ];
}

export function renderApplicationList(v: ApplicationList): string[] {
  if (v.applications.length === 0) return ['No applications in this account and Region: mycopilot app init <name>'];
  return table(
    ['NAME', 'ACCOUNT', 'DOMAIN', 'LOCAL'],
    v.applications.map((a) => [a.name, a.account, a.domain ?? '-', yes(a.local)]),
  );
}

export function renderEnvironmentList(v: EnvironmentList): string[] {
  if (v.environments.length === 0) return [`Application ${v.app} has no environments: mycopilot env init`];
  return table(
    ['NAME', 'REGION', 'ACCOUNT', 'LOCAL', 'NOTE'],
    v.environments.map((e) => [
      e.name,
      e.region ?? '-',
      e.account ?? '-',
      yes(e.local),
      e.deployed ? '' : 'only in the workspace: not deployed',
    ]),
  );
}

export function renderWorkloadList(v: WorkloadList): string[] {
  const what = v.kind === 'job' ? 'jobs' : 'services';
  if (v.workloads.length === 0) return [`Application ${v.app} has no ${what}.`];
  return table(
    ['NAME', 'TYPE', 'LOCAL', 'NOTE'],
    v.workloads.map((w) => [w.name, w.type, yes(w.local), w.recorded ? '' : 'only in the workspace: not deployed']),
  );
}
