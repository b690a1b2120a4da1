import {
  CreateNamespaceCommand,
  CreateSnapshotCopyConfigurationCommand,
  DeleteSnapshotCopyConfigurationCommand,
  GetNamespaceCommand,
  TagResourceCommand,
  UpdateNamespaceCommand,
  UpdateSnapshotCopyConfigurationCommand,
} from '@aws-sdk/client-redshift-serverless';
import { describe, expect, it } from 'vitest';
import { useRedshiftOnly } from './useRedshiftOnly.js';

const BUSY_MESSAGE = 'There is an operation running on the namespace. Try again later.';

const local = useRedshiftOnly();

async function statusOf(namespaceName: string): Promise<string | undefined> {
  const { namespace } = await local.client().send(new GetNamespaceCommand({ namespaceName }));
  return namespace?.status;
}

describe('Local Redshift Serverless: markBusy', () => {
  it('creates matching namespaces MODIFYING until the window after their creation ends', async () => {
    // Prepare
    local.service.markBusy('prod-*', 60);
    const client = local.client();

    // Act
    const { namespace } = await client.send(new CreateNamespaceCommand({ namespaceName: 'prod-sales' }));
    local.clock.advance(59_999);
    const justBefore = await statusOf('prod-sales');
    local.clock.advance(1);
    const atTheEnd = await statusOf('prod-sales');

    // Assess
    expect(namespace?.status).toBe('MODIFYING');
    expect(justBefore).toBe('MODIFYING');
    expect(atTheEnd).toBe('AVAILABLE');
  });

  it('leaves namespaces that do not match the glob AVAILABLE', async () => {
    // Prepare
    local.service.markBusy('prod-?', 60);

    // Act
    const { namespace } = await local.client().send(new CreateNamespaceCommand({ namespaceName: 'prod-ab' }));

    // Assess
    expect(namespace?.status).toBe('AVAILABLE');
  });

  it('makes existing matching namespaces MODIFYING from the moment of marking', async () => {
    // Prepare
    await local.client().send(new CreateNamespaceCommand({ namespaceName: 'already-here' }));
    local.clock.advance(3_600_000);

    // Act
    local.service.markBusy('already-*', 10);

    // Assess
    expect(await statusOf('already-here')).toBe('MODIFYING');
    local.clock.advance(10_000);
    expect(await statusOf('already-here')).toBe('AVAILABLE');
  });

  it('lifts the rule and the window with 0 seconds', async () => {
    // Prepare
    local.service.markBusy('x-*', 60);
    await local.client().send(new CreateNamespaceCommand({ namespaceName: 'x-one' }));

    // Act
    local.service.markBusy('x-*', 0);
    const { namespace } = await local.client().send(new CreateNamespaceCommand({ namespaceName: 'x-two' }));

    // Assess
    expect(await statusOf('x-one')).toBe('AVAILABLE');
    expect(namespace?.status).toBe('AVAILABLE');
  });
});

describe('Local Redshift Serverless: calls on a MODIFYING namespace', () => {
  it('answers ConflictException to a copy configuration while MODIFYING, and succeeds once the window has passed', async () => {
    // Prepare
    local.service.markBusy('busy-*', 30);
    const client = local.client();
    await client.send(new CreateNamespaceCommand({ namespaceName: 'busy-one' }));
    const request = new CreateSnapshotCopyConfigurationCommand({
      namespaceName: 'busy-one',
      destinationRegion: 'us-west-2',
    });

    // Act
    const error = await client.send(request).catch((e) => e);
    local.clock.advance(30_000);
    const { snapshotCopyConfiguration } = await client.send(request);

    // Assess
    expect(error.name).toBe('ConflictException');
    expect(error.$metadata.httpStatusCode).toBe(409);
    expect(error.message).toBe(BUSY_MESSAGE);
    expect(snapshotCopyConfiguration?.namespaceName).toBe('busy-one');
    expect(local.service.createCounts()).toEqual({ 'busy-one': 1 });
  });

  it('refuses every mutating call on a MODIFYING namespace', async () => {
    // Prepare
    const client = local.client();
    const { namespace } = await client.send(new CreateNamespaceCommand({ namespaceName: 'locked' }));
    const { snapshotCopyConfiguration } = await client.send(
      new CreateSnapshotCopyConfigurationCommand({ namespaceName: 'locked', destinationRegion: 'us-west-2' }),
    );
    const snapshotCopyConfigurationId = snapshotCopyConfiguration?.snapshotCopyConfigurationId;
    local.service.markBusy('locked', 30);

    // Act
    const calls = [
      () =>
        client.send(
          new UpdateSnapshotCopyConfigurationCommand({
            snapshotCopyConfigurationId,
            snapshotRetentionPeriod: 5,
          }),
        ),
      () => client.send(new DeleteSnapshotCopyConfigurationCommand({ snapshotCopyConfigurationId })),
      () =>
        client.send(
          new TagResourceCommand({ resourceArn: namespace?.namespaceArn, tags: [{ key: 'a', value: 'b' }] }),
        ),
      () => client.send(new UpdateNamespaceCommand({ namespaceName: 'locked', logExports: ['userlog'] })),
    ];
    const errors = await Promise.all(
      calls.map((call) =>
        call().then(
          () => 'success',
          (e: Error) => e.name,
        ),
      ),
    );

    // Assess
    expect(errors).toEqual([
      'ConflictException',
      'ConflictException',
      'ConflictException',
      'ConflictException',
    ]);
  });
});
