// `http.alb`: a Load Balanced Web Service behind an existing Application Load Balancer of the environment's VPC
// instead of the environment's own. What Copilot looked up while rendering (the load balancer's listeners, security
// groups, DNS name and hosted zone) are parameters here: the deploy fills them (src/deploy/lookups.ts), `package`
// leaves them empty, and the template is the same either way.
//
// Each rule forwards on the HTTPS listener (443) when the load balancer has one, else on the HTTP listener (80);
// with both, the HTTP listener gets a twin rule that redirects to HTTPS (or forwards: `redirect_to_https: false`),
// as with the environment's load balancer. The tasks accept traffic from the load balancer's security group
// through a security group of their own (or, when they already carry five, through the environment's).
import type { LoadBalancedWebService } from '../../manifest/schemas';
import { RenderError } from '../inputs';
import { importFromEnv } from '../exports';
import { IMPORTED_ALB_PARAMETERS as P } from '../lookup-parameters';
import { And, Equals, If, Not, Ref, Select, resource } from '../template';
import type { Value } from '../template';
import { IMPORTED_ALB_TASK_SECURITY_GROUP, taskSecurityGroups } from './network';
import type { Workload } from './workload';

export { IMPORTED_ALB_TASK_SECURITY_GROUP };
/** The rule on the environment's security group used instead when the tasks have no room for one more group. */
export const IMPORTED_ALB_ENVIRONMENT_INGRESS = 'EnvironmentSecurityGroupIngressFromImportedALB';
/** ECS takes at most five security groups per awsvpc task. */
const MAX_TASK_SECURITY_GROUPS = 5;

export const HAS_HTTPS_LISTENER = 'ImportedALBHasHTTPSListener';
export const HAS_BOTH_LISTENERS = 'ImportedALBHasHTTPAndHTTPSListeners';

/** The `http.alb` of a Load Balanced Web Service (Backend Services have no such field in Copilot). */
export function importedAlbOf(w: Workload): string | undefined {
  if (w.type !== 'Load Balanced Web Service') return undefined;
  const http = (w.manifest as LoadBalancedWebService).http;
  return typeof http === 'object' ? http.alb : undefined;
}

export interface ImportedAlbRefs {
  /** The ALB given in the manifest (name or ARN). */
  ref: string;
  /** Where forwarding rules go: the HTTPS listener when the load balancer has one, else its HTTP listener. */
  forwardListener: Value;
  httpListener: Value;
  /** Condition: the load balancer has both listeners, so each rule has an HTTP twin. */
  bothListeners: string;
  /** Whether the load balancer has an HTTPS listener: known at deploy, unknown offline. */
  https: boolean | undefined;
  dnsName: Value;
  hostedZone: Value;
  fullName: Value;
}

/** Declares the looked-up parameters and the conditions on them. */
export function declareImportedAlb(w: Workload, ref: string): ImportedAlbRefs {
  if (w.networkMode !== 'awsvpc') {
    throw new RenderError(
      ['network', 'mode'],
      `tasks in ${w.networkMode} network mode take traffic through the EC2 instances' security group, which an imported load balancer (\`http.alb\`) is not let into`,
      "use `network.mode: awsvpc`, or remove `http.alb` to use the environment's load balancer",
    );
  }
  const found = w.input.lookups?.importedAlb;
  const param = (name: string, description: string, value: string | undefined, list = false) =>
    w.parts.param(
      name,
      {
        Type: list ? 'CommaDelimitedList' : 'String',
        Description: `${description} of the imported load balancer (http.alb), looked up at deploy.`,
      },
      value ?? '',
    );
  param(P.httpListener, 'ARN of the HTTP listener on port 80 (empty when there is none)', found?.httpListenerArn);
  param(P.httpsListener, 'ARN of the HTTPS listener on port 443 (empty when there is none)', found?.httpsListenerArn);
  param(P.securityGroups, 'Security groups', found?.securityGroups.join(','), true);
  param(P.dnsName, 'DNS name', found?.dnsName);
  param(P.hostedZone, 'Canonical hosted zone ID', found?.canonicalHostedZoneId);
  param(P.fullName, 'Full name (app/<name>/<id>)', found?.fullName);
  const hasHttps = w.parts.condition(HAS_HTTPS_LISTENER, Not(Equals(Ref(P.httpsListener), '')));
  const both = w.parts.condition(
    HAS_BOTH_LISTENERS,
    And({ Condition: hasHttps }, Not(Equals(Ref(P.httpListener), ''))),
  );
  return {
    ref,
    forwardListener: If(hasHttps, Ref(P.httpsListener), Ref(P.httpListener)),
    httpListener: Ref(P.httpListener),
    bothListeners: both,
    https: found ? found.httpsListenerArn !== undefined : undefined,
    dnsName: Ref(P.dnsName),
    hostedZone: Ref(P.hostedZone),
    fullName: Ref(P.fullName),
  };
}

/**
 * Lets the load balancer reach the tasks on `ports` (their target and health check ports). The source is the first
 * of the load balancer's security groups: its network interfaces carry them all, so one is enough. The rule goes on
 * a security group of the tasks' own, so that services sharing the load balancer never declare the same rule; only
 * when the tasks already carry the five groups ECS allows does it go on the environment's group (Copilot's way).
 */
export function addImportedAlbIngress(w: Workload, ports: number[]): void {
  const rule = {
    IpProtocol: 'tcp',
    FromPort: Math.min(...ports),
    ToPort: Math.max(...ports),
    SourceSecurityGroupId: Select(0, Ref(P.securityGroups)),
  };
  const { denyDefault, groups } = taskSecurityGroups(w);
  const carried = (denyDefault ? 0 : 1) + groups.length;
  if (carried < MAX_TASK_SECURITY_GROUPS) {
    w.parts.add(
      IMPORTED_ALB_TASK_SECURITY_GROUP,
      resource(
        'AWS::EC2::SecurityGroup',
        `A security group that lets the imported load balancer reach the tasks of ${w.name}`,
        {
          GroupDescription: `Traffic from the imported load balancer to ${w.app}-${w.env}-${w.name}`,
          VpcId: importFromEnv('VpcId'),
          SecurityGroupIngress: [{ ...rule, Description: 'From the imported load balancer' }],
        },
      ),
    );
    return;
  }
  if (denyDefault) {
    throw new RenderError(
      ['network', 'vpc', 'security_groups'],
      `ECS gives a task at most ${MAX_TASK_SECURITY_GROUPS} security groups: these ${groups.length} leave no room for the one that lets the imported load balancer (\`http.alb\`) in`,
      'list at most 4 security groups',
    );
  }
  w.parts.add(
    IMPORTED_ALB_ENVIRONMENT_INGRESS,
    resource(
      'AWS::EC2::SecurityGroupIngress',
      `Lets the imported load balancer reach the tasks of ${w.name} through the environment security group`,
      {
        GroupId: importFromEnv('EnvironmentSecurityGroup'),
        Description: `From the imported load balancer to ${w.name}`,
        ...rule,
      },
    ),
  );
}
