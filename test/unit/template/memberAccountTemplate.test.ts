import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const TEMPLATE_PATH = resolve(import.meta.dirname, '../../../deploy/member-account.yml');

/** CloudFormation's short-form tags, read as their long form (`!Sub x` → `{ 'Fn::Sub': x }`). */
const SHORT_FORMS = {
  Ref: 'Ref',
  Sub: 'Fn::Sub',
  GetAtt: 'Fn::GetAtt',
  If: 'Fn::If',
  Equals: 'Fn::Equals',
  Not: 'Fn::Not',
  Join: 'Fn::Join',
  Condition: 'Condition',
} as const;

const cloudFormationTags = Object.entries(SHORT_FORMS).flatMap(([short, long]) => [
  {
    tag: `!${short}`,
    resolve: (value: string) => ({ [long]: short === 'GetAtt' ? value.split('.') : value }),
  },
  {
    tag: `!${short}`,
    collection: 'seq' as const,
    resolve: (sequence: { toJSON(): unknown }) => ({ [long]: sequence.toJSON() }),
  },
]);

interface Statement {
  readonly Effect: string;
  readonly Principal?: unknown;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: unknown;
}

interface Resource {
  readonly Type: string;
  readonly Condition?: string;
  readonly Properties: Record<string, unknown>;
}

interface Template {
  readonly Parameters: Record<string, { Type: string; Default?: string }>;
  readonly Conditions: Record<string, unknown>;
  readonly Resources: Record<string, Resource>;
}

function rolePolicyStatements(role: Resource | undefined): Statement[] {
  const policies = (role?.Properties.Policies ?? []) as { PolicyDocument: { Statement: Statement[] } }[];
  return policies.flatMap((policy) => policy.PolicyDocument.Statement);
}

function resourceOf(template: Template, logicalId: string): Resource {
  const resource = template.Resources[logicalId];
  if (!resource) throw new Error(`no resource ${logicalId} in the template`);
  return resource;
}

const asList = (value: string | string[]): string[] => (Array.isArray(value) ? value : [value]);

describe('deploy/member-account.yml', () => {
  let template: Template;

  beforeAll(async () => {
    template = parse(await readFile(TEMPLATE_PATH, 'utf8'), { customTags: cloudFormationTags }) as Template;
  });

  it('parses as a template with the central role and bus as parameters', () => {
    // Assess
    expect(Object.keys(template.Parameters)).toEqual(
      expect.arrayContaining(['CentralWorkerRoleArn', 'CentralEventBusArn', 'MemberRoleName']),
    );
    expect(template.Resources.MemberRole?.Type).toBe('AWS::IAM::Role');
  });

  it('lets only the central worker role assume the member role, under the agreed name', () => {
    // Prepare
    const role = resourceOf(template, 'MemberRole');
    const trust = (role.Properties.AssumeRolePolicyDocument as { Statement: Statement[] }).Statement;

    // Assess
    expect(role.Properties.RoleName).toEqual({ Ref: 'MemberRoleName' });
    expect(trust).toEqual([
      { Effect: 'Allow', Principal: { AWS: { Ref: 'CentralWorkerRoleArn' } }, Action: 'sts:AssumeRole' },
    ]);
  });

  it('grants the member role the redshift-serverless calls the worker makes, and no `*` action', () => {
    // Prepare
    const statements = rolePolicyStatements(template.Resources.MemberRole);
    const actions = statements.flatMap((statement) => asList(statement.Action));
    const namespaceScoped = statements
      .filter((statement) => JSON.stringify(statement.Resource).includes(':namespace/*'))
      .flatMap((statement) => asList(statement.Action));

    // Assess
    expect(actions.filter((action) => action === '*' || action.endsWith(':*'))).toEqual([]);
    expect(actions).toEqual(
      expect.arrayContaining([
        'redshift-serverless:ListSnapshotCopyConfigurations',
        'redshift-serverless:CreateSnapshotCopyConfiguration',
        'redshift-serverless:UpdateSnapshotCopyConfiguration',
        'redshift-serverless:GetNamespace',
        'redshift-serverless:ListNamespaces',
        'redshift-serverless:ListTagsForResource',
      ]),
    );
    expect(namespaceScoped.sort()).toEqual([
      'redshift-serverless:CreateSnapshotCopyConfiguration',
      'redshift-serverless:GetNamespace',
      'redshift-serverless:ListSnapshotCopyConfigurations',
      'redshift-serverless:ListTagsForResource',
    ]);
  });

  it('allows Resource `*` only for actions without a resource type', () => {
    // Act
    const wildcardActions = rolePolicyStatements(template.Resources.MemberRole)
      .filter((statement) => statement.Resource === '*')
      .flatMap((statement) => asList(statement.Action));

    // Assess
    expect(wildcardActions.sort()).toEqual([
      'redshift-serverless:ListNamespaces',
      'redshift-serverless:UpdateSnapshotCopyConfiguration',
    ]);
  });

  it('forwards successful CreateNamespace, TagResource and UntagResource calls to the central bus', () => {
    // Prepare
    const rule = resourceOf(template, 'ForwardNamespaceEventsRule');
    const [target] = rule.Properties.Targets as Record<string, unknown>[];

    // Assess
    expect(rule.Properties.EventPattern).toEqual({
      source: ['aws.redshift-serverless'],
      'detail-type': ['AWS API Call via CloudTrail'],
      detail: {
        eventSource: ['redshift-serverless.amazonaws.com'],
        eventName: ['CreateNamespace', 'TagResource', 'UntagResource'],
        errorCode: [{ exists: false }],
      },
    });
    expect(target).toMatchObject({
      Arn: { Ref: 'CentralEventBusArn' },
      RoleArn: { 'Fn::GetAtt': ['ForwardToCentralBusRole', 'Arn'] },
    });
  });

  it('lets the forwarding role put events on the central bus only', () => {
    // Act
    const statements = rolePolicyStatements(template.Resources.ForwardToCentralBusRole);

    // Assess
    expect(statements).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Action: 'events:PutEvents',
        Resource: { Ref: 'CentralEventBusArn' },
      }),
    ]);
  });
});
