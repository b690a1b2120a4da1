import {
  CreateTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import {
  CreateNamespaceCommand,
  GetNamespaceCommand,
  RedshiftServerlessClient,
} from '@aws-sdk/client-redshift-serverless';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authorizationFor, type Edge, startEdge } from './edgeHarness.js';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
let edge: Edge;
const clients: { destroy(): void }[] = [];

const client = <T extends { destroy(): void }>(made: T): T => {
  clients.push(made);
  return made;
};

/** A real client of the edge, in us-east-1, that tries once (a fault is seen, not retried). */
const clientConfig = () => ({ endpoint: edge.url, region: 'us-east-1', credentials, maxAttempts: 1 });
const redshiftClient = () => client(new RedshiftServerlessClient(clientConfig()));
const dynamoDbClient = () => client(new DynamoDBClient(clientConfig()));

const createTable = (dynamodb: DynamoDBClient, name: string) =>
  dynamodb.send(
    new CreateTableCommand({
      TableName: name,
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );

const post = (target: string, body: string, headers: Record<string, string> = {}) =>
  fetch(edge.url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target, ...headers },
    body,
  });

beforeEach(async () => {
  edge = await startEdge();
});

afterEach(async () => {
  for (const made of clients.splice(0)) made.destroy();
  await edge.close();
});

describe('Local edge: JSON protocol', () => {
  it('routes by target prefix and passes the operation, input and signed region', async () => {
    // Act
    const response = await post('FakeService.DoThing', '{"a":1}', {
      authorization: authorizationFor('eu-west-1'),
    });

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.json()).toEqual({ operation: 'DoThing', region: 'eu-west-1' });
    expect(edge.echo.calls[0]?.input).toEqual({ a: 1 });
    expect(edge.echo.calls[0]?.ctx).toEqual(
      expect.objectContaining({ account: '000000000000', accessKeyId: 'AKIDEXAMPLE', clock: edge.clock }),
    );
  });

  it('uses us-east-1 for unsigned requests', async () => {
    // Act
    const response = await post('FakeService.DoThing', '{}');

    // Assess
    expect(await response.json()).toEqual({ operation: 'DoThing', region: 'us-east-1' });
  });

  it('answers an unknown target prefix with UnknownOperationException', async () => {
    // Act
    const response = await post('Nope_2020.DoThing', '{}');

    // Assess
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      __type: 'UnknownOperationException',
      message: 'Unrecognized X-Amz-Target prefix: Nope_2020',
    });
  });

  it('answers malformed JSON with SerializationException', async () => {
    // Act
    const response = await post('FakeService.DoThing', '{oops');

    // Assess
    expect(response.status).toBe(400);
    expect(((await response.json()) as { __type: string }).__type).toBe('SerializationException');
    expect(edge.echo.calls).toEqual([]);
  });

  it('answers an unexpected service failure with a 500 InternalFailure', async () => {
    // Act
    const response = await post('FakeService.Crash', '{}');

    // Assess
    expect(response.status).toBe(500);
    expect(((await response.json()) as { __type: string }).__type).toBe('InternalFailure');
  });
});

describe('Local edge: JSON protocol limits, errors and log', () => {
  it('refuses bodies over the size limit with 413', async () => {
    // Act
    const response = await post('FakeService.DoThing', JSON.stringify({ big: 'x'.repeat(70 * 1024) }));

    // Assess
    expect(response.status).toBe(413);
    expect(edge.echo.calls).toEqual([]);
  });

  it('spells SQS errors the query-compatible way', async () => {
    // Act
    const response = await post('AmazonSQS.Fail', '{}', { 'content-type': 'application/x-amz-json-1.0' });

    // Assess
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-query-error')).toBe('AWS.SimpleQueueService.NonExistentQueue;Sender');
    expect(await response.json()).toEqual({
      __type: 'com.amazonaws.sqs#QueueDoesNotExist',
      message: 'The specified queue does not exist.',
    });
  });

  it('reports each request to the log callback', async () => {
    // Act
    await (await post('FakeService.DoThing', '{}')).text();

    // Assess
    expect(edge.logs).toEqual([
      expect.objectContaining({ method: 'POST', path: '/', call: 'FakeService.DoThing', statusCode: 200 }),
    ]);
  });
});

