import { CreateSnapshotCopyConfigurationCommand } from '@aws-sdk/client-redshift-serverless';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { AssumeRoleCommand, STSClient, STSServiceException } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { SQSEvent } from 'aws-lambda';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Policy } from '../../../src/domain/policy/types.js';
import { parsePolicy } from '../../../src/policyFiles/parsePolicy.js';
import {
  dlqAttributesOf,
  emfMetricsOf,
  inputs,
  stubAssumeRole,
  useStubbedServices,
} from '../../fixtures/copyWorkerAssertions.js';
import {
  ACCOUNT,
  createNamespaceEvent,
  lambdaContext,
  snapshotCopyRequested,
  sqsEvent,
  sqsRecord,
} from '../../fixtures/copyWorkerFixtures.js';
import { useCopyWorker } from '../../fixtures/copyWorkerHarness.js';
import type { FakeRedshiftServerless } from '../../fixtures/fakeRedshiftServerless.js';

/**
 * Records outside the policy's scope are refused, not misdirected: dead-lettered at once with
 * AccountNotManaged or RegionNotManaged, before any Redshift Serverless call, and never acted on
 * in the stack's own account although it holds a namespace of the same name.
 */

const MEMBER = '222222222222';
const STRANGER = '333333333333';
const ROLE_ARN = `arn:aws:iam::${MEMBER}:role/copy-autopilot-member`;

const RULES = `
rules:
  - name: everything
    match: {}
    copyTo: { region: us-west-2, retentionDays: 7 }
`;
const NO_SCOPE = parsePolicy(`version: 1${RULES}`);
const LISTED = parsePolicy(`version: 1
scope:
  accounts: ["${MEMBER}"]
  regions: [us-east-1, eu-west-1]
  memberRoleName: copy-autopilot-member${RULES}`);
const ORGANIZATION = parsePolicy(`version: 1
scope: { accounts: organization, memberRoleName: copy-autopilot-member }${RULES}`);

const subject = useCopyWorker();
const services = useStubbedServices();
let redshift: FakeRedshiftServerless;
let sqs: AwsClientStub<SQSClient>;
let sts: AwsClientStub<STSClient>;

beforeEach(() => {
  ({ redshift, sqs } = services);
  sts = mockClient(STSClient);
  stubAssumeRole(sts);
});

afterEach(() => {
  sts.restore();
});

/** A fresh worker (fresh clients and assumed-role sessions) over `policy`. */
function invoke(policy: Policy, event: SQSEvent) {
  return subject.worker({ kind: 'valid', policy })(event, lambdaContext());
}

/** The access key each Redshift Serverless call was signed with: whose credentials acted. */
async function signingKeys(): Promise<string[]> {
  const calls = redshift.mock.send.getCalls();
  return Promise.all(
    calls.map(async (call) => {
      const client = call.thisValue as { config: { credentials: AwsCredentialIdentityProvider } };
      return (await client.config.credentials()).accessKeyId;
    }),
  );
}

function refusalsIn(reason: string) {
  return emfMetricsOf(subject.output.jsonLines()).filter(
    (metric) => metric.name === 'DeadLettered' && metric.dimensions.Reason === reason,
  );
}

