import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type ProtectionRequest,
  requestProtection,
  toPutEventsEntry,
} from '../../../src/sweep/requestProtection.js';

const eventBridge = mockClient(EventBridgeClient);
const client = new EventBridgeClient({ region: 'us-east-1' });
const sleeps: number[] = [];
const sleep = async (ms: number) => {
  sleeps.push(ms);
};

function request(index: number): ProtectionRequest {
  const name = `ns-${index}`;
  return {
    namespaceName: name,
    account: '111111111111',
    region: 'us-east-1',
    namespaceArn: `arn:aws:redshift-serverless:us-east-1:111111111111:namespace/${name}-id`,
  };
}

/** Entries a PutEvents call sent, by namespace name. */
function sentNames(call: number): string[] {
  const input = eventBridge.commandCalls(PutEventsCommand)[call]?.args[0].input;
  return (input?.Entries ?? []).map(
    (entry) => (JSON.parse(entry.Detail ?? '{}') as { namespaceName: string }).namespaceName,
  );
}

afterEach(() => {
  eventBridge.reset();
  sleeps.length = 0;
});

describe('Function: toPutEventsEntry', () => {
  it('returns a Snapshot Copy Requested entry with origin sweep and the namespace ARN', () => {
    // Act
    const entry = toPutEventsEntry(request(1), 'automation');

    // Assess
    expect(entry).toEqual({
      EventBusName: 'automation',
      Source: 'copy-autopilot',
      DetailType: 'Snapshot Copy Requested',
      Resources: [request(1).namespaceArn],
      Detail: JSON.stringify({
        namespaceName: 'ns-1',
        region: 'us-east-1',
        account: '111111111111',
        origin: 'sweep',
        namespaceArn: request(1).namespaceArn,
      }),
    });
  });
});

describe('Function: requestProtection', () => {
  it('puts entries in batches of at most ten', async () => {
    // Prepare
    eventBridge.on(PutEventsCommand).callsFake(({ Entries }) => ({
      FailedEntryCount: 0,
      Entries: Entries.map((_: unknown, index: number) => ({ EventId: `e-${index}` })),
    }));
    const requests = Array.from({ length: 23 }, (_, index) => request(index));
    const progress: number[] = [];

    // Act
    const result = await requestProtection(requests, {
      client,
      busName: 'default',
      sleep,
      onProgress: (accepted) => progress.push(accepted),
    });

    // Assess
    expect(
      eventBridge.commandCalls(PutEventsCommand).map((call) => call.args[0].input.Entries?.length),
    ).toEqual([10, 10, 3]);
    expect(result.requested).toEqual(requests);
    expect(result.failed).toEqual([]);
    expect(progress).toEqual([10, 20, 23]);
  });

  it('retries only the entries PutEvents reported failed', async () => {
    // Prepare
    eventBridge
      .on(PutEventsCommand)
      .resolvesOnce({
        FailedEntryCount: 1,
        Entries: [
          { EventId: 'e-0' },
          { ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded' },
          { EventId: 'e-2' },
        ],
      })
      .resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] });

    // Act
    const result = await requestProtection([request(0), request(1), request(2)], {
      client,
      busName: 'default',
      sleep,
    });

    // Assess
    expect(sentNames(1)).toEqual(['ns-1']);
    expect(result.requested.map((r) => r.namespaceName).sort()).toEqual(['ns-0', 'ns-1', 'ns-2']);
    expect(result.failed).toEqual([]);
    expect(sleeps).toEqual([250]);
  });

  it('reports entries that still fail after the last attempt, with their error', async () => {
    // Prepare
    eventBridge.on(PutEventsCommand).callsFake(({ Entries }) => ({
      FailedEntryCount: 1,
      Entries: Entries.map((entry: { Detail: string }) =>
        entry.Detail.includes('"ns-1"')
          ? { ErrorCode: 'InternalFailure', ErrorMessage: 'try later' }
          : { EventId: 'ok' },
      ),
    }));

    // Act
    const result = await requestProtection([request(0), request(1)], {
      client,
      busName: 'default',
      maxAttempts: 3,
      sleep,
    });

    // Assess
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(3);
    expect(result.requested.map((r) => r.namespaceName)).toEqual(['ns-0']);
    expect(result.failed).toEqual([
      { request: request(1), errorCode: 'InternalFailure', errorMessage: 'try later' },
    ]);
    expect(sleeps).toEqual([250, 500]);
  });

  it('retries a batch whose call failed as a whole, then reports every entry with the error', async () => {
    // Prepare
    eventBridge
      .on(PutEventsCommand)
      .rejects(Object.assign(new Error('not allowed'), { name: 'AccessDeniedException' }));

    // Act
    const result = await requestProtection([request(0), request(1)], { client, busName: 'default', sleep });

    // Assess
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(3);
    expect(result.requested).toEqual([]);
    expect(result.failed.map((f) => [f.request.namespaceName, f.errorCode])).toEqual([
      ['ns-0', 'AccessDeniedException'],
      ['ns-1', 'AccessDeniedException'],
    ]);
  });

  it('puts nothing when there is nothing to request', async () => {
    // Act
    const result = await requestProtection([], { client, busName: 'default', sleep });

    // Assess
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(0);
    expect(result).toEqual({ requested: [], failed: [] });
  });
});
