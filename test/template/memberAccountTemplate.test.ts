import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const TEMPLATE_PATH = resolve(import.meta.dirname, '../../deploy/member-account.yml');

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
  readonly Parameters: Record<string, { Type: string; Default?: string; AllowedPattern?: string }>;
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

  it('lets only the central copy and sweep worker roles assume the member role, under the agreed name', () => {
    // Prepare
    const role = resourceOf(template, 'MemberRole');
    const trust = (role.Properties.AssumeRolePolicyDocument as { Statement: Statement[] }).Statement;

    // Assess: the sweep worker only when its role is given (older central stacks have none)
    expect(role.Properties.RoleName).toEqual({ Ref: 'MemberRoleName' });
    expect(trust).toEqual([
      {
        Effect: 'Allow',
        Principal: {
          AWS: {
            'Fn::If': [
              'TrustsSweepWorker',
              [{ Ref: 'CentralWorkerRoleArn' }, { Ref: 'CentralSweepWorkerRoleArn' }],
              { Ref: 'CentralWorkerRoleArn' },
            ],
          },
        },
        Action: 'sts:AssumeRole',
      },
    ]);
    expect(template.Conditions.TrustsSweepWorker).toEqual({
      'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'CentralSweepWorkerRoleArn' }, ''] }],
    });
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
      'redshift-serverless:ListTagsForResource',
    ]);
  });

  it('allows Resource `*` only for actions that name no resource', () => {
    // Act
    const wildcardActions = rolePolicyStatements(template.Resources.MemberRole)
      .filter((statement) => statement.Resource === '*')
      .flatMap((statement) => asList(statement.Action));

    // Assess
    expect(wildcardActions.sort()).toEqual([
      'redshift-serverless:ListNamespaces',
      // Without a namespace (the sweep's region-wide listing) it names no resource.
      'redshift-serverless:ListSnapshotCopyConfigurations',
      'redshift-serverless:UpdateSnapshotCopyConfiguration',
    ]);
  });

  it('forwards successful namespace and copy configuration calls to the central bus', () => {
    // Prepare
    const rule = resourceOf(template, 'ForwardNamespaceEventsRule');
    const [target] = rule.Properties.Targets as Record<string, unknown>[];

    // Assess
    expect(rule.Properties.EventPattern).toEqual({
      source: ['aws.redshift-serverless'],
      'detail-type': ['AWS API Call via CloudTrail'],
      detail: {
        eventSource: ['redshift-serverless.amazonaws.com'],
        eventName: [
          'CreateNamespace',
          'TagResource',
          'UntagResource',
          'DeleteSnapshotCopyConfiguration',
          'UpdateSnapshotCopyConfiguration',
        ],
        errorCode: [{ exists: false }],
      },
    });
    expect(target).toMatchObject({
      Arn: { Ref: 'CentralEventBusArn' },
      RoleArn: { 'Fn::GetAtt': ['ForwardToCentralBusRole', 'Arn'] },
      RetryPolicy: { MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 185 },
    });
  });

  it('keeps events it cannot deliver in an encrypted dead-letter queue for 14 days', () => {
    // Prepare
    const [target] = resourceOf(template, 'ForwardNamespaceEventsRule').Properties.Targets as Record<
      string,
      unknown
    >[];
    const queue = resourceOf(template, 'ForwardingDeadLetterQueue');

    // Assess
    expect(target?.DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': ['ForwardingDeadLetterQueue', 'Arn'] } });
    expect(queue.Type).toBe('AWS::SQS::Queue');
    expect(queue.Properties).toMatchObject({ MessageRetentionPeriod: 1_209_600, SqsManagedSseEnabled: true });
  });

  it('lets only the forwarding rule put events in its dead-letter queue, over TLS', () => {
    // Prepare
    const policy = resourceOf(template, 'ForwardingDeadLetterQueuePolicy');
    const { Statement } = policy.Properties.PolicyDocument as { Statement: Statement[] };
    const queueArn = { 'Fn::GetAtt': ['ForwardingDeadLetterQueue', 'Arn'] };

    // Assess
    expect(policy.Properties.Queues).toEqual([{ Ref: 'ForwardingDeadLetterQueue' }]);
    expect(Statement).toEqual([
      {
        Sid: 'AllowUndeliverableEventsFromTheForwardingRule',
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: queueArn,
        Condition: {
          ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': ['ForwardNamespaceEventsRule', 'Arn'] } },
        },
      },
      expect.objectContaining({
        Effect: 'Deny',
        Action: 'sqs:*',
        Resource: queueArn,
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    ]);
  });

  it('alarms on the dead-letter queue’s depth and on the rule’s failed deliveries', () => {
    // Prepare
    const alarms = Object.values(template.Resources).filter(
      (resource) => resource.Type === 'AWS::CloudWatch::Alarm',
    );
    const byMetric = (metric: string) =>
      alarms.find((alarm) => alarm.Properties.MetricName === metric)?.Properties;

    // Assess
    expect(alarms).toHaveLength(2);
    expect(byMetric('ApproximateNumberOfMessagesVisible')).toMatchObject({
      Namespace: 'AWS/SQS',
      Dimensions: [
        { Name: 'QueueName', Value: { 'Fn::GetAtt': ['ForwardingDeadLetterQueue', 'QueueName'] } },
      ],
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
    });
    expect(byMetric('FailedInvocations')).toMatchObject({
      Namespace: 'AWS/Events',
      Dimensions: [{ Name: 'RuleName', Value: { Ref: 'ForwardNamespaceEventsRule' } }],
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
  });

  it('notifies the AlarmTopicArn topic when one is given, and no one otherwise', () => {
    // Prepare
    const notify = { 'Fn::If': ['HasAlarmTopic', [{ Ref: 'AlarmTopicArn' }], { Ref: 'AWS::NoValue' }] };
    const alarms = Object.values(template.Resources).filter(
      (resource) => resource.Type === 'AWS::CloudWatch::Alarm',
    );
    const pattern = new RegExp(template.Parameters.AlarmTopicArn?.AllowedPattern ?? '(?!)');

    // Assess
    expect(template.Parameters.AlarmTopicArn?.Default).toBe('');
    expect(template.Conditions.HasAlarmTopic).toEqual({
      'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'AlarmTopicArn' }, ''] }],
    });
    for (const alarm of alarms) {
      expect(alarm.Properties.AlarmActions).toEqual(notify);
      expect(alarm.Properties.OKActions).toEqual(notify);
    }
    expect(pattern.test('')).toBe(true);
    expect(pattern.test('arn:aws:sns:eu-west-1:111111111111:org-operations')).toBe(true);
    expect(pattern.test('arn:aws:sqs:eu-west-1:111111111111:org-operations')).toBe(false);
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
