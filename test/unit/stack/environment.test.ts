// The environment stack builder: manifests loaded through the real pipeline, rendered, and checked for the
// security-group rules, the conditions that switch optional parts, imported VPCs, EC2 capacity, exports,
// determinism, and (once, for every environment manifest of the corpus and the examples) cfn-lint.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { loadManifest } from '../../../src/manifest/load';
import type { EnvironmentManifest } from '../../../src/manifest/schemas';
import { EnvExport } from '../../../src/stack/exports';
import { buildEnvironmentStack, EnvironmentLookups } from '../../../src/stack/environment';
import { EnvironmentNeeds, NO_NEEDS, RenderError } from '../../../src/stack/inputs';
import { RenderedStack, Resource, templateToYaml } from '../../../src/stack/template';
import { cfnLint } from '../../helpers/cfn-lint';
import { CORPUS, CORPUS_VARS, REPO_ROOT } from '../../helpers/cli';

const ALL_NEEDS: EnvironmentNeeds = {
  albWorkloads: ['front', 'api'],
  internalAlbWorkloads: ['backend'],
  efsWorkloads: ['store'],
  natWorkloads: ['worker'],
};
const LOOKUPS: EnvironmentLookups = { cloudFrontPrefixListId: 'pl-82a045eb', cdnAliases: ['www.example.com'] };

function manifestOf(text: string, env = 'test'): EnvironmentManifest {
  const loaded = loadManifest({ file: 'manifest.yml', text, env, app: 'my-app', vars: { ...CORPUS_VARS } });
  expect(loaded.errors).toEqual([]);
  return loaded.manifest as EnvironmentManifest;
}

function render(text: string, needs: EnvironmentNeeds = ALL_NEEDS, lookups = LOOKUPS): RenderedStack {
  return buildEnvironmentStack({ app: 'my-app', env: 'test', manifest: manifestOf(text), needs }, lookups);
}

function renderError(text: string, needs: EnvironmentNeeds = ALL_NEEDS): RenderError {
  try {
    render(text, needs);
  } catch (err) {
    if (err instanceof RenderError) return err;
    throw err;
  }
  throw new Error('expected a RenderError');
}

const resources = (stack: RenderedStack) => stack.template.Resources;
const ofType = (stack: RenderedStack, type: string) =>
  Object.entries(resources(stack)).filter(([, r]) => r.Type === type);
const props = (r: Resource) => r.Properties as Record<string, any>;
const ref = (name: string) => ({ Ref: name });
const groupId = (name: string) => ({ 'Fn::GetAtt': [name, 'GroupId'] });

const BASIC = 'name: test\ntype: Environment\n';
const CERT = 'arn:aws:acm:us-west-2:123456789123:certificate/abcd';
const EC2 = `${BASIC}capacity:\n  ec2:\n    instance_types: [m5.large]\n    max: 4\n`;
const IMPORTED_VPC = (vpc: string, publicSubnets: string[]) => `${BASIC}network:
  vpc:
    id: ${vpc}
    subnets:
      public: [${publicSubnets.map((id) => `{id: ${id}}`).join(', ')}]
      private: [{id: subnet-0000000c}, {id: subnet-0000000d}]
    flow_logs: true
`;

/** Ingress rules of a security group: inline ones and AWS::EC2::SecurityGroupIngress resources. */
function ingressOf(stack: RenderedStack, group: string): Record<string, any>[] {
  const inline = (props(resources(stack)[group]).SecurityGroupIngress ?? []) as Record<string, any>[];
  const separate = ofType(stack, 'AWS::EC2::SecurityGroupIngress')
    .filter(([, r]) => JSON.stringify(props(r).GroupId) === JSON.stringify(groupId(group)))
    .map(([, r]) => props(r));
  return [...inline, ...separate];
}

