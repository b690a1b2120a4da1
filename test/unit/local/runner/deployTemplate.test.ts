import { DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalCloud, type LocalCloud } from '../../../../src/local/localCloud.js';
import { deployTemplate } from '../../../../src/local/runner/cloudFormation/deployTemplate.js';
import { TemplateError } from '../../../../src/local/runner/cloudFormation/errors.js';
import type { CloudFormationTemplate } from '../../../../src/local/runner/cloudFormation/types.js';
import { createLocalClients, type LocalClients } from '../../../../src/local/runner/startLocalAutomation.js';

const ACCOUNT = '000000000000';
const WORKER_ARN = { 'Fn::GetAtt': ['WorkerFunction', 'Arn'] };

/** A stack with one resource of every type the deployer applies, and a few it skips. */
const TEMPLATE: CloudFormationTemplate = {
  Parameters: { Stage: { Default: 'dev' }, AlarmsWanted: { Default: 'false' } },
  Conditions: { WithAlarms: { 'Fn::Equals': [{ Ref: 'AlarmsWanted' }, 'true'] } },
  Resources: {
    DeadLetterQueue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::Sub': 'dlq-${Stage}' } } },
    RequestsQueue: {
      Type: 'AWS::SQS::Queue',
      Properties: {
        VisibilityTimeout: 120,
        RedrivePolicy: {
          deadLetterTargetArn: { 'Fn::GetAtt': ['DeadLetterQueue', 'Arn'] },
          maxReceiveCount: 3,
        },
      },
    },
    RequestsQueuePolicy: {
      Type: 'AWS::SQS::QueuePolicy',
      Properties: { Queues: [{ Ref: 'RequestsQueue' }] },
    },
    IdempotencyTable: {
      Type: 'AWS::DynamoDB::Table',
      Properties: {
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
      },
    },
    WorkerRole: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'worker', Path: '/service/' } },
    AlarmTopic: { Type: 'AWS::SNS::Topic' },
    WorkerFunction: {
      Type: 'AWS::Lambda::Function',
      Properties: {
        Handler: 'src/handlers/copyWorker.handler',
        Timeout: 30,
        Environment: { Variables: { TABLE: { Ref: 'IdempotencyTable' }, BATCH: 10 } },
        Role: { 'Fn::GetAtt': ['WorkerRole', 'Arn'] },
      },
    },
    WorkerMapping: {
      Type: 'AWS::Lambda::EventSourceMapping',
      Properties: {
        EventSourceArn: { 'Fn::GetAtt': ['RequestsQueue', 'Arn'] },
        FunctionName: { Ref: 'WorkerFunction' },
        BatchSize: 5,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      },
    },
    PausedMapping: {
      Type: 'AWS::Lambda::EventSourceMapping',
      Properties: {
        EventSourceArn: { 'Fn::GetAtt': ['DeadLetterQueue', 'Arn'] },
        FunctionName: WORKER_ARN,
        Enabled: false,
      },
    },
    NamespaceCreatedRule: {
      Type: 'AWS::Events::Rule',
      Properties: {
        EventPattern: { source: ['aws.redshift-serverless'] },
        Targets: [{ Id: 'requests', Arn: { 'Fn::GetAtt': ['RequestsQueue', 'Arn'] } }],
      },
    },
    SweepSchedule: {
      Type: 'AWS::Events::Rule',
      Properties: {
        ScheduleExpression: 'rate(1 hour)',
        Targets: [{ Id: 'sweep', Arn: WORKER_ARN, Input: '{}' }],
      },
    },
    QueueDepthAlarm: { Type: 'AWS::CloudWatch::Alarm', Condition: 'WithAlarms' },
    Mystery: { Type: 'AWS::Unknown::Thing' },
  },
  Outputs: {
    RequestsQueueUrl: { Value: { Ref: 'RequestsQueue' } },
    WorkerRoleArn: { Value: { 'Fn::GetAtt': ['WorkerRole', 'Arn'] } },
    TopicArn: { Value: { Ref: 'AlarmTopic' } },
    AlarmName: { Value: { Ref: 'QueueDepthAlarm' }, Condition: 'WithAlarms' },
    NotProduced: { Value: { 'Fn::GetAtt': ['WorkerMapping', 'Uuid'] } },
  },
};

let cloud: LocalCloud;
let clients: LocalClients;
beforeAll(async () => {
  cloud = createLocalCloud();
  const { url } = await cloud.listen(0);
  clients = createLocalClients(url, 'eu-west-1');
});
afterAll(async () => {
  for (const client of Object.values(clients)) client.destroy();
  await cloud.close();
});

const deploy = (template: CloudFormationTemplate, stackName = 'stack') =>
  deployTemplate(template, clients, { stackName, region: 'eu-west-1', account: ACCOUNT });

