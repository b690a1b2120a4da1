import { EventBridgeClient, ListRulesCommand, PutRuleCommand } from '@aws-sdk/client-eventbridge';
import {
  CreateNamespaceCommand,
  CreateSnapshotCopyConfigurationCommand,
  GetNamespaceCommand,
  ListNamespacesCommand,
  ListSnapshotCopyConfigurationsCommand,
  ListTagsForResourceCommand,
  RedshiftServerlessClient,
  TagResourceCommand,
} from '@aws-sdk/client-redshift-serverless';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { CENTRAL, MEMBER_A, MEMBER_B, useAccountsCloud } from './useAccountsCloud.js';

const local = useAccountsCloud();

const redshiftOf = (account: string, region = 'us-east-1') =>
  local.track(new RedshiftServerlessClient(local.config({ account, region })));
const sqsOf = (account: string, region = 'us-east-1') =>
  local.track(new SQSClient(local.config({ account, region })));

describe('Local Redshift Serverless: state per account', () => {
  it('keeps namespaces of the same name in two accounts apart, each with its own ARN', async () => {
    // Prepare
    const [a, b] = [redshiftOf(MEMBER_A), redshiftOf(MEMBER_B)];

    // Act
    const inA = await a.send(
      new CreateNamespaceCommand({ namespaceName: 'sales', tags: [{ key: 'team', value: 'a' }] }),
    );
    const inB = await b.send(
      new CreateNamespaceCommand({ namespaceName: 'sales', tags: [{ key: 'team', value: 'b' }] }),
    );

    // Assess
    expect(inA.namespace?.namespaceArn).toContain(`:${MEMBER_A}:namespace/`);
    expect(inB.namespace?.namespaceArn).toContain(`:${MEMBER_B}:namespace/`);
    const tagsOfA = await a.send(
      new ListTagsForResourceCommand({ resourceArn: inA.namespace?.namespaceArn }),
    );
    expect(tagsOfA.tags).toEqual([{ key: 'team', value: 'a' }]);
    expect((await redshiftOf(CENTRAL).send(new ListNamespacesCommand({}))).namespaces).toEqual([]);
  });

  it("neither reads nor tags another account's namespace, not even by its ARN", async () => {
    // Prepare
    const [a, b] = [redshiftOf(MEMBER_A), redshiftOf(MEMBER_B)];
    const { namespace } = await a.send(new CreateNamespaceCommand({ namespaceName: 'only-in-a' }));

    // Act
    const get = b.send(new GetNamespaceCommand({ namespaceName: 'only-in-a' }));
    const tag = b.send(
      new TagResourceCommand({ resourceArn: namespace?.namespaceArn, tags: [{ key: 'k', value: 'v' }] }),
    );

    // Assess
    await expect(get).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(tag).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    expect(
      (await a.send(new ListTagsForResourceCommand({ resourceArn: namespace?.namespaceArn }))).tags,
    ).toEqual([]);
  });

  it('keeps copy configurations per account, with ARNs naming the account', async () => {
    // Prepare
    const [a, b] = [redshiftOf(MEMBER_A), redshiftOf(MEMBER_B)];
    await a.send(new CreateNamespaceCommand({ namespaceName: 'sales' }));
    await b.send(new CreateNamespaceCommand({ namespaceName: 'sales' }));

    // Act
    const { snapshotCopyConfiguration } = await a.send(
      new CreateSnapshotCopyConfigurationCommand({ namespaceName: 'sales', destinationRegion: 'eu-west-1' }),
    );

    // Assess
    expect(snapshotCopyConfiguration?.snapshotCopyConfigurationArn).toContain(
      `:${MEMBER_A}:snapshotcopyconfiguration/`,
    );
    expect((await b.send(new ListSnapshotCopyConfigurationsCommand({}))).snapshotCopyConfigurations).toEqual(
      [],
    );
    expect(
      local.cloud.redshift.snapshotCopyConfigurations().map((c) => [c.account, c.namespaceName]),
    ).toEqual([[MEMBER_A, 'sales']]);
    expect(local.cloud.redshift.createCounts(MEMBER_A)).toEqual({ sales: 1 });
    expect(local.cloud.redshift.createCounts(MEMBER_B)).toEqual({});
  });
});

describe('Local SQS: queues per account', () => {
  it("lists and finds by name only the caller's own queues", async () => {
    // Prepare
    const [a, b] = [sqsOf(MEMBER_A), sqsOf(MEMBER_B)];
    const { QueueUrl: urlOfA } = await a.send(new CreateQueueCommand({ QueueName: 'requests' }));
    const { QueueUrl: urlOfB } = await b.send(new CreateQueueCommand({ QueueName: 'requests' }));

    // Act
    const listedByA = await a.send(new ListQueuesCommand({}));
    const foundByB = await b.send(new GetQueueUrlCommand({ QueueName: 'requests' }));
    const arnOfA = await a.send(
      new GetQueueAttributesCommand({ QueueUrl: urlOfA, AttributeNames: ['QueueArn'] }),
    );

    // Assess
    expect(urlOfA).toMatch(new RegExp(`/${MEMBER_A}/requests$`));
    expect(listedByA.QueueUrls).toEqual([urlOfA]);
    expect(foundByB.QueueUrl).toBe(urlOfB);
    expect(arnOfA.Attributes?.QueueArn).toBe(`arn:aws:sqs:us-east-1:${MEMBER_A}:requests`);
    await expect(
      sqsOf(CENTRAL).send(new GetQueueUrlCommand({ QueueName: 'requests' })),
    ).rejects.toMatchObject({
      name: 'QueueDoesNotExist',
    });
  });

  it("reaches another account's queue by its URL or by naming its owner (no queue policy is checked)", async () => {
    // Prepare
    const [a, b] = [sqsOf(MEMBER_A), sqsOf(MEMBER_B)];
    const { QueueUrl } = await a.send(new CreateQueueCommand({ QueueName: 'shared' }));

    // Act
    await b.send(new SendMessageCommand({ QueueUrl, MessageBody: 'from b' }));
    const byOwner = await b.send(
      new GetQueueUrlCommand({ QueueName: 'shared', QueueOwnerAWSAccountId: MEMBER_A }),
    );
    const received = await a.send(new ReceiveMessageCommand({ QueueUrl }));

    // Assess
    expect(byOwner.QueueUrl).toBe(QueueUrl);
    expect(received.Messages?.map((message) => message.Body)).toEqual(['from b']);
  });
});

describe('Local cloud: ARNs per partition', () => {
  it('names the partition of the region in the ARNs it makes', async () => {
    // Prepare
    const sqs = sqsOf(MEMBER_A, 'cn-north-1');
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'requests' }));

    // Act
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );

    // Assess
    expect(Attributes?.QueueArn).toBe(`arn:aws-cn:sqs:cn-north-1:${MEMBER_A}:requests`);
  });
});

describe('Local EventBridge: rules per account', () => {
  it('keeps rules of the same name in two accounts apart, with ARNs naming each account', async () => {
    // Prepare
    const a = local.track(new EventBridgeClient(local.config({ account: MEMBER_A })));
    const b = local.track(new EventBridgeClient(local.config({ account: MEMBER_B })));
    const pattern = JSON.stringify({ source: ['app'] });

    // Act
    const inA = await a.send(new PutRuleCommand({ Name: 'forward', EventPattern: pattern }));
    const listedByB = await b.send(new ListRulesCommand({}));

    // Assess
    expect(inA.RuleArn).toBe(`arn:aws:events:us-east-1:${MEMBER_A}:rule/forward`);
    expect(listedByB.Rules).toEqual([]);
  });
});
