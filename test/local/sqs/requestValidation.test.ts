import {
  GetQueueAttributesCommand,
  type QueueAttributeName,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { beforeEach, describe, expect, it } from 'vitest';
import { useSqsOnly } from './useSqsOnly.js';

const first = (xml: string, tag: string): string | undefined =>
  new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(xml)?.[1];

const sqs = useSqsOnly();
let queueUrl: string;
beforeEach(async () => {
  queueUrl = await sqs.createQueue('checked');
});

describe('Local SQS: members the service model requires', () => {
  it('answers a missing required member of a batch entry with MissingParameter, in JSON member names', async () => {
    // Act
    const send = sqs.client.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: [{ Id: 'a', MessageBody: 'x' }, { Id: 'b' } as { Id: string; MessageBody: string }],
      }),
    );

    // Assess
    await expect(send).rejects.toMatchObject({
      name: 'MissingParameter',
      message: 'The request must contain the parameter Entries.2.MessageBody.',
    });
    expect(sqs.service.peek('checked')).toEqual([]);
  });

  it('names the same parameter as a query client sends it', async () => {
    // Act
    const response = await sqs.query({
      Action: 'SendMessageBatch',
      QueueUrl: queueUrl,
      'SendMessageBatchRequestEntry.1.Id': 'a',
      'SendMessageBatchRequestEntry.1.MessageBody': 'x',
      'SendMessageBatchRequestEntry.2.Id': 'b',
    });

    // Assess
    expect(response.status).toBe(400);
    expect(first(response.body, 'Code')).toBe('MissingParameter');
    expect(first(response.body, 'Message')).toBe(
      'The request must contain the parameter SendMessageBatchRequestEntry.2.MessageBody.',
    );
  });

  it('names flattened query lists by their element', async () => {
    // Act
    const response = await sqs.query({ Action: 'UntagQueue', QueueUrl: queueUrl });

    // Assess
    expect(first(response.body, 'Code')).toBe('MissingParameter');
    expect(first(response.body, 'Message')).toBe('The request must contain the parameter TagKey.');
  });
});

describe('Local SQS: attribute names and ranges the model and SQS check', () => {
  it('refuses an attribute name outside the model enum with InvalidAttributeName', async () => {
    // Act
    const get = sqs.client.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['Colour' as QueueAttributeName] }),
    );
    const send = sqs.client.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: 'x',
        MessageSystemAttributes: { Colour: { DataType: 'String', StringValue: 'blue' } } as never,
      }),
    );

    // Assess
    await expect(get).rejects.toMatchObject({
      name: 'InvalidAttributeName',
      message: 'Unknown Attribute Colour.',
    });
    await expect(send).rejects.toMatchObject({
      name: 'InvalidAttributeName',
      message: 'Unknown Attribute Colour.',
    });
  });

  it("keeps SQS's own words for a message attribute without a type", async () => {
    // Act
    const send = sqs.client.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: 'x',
        MessageAttributes: { colour: { StringValue: 'blue' } as never },
      }),
    );

    // Assess
    await expect(send).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message: "The message attribute 'colour' must contain non-empty message attribute type.",
    });
  });

  it('takes message system attribute names in the deprecated AttributeNames of ReceiveMessage', async () => {
    // Prepare
    await sqs.client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'x' }));

    // Act
    const { Messages } = await sqs.client.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        AttributeNames: ['ApproximateReceiveCount' as QueueAttributeName],
      }),
    );

    // Assess
    expect(Messages?.[0]?.Attributes).toEqual({ ApproximateReceiveCount: '1' });
  });

  it('refuses a number out of the documented range with its reason', async () => {
    // Act
    const receive = sqs.client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 21 }));

    // Assess
    await expect(receive).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message:
        'Value 21 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.',
    });
  });
});
