import {
  GetNamespaceCommand,
  ListNamespacesCommand,
  ListSnapshotCopyConfigurationsCommand,
  ListTagsForResourceCommand,
  RedshiftServerlessClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-redshift-serverless';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { RedshiftServerlessAdapter } from '../../../src/aws/redshiftServerlessAdapter.js';

const redshift = mockClient(RedshiftServerlessClient);
const LOCATION = { account: '111111111111', region: 'us-east-1' };
const ARN =
  'arn:aws:redshift-serverless:us-east-1:111111111111:namespace/0f6e2a52-3d1c-4a8e-9b7f-2c5d1e4a9b10';

function adapter(): RedshiftServerlessAdapter {
  return new RedshiftServerlessAdapter(new RedshiftServerlessClient({ region: 'us-east-1' }), LOCATION);
}

afterEach(() => {
  redshift.reset();
});

describe('Class: RedshiftServerlessAdapter', () => {
  it('lists every page of copy configurations and maps AWS_OWNED_KMS_KEY to no key', async () => {
    // Prepare
    redshift
      .on(ListSnapshotCopyConfigurationsCommand)
      .resolvesOnce({
        snapshotCopyConfigurations: [
          {
            snapshotCopyConfigurationId: 'a',
            namespaceName: 'prod-sales',
            destinationRegion: 'us-west-2',
            destinationKmsKeyId: 'AWS_OWNED_KMS_KEY',
            snapshotRetentionPeriod: 7,
          },
        ],
        nextToken: 'page-2',
      })
      .resolvesOnce({
        snapshotCopyConfigurations: [
          { snapshotCopyConfigurationId: 'b', namespaceName: 'prod-sales', destinationRegion: 'eu-west-1' },
        ],
      });

    // Act
    const configurations = await adapter().listCopyConfigurations('prod-sales');

    // Assess
    expect(configurations).toEqual([
      { id: 'a', namespaceName: 'prod-sales', region: 'us-west-2', retentionDays: 7 },
      { id: 'b', namespaceName: 'prod-sales', region: 'eu-west-1', retentionDays: -1 },
    ]);
    expect(redshift.commandCalls(ListSnapshotCopyConfigurationsCommand)[1]?.args[0].input).toMatchObject({
      nextToken: 'page-2',
    });
  });

  it('finds a namespace by ARN on a later page of ListNamespaces', async () => {
    // Prepare
    redshift
      .on(ListNamespacesCommand)
      .resolvesOnce({
        namespaces: [{ namespaceName: 'other', namespaceArn: `${ARN}-other` }],
        nextToken: 't',
      })
      .resolvesOnce({ namespaces: [{ namespaceName: 'prod-sales', namespaceArn: ARN }] });

    // Act
    const ref = await adapter().findNamespaceByArn(ARN);

    // Assess
    expect(ref).toEqual({ ...LOCATION, name: 'prod-sales', arn: ARN });
  });

  it('answers undefined for tags and namespaces that do not exist', async () => {
    // Prepare
    const notFound = new ResourceNotFoundException({ message: 'not found', $metadata: {} });
    redshift.on(ListTagsForResourceCommand).rejects(notFound);
    redshift.on(GetNamespaceCommand).rejects(notFound);

    // Act
    const tags = await adapter().listTags(ARN);
    const namespace = await adapter().getNamespace('prod-sales');

    // Assess
    expect(tags).toBeUndefined();
    expect(namespace).toBeUndefined();
  });

  it('turns the tag list into a map', async () => {
    // Prepare
    redshift.on(ListTagsForResourceCommand).resolves({
      tags: [
        { key: 'dr-tier', value: 'gold' },
        { key: 'team', value: 'sales' },
      ],
    });

    // Act
    const tags = await adapter().listTags(ARN);

    // Assess
    expect(tags).toEqual({ 'dr-tier': 'gold', team: 'sales' });
  });
});