describe('Local edge: query protocol', () => {
  it('hands a form POST to the query service', async () => {
    // Act
    const response = await fetch(edge.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=ListQueues&Version=2012-11-05',
    });

    // Assess
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<Echo>ListQueues</Echo>');
    expect(edge.queryCalls[0]?.baseUrl).toBe(edge.url);
  });

  it('passes the path of a request sent to a queue URL', async () => {
    // Act
    await (await fetch(`${edge.url}/000000000000/requests?Action=GetQueueAttributes`)).text();

    // Assess
    expect(edge.queryCalls[0]?.path).toBe('/000000000000/requests');
    expect(edge.queryCalls[0]?.params.get('Action')).toBe('GetQueueAttributes');
  });

  it('answers a query request without Action with an XML MissingAction error', async () => {
    // Act
    const response = await fetch(`${edge.url}/000000000000/requests`, { method: 'POST', body: '' });

    // Assess
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('<Code>MissingAction</Code>');
  });

  it('answers injected faults in XML', async () => {
    // Prepare
    edge.faults.add({ service: 'SQS', operation: 'SendMessage', error: 'ThrottlingException', count: 1 });

    // Act
    const response = await fetch(`${edge.url}/?Action=SendMessage`);

    // Assess
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('<Code>ThrottlingException</Code>');
    expect(edge.queryCalls).toEqual([]);
  });
});

describe('Local edge: fault injection through the SDK', () => {
  it('fails CreateNamespace with Conflict for N calls, then succeeds', async () => {
    // Prepare
    const redshift = redshiftClient();
    edge.faults.add({
      service: 'RedshiftServerless',
      operation: 'CreateNamespace',
      error: 'ConflictException',
      count: 2,
    });
    const create = () => redshift.send(new CreateNamespaceCommand({ namespaceName: 'prod-orders' }));

    // Act
    const first = await create().catch((error: unknown) => error);
    const second = await create().catch((error: unknown) => error);
    const third = await create();

    // Assess
    expect(first).toMatchObject({ name: 'ConflictException', $metadata: { httpStatusCode: 400 } });
    expect(second).toMatchObject({ name: 'ConflictException' });
    expect(third.namespace?.namespaceName).toBe('prod-orders');
    expect(edge.faults.hits()).toEqual({ 'RedshiftServerless.CreateNamespace': 2 });
  });

  it('fails with a 500 InternalServerException for a window on the clock', async () => {
    // Prepare
    const redshift = redshiftClient();
    await redshift.send(new CreateNamespaceCommand({ namespaceName: 'prod-orders' }));
    edge.faults.add({ service: 'RedshiftServerless', error: 'InternalServerException', seconds: 60 });
    const get = () => redshift.send(new GetNamespaceCommand({ namespaceName: 'prod-orders' }));

    // Act
    const during = await get().catch((error: unknown) => error);
    edge.clock.advance(60_000);
    const after = await get();

    // Assess
    expect(during).toMatchObject({ name: 'InternalServerException', $metadata: { httpStatusCode: 500 } });
    expect(after.namespace?.status).toBeDefined();
  });

  it('delays matching calls by the rule latency', async () => {
    // Prepare
    const redshift = redshiftClient();
    edge.faults.add({ service: 'RedshiftServerless', operation: 'CreateNamespace', latencyMs: 750 });

    // Act
    const created = await redshift.send(new CreateNamespaceCommand({ namespaceName: 'prod-slow' }));

    // Assess
    expect(created.namespace?.namespaceName).toBe('prod-slow');
    expect(edge.sleeps).toEqual([750]);
  });

  it('only fails calls whose input matches the rule', async () => {
    // Prepare
    const redshift = redshiftClient();
    edge.faults.add({
      service: 'RedshiftServerless',
      error: 'ThrottlingException',
      matchBody: { namespaceName: 'prod-x' },
    });

    // Act
    const matching = await redshift
      .send(new CreateNamespaceCommand({ namespaceName: 'prod-x' }))
      .catch((error: unknown) => error);
    const other = await redshift.send(new CreateNamespaceCommand({ namespaceName: 'prod-y' }));

    // Assess
    expect(matching).toMatchObject({ name: 'ThrottlingException' });
    expect(other.namespace?.namespaceName).toBe('prod-y');
  });
});