describe('network', () => {
  it('creates a VPC with two public and two private subnets in the first two AZs by default', () => {
    const stack = render(BASIC, NO_NEEDS);
    // The blocks are parameters whose values are Copilot's default layout.
    expect(props(resources(stack).VPC).CidrBlock).toEqual(ref('VPCCIDR'));
    expect(stack.parameters).toMatchObject({
      VPCCIDR: '10.0.0.0/16',
      PublicSubnetCIDRs: '10.0.0.0/24,10.0.1.0/24',
      PrivateSubnetCIDRs: '10.0.2.0/24,10.0.3.0/24',
    });
    const subnets = ['PublicSubnet1', 'PublicSubnet2', 'PrivateSubnet1', 'PrivateSubnet2'].map((id) =>
      props(resources(stack)[id]),
    );
    expect(subnets.map((s) => s.CidrBlock)).toEqual([
      { 'Fn::Select': [0, ref('PublicSubnetCIDRs')] },
      { 'Fn::Select': [1, ref('PublicSubnetCIDRs')] },
      { 'Fn::Select': [0, ref('PrivateSubnetCIDRs')] },
      { 'Fn::Select': [1, ref('PrivateSubnetCIDRs')] },
    ]);
    expect(subnets[1].AvailabilityZone).toEqual({ 'Fn::Select': [1, { 'Fn::GetAZs': '' }] });
    expect(subnets[3].AvailabilityZone).toEqual({ 'Fn::Select': [1, { 'Fn::GetAZs': '' }] });
    // No AZ is named: no AZ parameters.
    expect(Object.keys(stack.template.Parameters!).filter((p) => /AZs$/.test(p))).toEqual([]);
    expect(resources(stack).InternetGateway.Type).toBe('AWS::EC2::InternetGateway');
    expect(templateToYaml(stack.template)).not.toMatch(/10\.0\.[123]\.0/);
  });

  it('has CloudFormation check the CIDR parameters with a pattern, and says which manifest field they come from', () => {
    const params = render(BASIC, NO_NEEDS).template.Parameters!;
    expect(params.VPCCIDR).toMatchObject({
      Type: 'String',
      Description: expect.stringContaining('(network.vpc.cidr in the environment manifest)'),
      ConstraintDescription: expect.stringContaining('IPv4 CIDR block'),
    });
    expect(params.PublicSubnetCIDRs).toMatchObject({
      Type: 'CommaDelimitedList',
      Description: expect.stringContaining('(network.vpc.subnets.public[].cidr in the environment manifest)'),
    });
    expect(params.PrivateSubnetCIDRs.Description).toContain('network.vpc.subnets.private[].cidr');
    // CloudFormation applies AllowedPattern to each item of a CommaDelimitedList.
    for (const name of ['VPCCIDR', 'PublicSubnetCIDRs', 'PrivateSubnetCIDRs']) {
      const pattern = new RegExp(params[name].AllowedPattern!);
      const values = ['10.0.0.0/16', '192.168.16.0/20', 'mock-cidr-0', '10.0.0.0', '10.0.0.0/16,10.1.0.0/16'];
      expect({ name, accepted: values.filter((v) => pattern.test(v)) }).toEqual({
        name,
        accepted: ['10.0.0.0/16', '192.168.16.0/20'],
      });
    }
  });

  it('renders the same template for created VPCs that differ only in their blocks', () => {
    const byDefault = render(BASIC);
    const otherBlock = render(`${BASIC}network:\n  vpc:\n    cidr: 172.16.0.0/20\n`);
    const listed = render(`${BASIC}network:
  vpc:
    cidr: 192.168.0.0/16
    subnets:
      public: [{cidr: 192.168.0.0/20}, {cidr: 192.168.16.0/20}]
      private: [{cidr: 192.168.32.0/20}, {cidr: 192.168.48.0/20}]
`);
    expect(templateToYaml(otherBlock.template)).toBe(templateToYaml(byDefault.template));
    expect(templateToYaml(listed.template)).toBe(templateToYaml(byDefault.template));
    // Subnets carved out of a /20: /24s as far as the block allows.
    expect(otherBlock.parameters).toMatchObject({
      VPCCIDR: '172.16.0.0/20',
      PublicSubnetCIDRs: '172.16.0.0/24,172.16.1.0/24',
      PrivateSubnetCIDRs: '172.16.2.0/24,172.16.3.0/24',
    });
    expect(listed.parameters).toMatchObject({
      VPCCIDR: '192.168.0.0/16',
      PublicSubnetCIDRs: '192.168.0.0/20,192.168.16.0/20',
      PrivateSubnetCIDRs: '192.168.32.0/20,192.168.48.0/20',
    });
    expect(listed.warnings).toBeUndefined();
  });

  it('uses the manifest CIDRs and AZs', () => {
    const stack = render(`${BASIC}network:
  vpc:
    cidr: 192.168.0.0/16
    subnets:
      public: [{cidr: 192.168.0.0/20, az: us-west-2a}, {cidr: 192.168.16.0/20, az: us-west-2b}]
      private: [{cidr: 192.168.32.0/20, az: us-west-2b}, {cidr: 192.168.48.0/20, az: us-west-2a}]
`);
    // The named AZs are a typed list parameter: CloudFormation checks at deploy that they exist.
    expect(stack.template.Parameters!.PublicSubnetAZs).toEqual({
      Type: 'List<AWS::EC2::AvailabilityZone::Name>',
      Description:
        'Availability Zones of the public subnets that name one (network.vpc.subnets.public[].az in the environment manifest).',
    });
    expect(stack.template.Parameters!.PrivateSubnetAZs.Type).toBe('List<AWS::EC2::AvailabilityZone::Name>');
    expect(stack.parameters).toMatchObject({
      PublicSubnetAZs: 'us-west-2a,us-west-2b',
      PrivateSubnetAZs: 'us-west-2b,us-west-2a',
      PrivateSubnetCIDRs: '192.168.32.0/20,192.168.48.0/20',
    });
    expect(props(resources(stack).PrivateSubnet2).AvailabilityZone).toEqual({
      'Fn::Select': [1, ref('PrivateSubnetAZs')],
    });
    expect(props(resources(stack).PrivateSubnet2).CidrBlock).toEqual({
      'Fn::Select': [1, ref('PrivateSubnetCIDRs')],
    });
    expect(templateToYaml(stack.template)).not.toMatch(/us-west-2a|192\.168/);
    // Each NAT gateway sits in the public subnet of its private subnet's AZ.
    expect(props(resources(stack).NatGateway1).SubnetId).toEqual(ref('PublicSubnet2'));
    expect(props(resources(stack).NatGateway2).SubnetId).toEqual(ref('PublicSubnet1'));
    expect(stack.warnings).toBeUndefined();
  });

  it('takes AZs of GovCloud and Local Zones without a warning', () => {
    const stack = render(`${BASIC}network:
  vpc:
    cidr: 10.0.0.0/16
    subnets:
      public: [{cidr: 10.0.0.0/24, az: us-gov-west-1a}, {cidr: 10.0.1.0/24, az: us-west-2-lax-1a}]
      private: [{cidr: 10.0.2.0/24, az: us-gov-west-1a}, {cidr: 10.0.3.0/24, az: us-west-2-lax-1a}]
`);
    expect(stack.warnings).toBeUndefined();
    expect(stack.parameters.PublicSubnetAZs).toBe('us-gov-west-1a,us-west-2-lax-1a');
  });

  it('uses CIDR blocks and AZs that are not ones as written, with a warning at their path', () => {
    const stack = render(`${BASIC}network:
  vpc:
    cidr: mock-cidr-0
    subnets:
      public: [{cidr: mock-cidr-1, az: mock-az-1}, {cidr: 10.0.1.0/24, az: us-west-2b}]
      private: [{cidr: 10.0.2.0/24, az: mock-az-1}, {cidr: 10.0.3.0, az: us-west-2b}]
`);
    expect(stack.warnings!.map((w) => [w.path.join('.'), w.message])).toEqual([
      ['network.vpc.cidr', '"mock-cidr-0" does not look like an IPv4 CIDR block; it is used as written'],
      [
        'network.vpc.subnets.public.0.cidr',
        '"mock-cidr-1" does not look like an IPv4 CIDR block; it is used as written',
      ],
      [
        'network.vpc.subnets.public.0.az',
        '"mock-az-1" does not look like an Availability Zone name; it is used as written',
      ],
      [
        'network.vpc.subnets.private.0.az',
        '"mock-az-1" does not look like an Availability Zone name; it is used as written',
      ],
      // An address is not a block.
      ['network.vpc.subnets.private.1.cidr', '"10.0.3.0" does not look like an IPv4 CIDR block; it is used as written'],
    ]);
    expect(stack.warnings![0].hint).toBe('write it like 10.0.0.0/16');
    expect(stack.warnings![2].hint).toMatch(/look like us-west-2a/);
    expect(stack.parameters).toMatchObject({
      VPCCIDR: 'mock-cidr-0',
      PublicSubnetCIDRs: 'mock-cidr-1,10.0.1.0/24',
      PublicSubnetAZs: 'mock-az-1,us-west-2b',
      PrivateSubnetCIDRs: '10.0.2.0/24,10.0.3.0',
      PrivateSubnetAZs: 'mock-az-1,us-west-2b',
    });
    expect(templateToYaml(stack.template)).not.toMatch(/mock-|10\.0\.[123]\.0/);
    // NAT gateways still pair subnets by the AZ names the manifest gives.
    expect(props(resources(stack).NatGateway1).SubnetId).toEqual(ref('PublicSubnet1'));
    expect(props(resources(stack).NatGateway2).SubnetId).toEqual(ref('PublicSubnet2'));
  });

  it('rejects CIDR blocks that parse but that EC2 would refuse, and a VPC block it cannot carve', () => {
    const subnets = (vpcCidr: string, pub: string[], priv: string[]) => `${BASIC}network:
  vpc:
    cidr: ${vpcCidr}
    subnets:
      public: [${pub.map((c) => `{cidr: ${c}}`).join(', ')}]
      private: [${priv.map((c) => `{cidr: ${c}}`).join(', ')}]
`;
    const carve = renderError(`${BASIC}network:\n  vpc:\n    cidr: mock-cidr-0\n`);
    expect([carve.path, carve.message]).toEqual([
      ['network', 'vpc', 'cidr'],
      'the VPC block "mock-cidr-0" is not an IPv4 CIDR block, so mycopilot cannot carve the subnets out of it',
    ]);
    const hostBits = renderError(subnets('10.0.0.0/16', ['10.0.0.0/24', '10.0.1.1/24'], ['10.0.2.0/24', 'mock-1']));
    expect([hostBits.path, hostBits.message]).toEqual([
      ['network', 'vpc', 'subnets', 'public', 1, 'cidr'],
      'the subnet block "10.0.1.1/24" has host bits set',
    ]);
    const size = renderError(subnets('10.0.0.0/8', ['10.0.0.0/24', '10.0.1.0/24'], ['10.0.2.0/24', '10.0.3.0/24']));
    expect([size.path, size.message]).toEqual([
      ['network', 'vpc', 'cidr'],
      'the VPC block "10.0.0.0/8" must have a prefix length between /16 and /28',
    ]);
    const outside = renderError(subnets('10.0.0.0/16', ['10.0.0.0/24', 'mock-1'], ['10.0.2.0/24', '10.1.3.0/24']));
    expect([outside.path, outside.message]).toEqual([
      ['network', 'vpc', 'subnets', 'private', 1],
      "subnet 10.1.3.0/24 is not inside the VPC's 10.0.0.0/16",
    ]);
    // With a VPC block that does not parse, the subnets are still checked against each other.
    const overlap = renderError(subnets('mock-cidr-0', ['10.0.0.0/24', '10.0.1.0/24'], ['10.0.0.0/25', 'mock-1']));
    expect([overlap.path, overlap.message]).toEqual([
      ['network', 'vpc', 'subnets', 'private', 0],
      'subnet 10.0.0.0/25 overlaps 10.0.0.0/24',
    ]);
    expect(() =>
      render(subnets('mock-cidr-0', ['10.0.0.0/24', '10.1.0.0/24'], ['10.2.0.0/24', 'mock-1'])),
    ).not.toThrow();
  });

  it('puts NAT gateways, EIPs and private routes behind the NATWorkloads condition', () => {
    const stack = render(BASIC, NO_NEEDS);
    const nat = [
      'NatGateway1Attachment',
      'NatGateway1',
      'PrivateRouteTable1',
      'PrivateRoute1',
      'PrivateRouteTable2Association',
    ];
    for (const id of nat) expect(resources(stack)[id].Condition).toBe('CreateNATGateways');
    expect(stack.template.Conditions!.CreateNATGateways).toEqual({
      'Fn::Not': [{ 'Fn::Equals': [ref('NATWorkloads'), ''] }],
    });
    expect(stack.template.Outputs!.PrivateRouteTableIDs.Condition).toBe('CreateNATGateways');
  });

  it('creates no VPC resources for an imported VPC and uses its subnets, through typed parameters', () => {
    const stack = render(IMPORTED_VPC('vpc-0123456789abcdef0', ['subnet-0000000a', 'subnet-0000000b']));
    const networkTypes = ['AWS::EC2::VPC', 'AWS::EC2::Subnet', 'AWS::EC2::InternetGateway', 'AWS::EC2::NatGateway'];
    for (const type of networkTypes) expect(ofType(stack, type)).toEqual([]);
    expect(ofType(stack, 'AWS::EC2::RouteTable')).toEqual([]);
    // CloudFormation checks at deploy that the VPC and subnets exist; the values are the manifest's.
    expect(stack.template.Parameters!.ImportedVpcId).toEqual({
      Type: 'AWS::EC2::VPC::Id',
      Description: 'ID of the existing VPC of the environment (network.vpc.id in the environment manifest).',
    });
    expect(stack.template.Parameters!.ImportedPublicSubnetIds.Type).toBe('List<AWS::EC2::Subnet::Id>');
    expect(stack.template.Parameters!.ImportedPrivateSubnetIds.Type).toBe('List<AWS::EC2::Subnet::Id>');
    expect(stack.parameters).toMatchObject({
      ImportedVpcId: 'vpc-0123456789abcdef0',
      ImportedPublicSubnetIds: 'subnet-0000000a,subnet-0000000b',
      ImportedPrivateSubnetIds: 'subnet-0000000c,subnet-0000000d',
    });
    expect(templateToYaml(stack.template)).not.toMatch(/vpc-0|subnet-0/);
    for (const id of ['EnvironmentSecurityGroup', 'EFSSecurityGroup', 'PublicHTTPLoadBalancerSecurityGroup']) {
      expect(props(resources(stack)[id]).VpcId).toEqual(ref('ImportedVpcId'));
    }
    expect(props(resources(stack).FlowLog).ResourceId).toEqual(ref('ImportedVpcId'));
    expect(props(resources(stack).PublicLoadBalancer).Subnets).toEqual(ref('ImportedPublicSubnetIds'));
    expect(props(resources(stack).MountTarget2).SubnetId).toEqual({
      'Fn::Select': [1, ref('ImportedPrivateSubnetIds')],
    });
    expect(stack.template.Conditions!.CreateNATGateways).toBeUndefined();
    // The exports of the environment are the parameters' values: workloads import them as before.
    expect(stack.template.Outputs!.VpcId.Value).toEqual(ref('ImportedVpcId'));
    expect(stack.template.Outputs!.PublicSubnets.Value).toEqual({
      'Fn::Join': [',', ref('ImportedPublicSubnetIds')],
    });
    expect(stack.template.Outputs!.PrivateSubnets.Value).toEqual({
      'Fn::Join': [',', ref('ImportedPrivateSubnetIds')],
    });
  });

  it('renders the same template for environments that differ only in the IDs they import', () => {
    const a = render(IMPORTED_VPC('vpc-0123456789abcdef0', ['subnet-0000000a', 'subnet-0000000b']));
    const b = render(IMPORTED_VPC('vpc-12345', ['subnet-1111111a', 'mockSubnetID2']));
    expect(templateToYaml(b.template)).toBe(templateToYaml(a.template));
    expect(b.parameters.ImportedVpcId).toBe('vpc-12345');
    expect(b.parameters.ImportedPublicSubnetIds).toBe('subnet-1111111a,mockSubnetID2');
    expect(a.parameters).not.toEqual(b.parameters);
    const withCerts = (cert: string, bucket: string) =>
      render(`${BASIC}http:
  public:
    certificates: [${cert}, ${cert}2]
    access_logs: {bucket_name: ${bucket}}
  private:
    certificates: [${cert}3]
cdn:
  certificate: arn:aws:acm:us-east-1:123456789123:certificate/${bucket}
  static_assets: {location: ${bucket}.s3.us-west-2.amazonaws.com, alias: static.example.com, path: static/*}
`);
    const c = withCerts(CERT, 'logs-a');
    const d = withCerts('cert-1', 'logs-b');
    expect(templateToYaml(d.template)).toBe(templateToYaml(c.template));
    expect(d.parameters).toMatchObject({
      ImportedPublicALBCertificateArns: 'cert-1,cert-12',
      ImportedInternalALBCertificateArns: 'cert-13',
      ImportedAccessLogsBucketName: 'logs-b',
      ImportedCDNCertificateArn: 'arn:aws:acm:us-east-1:123456789123:certificate/logs-b',
      ImportedStaticAssetsBucketDomain: 'logs-b.s3.us-west-2.amazonaws.com',
    });
  });

  it('reports what it cannot render with the manifest path', () => {
    const vpc = (body: string) => `${BASIC}network:\n  vpc:\n${body}`;
    expect(renderError(vpc('    cidr: 10.0.0.1/16\n')).path).toEqual(['network', 'vpc', 'cidr']);
    expect(renderError(vpc('    flow_logs:\n      retention: 45\n')).path).toEqual([
      'network',
      'vpc',
      'flow_logs',
      'retention',
    ]);
    const privateOnly = vpc(
      '    id: vpc-0000000a\n    subnets:\n      private: [{id: subnet-0000000c}, {id: subnet-0000000d}]\n',
    );
    expect(renderError(privateOnly).path).toEqual(['network', 'vpc', 'subnets', 'public']);
    expect(() => render(privateOnly, { ...ALL_NEEDS, albWorkloads: [] })).not.toThrow();
    // A list parameter's value is split on commas.
    const comma = renderError(`${BASIC}http:\n  public:\n    certificates: ['${CERT},x']\n`);
    expect([comma.path, comma.message]).toEqual([
      ['http', 'public', 'certificates', 0],
      `"${CERT},x" cannot contain a comma`,
    ]);
  });

  it('needs two subnets for the internal load balancer, unless its list has one that is not a subnet ID', () => {
    const vpc = IMPORTED_VPC('vpc-0123456789abcdef0', ['subnet-0000000a', 'subnet-0000000b']);
    const internal = (subnets: string) => `${vpc}http:\n  private:\n    subnets: ${subnets}\n`;
    const one = renderError(internal('[subnet-0000000c]'));
    expect([one.path, one.message]).toEqual([
      ['http', 'private', 'subnets'],
      'the internal load balancer needs at least two subnets',
    ]);
    const two = render(internal('[subnet-0000000c, subnet-0000000d]'));
    expect(two.warnings).toBeUndefined();
    expect(two.parameters.ImportedInternalALBSubnetIds).toBe('subnet-0000000c,subnet-0000000d');
    // A space instead of a comma: one item, which is not a subnet ID. The list cannot be counted; it is passed as
    // written and CloudFormation checks it at deploy.
    const spaced = render(internal('[mock-subnet-id-3 mock-subnet-id-4]'));
    expect(spaced.warnings!.map((w) => [w.path.join('.'), w.message, w.hint])).toEqual([
      [
        'http.private.subnets.0',
        '"mock-subnet-id-3 mock-subnet-id-4" does not look like a subnet ID; it is used as written',
        'YAML flow lists separate items with commas: [subnet-a, subnet-b]; subnet IDs look like subnet-0123456789abcdef0',
      ],
    ]);
    expect(spaced.parameters.ImportedInternalALBSubnetIds).toBe('mock-subnet-id-3 mock-subnet-id-4');
    expect(resources(spaced).InternalLoadBalancer.Condition).toBe('CreateInternalALB');
    expect(props(resources(spaced).InternalLoadBalancer).Subnets).toEqual(ref('ImportedInternalALBSubnetIds'));
    const placeholder = render(internal('[mock-subnet]'));
    expect(placeholder.warnings!.map((w) => w.hint)).toEqual(['subnet IDs look like subnet-0123456789abcdef0']);
    expect(resources(placeholder).InternalLoadBalancer).toBeDefined();
  });

  it('uses IDs and ARNs that do not look like AWS ones as written, with a warning at their path', () => {
    const stack = render(`${BASIC}network:
  vpc:
    id: vpc-12345
    subnets:
      public: [{id: subnet-0000000a}, {id: subnet-0000000b}]
      private: [{id: mock-subnet-1}, {id: subnet-0000000d}]
http:
  public:
    certificates: [cert-1]
    access_logs: {bucket_name: s3://logs}
  private:
    subnets: [mock-subnet-1, subnet-0000000d]
cdn:
  certificate: viewer-cert
  static_assets: {location: my-bucket.s3.amazonaws.com, alias: static.example.com, path: static/*}
`);
    // Passed as written, as the values of the parameters in their place.
    expect(stack.parameters).toMatchObject({
      ImportedVpcId: 'vpc-12345',
      ImportedPrivateSubnetIds: 'mock-subnet-1,subnet-0000000d',
      ImportedCDNCertificateArn: 'viewer-cert',
      ImportedPublicALBCertificateArns: 'cert-1',
      ImportedAccessLogsBucketName: 's3://logs',
      ImportedInternalALBSubnetIds: 'mock-subnet-1,subnet-0000000d',
    });
    expect(props(resources(stack).InternalLoadBalancer).Subnets).toEqual(ref('ImportedInternalALBSubnetIds'));
    expect(JSON.stringify(stack.template)).not.toMatch(/vpc-12345|mock-subnet-1|cert-1|s3:\/\/logs/);
    expect(stack.warnings!.map((w) => [w.path.join('.'), w.value])).toEqual([
      ['network.vpc.id', 'vpc-12345'],
      ['network.vpc.subnets.private.0.id', 'mock-subnet-1'],
      ['cdn.certificate', 'viewer-cert'],
      ['http.public.certificates.0', 'cert-1'],
      ['http.public.access_logs.bucket_name', 's3://logs'],
      ['http.private.subnets.0', 'mock-subnet-1'],
    ]);
    expect(stack.warnings![0].message).toBe('"vpc-12345" does not look like a VPC ID; it is used as written');
    expect(stack.warnings![0].hint).toBe('VPC IDs look like vpc-0123456789abcdef0');
    expect(render(BASIC).warnings).toBeUndefined();
  });
});

