// Deployed templates read back: mycopilot's long-form YAML, JSON, and Copilot's short-form tags.
import { literal, parseTemplate, resourcesOfType } from '../../../src/status/cfn-template';

describe('parseTemplate', () => {
  it('turns short-form tags into their long form', () => {
    const t = parseTemplate(
      [
        'AWSTemplateFormatVersion: 2010-09-09',
        'Resources:',
        '  Rule:',
        '    Type: AWS::Events::Rule',
        '    Properties:',
        '      ScheduleExpression: !Ref Schedule',
        '      Name: !Sub "${AppName}-rule"',
        '      Role: !GetAtt RuleRole.Arn',
        '      Listener: !ImportValue { "Fn::Sub": "${AppName}-${EnvName}-HTTPListenerArn" }',
        '      Values: !If [IsRoot, ["/*"], [!Sub "/${RulePath}"]]',
        '',
      ].join('\n'),
    );
    expect(t.Resources!.Rule.Properties).toEqual({
      ScheduleExpression: { Ref: 'Schedule' },
      Name: { 'Fn::Sub': '${AppName}-rule' },
      Role: { 'Fn::GetAtt': ['RuleRole', 'Arn'] },
      Listener: { 'Fn::ImportValue': { 'Fn::Sub': '${AppName}-${EnvName}-HTTPListenerArn' } },
      Values: { 'Fn::If': ['IsRoot', ['/*'], [{ 'Fn::Sub': '/${RulePath}' }]] },
    });
    expect((t as Record<string, unknown>).AWSTemplateFormatVersion).toBe('2010-09-09');
  });

  it('reads JSON, and gives an empty template for what is not one', () => {
    expect(parseTemplate('{"Resources":{"A":{"Type":"AWS::SNS::Topic"}}}').Resources).toEqual({
      A: { Type: 'AWS::SNS::Topic' },
    });
    expect(parseTemplate('just text')).toEqual({});
    expect(parseTemplate(': : :\n  - [')).toEqual({});
  });

  it('resolves literals and Refs to parameters, nothing else', () => {
    const params = { Schedule: 'rate(1 hour)' };
    expect(literal('x', params)).toBe('x');
    expect(literal(80, params)).toBe('80');
    expect(literal({ Ref: 'Schedule' }, params)).toBe('rate(1 hour)');
    expect(literal({ Ref: 'Other' }, params)).toBeUndefined();
    expect(literal({ 'Fn::Sub': 'x' }, params)).toBeUndefined();
  });

  it('lists resources of a type', () => {
    const t = parseTemplate(
      JSON.stringify({
        Resources: {
          A: { Type: 'AWS::Events::Rule', Properties: { X: 1 } },
          B: { Type: 'AWS::SNS::Topic' },
          C: { Type: 'AWS::Events::Rule' },
        },
      }),
    );
    expect(resourcesOfType(t, 'AWS::Events::Rule')).toEqual([
      ['A', { X: 1 }],
      ['C', {}],
    ]);
  });
});