describe('Local edge: DynamoDB', () => {
  it('stores and reads items through dynalite', async () => {
    // Prepare
    const dynamodb = dynamoDbClient();
    await createTable(dynamodb, 'idempotency');

    // Act
    await dynamodb.send(
      new PutItemCommand({ TableName: 'idempotency', Item: { id: { S: 'k1' }, v: { N: '7' } } }),
    );
    const read = await dynamodb.send(
      new GetItemCommand({ TableName: 'idempotency', Key: { id: { S: 'k1' } } }),
    );

    // Assess
    expect(read.Item).toEqual({ id: { S: 'k1' }, v: { N: '7' } });
  });
});

describe('Local edge: DynamoDB time to live', () => {
  it('enables and reports time to live at the edge', async () => {
    // Prepare
    const dynamodb = dynamoDbClient();
    await createTable(dynamodb, 'idempotency');
    const describe = () => dynamodb.send(new DescribeTimeToLiveCommand({ TableName: 'idempotency' }));
    const before = await describe();

    // Act
    const updated = await dynamodb.send(
      new UpdateTimeToLiveCommand({
        TableName: 'idempotency',
        TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
      }),
    );
    const after = await describe();

    // Assess
    expect(before.TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'DISABLED' });
    expect(updated.TimeToLiveSpecification).toEqual({ AttributeName: 'expiration', Enabled: true });
    expect(after.TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expiration' });
  });

  it('refuses enabling time to live twice, as DynamoDB does', async () => {
    // Prepare
    const dynamodb = dynamoDbClient();
    await createTable(dynamodb, 'idempotency');
    const enable = () =>
      dynamodb.send(
        new UpdateTimeToLiveCommand({
          TableName: 'idempotency',
          TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
        }),
      );
    await enable();

    // Act
    const again = await enable().catch((error: unknown) => error);

    // Assess
    expect(again).toMatchObject({ name: 'ValidationException', message: 'TimeToLive is already enabled' });
  });

  it('answers time to live calls on a missing table with ResourceNotFoundException', async () => {
    // Prepare
    const dynamodb = dynamoDbClient();

    // Act
    const error = await dynamodb
      .send(new DescribeTimeToLiveCommand({ TableName: 'missing' }))
      .catch((caught: unknown) => caught);

    // Assess
    expect(error).toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe('Local edge: DynamoDB faults', () => {
  it('fails DynamoDB calls on a fault rule, then serves them again', async () => {
    // Prepare
    const dynamodb = dynamoDbClient();
    await createTable(dynamodb, 'idempotency');
    edge.faults.add({ service: 'DynamoDB', operation: 'PutItem', error: 'InternalServerError', count: 1 });
    const put = () =>
      dynamodb.send(new PutItemCommand({ TableName: 'idempotency', Item: { id: { S: 'k1' } } }));

    // Act
    const failed = await put().catch((error: unknown) => error);
    await put();

    // Assess
    expect(failed).toMatchObject({ name: 'InternalServerError', $metadata: { httpStatusCode: 500 } });
    const read = await dynamodb.send(
      new GetItemCommand({ TableName: 'idempotency', Key: { id: { S: 'k1' } } }),
    );
    expect(read.Item).toEqual({ id: { S: 'k1' } });
  });

  it('reads the body for rules that match on it and still hands the call to dynalite', async () => {
    // Prepare
    const dynamodb = dynamoDbClient();
    await createTable(dynamodb, 'idempotency');
    await createTable(dynamodb, 'other');
    edge.faults.add({
      service: 'DynamoDB',
      error: 'ProvisionedThroughputExceededException',
      matchBody: { TableName: 'idempotency' },
    });

    // Act
    const throttled = await dynamodb
      .send(new PutItemCommand({ TableName: 'idempotency', Item: { id: { S: 'k1' } } }))
      .catch((error: unknown) => error);
    await dynamodb.send(new PutItemCommand({ TableName: 'other', Item: { id: { S: 'k2' } } }));

    // Assess
    expect(throttled).toMatchObject({ name: 'ProvisionedThroughputExceededException' });
    const read = await dynamodb.send(new GetItemCommand({ TableName: 'other', Key: { id: { S: 'k2' } } }));
    expect(read.Item).toEqual({ id: { S: 'k2' } });
  });
});