describe('conditions', () => {
  it('switch the load balancers and EFS on the workload parameters and keep the template when only they change', () => {
    const off = render(BASIC, NO_NEEDS);
    const on = render(BASIC, ALL_NEEDS);
    expect(templateToYaml(on.template)).toBe(templateToYaml(off.template));
    expect(on.parameters).toMatchObject({
      ALBWorkloads: 'api,front',
      InternalALBWorkloads: 'backend',
      EFSWorkloads: 'store',
      NATWorkloads: 'worker',
    });
    expect(off.parameters).toMatchObject({
      ALBWorkloads: '',
      InternalALBWorkloads: '',
      EFSWorkloads: '',
      NATWorkloads: '',
    });
    const conditionOf = (id: string) => resources(on)[id].Condition;
    for (const id of [
      'PublicLoadBalancer',
      'HTTPListener',
      'DefaultHTTPTargetGroup',
      'PublicHTTPLoadBalancerSecurityGroup',
    ]) {
      expect(conditionOf(id)).toBe('CreateALB');
    }
    for (const id of ['InternalLoadBalancer', 'InternalHTTPListener', 'InternalLoadBalancerSecurityGroup']) {
      expect(conditionOf(id)).toBe('CreateInternalALB');
    }
    for (const id of ['FileSystem', 'MountTarget1', 'EFSSecurityGroup']) expect(conditionOf(id)).toBe('CreateEFS');
    expect(on.template.Conditions!.CreateALB).toEqual({ 'Fn::Not': [{ 'Fn::Equals': [ref('ALBWorkloads'), ''] }] });
    expect(on.template.Conditions!.CreateEFS).toEqual({ 'Fn::Not': [{ 'Fn::Equals': [ref('EFSWorkloads'), ''] }] });
  });

  it('is deterministic', () => {
    const text = readFileSync(path.join(REPO_ROOT, 'examples/hello/copilot/environments/prod/manifest.yml'), 'utf8');
    const a = render(text);
    const b = render(text, { ...ALL_NEEDS, albWorkloads: ['api', 'front', 'api'] });
    expect(templateToYaml(b.template)).toBe(templateToYaml(a.template));
    expect(b).toEqual(a);
  });
});

