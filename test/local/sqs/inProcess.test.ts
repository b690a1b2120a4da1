import { describe, expect, it } from 'vitest';
import { AwsServiceError } from '../../../src/local/protocol/serviceError.js';
import { createSqsService } from '../../../src/local/services/sqs/index.js';
import { ManualClock } from '../../../src/local/store/clock.js';

const ctx = (clock: ManualClock) => ({
  region: 'us-east-1',
  account: '000000000000',
  requestId: 'req-1',
  clock,
  baseUrl: 'http://127.0.0.1:4566',
});

describe('Local SQS: in-process doors', () => {
  it('delivers to a queue by ARN (EventBridge targets) and peeks without changing visibility', async () => {
    // Prepare
    const clock = new ManualClock();
    const sqs = createSqsService({ clock, account: '000000000000' });
    await sqs.handle('CreateQueue', { QueueName: 'targets' }, ctx(clock));

    // Act
    sqs.deliverToQueueArn('arn:aws:sqs:us-east-1:000000000000:targets', '{"detail":{}}');
    const peeked = sqs.peek('targets');
    const received = (await sqs.handle(
      'ReceiveMessage',
      { QueueUrl: 'http://127.0.0.1:4566/000000000000/targets' },
      ctx(clock),
    )) as { Messages?: { Body: string }[] };

    // Assess
    expect(peeked).toEqual([
      {
        body: '{"detail":{}}',
        receiveCount: 0,
        attributes: expect.objectContaining({
          SentTimestamp: String(clock.now()),
          ApproximateReceiveCount: '0',
        }),
      },
    ]);
    expect(received.Messages?.[0]?.Body).toBe('{"detail":{}}');
    expect(sqs.peek('targets')[0]?.receiveCount).toBe(1);
  });

  it('throws QueueDoesNotExist when delivering to a missing queue', () => {
    // Prepare
    const sqs = createSqsService({ clock: new ManualClock(), account: '000000000000' });

    // Act
    const deliver = () => sqs.deliverToQueueArn('arn:aws:sqs:us-east-1:000000000000:missing', 'x');

    // Assess
    expect(deliver).toThrow(AwsServiceError);
    expect(deliver).toThrow('The specified queue does not exist.');
  });

  it('forgets every queue on reset', async () => {
    // Prepare
    const clock = new ManualClock();
    const sqs = createSqsService({ clock, account: '000000000000' });
    await sqs.handle('CreateQueue', { QueueName: 'temp' }, ctx(clock));

    // Act
    sqs.reset();
    const listed = await sqs.handle('ListQueues', {}, ctx(clock));

    // Assess
    expect(listed).toEqual({});
    expect(() => sqs.peek('temp')).toThrow(AwsServiceError);
  });

  it('builds queue URLs on the default base URL when the edge gives none', async () => {
    // Prepare
    const clock = new ManualClock();
    const sqs = createSqsService({ clock, account: '000000000000' });

    // Act
    const created = await sqs.handle(
      'CreateQueue',
      { QueueName: 'plain' },
      { ...ctx(clock), baseUrl: undefined },
    );

    // Assess
    expect(created).toEqual({ QueueUrl: 'http://localhost:4566/000000000000/plain' });
  });
});
