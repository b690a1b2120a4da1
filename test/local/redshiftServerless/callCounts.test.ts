import {
  CreateNamespaceCommand,
  CreateSnapshotCopyConfigurationCommand,
  GetNamespaceCommand,
  ListSnapshotCopyConfigurationsCommand,
} from '@aws-sdk/client-redshift-serverless';
import { describe, expect, it } from 'vitest';
import { useRedshiftOnly } from './useRedshiftOnly.js';

const local = useRedshiftOnly();

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