describe('security groups', () => {
  it('lets anyone reach the public ALB on 80, and on 443 only with certificates', () => {
    const plain = render(BASIC);
    const rules = ingressOf(plain, 'PublicHTTPLoadBalancerSecurityGroup');
    expect(rules.map((r) => [r.IpProtocol, r.FromPort, r.ToPort, r.CidrIp])).toEqual([['tcp', 80, 80, '0.0.0.0/0']]);
    expect(resources(plain).PublicHTTPSLoadBalancerSecurityGroup).toBeUndefined();

    const tls = render(`${BASIC}http:\n  public:\n    certificates: [${CERT}]\n`);
    expect(ingressOf(tls, 'PublicHTTPLoadBalancerSecurityGroup').map((r) => [r.FromPort, r.ToPort, r.CidrIp])).toEqual([
      [80, 80, '0.0.0.0/0'],
    ]);
    expect(ingressOf(tls, 'PublicHTTPSLoadBalancerSecurityGroup').map((r) => [r.FromPort, r.ToPort, r.CidrIp])).toEqual(
      [[443, 443, '0.0.0.0/0']],
    );
    expect(props(resources(tls).PublicLoadBalancer).SecurityGroups).toEqual([
      groupId('PublicHTTPLoadBalancerSecurityGroup'),
      groupId('PublicHTTPSLoadBalancerSecurityGroup'),
    ]);
    // Plain HTTP is redirected to the HTTPS listener.
    expect(props(resources(tls).HTTPListener).DefaultActions[0].Type).toBe('redirect');
    expect(props(resources(tls).HTTPSListener).Certificates).toEqual([
      { CertificateArn: { 'Fn::Select': [0, ref('ImportedPublicALBCertificateArns')] } },
    ]);
    expect(tls.template.Parameters!.ImportedPublicALBCertificateArns.Type).toBe('CommaDelimitedList');
    expect(tls.parameters.ImportedPublicALBCertificateArns).toBe(CERT);
  });

  it('admits only the allowed source ranges and the CloudFront prefix list, old and new field names alike', () => {
    const newFields = `${BASIC}cdn: true\nhttp:\n  public:\n    ingress:\n      cdn: true\n      source_ips: [1.1.1.1, 10.1.0.0/16]\n`;
    const oldFields = `${BASIC}cdn: true\nhttp:\n  public:\n    security_groups:\n      ingress:\n        restrict_to:\n          cdn: true\n          source_ips: [1.1.1.1, 10.1.0.0/16]\n`;
    const rules = ingressOf(render(newFields), 'PublicHTTPLoadBalancerSecurityGroup');
    expect(rules.map((r) => [r.IpProtocol, r.FromPort, r.ToPort, r.CidrIp ?? r.SourcePrefixListId])).toEqual([
      ['tcp', 80, 80, ref('CloudFrontOriginPrefixListId')],
      ['tcp', 80, 80, '1.1.1.1/32'],
      ['tcp', 80, 80, '10.1.0.0/16'],
    ]);
    expect(templateToYaml(render(oldFields).template)).toBe(templateToYaml(render(newFields).template));
    expect(render(newFields).parameters.CloudFrontOriginPrefixListId).toBe('pl-82a045eb');
  });

  it('lets the workloads take all traffic from each other and from the load balancers', () => {
    const stack = render(BASIC);
    const sources = ingressOf(stack, 'EnvironmentSecurityGroup').map((r) => [r.IpProtocol, r.SourceSecurityGroupId]);
    expect(sources).toEqual([
      ['-1', groupId('EnvironmentSecurityGroup')],
      ['-1', groupId('PublicHTTPLoadBalancerSecurityGroup')],
      ['-1', groupId('InternalLoadBalancerSecurityGroup')],
    ]);
    const internal = ingressOf(stack, 'InternalLoadBalancerSecurityGroup');
    expect(internal.map((r) => [r.FromPort, r.ToPort, r.SourceSecurityGroupId])).toEqual([
      [80, 80, groupId('EnvironmentSecurityGroup')],
    ]);
  });

  it('adds the manifest rules to EnvironmentSecurityGroup', () => {
    const stack = render(`${BASIC}network:
  vpc:
    security_group:
      ingress: [{ip_protocol: tcp, ports: 1-10, cidr: 10.0.0.0/8}]
      egress: [{ip_protocol: tcp, ports: 443, cidr: 0.0.0.0/0}]
`);
    const sg = props(resources(stack).EnvironmentSecurityGroup);
    expect(sg.SecurityGroupIngress).toEqual([{ IpProtocol: 'tcp', FromPort: 1, ToPort: 10, CidrIp: '10.0.0.0/8' }]);
    expect(sg.SecurityGroupEgress).toEqual([{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' }]);
  });
});

describe('EC2 capacity', () => {
  it('opens the ephemeral host ports on the instances only to the load balancers', () => {
    const stack = render(EC2);
    const rules = ingressOf(stack, 'InstanceSecurityGroup');
    const ephemeral = rules.filter((r) => r.FromPort === 32768);
    expect(ephemeral.map((r) => [r.IpProtocol, r.ToPort, r.SourceSecurityGroupId])).toEqual([
      ['tcp', 65535, groupId('PublicHTTPLoadBalancerSecurityGroup')],
      ['tcp', 65535, groupId('InternalLoadBalancerSecurityGroup')],
    ]);
    expect(rules.filter((r) => r.FromPort !== 32768).map((r) => [r.IpProtocol, r.SourceSecurityGroupId])).toEqual([
      ['-1', groupId('EnvironmentSecurityGroup')],
      ['-1', groupId('InstanceSecurityGroup')],
    ]);
    expect(rules.some((r) => r.CidrIp || r.CidrIpv6 || r.SourcePrefixListId)).toBe(false);
  });

  it('renders the Auto Scaling group, launch template and capacity provider of the cluster', () => {
    const stack = render(`${EC2.replace('[m5.large]', '[m5.large, m5a.large]')}    min: 1
    spot: {on_demand_base: 1, on_demand_percentage: 25}
    managed_scaling: {target_capacity: 80, max_step: 5}
    managed_termination_protection: true
`);
    const asg = props(resources(stack).EC2AutoScalingGroup);
    expect(asg).toMatchObject({ MinSize: '1', MaxSize: '4', NewInstancesProtectedFromScaleIn: true });
    expect(asg.VPCZoneIdentifier).toEqual([ref('PrivateSubnet1'), ref('PrivateSubnet2')]);
    expect(asg.MixedInstancesPolicy.InstancesDistribution).toMatchObject({
      OnDemandBaseCapacity: 1,
      OnDemandPercentageAboveBaseCapacity: 25,
    });
    expect(asg.MixedInstancesPolicy.LaunchTemplate.Overrides).toEqual([
      { InstanceType: 'm5.large' },
      { InstanceType: 'm5a.large' },
    ]);
    // Private instances need NAT to reach ECS whatever the workloads: the NAT gateways are unconditional.
    expect(resources(stack).NatGateway1.Condition).toBeUndefined();
    expect(resources(stack).EC2AutoScalingGroup.DependsOn).toEqual(['PrivateRoute1', 'PrivateRoute2']);

    const data = props(resources(stack).EC2LaunchTemplate).LaunchTemplateData;
    expect(data.ImageId).toEqual(ref('InstanceAMI'));
    expect(JSON.stringify(data.UserData)).toContain('echo ECS_CLUSTER=${Cluster} >> /etc/ecs/ecs.config');
    expect(stack.template.Parameters!.InstanceAMI).toEqual(
      expect.objectContaining({
        Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>',
        Default: '/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id',
      }),
    );
    const role = props(resources(stack).EC2InstanceRole);
    expect(JSON.stringify(role.ManagedPolicyArns)).toContain('service-role/AmazonEC2ContainerServiceforEC2Role');

    expect(props(resources(stack).EC2CapacityProvider).AutoScalingGroupProvider).toEqual({
      AutoScalingGroupArn: ref('EC2AutoScalingGroup'),
      ManagedScaling: { Status: 'ENABLED', TargetCapacity: 80, MaximumScalingStepSize: 5 },
      ManagedTerminationProtection: 'ENABLED',
    });
    expect(props(resources(stack).ClusterCapacityProviderAssociations)).toMatchObject({
      Cluster: ref('Cluster'),
      CapacityProviders: ['FARGATE', 'FARGATE_SPOT', ref('EC2CapacityProvider')],
    });
    expect(props(resources(stack).Cluster).CapacityProviders).toBeUndefined();
  });

  it('takes a single type without a mixed policy, an explicit AMI and public placement', () => {
    const stack = render(`${EC2}    ami: ami-0123456789abcdef0\n    placement: public\n`);
    const asg = props(resources(stack).EC2AutoScalingGroup);
    expect(asg.MixedInstancesPolicy).toBeUndefined();
    expect(asg.LaunchTemplate.LaunchTemplateId).toEqual(ref('EC2LaunchTemplate'));
    expect(asg.VPCZoneIdentifier).toEqual([ref('PublicSubnet1'), ref('PublicSubnet2')]);
    const data = props(resources(stack).EC2LaunchTemplate).LaunchTemplateData;
    expect(data.ImageId).toBe('ami-0123456789abcdef0');
    expect(data.NetworkInterfaces[0].AssociatePublicIpAddress).toBe(true);
    expect(stack.template.Parameters!.InstanceAMI).toBeUndefined();
    expect(resources(stack).NatGateway1.Condition).toBe('CreateNATGateways');
  });
});

describe('CDN, access logs and flow logs', () => {
  it('puts CloudFront in front of the public ALB and does not redirect HTTP when CloudFront terminates TLS', () => {
    const stack = render(`${BASIC}http:
  public:
    certificates: [${CERT}]
cdn:
  certificate: arn:aws:acm:us-east-1:123456789123:certificate/cdn
  terminate_tls: true
`);
    const distribution = resources(stack).CloudFrontDistribution;
    expect(distribution.Condition).toBe('CreateALB');
    const config = props(distribution).DistributionConfig;
    expect(config.Origins[0].CustomOriginConfig).toEqual({ OriginProtocolPolicy: 'http-only' });
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(config.Aliases).toEqual({
      'Fn::If': ['HasCDNAliases', { 'Fn::Split': [',', ref('Aliases')] }, ref('AWS::NoValue')],
    });
    expect(stack.parameters.Aliases).toBe('www.example.com');
    expect(props(resources(stack).HTTPListener).DefaultActions[0].Type).toBe('forward');
  });

  it('creates the access-logs bucket with a policy for the region’s ELB writer', () => {
    const stack = render(`${BASIC}http:\n  public:\n    access_logs:\n      prefix: alb\n`);
    const lb = props(resources(stack).PublicLoadBalancer).LoadBalancerAttributes;
    expect(lb).toEqual([
      { Key: 'access_logs.s3.enabled', Value: 'true' },
      { Key: 'access_logs.s3.bucket', Value: ref('ELBAccessLogsBucket') },
      { Key: 'access_logs.s3.prefix', Value: 'alb' },
    ]);
    expect(resources(stack).PublicLoadBalancer.DependsOn).toBe('ELBAccessLogsBucketPolicy');
    const statement = props(resources(stack).ELBAccessLogsBucketPolicy).PolicyDocument.Statement[0];
    expect(statement.Resource['Fn::Sub']).toBe(
      'arn:${AWS::Partition}:s3:::${ELBAccessLogsBucket}/alb/AWSLogs/${AWS::AccountId}/*',
    );
    expect(statement.Principal['Fn::If'][0]).toBe('ElbAccountRegion');
    expect((stack.template as any).Mappings.RegionalConfigs['us-west-2']).toEqual({ ElbAccountId: '797873946194' });
    const existing = render(`${BASIC}http:\n  public:\n    access_logs: {bucket_name: my-logs}\n`);
    expect(resources(existing).ELBAccessLogsBucket).toBeUndefined();
    expect(renderError(`${BASIC}http:\n  public:\n    access_logs: {prefix: x/AWSLogs}\n`).path).toEqual([
      'http',
      'public',
      'access_logs',
      'prefix',
    ]);
  });

  it('captures VPC flow logs with the manifest retention', () => {
    const stack = render(`${BASIC}network:\n  vpc:\n    flow_logs:\n      retention: 30\n`);
    expect(props(resources(stack).VpcFlowLogGroup).RetentionInDays).toBe(30);
    expect(props(resources(stack).FlowLog)).toMatchObject({ ResourceId: ref('VPC'), TrafficType: 'ALL' });
    expect(resources(render(BASIC)).FlowLog).toBeUndefined();
  });
});

describe('cluster and outputs', () => {
  it('sets Container Insights and both Fargate providers', () => {
    const enhanced = props(resources(render(`${BASIC}observability:\n  container_insights: enhanced\n`)).Cluster);
    expect(enhanced.ClusterSettings).toEqual([{ Name: 'containerInsights', Value: 'enhanced' }]);
    expect(enhanced.CapacityProviders).toEqual(['FARGATE', 'FARGATE_SPOT']);
    const off = props(resources(render(`${BASIC}observability:\n  container_insights: false\n`)).Cluster);
    expect(off.ClusterSettings).toEqual([{ Name: 'containerInsights', Value: 'disabled' }]);
    expect(props(resources(render(BASIC)).ServiceDiscoveryNamespace).Name).toBe('test.my-app.local');
  });

  it('exports every key of exports.ts when every part is on', () => {
    const text = `${EC2}cdn:
  certificate: arn:aws:acm:us-east-1:123456789123:certificate/cdn
http:
  public:
    certificates: [${CERT}]
  private:
    certificates: [${CERT}]
`;
    // With the application's domain too (its zones' exports).
    const stack = buildEnvironmentStack(
      { app: 'my-app', env: 'test', manifest: manifestOf(text), needs: ALL_NEEDS, appDomain: {} },
      LOOKUPS,
    );
    const outputs = Object.values(stack.template.Outputs!).filter((o) => o.Export);
    const exported = outputs.map((o) => (o.Export!.Name as { 'Fn::Sub': string })['Fn::Sub']);
    expect(exported.sort()).toEqual(
      Object.values(EnvExport)
        .map((k) => `\${AWS::StackName}-${k}`)
        .sort(),
    );
    expect(stack.template.Outputs!.HTTPSListenerArn.Condition).toBe('CreateALB');
    expect(stack.template.Outputs!.ManagedFileSystemID.Condition).toBe('CreateEFS');
    expect(stack.stackName).toBe('my-app-test');
    expect(stack.tags).toEqual({ 'copilot-application': 'my-app', 'copilot-environment': 'test' });
  });

  it('gives every resource a description for deploy progress', () => {
    for (const r of Object.values(resources(render(EC2)))) expect(r.Metadata?.['mycopilot:description']).toBeTruthy();
  });
});

// ---------------------------------------------------------------------------------------------------------------
// cfn-lint over every environment manifest of the corpus and the examples.

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return yamlFiles(full);
    return /\.ya?ml$/.test(name) ? [full] : [];
  });
}