describe('Function: deployTemplate, the deployment it reports', () => {
  it('applies each resource by its type and reports what it applied, skipped and output', async () => {
    // Act
    const deployment = await deploy(TEMPLATE);

    // Assess
    const queueArn = (name: string) => `arn:aws:sqs:eu-west-1:${ACCOUNT}:${name}`;
    const workerArn = `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:stack-WorkerFunction`;
    expect(Object.keys(deployment.queues)).toEqual(['DeadLetterQueue', 'RequestsQueue']);
    expect(deployment.queues.RequestsQueue?.arn).toBe(queueArn('stack-RequestsQueue'));
    expect(deployment.tables).toEqual(['stack-IdempotencyTable']);
    expect(deployment.functions['stack-WorkerFunction']).toEqual({
      logicalId: 'WorkerFunction',
      name: 'stack-WorkerFunction',
      arn: workerArn,
      handler: 'src/handlers/copyWorker.handler',
      environment: { TABLE: 'stack-IdempotencyTable', BATCH: '10' },
      timeoutSeconds: 30,
      memoryMb: 1024,
    });
    expect(deployment.eventSourceMappings).toEqual([
      {
        functionName: 'stack-WorkerFunction',
        queueArn: queueArn('stack-RequestsQueue'),
        queueUrl: deployment.queues.RequestsQueue?.url,
        batchSize: 5,
        maximumBatchingWindowSeconds: 0,
        reportBatchItemFailures: true,
        maximumConcurrency: 5,
      },
    ]);
    expect(deployment.rules).toEqual(['stack-NamespaceCreatedRule']);
    expect(deployment.schedules).toEqual([
      {
        ruleName: 'stack-SweepSchedule',
        functionName: 'stack-WorkerFunction',
        expression: 'rate(1 hour)',
        input: '{}',
      },
    ]);
    expect(deployment.skipped).toEqual([
      { logicalId: 'RequestsQueuePolicy', type: 'AWS::SQS::QueuePolicy' },
      { logicalId: 'WorkerRole', type: 'AWS::IAM::Role' },
      { logicalId: 'AlarmTopic', type: 'AWS::SNS::Topic' },
      { logicalId: 'Mystery', type: 'AWS::Unknown::Thing' },
    ]);
    expect(deployment.outputs).toEqual({
      RequestsQueueUrl: deployment.queues.RequestsQueue?.url,
      WorkerRoleArn: `arn:aws:iam::${ACCOUNT}:role/service/worker`,
      TopicArn: `arn:aws:sns:eu-west-1:${ACCOUNT}:AlarmTopic`,
    });
  });
});

describe('Function: deployTemplate, on the local cloud', () => {
  it('creates queues, tables and rules on the local cloud as the template says', async () => {
    // Act
    const deployment = await deploy(TEMPLATE, 'applied');

    // Assess
    const { Attributes } = await clients.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: deployment.queues.RequestsQueue?.url,
        AttributeNames: ['All'],
      }),
    );
    expect(Attributes?.VisibilityTimeout).toBe('120');
    expect(JSON.parse(Attributes?.RedrivePolicy ?? '{}')).toEqual({
      deadLetterTargetArn: `arn:aws:sqs:eu-west-1:${ACCOUNT}:dlq-dev`,
      maxReceiveCount: 3,
    });
    const ttl = await clients.dynamodb.send(
      new DescribeTimeToLiveCommand({ TableName: 'applied-IdempotencyTable' }),
    );
    expect(ttl.TimeToLiveDescription).toMatchObject({
      AttributeName: 'expiration',
      TimeToLiveStatus: 'ENABLED',
    });
    const { Targets } = await clients.events.send(
      new ListTargetsByRuleCommand({ Rule: 'applied-NamespaceCreatedRule' }),
    );
    expect(Targets).toEqual([{ Id: 'requests', Arn: deployment.queues.RequestsQueue?.arn }]);
  });
});

describe('Function: deployTemplate, ARNs and refusals', () => {
  it('names the partition of the region in the ARNs it makes', async () => {
    // Prepare
    const template: CloudFormationTemplate = {
      Resources: { Role: { Type: 'AWS::IAM::Role' } },
      Outputs: { RoleArn: { Value: { 'Fn::GetAtt': ['Role', 'Arn'] } } },
    };

    // Act
    const deployment = await deployTemplate(template, clients, {
      stackName: 'china',
      region: 'cn-north-1',
      account: ACCOUNT,
    });

    // Assess
    expect(deployment.outputs).toEqual({ RoleArn: `arn:aws-cn:iam::${ACCOUNT}:role/china-Role` });
  });

  it.each<[string, CloudFormationTemplate, string]>([
    [
      'a schedule whose target is not a function of the stack',
      {
        Resources: {
          Schedule: {
            Type: 'AWS::Events::Rule',
            Properties: {
              ScheduleExpression: 'rate(5 minutes)',
              Targets: [{ Id: 'x', Arn: 'arn:aws:sns:x' }],
            },
          },
        },
      },
      'Schedule: schedule target arn:aws:sns:x is not a function of this stack',
    ],
    [
      'an event source mapping of a queue the stack does not hold',
      {
        Resources: {
          Mapping: {
            Type: 'AWS::Lambda::EventSourceMapping',
            Properties: { EventSourceArn: 'arn:aws:sqs:eu-west-1:000000000000:elsewhere', FunctionName: 'f' },
          },
        },
      },
      'Mapping: event source mapping names an unknown queue or function',
    ],
  ])('refuses %s', async (_case, template, message) => {
    // Act
    const act = deploy(template, 'refused');

    // Assess
    await expect(act).rejects.toThrow(TemplateError);
    await expect(act).rejects.toThrow(message);
  });
});
