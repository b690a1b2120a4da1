import {
  CreateNamespaceCommand,
  CreateSnapshotCopyConfigurationCommand,
  GetNamespaceCommand,
  ListSnapshotCopyConfigurationsCommand,
  RedshiftServerlessServiceException,
} from '@aws-sdk/client-redshift-serverless';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RedshiftOnly, startRedshiftOnly } from './startRedshiftOnly.js';

let local: RedshiftOnly;
beforeAll(async () => {
  local = await startRedshiftOnly();
});
afterAll(async () => {
  await local.close();
});
afterEach(() => {
  local.service.reset();
});

describe('Local Redshift Serverless: callCounts', () => {
  it('counts calls per operation, failed ones included', async () => {
    // Prepare
    const client = local.client();

    // Act
    await client.send(new CreateNamespaceCommand({ namespaceName: 'counted' }));
    await client.send(new ListSnapshotCopyConfigurationsCommand({ namespaceName: 'counted' }));
    await client.send(
      new CreateSnapshotCopyConfigurationCommand({
        namespaceName: 'counted',
        destinationRegion: 'us-west-2',
      }),
    );
    await client.send(new GetNamespaceCommand({ namespaceName: 'nope' })).catch(() => undefined);

    // Assess
    expect(local.service.callCounts()).toEqual({
      CreateNamespace: 1,
      ListSnapshotCopyConfigurations: 1,
      CreateSnapshotCopyConfiguration: 1,
      GetNamespace: 1,
    });
  });

  it('starts from zero after reset', async () => {
    // Prepare
    await local.client().send(new CreateNamespaceCommand({ namespaceName: 'counted' }));

    // Act
    local.service.reset();

    // Assess
    expect(local.service.callCounts()).toEqual({});
    expect(local.service.createCounts()).toEqual({});
  });
});

describe('Local Redshift Serverless: injectFault', () => {
  it('fails the next N matching calls with the chosen error, then lets calls through', async () => {
    // Prepare
    const client = local.client();
    await client.send(new CreateNamespaceCommand({ namespaceName: 'flaky' }));
    local.service.injectFault({
      operation: 'CreateSnapshotCopyConfiguration',
      errorCode: 'ConflictException',
      count: 2,
    });
    const request = new CreateSnapshotCopyConfigurationCommand({
      namespaceName: 'flaky',
      destinationRegion: 'us-west-2',
    });

    // Act
    const outcomes: string[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      outcomes.push(
        await client.send(request).then(
          () => 'created',
          (e: Error) => e.name,
        ),
      );
    }

    // Assess
    expect(outcomes).toEqual(['ConflictException', 'ConflictException', 'created']);
    expect(local.service.createCounts()).toEqual({ flaky: 1 });
  });

  it('answers InternalServerException with HTTP 500, which the SDK retries', async () => {
    // Prepare
    const client = local.client({ maxAttempts: 3 });
    local.service.injectFault({ errorCode: 'InternalServerException', count: 2 });

    // Act
    const output = await client.send(new CreateNamespaceCommand({ namespaceName: 'retried' }));

    // Assess
    expect(output.namespace?.namespaceName).toBe('retried');
    expect(output.$metadata.attempts).toBe(3);
  });

  it('answers ThrottlingException with HTTP 429', async () => {
    // Prepare
    local.service.injectFault({ errorCode: 'ThrottlingException', count: 1 });

    // Act
    const error = await local
      .client()
      .send(new GetNamespaceCommand({ namespaceName: 'any-name' }))
      .catch((e) => e);

    // Assess
    expect(error).toBeInstanceOf(RedshiftServerlessServiceException);
    expect(error.name).toBe('ThrottlingException');
    expect(error.$metadata.httpStatusCode).toBe(429);
  });

  it('stops failing after clearFaults', async () => {
    // Prepare
    local.service.injectFault({ errorCode: 'ThrottlingException', count: 5 });

    // Act
    local.service.clearFaults();
    const output = await local.client().send(new CreateNamespaceCommand({ namespaceName: 'calm' }));

    // Assess
    expect(output.namespace?.status).toBe('AVAILABLE');
  });
});