/** The environment manifests the corpus README lists, plus the examples'. */
const ENV_MANIFESTS = [
  ...yamlFiles(path.join(CORPUS, 'extracted')),
  ...yamlFiles(path.join(CORPUS, 'internal/pkg/manifest/testdata')).filter((f) => /environment-[^/]*$/.test(f)),
  ...yamlFiles(path.join(CORPUS, 'e2e')).filter((f) => f.includes('/environments/')),
  ...yamlFiles(path.join(REPO_ROOT, 'examples/hello/copilot/environments')),
].sort();

const label = (file: string) =>
  file.startsWith(CORPUS) ? path.relative(CORPUS, file) : path.relative(REPO_ROOT, file);

/**
 * Copilot's test manifests use placeholders where a user writes real values (vpc-12345, cert-1, mock-cidr-0,
 * mock-az-1). Imported IDs and ARNs, and the CIDR blocks and AZs of the VPC mycopilot creates, are stack parameters,
 * so placeholders of those only get a warning and leave the template as it would be with real values; what cannot be
 * rendered at all (an alias with no certificate) is rejected (the outcomes are checked below). For linting with every
 * part switched on, placeholders become well-formed stand-ins; test/unit/deploy/corpus-package.test.ts lints the
 * manifests as written.
 */
const PLACEHOLDERS: [RegExp, string][] = [
  [/mock-subnet-id-3 mock-subnet-id-4/g, 'mock-subnet-id-3, mock-subnet-id-4'], // a one-element list in the original
  [/mock-cidr-0/g, '10.0.0.0/16'],
  [/mock-cidr-(\d)/g, '10.0.$1.0/24'],
  [/mock-az-1/g, 'us-west-2a'],
  [/mock-az-2/g, 'us-west-2b'],
  // A static-assets alias needs a certificate; Copilot's e2e app got one from its managed app domain.
  [
    /^cdn:\n {2}terminate_tls: true/m,
    'cdn:\n  certificate: arn:aws:acm:us-east-1:123456789123:certificate/cdn\n  terminate_tls: true',
  ],
];

