import {
  CreateQueueCommand,
  type CreateQueueRequest,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  ListQueueTagsCommand,
  QueueDoesNotExist,
  QueueNameExists,
  SetQueueAttributesCommand,
} from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { useSqsOnly } from './useSqsOnly.js';

const sqs = useSqsOnly();

describe('Local SQS: CreateQueue and GetQueueUrl', () => {
  it('creates a queue whose URL points at the host the request came to', async () => {
    // Act
    const created = await sqs.client.send(new CreateQueueCommand({ QueueName: 'requests' }));
    const fetched = await sqs.client.send(new GetQueueUrlCommand({ QueueName: 'requests' }));

    // Assess
    expect(created.QueueUrl).toBe(`${sqs.endpoint}/000000000000/requests`);
    expect(fetched.QueueUrl).toBe(created.QueueUrl);
  });

  it('returns the same URL when the queue exists with the same attributes, and refuses different ones', async () => {
    // Prepare
    await sqs.client.send(
      new CreateQueueCommand({ QueueName: 'q', Attributes: { VisibilityTimeout: '45' } }),
    );

    // Act
    const again = await sqs.client.send(
      new CreateQueueCommand({ QueueName: 'q', Attributes: { VisibilityTimeout: '45' } }),
    );
    const conflict = sqs.client.send(
      new CreateQueueCommand({ QueueName: 'q', Attributes: { VisibilityTimeout: '60' } }),
    );

    // Assess
    expect(again.QueueUrl).toBe(`${sqs.endpoint}/000000000000/q`);
    await expect(conflict).rejects.toBeInstanceOf(QueueNameExists);
    await expect(conflict).rejects.toMatchObject({
      message:
        'A queue already exists with the same name and a different value for attribute VisibilityTimeout',
    });
  });
});

describe('Local SQS: queue attributes', () => {
  it('reports every attribute for All, with defaults, ARN and message counts', async () => {
    // Prepare
    const QueueUrl = await sqs.createQueue('attrs', { DelaySeconds: '5', MessageRetentionPeriod: '3600' });

    // Act
    const { Attributes } = await sqs.client.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }),
    );

    // Assess
    expect(Attributes).toMatchObject({
      QueueArn: 'arn:aws:sqs:us-east-1:000000000000:attrs',
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '0',
      ApproximateNumberOfMessagesDelayed: '0',
      CreatedTimestamp: String(Date.parse('2026-01-01T00:00:00Z') / 1000),
      VisibilityTimeout: '30',
      DelaySeconds: '5',
      MessageRetentionPeriod: '3600',
      MaximumMessageSize: '1048576',
      ReceiveMessageWaitTimeSeconds: '0',
      SqsManagedSseEnabled: 'true',
    });
    expect(Attributes).not.toHaveProperty('RedrivePolicy');
  });

  it('returns only the attributes asked for', async () => {
    // Prepare
    const QueueUrl = await sqs.createQueue('one');

    // Act
    const { Attributes } = await sqs.client.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn', 'VisibilityTimeout'] }),
    );

    // Assess
    expect(Attributes).toEqual({
      QueueArn: 'arn:aws:sqs:us-east-1:000000000000:one',
      VisibilityTimeout: '30',
    });
  });

  it('sets attributes, normalises the redrive policy and removes it when set to empty', async () => {
    // Prepare
    await sqs.createQueue('dlq');
    const QueueUrl = await sqs.createQueue('src');
    const policy = JSON.stringify({
      deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:dlq',
      maxReceiveCount: '3',
    });

    // Act
    await sqs.client.send(
      new SetQueueAttributesCommand({
        QueueUrl,
        Attributes: { RedrivePolicy: policy, VisibilityTimeout: '10' },
      }),
    );
    const withPolicy = await sqs.client.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }),
    );
    await sqs.client.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { RedrivePolicy: '' } }));
    const without = await sqs.client.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }),
    );

    // Assess
    expect(JSON.parse(withPolicy.Attributes?.RedrivePolicy ?? '{}')).toEqual({
      deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:dlq',
      maxReceiveCount: 3,
    });
    expect(withPolicy.Attributes?.VisibilityTimeout).toBe('10');
    expect(without.Attributes).not.toHaveProperty('RedrivePolicy');
  });
});

