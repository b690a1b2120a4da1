import { fileURLToPath } from 'node:url';
import { CreateEventBusCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateNamespaceCommand, RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { deployTemplate } from '../../../src/local/runner/cloudFormation/deployTemplate.js';
import {
  parseTemplateYaml,
  readTemplateFile,
} from '../../../src/local/runner/cloudFormation/readTemplateFile.js';
import { createLocalClients } from '../../../src/local/runner/startLocalAutomation.js';
import { CENTRAL, MEMBER_A, useAccountsCloud } from './useAccountsCloud.js';

const local = useAccountsCloud();

const MEMBER_TEMPLATE = fileURLToPath(new URL('../../../deploy/member-account.yml', import.meta.url));
const HOME = 'us-east-1';
const CENTRAL_BUS = `arn:aws:events:${HOME}:${CENTRAL}:event-bus/default`;
const NAMESPACE_CREATED = {
  source: ['aws.redshift-serverless'],
  'detail-type': ['AWS API Call via CloudTrail'],
  detail: { eventName: ['CreateNamespace'] },
};

/** A clients set of `account` in `region`, destroyed after the test. */
const clientsOf = (account: string, region: string) => {
  const clients = createLocalClients(local.url, region, {
    account: account === CENTRAL ? undefined : account,
  });
  for (const client of Object.values(clients)) local.track(client);
  return clients;
};

/** The central side: a rule on the central default bus whose target is a queue, as the central stack has. */
const centralRuleToQueue = async (): Promise<{ sqs: SQSClient; queueUrl: string }> => {
  const { sqs, events } = clientsOf(CENTRAL, HOME);
  const { QueueUrl = '' } = await sqs.send(new CreateQueueCommand({ QueueName: 'central-requests' }));
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
  );
  await events.send(
    new PutRuleCommand({ Name: 'namespace-created', EventPattern: JSON.stringify(NAMESPACE_CREATED) }),
  );
  await events.send(
    new PutTargetsCommand({
      Rule: 'namespace-created',
      Targets: [{ Id: 'requests', Arn: Attributes?.QueueArn }],
    }),
  );
  return { sqs, queueUrl: QueueUrl };
};

const deployMemberTemplate = async (account: string, region: string) =>
  deployTemplate(await readTemplateFile(MEMBER_TEMPLATE), clientsOf(account, region), {
    stackName: 'copy-autopilot-member',
    account,
    region,
    parameters: {
      CentralWorkerRoleArn: `arn:aws:iam::${CENTRAL}:role/copy-autopilot-worker`,
      CentralEventBusArn: CENTRAL_BUS,
      CreateMemberRole: 'true',
    },
  });

const receivedEvents = async (sqs: SQSClient, queueUrl: string) => {
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }),
  );
  return Messages.map((message) => JSON.parse(message.Body ?? '{}') as Record<string, unknown>);
};

describe('Local cloud: member accounts forward their CloudTrail events to the central bus', () => {
  it("delivers a member account's CreateNamespace to the central rule's queue, keeping its account and region", async () => {
    // Prepare
    const central = await centralRuleToQueue();
    const deployment = await deployMemberTemplate(MEMBER_A, 'eu-west-1');
    const member = local.track(
      new RedshiftServerlessClient(local.config({ account: MEMBER_A, region: 'eu-west-1' })),
    );

    // Act
    const { namespace } = await member.send(new CreateNamespaceCommand({ namespaceName: 'sales' }));
    await local.cloud.events.drain();

    // Assess
    expect(deployment.rules).toEqual(['copy-autopilot-forward-namespace-events']);
    // No local equivalent: IAM, the queue policy and the alarms. The forwarding DLQ is a queue.
    expect(deployment.skipped.map((resource) => resource.type)).toEqual([
      'AWS::IAM::Role',
      'AWS::IAM::Role',
      'AWS::SQS::QueuePolicy',
      'AWS::CloudWatch::Alarm',
      'AWS::CloudWatch::Alarm',
    ]);
    expect(Object.keys(deployment.queues)).toEqual(['ForwardingDeadLetterQueue']);
    const events = await receivedEvents(central.sqs, central.queueUrl);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      account: MEMBER_A,
      region: 'eu-west-1',
      source: 'aws.redshift-serverless',
      detail: {
        eventName: 'CreateNamespace',
        recipientAccountId: MEMBER_A,
        awsRegion: 'eu-west-1',
        responseElements: { namespace: { namespaceArn: namespace?.namespaceArn } },
      },
    });
  });

  it('forwards nothing from a member region the template was not deployed into, nor failed calls', async () => {
    // Prepare
    const central = await centralRuleToQueue();
    await deployMemberTemplate(MEMBER_A, 'eu-west-1');
    const elsewhere = local.track(
      new RedshiftServerlessClient(local.config({ account: MEMBER_A, region: 'us-west-2' })),
    );
    const member = local.track(
      new RedshiftServerlessClient(local.config({ account: MEMBER_A, region: 'eu-west-1' })),
    );
    await member.send(new CreateNamespaceCommand({ namespaceName: 'sales' }));
    await local.cloud.events.drain();
    await receivedEvents(central.sqs, central.queueUrl);

    // Act
    await elsewhere.send(new CreateNamespaceCommand({ namespaceName: 'sales' }));
    await member.send(new CreateNamespaceCommand({ namespaceName: 'sales' })).catch(() => undefined);
    await local.cloud.events.drain();

    // Assess
    expect(await receivedEvents(central.sqs, central.queueUrl)).toEqual([]);
  });
});