/** What the unmodified manifests get instead of a template: what cannot be rendered at all. */
const RENDER_ERRORS: Record<string, string> = {
  'e2e/cloudfront/copilot/environments/test/manifest.yml': 'cdn.static_assets.alias',
};

/** The unmodified manifests rendered with a warning, and the first field warned about. */
const PLACEHOLDER_WARNINGS: Record<string, string> = {
  'extracted/env-integration/template-with-cloudfront-observability.manifest.yml': 'cdn.certificate',
  'extracted/env-integration/template-with-custom-security-group.manifest.yml': 'http.public.certificates.0',
  'extracted/env-integration/template-with-imported-certs-sslpolicy-custom-empty-security-group.manifest.yml':
    'http.public.certificates.0',
  'extracted/env-integration/template-with-importedvpc-flowlogs.manifest.yml': 'network.vpc.id',
  'extracted/env-regression/deprecated-ingress-fields.manifest.yml': 'cdn.certificate',
  'extracted/env-regression/new-ingress-fields.manifest.yml': 'cdn.certificate',
  // `subnets: [mock-subnet-id-3 mock-subnet-id-4]`, a list of one placeholder, is warned about after the VPC's IDs.
  'internal/pkg/manifest/testdata/environment-adjust-vpc-private-subnets.yml': 'network.vpc.id',
  'internal/pkg/manifest/testdata/environment-adjust-vpc.yml': 'network.vpc.cidr',
  'internal/pkg/manifest/testdata/environment-import-vpc.yml': 'network.vpc.id',
};

