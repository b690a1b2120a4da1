import { AccountClient, ListRegionsCommand } from '@aws-sdk/client-account';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateNamespaceCommand, RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalCloud, type LocalCloud } from '../../../src/local/localCloud.js';
import { STARTING_MESSAGE } from '../../../src/local/server/startupGate.js';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
let cloud: LocalCloud;
let url: string;
const destroyed: { destroy(): void }[] = [];

/** An SDK v3 client that does not retry, so the first answer is what the test sees. */
const noRetry = <T extends { destroy(): void }>(Client: new (config: object) => T): T => {
  const client = new Client({ endpoint: url, region: 'us-east-1', credentials, maxAttempts: 1 });
  destroyed.push(client);
  return client;
};

const health = async () => (await (await fetch(`${url}/_local/health`)).json()) as { ready: boolean };

/** What an SDK v3 error carries of the HTTP answer. */
const answerOf = (error: unknown) => {
  const failure = error as {
    name: string;
    message: string;
    $metadata: { httpStatusCode?: number };
    $response?: { headers: Record<string, string> };
  };
  return {
    name: failure.name,
    message: failure.message,
    status: failure.$metadata.httpStatusCode,
    retryAfter: failure.$response?.headers['retry-after'],
  };
};

beforeEach(async () => {
  cloud = createLocalCloud({ ready: false });
  ({ url } = await cloud.listen(0));
});

afterEach(async () => {
  for (const client of destroyed.splice(0)) client.destroy();
  await cloud.close();
});

describe('Local cloud: the startup gate refuses AWS requests', () => {
  it('refuses a CreateNamespace while starting with 503 ServiceUnavailable, Retry-After and "the local cloud is starting"', async () => {
    // Prepare
    const redshift = noRetry(RedshiftServerlessClient);

    // Act
    const refusal = await redshift
      .send(new CreateNamespaceCommand({ namespaceName: 'prod-early' }))
      .catch((error: unknown) => error);

    // Assess
    expect(answerOf(refusal)).toEqual({
      name: 'ServiceUnavailable',
      message: STARTING_MESSAGE,
      status: 503,
      retryAfter: '3',
    });
    expect(cloud.redshift.createCounts()).toEqual({});
  });

  it('answers in the protocol of the request: SQS JSON, and DynamoDB, which is served by dynalite', async () => {
    // Act
    const sqs = await noRetry(SQSClient)
      .send(new CreateQueueCommand({ QueueName: 'early' }))
      .catch((error: unknown) => error);
    const dynamodb = await noRetry(DynamoDBClient)
      .send(
        new CreateTableCommand({
          TableName: 'early',
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      )
      .catch((error: unknown) => error);

    // Assess
    expect(answerOf(sqs)).toMatchObject({ name: 'ServiceUnavailable', status: 503, retryAfter: '3' });
    expect(answerOf(dynamodb)).toMatchObject({ name: 'ServiceUnavailable', status: 503, retryAfter: '3' });
  });
});

describe('Local cloud: the startup gate in each protocol', () => {
  it('answers STS (query) and Account (restJson1) clients in their own protocols', async () => {
    // Act
    const sts = await noRetry(STSClient)
      .send(new GetCallerIdentityCommand({}))
      .catch((error: unknown) => error);
    const account = await noRetry(AccountClient)
      .send(new ListRegionsCommand({}))
      .catch((error: unknown) => error);

    // Assess
    expect(answerOf(sts)).toMatchObject({ name: 'ServiceUnavailable', status: 503, retryAfter: '3' });
    expect(answerOf(account)).toMatchObject({ name: 'ServiceUnavailable', status: 503, retryAfter: '3' });
  });

  it('answers a query-protocol client (form-encoded Action=) with the XML error envelope', async () => {
    // Act
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=ListQueues&Version=2012-11-05',
    });

    // Assess
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('3');
    expect(await response.text()).toContain('<Code>ServiceUnavailable</Code>');
  });
});

describe('Local cloud: what passes the startup gate', () => {
  it('keeps the control API reachable and reports ready false, then true once opened', async () => {
    // Act
    const before = await health();
    cloud.startup.open();
    const after = await health();

    // Assess
    expect([before.ready, after.ready]).toEqual([false, true]);
  });

  it('serves the requests that carry the pass while starting, and every request once opened', async () => {
    // Prepare
    const redshift = noRetry(RedshiftServerlessClient);
    const { header, value } = cloud.startup.pass;

    // Act
    const passed = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'RedshiftServerless.ListNamespaces',
        [header]: value,
      },
      body: '{}',
    });
    const forged = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'RedshiftServerless.ListNamespaces',
        [header]: 'guessed',
      },
      body: '{}',
    });
    cloud.startup.open();
    const created = await redshift.send(new CreateNamespaceCommand({ namespaceName: 'prod-late' }));

    // Assess
    expect([passed.status, forged.status]).toEqual([200, 503]);
    expect(created.namespace?.namespaceName).toBe('prod-late');
  });
});
