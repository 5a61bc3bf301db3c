// CloudFormation template model and intrinsic functions. Builders in src/stack compose these as plain
// objects; nothing here does I/O. Key order is insertion order, so the same input gives the same bytes.
import type * as Yaml from 'yaml';
import type { RenderWarning } from './inputs';

export type Value = unknown;

export interface Parameter {
  Type:
    | 'String'
    | 'Number'
    | 'CommaDelimitedList'
    // Existing resources named in a manifest: CloudFormation checks at deploy that they exist.
    | 'AWS::EC2::VPC::Id'
    | 'AWS::EC2::Subnet::Id'
    | 'List<AWS::EC2::Subnet::Id>'
    | 'List<AWS::EC2::AvailabilityZone::Name>'
    | 'AWS::Route53::HostedZone::Id'
    | 'AWS::SSM::Parameter::Value<String>'
    | 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>';
  Description?: string;
  Default?: string | number;
  AllowedValues?: string[];
  /** A regular expression the value (each item of a CommaDelimitedList) must match, checked at deploy. */
  AllowedPattern?: string;
  /** What CloudFormation says when the value does not match AllowedPattern or AllowedValues. */
  ConstraintDescription?: string;
  NoEcho?: boolean;
}

export interface Resource {
  Type: string;
  /** Human description shown in deploy progress instead of the logical ID. */
  Metadata?: { 'mycopilot:description': string } & Record<string, unknown>;
  Condition?: string;
  DependsOn?: string | string[];
  DeletionPolicy?: 'Delete' | 'Retain' | 'Snapshot' | 'RetainExceptOnCreate';
  UpdateReplacePolicy?: 'Delete' | 'Retain' | 'Snapshot';
  Properties?: Record<string, Value>;
}

export interface Output {
  Description?: string;
  Value: Value;
  Condition?: string;
  Export?: { Name: Value };
}

export interface Template {
  AWSTemplateFormatVersion: '2010-09-09';
  Description: string;
  Metadata?: Record<string, Value>;
  Parameters?: Record<string, Parameter>;
  Mappings?: Record<string, Record<string, Record<string, Value>>>;
  Conditions?: Record<string, Value>;
  Resources: Record<string, Resource>;
  Outputs?: Record<string, Output>;
}

/** What `package` writes and `deploy` sends: the template and the values of its parameters. */
export interface RenderedStack {
  stackName: string;
  template: Template;
  parameters: Record<string, string>;
  tags: Record<string, string>;
  /** Values rendered as written that do not look well-formed; `package` and `deploy` print them. Absent when none. */
  warnings?: RenderWarning[];
}

export const Ref = (name: string) => ({ Ref: name });
export const GetAtt = (resource: string, attribute: string) => ({ 'Fn::GetAtt': [resource, attribute] });
export const Sub = (text: string, vars?: Record<string, Value>) => ({ 'Fn::Sub': vars ? [text, vars] : text });
export const Join = (sep: string, parts: Value[]) => ({ 'Fn::Join': [sep, parts] });
export const ImportValue = (name: Value) => ({ 'Fn::ImportValue': name });
export const Select = (index: number, list: Value) => ({ 'Fn::Select': [index, list] });
export const Split = (sep: string, text: Value) => ({ 'Fn::Split': [sep, text] });
export const GetAZs = (region: Value = '') => ({ 'Fn::GetAZs': region });
export const If = (condition: string, whenTrue: Value, whenFalse: Value) => ({
  'Fn::If': [condition, whenTrue, whenFalse],
});
export const Equals = (a: Value, b: Value) => ({ 'Fn::Equals': [a, b] });
export const Not = (condition: Value) => ({ 'Fn::Not': [condition] });
export const And = (...conditions: Value[]) => ({ 'Fn::And': conditions });
export const Or = (...conditions: Value[]) => ({ 'Fn::Or': conditions });
export const NoValue = { Ref: 'AWS::NoValue' };
export const StackName = { Ref: 'AWS::StackName' };
export const Region = { Ref: 'AWS::Region' };
export const AccountId = { Ref: 'AWS::AccountId' };
export const Partition = { Ref: 'AWS::Partition' };
export const UrlSuffix = { Ref: 'AWS::URLSuffix' };

/** A resource with its progress description. */
export function resource(
  type: string,
  description: string,
  properties: Record<string, Value>,
  extra: Partial<Resource> = {},
): Resource {
  return { Type: type, Metadata: { 'mycopilot:description': description }, ...extra, Properties: properties };
}

/** CloudFormation tags from a map, in key order. */
export function tagList(tags: Record<string, string>): { Key: string; Value: string }[] {
  return Object.keys(tags)
    .sort()
    .map((Key) => ({ Key, Value: tags[Key] }));
}

/**
 * Properties every bucket of ours starts from: encrypted at rest, no public access, no ACLs (the bucket owner owns
 * every object). Callers add versioning, lifecycle rules and the like.
 */
export function privateBucketProperties(): Record<string, Value> {
  return {
    BucketEncryption: {
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    },
    PublicAccessBlockConfiguration: {
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    },
    OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
  };
}

/** Drops undefined properties so that optional settings leave no trace in the template. */
export function compact<T extends Record<string, Value>>(obj: T): T {
  const out: Record<string, Value> = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) out[k] = v;
  return out as T;
}

/** The template as YAML text: long form intrinsics, no anchors, stable line width. */
export function templateToYaml(template: Template): string {
  // Loaded here, not at the top: an unchanged deploy compares hashes and never writes YAML.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { stringify } = require('yaml') as typeof Yaml;
  return stringify(template, { aliasDuplicateObjects: false, lineWidth: 0 });
}

export function parametersToJson(stack: RenderedStack): string {
  return JSON.stringify({ Parameters: stack.parameters, Tags: stack.tags }, null, 2) + '\n';
}