const LINT_VARIANTS: Record<string, string> = {
  'ec2-public-spot-protected': `${EC2}    min: 1
    desired: 2
    placement: public
    ami: /aws/service/ecs/optimized-ami/amazon-linux-2/recommended/image_id
    spot: {}
    root_volume_size: 50
    key_pair: ops
    managed_scaling: {target_capacity: 75, min_step: 2, max_step: 10}
    managed_termination_protection: true
`,
  'ec2-imported-vpc': `${EC2}    ami: ami-0123456789abcdef0
network:
  vpc:
    id: vpc-0123456789abcdef0
    subnets:
      public: [{id: subnet-0000000a}, {id: subnet-0000000b}]
      private: [{id: subnet-0000000c}, {id: subnet-0000000d}]
    flow_logs: true
http:
  private:
    subnets: [subnet-0000000c, subnet-0000000d]
    certificates: [${CERT}, ${CERT}2]
    ingress: {vpc: true}
`,
  'custom-vpc-logs-insights': `${BASIC}network:
  vpc:
    cidr: 172.16.0.0/20
    security_group:
      ingress: [{ip_protocol: udp, ports: 53, cidr: 172.16.0.0/20}, {ip_protocol: tcp, ports: 22, cidr: '2001:db8::/32'}]
http:
  public:
    certificates: [${CERT}]
    ssl_policy: ELBSecurityPolicy-TLS13-1-2-2021-06
    access_logs: {prefix: alb/logs}
    ingress: {source_ips: [192.0.2.0/24]}
observability:
  container_insights: enhanced
cdn:
  certificate: arn:aws:acm:us-east-1:123456789123:certificate/cdn
  terminate_tls: true
`,
};

