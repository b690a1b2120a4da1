import {
  CreateTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import {
  EventBridgeClient,
  ListRulesCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import {
  CreateNamespaceCommand,
  GetNamespaceCommand,
  RedshiftServerlessClient,
} from '@aws-sdk/client-redshift-serverless';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalCloud, type EdgeLogEntry, type LocalCloud } from '../../../src/local/localCloud.js';
import { ManualClock } from '../../../src/local/store/clock.js';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
let cloud: LocalCloud;
let clock: ManualClock;
let url: string;
let logs: EdgeLogEntry[];
const clients: { destroy(): void }[] = [];

const config = (region = 'us-east-1', maxAttempts = 3) => ({
  endpoint: url,
  region,
  credentials,
  maxAttempts,
});
const track = <T extends { destroy(): void }>(made: T): T => {
  clients.push(made);
  return made;
};
const control = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};
const createIdempotencyTable = (dynamodb: DynamoDBClient) =>
  dynamodb.send(
    new CreateTableCommand({
      TableName: 'idempotency',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );

beforeEach(async () => {
  clock = new ManualClock();
  logs = [];
  cloud = createLocalCloud({ clock, log: (entry) => logs.push(entry) });
  ({ url } = await cloud.listen(0));
});

afterEach(async () => {
  for (const made of clients.splice(0)) made.destroy();
  await cloud.close();
});

describe('Local cloud: wiring', () => {
  it('creates a server that does not listen by itself', () => {
    // Act
    const idle = createLocalCloud();

    // Assess
    expect(idle.server.listening).toBe(false);
  });

  it('listens on loopback and reports the URL', () => {
    // Assess
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(cloud.server.listening).toBe(true);
  });

  it('serves every service with its real SDK client on one port', async () => {
    // Prepare
    const sqs = track(new SQSClient(config()));
    const events = track(new EventBridgeClient(config()));
    const redshift = track(new RedshiftServerlessClient(config()));
    const dynamodb = track(new DynamoDBClient(config()));

    // Act
    const queue = await sqs.send(new CreateQueueCommand({ QueueName: 'requests' }));
    await events.send(new PutRuleCommand({ Name: 'r1', EventPattern: '{"source":["copy-autopilot"]}' }));
    const rules = await events.send(new ListRulesCommand({}));
    const namespace = await redshift.send(new CreateNamespaceCommand({ namespaceName: 'prod-orders' }));
    await createIdempotencyTable(dynamodb);
    await dynamodb.send(new PutItemCommand({ TableName: 'idempotency', Item: { id: { S: 'k' } } }));
    const item = await dynamodb.send(
      new GetItemCommand({ TableName: 'idempotency', Key: { id: { S: 'k' } } }),
    );

    // Assess
    expect(queue.QueueUrl).toBe(`${url}/000000000000/requests`);
    expect(rules.Rules?.map((rule) => rule.Name)).toEqual(['r1']);
    expect(namespace.namespace?.namespaceName).toBe('prod-orders');
    expect(item.Item).toEqual({ id: { S: 'k' } });
  });
});

describe('Local cloud: protocols at the edge', () => {
  it('answers DynamoDB time to live at the edge', async () => {
    // Prepare
    const dynamodb = track(new DynamoDBClient(config()));
    await createIdempotencyTable(dynamodb);

    // Act
    await dynamodb.send(
      new UpdateTimeToLiveCommand({
        TableName: 'idempotency',
        TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
      }),
    );
    const described = await dynamodb.send(new DescribeTimeToLiveCommand({ TableName: 'idempotency' }));

    // Assess
    expect(described.TimeToLiveDescription).toEqual({
      TimeToLiveStatus: 'ENABLED',
      AttributeName: 'expiration',
    });
  });

  it('gives SQS errors the class and query code the SDK expects', async () => {
    // Prepare
    const sqs = track(new SQSClient(config('us-east-1', 1)));

    // Act
    const error = await sqs
      .send(new GetQueueUrlCommand({ QueueName: 'missing' }))
      .catch((caught: unknown) => caught);

    // Assess
    expect(error).toMatchObject({
      name: 'QueueDoesNotExist',
      Code: 'AWS.SimpleQueueService.NonExistentQueue',
      $metadata: { httpStatusCode: 400 },
    });
  });
});

describe('Local cloud: region and query protocol of a request', () => {
  it('takes the region from the SigV4 credential scope', async () => {
    // Prepare
    const sqs = track(new SQSClient(config('us-west-2')));
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'west' }));

    // Act
    const attributes = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );

    // Assess
    expect(attributes.Attributes?.QueueArn).toBe('arn:aws:sqs:us-west-2:000000000000:west');
  });

  it('serves the SQS query protocol to a raw form POST', async () => {
    // Prepare
    const sqs = track(new SQSClient(config()));
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'legacy' }));

    // Act
    const sent = await fetch(`${QueueUrl}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        Action: 'SendMessage',
        MessageBody: 'hello',
        Version: '2012-11-05',
      }).toString(),
    });
    const listed = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=ListQueues&Version=2012-11-05',
    });
    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl }));

    // Assess
    expect(sent.status).toBe(200);
    expect(await sent.text()).toContain('<SendMessageResponse');
    expect(await listed.text()).toContain(`<QueueUrl>${QueueUrl}</QueueUrl>`);
    expect(received.Messages?.map((message) => message.Body)).toEqual(['hello']);
  });
});

describe('Local cloud: services wired together', () => {
  it('delivers CreateNamespace through CloudTrail and an EventBridge rule to an SQS queue', async () => {
    // Prepare
    const sqs = track(new SQSClient(config()));
    const events = track(new EventBridgeClient(config()));
    const redshift = track(new RedshiftServerlessClient(config()));
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'copy-requests' }));
    const attributes = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    await events.send(
      new PutRuleCommand({
        Name: 'namespace-created',
        EventPattern: JSON.stringify({
          source: ['aws.redshift-serverless'],
          'detail-type': ['AWS API Call via CloudTrail'],
          detail: { eventName: ['CreateNamespace'], errorCode: [{ exists: false }] },
        }),
      }),
    );
    await events.send(
      new PutTargetsCommand({
        Rule: 'namespace-created',
        Targets: [{ Id: 'queue', Arn: attributes.Attributes?.QueueArn }],
      }),
    );

    // Act
    await redshift.send(new CreateNamespaceCommand({ namespaceName: 'prod-orders' }));
    await cloud.events.drain();
    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));

    // Assess
    expect(received.Messages).toHaveLength(1);
    const event = JSON.parse(received.Messages?.[0]?.Body ?? '{}');
    expect(event).toMatchObject({
      source: 'aws.redshift-serverless',
      'detail-type': 'AWS API Call via CloudTrail',
      region: 'us-east-1',
      detail: { eventName: 'CreateNamespace', requestParameters: { namespaceName: 'prod-orders' } },
    });
  });

  it('reports each request to the log callback', async () => {
    // Prepare
    const redshift = track(new RedshiftServerlessClient(config('eu-west-1')));

    // Act
    await redshift.send(new CreateNamespaceCommand({ namespaceName: 'prod-orders' }));

    // Assess
    expect(logs).toEqual([
      expect.objectContaining({
        call: 'RedshiftServerless.CreateNamespace',
        region: 'eu-west-1',
        statusCode: 200,
      }),
    ]);
  });
});

describe('Local cloud: close', () => {
  it('answers a long-polling ReceiveMessage at once when it closes', async () => {
    // Prepare
    const sqs = track(new SQSClient(config()));
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'long-poll' }));
    const polling = cloud.sqs.handle(
      'ReceiveMessage',
      { QueueUrl, WaitTimeSeconds: 20 },
      { region: 'us-east-1', account: '000000000000', requestId: 'r1', clock },
    );

    // Act
    await cloud.close();
    const outcome = await Promise.race([
      polling.then((output) => ({ output })),
      new Promise((resolve) => setTimeout(resolve, 2_000, 'still waiting')),
    ]);

    // Assess
    expect(outcome).toEqual({ output: {} });
  });
});

describe('Local cloud: control API', () => {
  it('reports health with the account and uptime on the clock', async () => {
    // Prepare
    clock.advance(90_000);

    // Act
    const health = await control('GET', '/_local/health');

    // Assess
    expect(health.body).toEqual({
      ready: true,
      services: ['sqs', 'events', 'redshift-serverless', 'dynamodb', 'sts', 'organizations', 'account'],
      account: '000000000000',
      uptime: 90,
    });
  });

  it('fails a call with Conflict for N calls, then lets it succeed', async () => {
    // Prepare
    const redshift = track(new RedshiftServerlessClient(config('us-east-1', 1)));
    await control('POST', '/_local/faults', {
      service: 'RedshiftServerless',
      operation: 'CreateNamespace',
      error: 'ConflictException',
      count: 1,
    });
    const create = () => redshift.send(new CreateNamespaceCommand({ namespaceName: 'prod-orders' }));

    // Act
    const failed = await create().catch((error: unknown) => error);
    const created = await create();

    // Assess
    expect(failed).toMatchObject({ name: 'ConflictException' });
    expect(created.namespace?.namespaceName).toBe('prod-orders');
  });

  it('fails DynamoDB briefly for a window of seconds', async () => {
    // Prepare
    const dynamodb = track(new DynamoDBClient(config('us-east-1', 1)));
    await createIdempotencyTable(dynamodb);
    await control('POST', '/_local/faults', {
      service: 'DynamoDB',
      error: 'InternalServerError',
      seconds: 5,
    });
    const put = () =>
      dynamodb.send(new PutItemCommand({ TableName: 'idempotency', Item: { id: { S: 'k' } } }));

    // Act
    const failed = await put().catch((error: unknown) => error);
    clock.advance(5_000);
    await put();

    // Assess
    expect(failed).toMatchObject({ name: 'InternalServerError', $metadata: { httpStatusCode: 500 } });
  });
});

describe('Local cloud: control API state', () => {
  it('marks namespaces busy so they answer MODIFYING', async () => {
    // Prepare
    const redshift = track(new RedshiftServerlessClient(config()));
    await redshift.send(new CreateNamespaceCommand({ namespaceName: 'prod-orders' }));

    // Act
    const marked = await control('POST', '/_local/redshift-serverless/busy', {
      namePattern: 'prod-*',
      seconds: 30,
    });
    const namespace = await redshift.send(new GetNamespaceCommand({ namespaceName: 'prod-orders' }));

    // Assess
    expect(marked.status).toBe(200);
    expect(namespace.namespace?.status).toBe('MODIFYING');
  });

  it('reports Redshift call counts, rule stats and faults hit', async () => {
    // Prepare
    const redshift = track(new RedshiftServerlessClient(config('us-east-1', 1)));
    await control('POST', '/_local/faults', {
      service: 'RedshiftServerless',
      error: 'ThrottlingException',
      count: 1,
    });
    await redshift.send(new CreateNamespaceCommand({ namespaceName: 'prod-orders' })).catch(() => undefined);
    await redshift.send(new CreateNamespaceCommand({ namespaceName: 'prod-orders' }));

    // Act
    const stats = await control('GET', '/_local/stats');

    // Assess
    expect(stats.body).toEqual({
      redshiftCalls: { CreateNamespace: 1 },
      createCounts: {},
      ruleStats: {},
      faultsHit: { 'RedshiftServerless.CreateNamespace': 1 },
    });
  });

  it('resets every service, DynamoDB and the fault rules', async () => {
    // Prepare
    const sqs = track(new SQSClient(config()));
    const dynamodb = track(new DynamoDBClient(config()));
    await sqs.send(new CreateQueueCommand({ QueueName: 'requests' }));
    await createIdempotencyTable(dynamodb);
    await control('POST', '/_local/faults', { service: 'AWSEvents', latencyMs: 10 });

    // Act
    const reset = await control('POST', '/_local/reset');

    // Assess
    expect(reset.status).toBe(200);
    expect((await sqs.send(new ListQueuesCommand({}))).QueueUrls ?? []).toEqual([]);
    expect((await dynamodb.send(new ListTablesCommand({}))).TableNames).toEqual([]);
    expect(cloud.faults.list()).toEqual([]);
  });
});