describe('Local SQS: queue refusals', () => {
  it.each<[string, CreateQueueRequest, Record<string, unknown>]>([
    [
      'a redrive policy whose dead-letter queue does not exist',
      {
        QueueName: 'src',
        Attributes: {
          RedrivePolicy: JSON.stringify({
            deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:nope',
            maxReceiveCount: 3,
          }),
        },
      },
      { name: 'InvalidParameterValue', message: expect.stringMatching(/Dead letter target does not exist/) },
    ],
    [
      'an unknown attribute',
      { QueueName: 'x', Attributes: { Colour: 'blue' } as Record<string, string> },
      { name: 'InvalidAttributeName', message: 'Unknown Attribute Colour.' },
    ],
    [
      'an attribute out of its range',
      { QueueName: 'x', Attributes: { VisibilityTimeout: '43201' } },
      { name: 'InvalidAttributeValue', message: 'Invalid value for the parameter VisibilityTimeout.' },
    ],
    ['a FIFO queue', { QueueName: 'orders.fifo' }, { name: 'UnsupportedOperation' }],
    [
      'an invalid name',
      { QueueName: 'has space' },
      {
        name: 'InvalidParameterValue',
        message: 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length',
      },
    ],
  ])('refuses %s', async (_case, request, refusal) => {
    // Act
    const created = sqs.client.send(new CreateQueueCommand(request));

    // Assess
    await expect(created).rejects.toMatchObject(refusal);
  });
});

describe('Local SQS: listing and finding queues', () => {
  it('lists queues by prefix and pages when MaxResults is given', async () => {
    // Prepare
    for (const name of ['app-a', 'app-b', 'app-c', 'other']) {
      await sqs.client.send(new CreateQueueCommand({ QueueName: name }));
    }

    // Act
    const all = await sqs.client.send(new ListQueuesCommand({}));
    const first = await sqs.client.send(new ListQueuesCommand({ QueueNamePrefix: 'app-', MaxResults: 2 }));
    const second = await sqs.client.send(
      new ListQueuesCommand({ QueueNamePrefix: 'app-', MaxResults: 2, NextToken: first.NextToken }),
    );
    const none = await sqs.client.send(new ListQueuesCommand({ QueueNamePrefix: 'zzz' }));

    // Assess
    expect(all.QueueUrls).toHaveLength(4);
    expect(first.QueueUrls?.map((url) => url.split('/').at(-1))).toEqual(['app-a', 'app-b']);
    expect(second.QueueUrls?.map((url) => url.split('/').at(-1))).toEqual(['app-c']);
    expect(second.NextToken).toBeUndefined();
    expect(none.QueueUrls).toBeUndefined();
  });

  it('answers QueueDoesNotExist, with the query-protocol code, for missing and deleted queues', async () => {
    // Prepare
    const { QueueUrl } = await sqs.client.send(
      new CreateQueueCommand({ QueueName: 'gone', tags: { team: 'x' } }),
    );
    const tags = await sqs.client.send(new ListQueueTagsCommand({ QueueUrl }));
    await sqs.client.send(new DeleteQueueCommand({ QueueUrl }));

    // Act
    const byName = sqs.client.send(new GetQueueUrlCommand({ QueueName: 'gone' }));
    const byUrl = sqs.client.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }));

    // Assess
    expect(tags.Tags).toEqual({ team: 'x' });
    await expect(byName).rejects.toBeInstanceOf(QueueDoesNotExist);
    await expect(byUrl).rejects.toMatchObject({
      name: 'QueueDoesNotExist',
      message: 'The specified queue does not exist.',
      Code: 'AWS.SimpleQueueService.NonExistentQueue',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('finds a queue by the path of its URL whatever host the URL names', async () => {
    // Prepare
    await sqs.createQueue('anyhost');

    // Act
    const { Attributes } = await sqs.client.send(
      new GetQueueAttributesCommand({
        QueueUrl: 'https://sqs.us-east-1.amazonaws.com/000000000000/anyhost',
        AttributeNames: ['QueueArn'],
      }),
    );

    // Assess
    expect(Attributes?.QueueArn).toBe('arn:aws:sqs:us-east-1:000000000000:anyhost');
  });
});