function renderFile(file: string, needs: EnvironmentNeeds, fix: boolean): RenderedStack {
  let text = readFileSync(file, 'utf8');
  if (fix) for (const [pattern, replacement] of PLACEHOLDERS) text = text.replace(pattern, replacement);
  return render(text, needs);
}

/** Every optional part on, as far as the network allows (an imported VPC without public subnets has no ALB). */
function allNeedsFor(file: string): EnvironmentNeeds {
  const hasPublic = !/id: [^\n]*\n\s+subnets:\n\s+private:/.test(readFileSync(file, 'utf8'));
  return hasPublic ? ALL_NEEDS : { ...ALL_NEEDS, albWorkloads: [] };
}

describe('every environment manifest of the corpus and the examples', () => {
  it('lists the 15 corpus files and the 2 examples', () => {
    expect(ENV_MANIFESTS).toHaveLength(17);
  });

  it('renders as written, placeholders with a warning, or fails with the manifest path of what cannot render', () => {
    const errors: Record<string, string> = {};
    const warned: Record<string, string> = {};
    for (const file of ENV_MANIFESTS) {
      try {
        const stack = renderFile(file, allNeedsFor(file), false);
        if (stack.warnings) warned[label(file)] = stack.warnings[0].path.join('.');
      } catch (err) {
        if (!(err instanceof RenderError)) throw err;
        errors[label(file)] = err.path.join('.');
      }
    }
    expect(errors).toEqual(RENDER_ERRORS);
    expect(warned).toEqual(PLACEHOLDER_WARNINGS);
  });

  it('renders the old and the new ingress fields identically', () => {
    const dir = path.join(CORPUS, 'extracted/env-regression');
    const [oldFields, newFields] = ['deprecated-ingress-fields', 'new-ingress-fields'].map((name) =>
      templateToYaml(renderFile(path.join(dir, `${name}.manifest.yml`), ALL_NEEDS, true).template),
    );
    expect(oldFields).toBe(newFields);
  });

  it('passes cfn-lint with no errors, with every part switched on and with none', () => {
    const stacks = ENV_MANIFESTS.flatMap((file) => [
      { label: `all/${label(file)}`, stack: renderFile(file, allNeedsFor(file), true) },
      { label: `none/${label(file)}`, stack: renderFile(file, NO_NEEDS, true) },
    ]);
    // What the corpus does not cover: mycopilot's EC2 capacity in its forms, and the remaining manifest fields.
    const variants = Object.entries(LINT_VARIANTS).map(([name, text]) => ({
      label: `variant/${name}`,
      stack: render(text),
    }));
    expect(cfnLint([...stacks, ...variants])).toEqual([]);
  });
});
