import { createHash } from 'node:crypto';
import type { AWSError, Request } from 'aws-sdk';
import SQS from 'aws-sdk/clients/sqs.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLocalCloud, type LocalCloud } from '../../src/local/localCloud.js';

/**
 * The local SQS driven by a real client that speaks SQS's query protocol (form-encoded
 * `Action=…` requests, XML answers): the AWS SDK for JavaScript v2 at 2.1490.0, the last release
 * whose SQS model says `"protocol": "query"` (2.1491.0 switched to JSON). npm installs it, so this
 * coverage stays in `npm test`; the AWS CLIs are exercised by `npm run test:interop`.
 */

interface WireRequest {
  readonly action: string | null;
  readonly contentType: string;
  readonly target: unknown;
}

let cloud: LocalCloud;
let sqs: SQS;
let wire: WireRequest[];

/** Sends a v2 request, recording what goes on the wire once it is built and signed. */
function send<T>(request: Request<T, AWSError>): Promise<T> {
  request.on('send', () => {
    const { headers, body } = request.httpRequest;
    wire.push({
      action: new URLSearchParams(String(body)).get('Action'),
      contentType: String(headers['Content-Type']),
      target: headers['X-Amz-Target'],
    });
  });
  return request.promise();
}

/** The actions sent since the test began, each checked to be a query-protocol request. */
function sentActions(): (string | null)[] {
  for (const request of wire) {
    expect(request.contentType).toMatch(/^application\/x-www-form-urlencoded/);
    expect(request.target).toBeUndefined();
  }
  return wire.map((request) => request.action);
}

async function createQueue(name: string, attributes: Record<string, string> = {}): Promise<string> {
  const { QueueUrl = '' } = await send(sqs.createQueue({ QueueName: name, Attributes: attributes }));
  return QueueUrl;
}

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

beforeAll(async () => {
  cloud = createLocalCloud();
  const { url } = await cloud.listen(0);
  sqs = new SQS({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxRetries: 0,
  });
});

beforeEach(() => {
  wire = [];
});

afterAll(async () => {
  await cloud?.close();
});

describe('Local SQS through the AWS SDK for JavaScript v2 (query protocol): queues', () => {
  it('creates a queue with attributes, finds it by name and changes an attribute', async () => {
    // Act
    const queueUrl = await createQueue('v2-settings', { VisibilityTimeout: '20', DelaySeconds: '0' });
    const found = await send(sqs.getQueueUrl({ QueueName: 'v2-settings' }));
    await send(sqs.setQueueAttributes({ QueueUrl: queueUrl, Attributes: { VisibilityTimeout: '45' } }));
    const { Attributes } = await send(
      sqs.getQueueAttributes({ QueueUrl: queueUrl, AttributeNames: ['All'] }),
    );

    // Assess
    expect(sentActions()).toEqual(['CreateQueue', 'GetQueueUrl', 'SetQueueAttributes', 'GetQueueAttributes']);
    expect(queueUrl).toMatch(/\/000000000000\/v2-settings$/);
    expect(found.QueueUrl).toBe(queueUrl);
    expect(Attributes).toMatchObject({
      QueueArn: 'arn:aws:sqs:us-east-1:000000000000:v2-settings',
      VisibilityTimeout: '45',
      DelaySeconds: '0',
      ApproximateNumberOfMessages: '0',
    });
  });
});