describe('Local cloud: events between buses that cannot or must not go on', () => {
  it('dead-letters the event when the target bus does not exist and the target has a DLQ', async () => {
    // Prepare
    const template = parseTemplateYaml(`
Resources:
  ForwardDeadLetterQueue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: forward-dlq
  ForwardRule:
    Type: AWS::Events::Rule
    Properties:
      Name: forward
      EventPattern: { source: [aws.redshift-serverless] }
      Targets:
        - Id: central-bus
          Arn: arn:aws:events:${HOME}:${CENTRAL}:event-bus/no-such-bus
          DeadLetterConfig:
            Arn: !GetAtt ForwardDeadLetterQueue.Arn
`);
    const memberClients = clientsOf(MEMBER_A, 'eu-west-1');
    const deployment = await deployTemplate(template, memberClients, {
      stackName: 'forwarding',
      account: MEMBER_A,
      region: 'eu-west-1',
    });
    const member = local.track(
      new RedshiftServerlessClient(local.config({ account: MEMBER_A, region: 'eu-west-1' })),
    );

    // Act
    await member.send(new CreateNamespaceCommand({ namespaceName: 'sales' }));
    await local.cloud.events.drain();

    // Assess
    const dlq = deployment.queues.ForwardDeadLetterQueue;
    expect(dlq?.arn).toBe(`arn:aws:sqs:eu-west-1:${MEMBER_A}:forward-dlq`);
    const deadLetters = await receivedEvents(memberClients.sqs, dlq?.url ?? '');
    expect(deadLetters.map((event) => [event.account, event.region])).toEqual([[MEMBER_A, 'eu-west-1']]);
    expect(local.cloud.events.ruleStats()[`arn:aws:events:eu-west-1:${MEMBER_A}:rule/forward`]).toEqual({
      matched: 1,
      invoked: 0,
      failed: 1,
    });
  });

  it('does not pass an event received from another bus on to a third bus', async () => {
    // Prepare
    const central = await centralRuleToQueue();
    const { events: centralEvents } = clientsOf(CENTRAL, HOME);
    const { EventBusArn } = await centralEvents.send(new CreateEventBusCommand({ Name: 'audit' }));
    await centralEvents.send(
      new PutRuleCommand({ Name: 'onward', EventPattern: JSON.stringify(NAMESPACE_CREATED) }),
    );
    await centralEvents.send(
      new PutTargetsCommand({ Rule: 'onward', Targets: [{ Id: 'audit', Arn: EventBusArn }] }),
    );
    await deployMemberTemplate(MEMBER_A, 'eu-west-1');
    const member = local.track(
      new RedshiftServerlessClient(local.config({ account: MEMBER_A, region: 'eu-west-1' })),
    );
    const direct = local.track(new RedshiftServerlessClient(local.config({ region: HOME })));

    // Act
    await member.send(new CreateNamespaceCommand({ namespaceName: 'forwarded' }));
    await direct.send(new CreateNamespaceCommand({ namespaceName: 'local' }));
    await local.cloud.events.drain();

    // Assess
    expect(
      (await receivedEvents(central.sqs, central.queueUrl)).map((event) => event.account).sort(),
    ).toEqual([CENTRAL, MEMBER_A]);
    expect(local.cloud.events.ruleStats()[`arn:aws:events:${HOME}:${CENTRAL}:rule/onward`]).toEqual({
      matched: 2,
      invoked: 1,
      failed: 0,
    });
  });
});

describe('Function: parseTemplateYaml', () => {
  it("reads CloudFormation's short forms as their long forms", () => {
    // Act
    const template = parseTemplateYaml(`
Resources:
  Rule:
    Type: AWS::Events::Rule
    Properties:
      Name: !Sub \${AWS::StackName}-rule
      RoleArn: !GetAtt Role.Arn
      State: !If [Enabled, ENABLED, DISABLED]
`);

    // Assess
    expect(template.Resources.Rule?.Properties).toEqual({
      Name: { 'Fn::Sub': '${AWS::StackName}-rule' },
      RoleArn: { 'Fn::GetAtt': ['Role', 'Arn'] },
      State: { 'Fn::If': ['Enabled', 'ENABLED', 'DISABLED'] },
    });
  });

  it('refuses a document without Resources', () => {
    // Act & Assess
    expect(() => parseTemplateYaml('just: text')).toThrow(/no Resources section/);
  });
});
