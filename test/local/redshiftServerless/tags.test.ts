import {
  CreateNamespaceCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-redshift-serverless';
import { describe, expect, it } from 'vitest';
import { TEST_ACCOUNT } from './startRedshiftOnly.js';
import { useRedshiftOnly } from './useRedshiftOnly.js';

const UNKNOWN_ARN = `arn:aws:redshift-serverless:us-east-1:${TEST_ACCOUNT}:namespace/00000000-0000-0000-0000-000000000000`;

const local = useRedshiftOnly();

async function namespaceArn(namespaceName: string, tags?: { key: string; value: string }[]): Promise<string> {
  const { namespace } = await local.client().send(new CreateNamespaceCommand({ namespaceName, tags }));
  return namespace?.namespaceArn ?? '';
}

describe('Local Redshift Serverless: ListTagsForResource', () => {
  it('returns the tags given at creation', async () => {
    // Prepare
    const resourceArn = await namespaceArn('tagged', [{ key: 'dr-tier', value: 'gold' }]);

    // Act
    const { tags } = await local.client().send(new ListTagsForResourceCommand({ resourceArn }));

    // Assess
    expect(tags).toEqual([{ key: 'dr-tier', value: 'gold' }]);
  });

  it('answers ResourceNotFoundException (404) for an unknown ARN', async () => {
    // Act
    const error = await local
      .client()
      .send(new ListTagsForResourceCommand({ resourceArn: UNKNOWN_ARN }))
      .catch((e) => e);

    // Assess
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.$metadata.httpStatusCode).toBe(404);
    expect(error.message).toContain(UNKNOWN_ARN);
  });
});

describe('Local Redshift Serverless: TagResource', () => {
  it('merges new tags over existing ones', async () => {
    // Prepare
    const resourceArn = await namespaceArn('merging', [
      { key: 'team', value: 'sales' },
      { key: 'dr-tier', value: 'silver' },
    ]);
    const client = local.client();

    // Act
    await client.send(
      new TagResourceCommand({
        resourceArn,
        tags: [
          { key: 'dr-tier', value: 'gold' },
          { key: 'owner', value: 'ana' },
        ],
      }),
    );

    // Assess
    const { tags } = await client.send(new ListTagsForResourceCommand({ resourceArn }));
    expect(tags).toEqual([
      { key: 'team', value: 'sales' },
      { key: 'dr-tier', value: 'gold' },
      { key: 'owner', value: 'ana' },
    ]);
  });

  it('answers TooManyTagsException when a resource would carry more than 50 tags', async () => {
    // Prepare
    const resourceArn = await namespaceArn(
      'crowded',
      Array.from({ length: 50 }, (_, index) => ({ key: `k${index}`, value: 'v' })),
    );

    // Act
    const error = await local
      .client()
      .send(new TagResourceCommand({ resourceArn, tags: [{ key: 'one-more', value: 'v' }] }))
      .catch((e) => e);

    // Assess
    expect(error.name).toBe('TooManyTagsException');
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it('answers ResourceNotFoundException for an unknown ARN', async () => {
    // Act
    const error = await local
      .client()
      .send(new TagResourceCommand({ resourceArn: UNKNOWN_ARN, tags: [{ key: 'a', value: 'b' }] }))
      .catch((e) => e);

    // Assess
    expect(error.name).toBe('ResourceNotFoundException');
  });

  it('rejects an empty tag key', async () => {
    // Prepare
    const resourceArn = await namespaceArn('empty-key');

    // Act
    const error = await local
      .client()
      .send(new TagResourceCommand({ resourceArn, tags: [{ key: '', value: 'b' }] }))
      .catch((e) => e);

    // Assess
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe(
      "1 validation error detected: Value '' at 'tags.1.member.key' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  });
});

describe('Local Redshift Serverless: UntagResource', () => {
  it('removes the given keys and ignores absent ones', async () => {
    // Prepare
    const resourceArn = await namespaceArn('untagging', [
      { key: 'keep', value: '1' },
      { key: 'drop', value: '2' },
    ]);
    const client = local.client();

    // Act
    await client.send(new UntagResourceCommand({ resourceArn, tagKeys: ['drop', 'never-there'] }));

    // Assess
    const { tags } = await client.send(new ListTagsForResourceCommand({ resourceArn }));
    expect(tags).toEqual([{ key: 'keep', value: '1' }]);
  });
});