describe('Local SQS through SDK v2: messages and their attributes', () => {
  it('sends a message with String, Number and Binary attributes and receives it whole', async () => {
    // Prepare
    const queueUrl = await createQueue('v2-messages');
    const body = 'order 7: {"sku":"A-1"} <&> ü€';

    // Act: the SDK checks MD5OfMessageBody and MD5OfMessageAttributes itself and fails on a mismatch.
    const sent = await send(
      sqs.sendMessage({
        QueueUrl: queueUrl,
        MessageBody: body,
        MessageAttributes: {
          customer: { DataType: 'String', StringValue: 'acme' },
          quantity: { DataType: 'Number', StringValue: '3' },
          signature: { DataType: 'Binary', BinaryValue: Buffer.from([0, 1, 250, 255]) },
        },
      }),
    );
    const { Messages = [] } = await send(
      sqs.receiveMessage({
        QueueUrl: queueUrl,
        AttributeNames: ['All'],
        MessageAttributeNames: ['All'],
        MaxNumberOfMessages: 10,
      }),
    );
    await send(sqs.deleteMessage({ QueueUrl: queueUrl, ReceiptHandle: Messages[0]?.ReceiptHandle ?? '' }));
    const { Attributes } = await send(
      sqs.getQueueAttributes({
        QueueUrl: queueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );

    // Assess
    expect(sentActions()).toEqual([
      'CreateQueue',
      'SendMessage',
      'ReceiveMessage',
      'DeleteMessage',
      'GetQueueAttributes',
    ]);
    expect(sent.MD5OfMessageBody).toBe(md5(body));
    expect(Messages).toEqual([
      expect.objectContaining({
        MessageId: sent.MessageId,
        Body: body,
        MD5OfBody: md5(body),
        Attributes: expect.objectContaining({ ApproximateReceiveCount: '1', SenderId: '000000000000' }),
        MessageAttributes: {
          customer: { DataType: 'String', StringValue: 'acme', StringListValues: [], BinaryListValues: [] },
          quantity: { DataType: 'Number', StringValue: '3', StringListValues: [], BinaryListValues: [] },
          signature: {
            DataType: 'Binary',
            BinaryValue: Buffer.from([0, 1, 250, 255]),
            StringListValues: [],
            BinaryListValues: [],
          },
        },
      }),
    ]);
    expect(Attributes).toEqual({
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '0',
    });
  });
});

describe('Local SQS through SDK v2: batches', () => {
  it('sends, re-shows and deletes in batches, reporting a refused entry by its id', async () => {
    // Prepare
    const queueUrl = await createQueue('v2-batches');

    // Act
    const sent = await send(
      sqs.sendMessageBatch({
        QueueUrl: queueUrl,
        Entries: [
          { Id: 'first', MessageBody: 'one' },
          { Id: 'too-late', MessageBody: 'never', DelaySeconds: 1800 },
          { Id: 'second', MessageBody: 'two' },
        ],
      }),
    );
    const firstReceive = await send(sqs.receiveMessage({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }));
    const handles = (firstReceive.Messages ?? []).map((message, index) => ({
      Id: `m${index}`,
      ReceiptHandle: message.ReceiptHandle ?? '',
    }));
    const shown = await send(
      sqs.changeMessageVisibilityBatch({
        QueueUrl: queueUrl,
        Entries: handles.map((entry) => ({ ...entry, VisibilityTimeout: 0 })),
      }),
    );
    const secondReceive = await send(
      sqs.receiveMessage({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, AttributeNames: ['All'] }),
    );
    const deleted = await send(
      sqs.deleteMessageBatch({
        QueueUrl: queueUrl,
        Entries: (secondReceive.Messages ?? []).map((message, index) => ({
          Id: `d${index}`,
          ReceiptHandle: message.ReceiptHandle ?? '',
        })),
      }),
    );

    // Assess
    expect(sentActions()).toEqual([
      'CreateQueue',
      'SendMessageBatch',
      'ReceiveMessage',
      'ChangeMessageVisibilityBatch',
      'ReceiveMessage',
      'DeleteMessageBatch',
    ]);
    expect(sent.Successful.map((entry) => entry.Id).sort()).toEqual(['first', 'second']);
    expect(sent.Failed).toEqual([expect.objectContaining({ Id: 'too-late', SenderFault: true })]);
    expect(shown).toMatchObject({ Successful: [{ Id: 'm0' }, { Id: 'm1' }], Failed: [] });
    expect(
      (secondReceive.Messages ?? []).map((message) => [
        message.Body,
        message.Attributes?.ApproximateReceiveCount,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['one', '2'],
        ['two', '2'],
      ]),
    );
    expect(deleted).toMatchObject({ Successful: [{ Id: 'd0' }, { Id: 'd1' }], Failed: [] });
  });
});

describe('Local SQS through SDK v2: visibility and errors', () => {
  it("changes one message's visibility so it is received again", async () => {
    // Prepare
    const queueUrl = await createQueue('v2-visibility', { VisibilityTimeout: '300' });
    await send(sqs.sendMessage({ QueueUrl: queueUrl, MessageBody: 'retry me' }));
    const { Messages: [received] = [] } = await send(sqs.receiveMessage({ QueueUrl: queueUrl }));

    // Act
    const whileHidden = await send(sqs.receiveMessage({ QueueUrl: queueUrl }));
    await send(
      sqs.changeMessageVisibility({
        QueueUrl: queueUrl,
        ReceiptHandle: received?.ReceiptHandle ?? '',
        VisibilityTimeout: 0,
      }),
    );
    const again = await send(
      sqs.receiveMessage({ QueueUrl: queueUrl, AttributeNames: ['ApproximateReceiveCount'] }),
    );

    // Assess
    expect(sentActions()).toEqual([
      'CreateQueue',
      'SendMessage',
      'ReceiveMessage',
      'ReceiveMessage',
      'ChangeMessageVisibility',
      'ReceiveMessage',
    ]);
    expect(whileHidden.Messages ?? []).toEqual([]);
    expect(again.Messages).toEqual([
      expect.objectContaining({
        MessageId: received?.MessageId,
        Body: 'retry me',
        Attributes: { ApproximateReceiveCount: '2' },
      }),
    ]);
  });

  it('answers a queue that does not exist with the query error code and HTTP 400', async () => {
    // Act
    const failure = await send(sqs.getQueueUrl({ QueueName: 'v2-no-such-queue' })).then(
      () => undefined,
      (error: AWSError) => error,
    );

    // Assess
    expect(sentActions()).toEqual(['GetQueueUrl']);
    expect(failure).toMatchObject({
      code: 'AWS.SimpleQueueService.NonExistentQueue',
      statusCode: 400,
      message: expect.stringContaining('does not exist'),
    });
  });
});
