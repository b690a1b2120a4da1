import {
  CreateNamespaceCommand,
  GetNamespaceCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-redshift-serverless';
import { describe, expect, it } from 'vitest';
import { formatCloudTrailDate } from '../../../src/local/services/redshiftServerless/cloudTrailRecord.js';
import { TEST_ACCOUNT } from './startRedshiftOnly.js';
import { useRedshiftOnly } from './useRedshiftOnly.js';

const HIDDEN = 'HIDDEN_DUE_TO_SECURITY_REASONS';

const local = useRedshiftOnly();

describe('Local Redshift Serverless: the CloudTrail record of a call', () => {
  it('emits a CreateNamespace record shaped like CloudTrail, with credentials hidden', async () => {
    // Prepare
    local.clock.set(Date.parse('2026-11-25T21:05:09.250Z'));

    // Act
    const { namespace } = await local.client().send(
      new CreateNamespaceCommand({
        namespaceName: 'prod-sales',
        adminUsername: 'admin',
        adminUserPassword: 'Secret-Password-1',
        dbName: 'dev',
        tags: [{ key: 'dr-tier', value: 'gold' }],
      }),
    );

    // Assess
    expect(local.events.events).toHaveLength(1);
    const [event] = local.events.events;
    expect(event).toMatchObject({
      source: 'aws.redshift-serverless',
      detailType: 'AWS API Call via CloudTrail',
      region: 'us-east-1',
      account: TEST_ACCOUNT,
    });
    expect(event?.detail).toMatchObject({
      eventVersion: '1.09',
      userIdentity: { accountId: TEST_ACCOUNT },
      eventTime: '2026-11-25T21:05:09Z',
      eventSource: 'redshift-serverless.amazonaws.com',
      eventName: 'CreateNamespace',
      awsRegion: 'us-east-1',
      requestParameters: {
        namespaceName: 'prod-sales',
        adminUsername: HIDDEN,
        adminUserPassword: HIDDEN,
        dbName: 'dev',
        tags: [{ key: 'dr-tier', value: 'gold' }],
      },
      responseElements: {
        namespace: {
          namespaceArn: namespace?.namespaceArn,
          namespaceId: namespace?.namespaceId,
          namespaceName: 'prod-sales',
          adminUsername: HIDDEN,
          status: 'AVAILABLE',
          creationDate: 'Nov 25, 2026 9:05:09 PM',
        },
      },
      readOnly: false,
      eventType: 'AwsApiCall',
      managementEvent: true,
      recipientAccountId: TEST_ACCOUNT,
      eventCategory: 'Management',
    });
    expect(event?.detail.requestID).toEqual(expect.any(String));
    expect(event?.detail.eventID).toMatch(/^[0-9a-f-]{36}$/);
    // As EventBridge delivers it (JSON): a successful call's record has no error members.
    expect(JSON.stringify(event?.detail)).not.toMatch(/errorCode|errorMessage/);
    expect(JSON.stringify(event)).not.toContain('Secret-Password-1');
  });
});

describe('Local Redshift Serverless: the caller and credentials a CloudTrail record names', () => {
  it('hides only the credentials a call gave: a namespace with no admin user has none in its record', async () => {
    // Act
    await local.client().send(new CreateNamespaceCommand({ namespaceName: 'no-admin' }));

    // Assess
    const [event] = local.events.events;
    const delivered = JSON.parse(JSON.stringify(event?.detail));
    expect(delivered.requestParameters).toEqual({ namespaceName: 'no-admin' });
    expect(delivered.responseElements.namespace).not.toHaveProperty('adminUsername');
  });

  it.each([
    ['us-east-1', 'aws'],
    ['cn-north-1', 'aws-cn'],
    ['us-gov-east-1', 'aws-us-gov'],
  ])('names the caller in %s by an ARN of the %s partition', async (region, partition) => {
    // Act
    await local.client({ region }).send(new CreateNamespaceCommand({ namespaceName: 'partitioned' }));

    // Assess
    const [event] = local.events.events;
    expect(event?.detail.userIdentity).toMatchObject({
      type: 'IAMUser',
      arn: `arn:${partition}:iam::${TEST_ACCOUNT}:user/local`,
    });
  });
});

describe('Local Redshift Serverless: which calls CloudTrail records', () => {
  it('emits a failed CreateNamespace with errorCode and no responseElements', async () => {
    // Prepare
    const client = local.client();
    await client.send(new CreateNamespaceCommand({ namespaceName: 'twice' }));

    // Act
    await client.send(new CreateNamespaceCommand({ namespaceName: 'twice' })).catch(() => undefined);

    // Assess
    expect(local.events.events).toHaveLength(2);
    expect(local.events.events[1]?.detail).toMatchObject({
      eventName: 'CreateNamespace',
      errorCode: 'ConflictException',
      errorMessage: 'Namespace already exists',
      requestParameters: { namespaceName: 'twice' },
      responseElements: null,
    });
  });

  it('emits TagResource and UntagResource records naming the resource and the tags', async () => {
    // Prepare
    const client = local.client();
    const { namespace } = await client.send(new CreateNamespaceCommand({ namespaceName: 'tagged' }));
    const resourceArn = namespace?.namespaceArn;

    // Act
    await client.send(new TagResourceCommand({ resourceArn, tags: [{ key: 'dr-tier', value: 'gold' }] }));
    await client.send(new UntagResourceCommand({ resourceArn, tagKeys: ['dr-tier'] }));

    // Assess
    expect(local.events.events.map((event) => event.detail.eventName)).toEqual([
      'CreateNamespace',
      'TagResource',
      'UntagResource',
    ]);
    expect(local.events.events[1]?.detail).toMatchObject({
      requestParameters: { resourceArn, tags: [{ key: 'dr-tier', value: 'gold' }] },
      responseElements: null,
    });
    expect(local.events.events[2]?.detail).toMatchObject({
      requestParameters: { resourceArn, tagKeys: ['dr-tier'] },
    });
  });

  it('emits nothing for read-only calls and for other failed calls', async () => {
    // Act
    await local
      .client()
      .send(new GetNamespaceCommand({ namespaceName: 'missing' }))
      .catch(() => undefined);
    await local
      .client()
      .send(
        new TagResourceCommand({
          resourceArn: 'arn:aws:redshift-serverless:us-east-1:1:namespace/x',
          tags: [],
        }),
      )
      .catch(() => undefined);

    // Assess
    expect(local.events.events).toEqual([]);
  });
});

describe('Function: formatCloudTrailDate', () => {
  it.each([
    ['2026-11-25T09:15:38Z', 'Nov 25, 2026 9:15:38 AM'],
    ['2022-03-21T23:15:40Z', 'Mar 21, 2022 11:15:40 PM'],
    ['2026-01-01T00:05:00Z', 'Jan 1, 2026 12:05:00 AM'],
    ['2026-07-04T12:00:09Z', 'Jul 4, 2026 12:00:09 PM'],
  ])('formats %s as %s', (iso, expected) => {
    // Act
    const formatted = formatCloudTrailDate(Date.parse(iso));

    // Assess
    expect(formatted).toBe(expected);
  });
});
