import { describe, expect, it } from 'vitest';
import { orderResources } from '../../../../src/local/runner/cloudFormation/dependencies.js';
import { TemplateError } from '../../../../src/local/runner/cloudFormation/errors.js';
import {
  evaluateConditions,
  type IntrinsicScope,
  resolveIntrinsics,
} from '../../../../src/local/runner/cloudFormation/intrinsics.js';

const scope = (conditions: Record<string, boolean> = {}): IntrinsicScope => ({
  pseudo: { 'AWS::Region': 'us-east-1', 'AWS::AccountId': '000000000000' },
  parameters: { Stage: 'dev' },
  conditions,
  ref: (id) => (id === 'Queue' ? 'http://localhost/000000000000/q' : undefined),
  getAtt: (id, attribute) =>
    id === 'Queue' && attribute === 'Arn' ? 'arn:aws:sqs:us-east-1:000000000000:q' : undefined,
});

describe('Function: resolveIntrinsics', () => {
  it('resolves Ref to pseudo parameters, parameters and resources', () => {
    // Act
    const result = resolveIntrinsics(
      { a: { Ref: 'AWS::Region' }, b: { Ref: 'Stage' }, c: { Ref: 'Queue' } },
      scope(),
    );

    // Assess
    expect(result).toEqual({ a: 'us-east-1', b: 'dev', c: 'http://localhost/000000000000/q' });
  });

  it('substitutes ${} references, attributes, local variables and keeps ${!literal}', () => {
    // Act
    const result = resolveIntrinsics(
      { 'Fn::Sub': ['${Queue.Arn}/${AWS::AccountId}/${name}/${!Literal}', { name: { Ref: 'Stage' } }] },
      scope(),
    );

    // Assess
    expect(result).toBe('arn:aws:sqs:us-east-1:000000000000:q/000000000000/dev/${Literal}');
  });

  it('drops values that Fn::If resolves to AWS::NoValue, in objects and lists', () => {
    // Act
    const result = resolveIntrinsics(
      {
        kept: 1,
        dropped: { 'Fn::If': ['HasEmail', 'x', { Ref: 'AWS::NoValue' }] },
        list: [1, { 'Fn::If': ['HasEmail', 2, { Ref: 'AWS::NoValue' }] }],
      },
      scope({ HasEmail: false }),
    );

    // Assess
    expect(result).toEqual({ kept: 1, list: [1] });
  });

  it('joins, selects and splits', () => {
    // Act
    const result = resolveIntrinsics(
      {
        joined: { 'Fn::Join': ['-', ['a', { Ref: 'Stage' }]] },
        selected: { 'Fn::Select': [1, { 'Fn::Split': [',', 'x,y,z'] }] },
      },
      scope(),
    );

    // Assess
    expect(result).toEqual({ joined: 'a-dev', selected: 'y' });
  });

  it('rejects an unknown intrinsic function instead of passing it through', () => {
    // Act & Assess
    expect(() => resolveIntrinsics({ 'Fn::ImportValue': 'x' }, scope())).toThrow(TemplateError);
  });

  it('rejects a Ref to something that does not exist', () => {
    // Act & Assess
    expect(() => resolveIntrinsics({ Ref: 'Missing' }, scope())).toThrow(/Ref Missing/);
  });
});

describe('Function: evaluateConditions', () => {
  it('evaluates conditions that refer to parameters and to other conditions', () => {
    // Prepare
    const { conditions: _unused, ...base } = scope();

    // Act
    const result = evaluateConditions(
      {
        IsDev: { 'Fn::Equals': [{ Ref: 'Stage' }, 'dev'] },
        IsNotDev: { 'Fn::Not': [{ Condition: 'IsDev' }] },
        Both: { 'Fn::And': [{ Condition: 'IsDev' }, { Condition: 'IsNotDev' }] },
      },
      base,
    );

    // Assess
    expect(result).toEqual({ IsDev: true, IsNotDev: false, Both: false });
  });
});

describe('Function: orderResources', () => {
  it('puts each resource after what it refers to', () => {
    // Act
    const order = orderResources({
      Rule: { Properties: { Targets: [{ Arn: { 'Fn::GetAtt': ['Queue', 'Arn'] } }] } },
      Queue: { Properties: { RedrivePolicy: { deadLetterTargetArn: { 'Fn::Sub': '${Dlq.Arn}' } } } },
      Dlq: { Properties: {} },
      Alarm: { DependsOn: 'Rule', Properties: { Dimensions: [{ Value: { Ref: 'Rule' } }] } },
    });

    // Assess
    expect(order.indexOf('Dlq')).toBeLessThan(order.indexOf('Queue'));
    expect(order.indexOf('Queue')).toBeLessThan(order.indexOf('Rule'));
    expect(order.indexOf('Rule')).toBeLessThan(order.indexOf('Alarm'));
  });

  it('reports a circular reference', () => {
    // Act & Assess
    expect(() => orderResources({ A: { Ref: 'B' }, B: { Ref: 'A' } })).toThrow(/circular reference/);
  });
});
