// IAM documents shared by the roles of both Request-Driven Web Service targets.
import { Sub, Value } from '../template';

export interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: Value;
  Action: string | string[];
  /** Absent only in trust policies, where the principal is what is allowed. */
  Resource?: Value;
  Condition?: Record<string, Record<string, Value>>;
}

export const policyDocument = (statements: Statement[]) => ({ Version: '2012-10-17', Statement: statements });

/** The trust policy of a role only `service` (e.g. tasks.apprunner.amazonaws.com) may assume. */
export const trustedBy = (service: string) =>
  policyDocument([{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }]);

export const inlinePolicy = (name: string, statements: Statement[]) => ({
  PolicyName: name,
  PolicyDocument: policyDocument(statements),
});

/** ARN of an AWS managed policy, in the stack's partition. */
export const managedPolicy = (path: string) => Sub(`arn:\${AWS::Partition}:iam::aws:policy/${path}`);

/** The containers never manage IAM, whatever else they are granted (Copilot's guard, kept). */
export const DENY_IAM = inlinePolicy('DenyIAM', [{ Effect: 'Deny', Action: 'iam:*', Resource: '*' }]);