describe('Function: createCopyWorker (scope)', () => {
  describe('without a scope', () => {
    it('dead-letters a namespace of another account as AccountNotManaged, leaving the same-named home one alone', async () => {
      // Prepare: the home account holds a namespace of the same name
      redshift.addNamespace('prod-sales');
      const event = createNamespaceEvent('prod-sales', { account: MEMBER, id: 'evt-foreign' });

      // Act
      const response = await invoke(NO_SCOPE, sqsEvent(sqsRecord(event, { messageId: 'm-foreign' })));

      // Assess
      expect(response).toEqual({ batchItemFailures: [] });
      expect(redshift.mock.calls()).toHaveLength(0);
      expect(sts.calls()).toHaveLength(0);
      expect(redshift.configurations('prod-sales')).toEqual([]);
      expect(dlqAttributesOf(sqs)).toEqual({
        Reason: 'AccountNotManaged',
        ErrorName: 'AccountNotManaged',
        ErrorMessage: expect.stringContaining(`account ${MEMBER} is not managed by this stack`),
        Attempts: '1',
        Namespace: 'prod-sales',
        EventId: 'evt-foreign',
        SourceMessageId: 'm-foreign',
      });
      expect(subject.output.outcomeLines()).toEqual([
        expect.objectContaining({
          outcome: 'dead-lettered',
          reason: 'AccountNotManaged',
          account: MEMBER,
          namespace: 'prod-sales',
          level: 'ERROR',
        }),
      ]);
      expect(refusalsIn('AccountNotManaged')).toHaveLength(1);
    });

    it('dead-letters a request for another region of its own account as RegionNotManaged', async () => {
      // Prepare
      redshift.addNamespace('prod-sales');
      const event = snapshotCopyRequested('prod-sales', { region: 'eu-west-1' });

      // Act
      await invoke(NO_SCOPE, sqsEvent(sqsRecord(event)));

      // Assess
      expect(redshift.mock.calls()).toHaveLength(0);
      expect(dlqAttributesOf(sqs)).toMatchObject({
        Reason: 'RegionNotManaged',
        ErrorMessage: expect.stringContaining("only the stack's own region us-east-1 is managed"),
      });
      expect(refusalsIn('RegionNotManaged')).toHaveLength(1);
    });

    it('still acts at home with its own credentials', async () => {
      // Prepare
      redshift.addNamespace('prod-sales');

      // Act
      await invoke(NO_SCOPE, sqsEvent(sqsRecord(snapshotCopyRequested('prod-sales', { account: ACCOUNT }))));

      // Assess
      expect(redshift.configurations('prod-sales')).toHaveLength(1);
      expect(sts.calls()).toHaveLength(0);
    });
  });

  describe('with a list of accounts and regions', () => {
    it('acts in a listed account only with the member role’s credentials', async () => {
      // Prepare
      redshift.addNamespace('prod-sales');
      const event = createNamespaceEvent('prod-sales', { account: MEMBER, region: 'eu-west-1' });

      // Act
      const response = await invoke(LISTED, sqsEvent(sqsRecord(event)));

      // Assess
      expect(response).toEqual({ batchItemFailures: [] });
      expect(inputs(sts, AssumeRoleCommand)).toEqual([
        expect.objectContaining({ RoleArn: ROLE_ARN, RoleSessionName: 'copy-autopilot' }),
      ]);
      expect(inputs(redshift.mock, CreateSnapshotCopyConfigurationCommand)).toHaveLength(1);
      const keys = await signingKeys();
      expect(keys.length).toBeGreaterThan(0);
      expect(new Set(keys)).toEqual(new Set(['ASIAMEMBER']));
    });

    it('refuses an account the list leaves out, before assuming any role', async () => {
      // Act
      await invoke(LISTED, sqsEvent(sqsRecord(snapshotCopyRequested('prod-sales', { account: STRANGER }))));

      // Assess
      expect(sts.calls()).toHaveLength(0);
      expect(redshift.mock.calls()).toHaveLength(0);
      expect(dlqAttributesOf(sqs)).toMatchObject({
        Reason: 'AccountNotManaged',
        ErrorMessage: expect.stringContaining(`scope.accounts lists ${MEMBER}`),
      });
    });

    it('refuses a region the list leaves out, in a listed account too', async () => {
      // Act
      await invoke(
        LISTED,
        sqsEvent(sqsRecord(createNamespaceEvent('prod-sales', { account: MEMBER, region: 'us-west-1' }))),
      );

      // Assess
      expect(sts.calls()).toHaveLength(0);
      expect(redshift.mock.calls()).toHaveLength(0);
      expect(dlqAttributesOf(sqs)).toMatchObject({ Reason: 'RegionNotManaged' });
    });
  });

  describe('with the organization', () => {
    it('dead-letters an account whose member role refuses AssumeRole as AccountNotManaged', async () => {
      // Prepare
      sts.on(AssumeRoleCommand).rejects(
        new STSServiceException({
          name: 'AccessDenied',
          $fault: 'client',
          $metadata: { httpStatusCode: 403 },
          message: `User: arn:aws:sts::${ACCOUNT}:assumed-role/worker/copy-autopilot is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${STRANGER}:role/copy-autopilot-member`,
        }),
      );
      redshift.addNamespace('prod-sales');

      // Act
      const response = await invoke(
        ORGANIZATION,
        sqsEvent(sqsRecord(createNamespaceEvent('prod-sales', { account: STRANGER }))),
      );

      // Assess
      expect(response).toEqual({ batchItemFailures: [] });
      expect(inputs(sts, AssumeRoleCommand)).toEqual([
        expect.objectContaining({ RoleArn: `arn:aws:iam::${STRANGER}:role/copy-autopilot-member` }),
      ]);
      expect(redshift.mock.calls()).toHaveLength(0);
      expect(dlqAttributesOf(sqs)).toMatchObject({
        Reason: 'AccountNotManaged',
        ErrorName: 'AccessDenied',
        ErrorMessage: expect.stringContaining('refused AssumeRole'),
        Namespace: 'prod-sales',
      });
      expect(refusalsIn('AccountNotManaged')).toHaveLength(1);
    });

    it('retries a record whose AssumeRole was throttled', async () => {
      // Prepare
      sts.on(AssumeRoleCommand).rejects(
        new STSServiceException({
          name: 'Throttling',
          $fault: 'client',
          $metadata: { httpStatusCode: 400 },
          message: 'Rate exceeded',
        }),
      );

      // Act
      const response = await invoke(
        ORGANIZATION,
        sqsEvent(sqsRecord(createNamespaceEvent('prod-sales', { account: STRANGER }), { messageId: 'm-1' })),
      );

      // Assess
      expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-1' }] });
      expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(0);
    });
  });
});
