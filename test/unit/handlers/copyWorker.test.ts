import { join } from 'node:path';
import {
  AccessDeniedException,
  ConflictException,
  CreateSnapshotCopyConfigurationCommand,
  InternalServerException,
  ListSnapshotCopyConfigurationsCommand,
  ListTagsForResourceCommand,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  ThrottlingException,
  UpdateSnapshotCopyConfigurationCommand,
  ValidationException,
} from '@aws-sdk/client-redshift-serverless';
import { ChangeMessageVisibilityCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CopyWorkerHandler } from '../../../src/handlers/copyWorker.js';
import { parsePolicy } from '../../../src/policyFiles/parsePolicy.js';
import type { PolicyState } from '../../../src/worker/handleCopyRequest.js';
import {
  dlqAttributesOf,
  emfMetricsOf,
  inputs,
  useStubbedServices,
} from '../../fixtures/copyWorkerAssertions.js';
import {
  createNamespaceEvent,
  DLQ_URL,
  lambdaContext,
  namespaceArn,
  newEventId,
  REQUESTS_QUEUE_URL,
  snapshotCopyRequested,
  sqsEvent,
  sqsRecord,
  tagResourceEvent,
} from '../../fixtures/copyWorkerFixtures.js';
import { useCopyWorker } from '../../fixtures/copyWorkerHarness.js';
import type { FakeRedshiftServerless } from '../../fixtures/fakeRedshiftServerless.js';

const KMS_KEY = 'arn:aws:kms:us-west-2:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';

const RULES = `
rules:
  - name: sandboxes-stay-local
    match: { namespace: "sandbox-*" }
    skip: true
  - name: reported
    match: { namespace: "audit-*" }
    copyTo: { region: us-west-2, retentionDays: 7 }
    onExisting: report
  - name: kept
    match: { namespace: "keep-*" }
    copyTo: { region: us-west-2, retentionDays: 7 }
    onExisting: keep
  - name: encrypted
    match: { namespace: "secure-*" }
    copyTo: { region: us-west-2, kmsKeyId: "${KMS_KEY}", retentionDays: 14 }
  - name: gold
    match: { tags: { dr-tier: gold } }
    copyTo: { region: eu-west-1, retentionDays: 90 }
  - name: production
    match: { namespace: "prod-*" }
    copyTo: { region: us-west-2, retentionDays: 30 }
    onExisting: update
`;

const POLICY = parsePolicy(`version: 1${RULES}`);
/** The same rules, managing us-west-2 too (without a scope, only the home region is managed). */
const TWO_REGION_POLICY = parsePolicy(`version: 1
scope: { regions: [us-east-1, us-west-2] }${RULES}`);

const subject = useCopyWorker();
const services = useStubbedServices();
let redshift: FakeRedshiftServerless;
let sqs: AwsClientStub<SQSClient>;

beforeEach(() => {
  ({ redshift, sqs } = services);
});

function worker(policy: PolicyState = { kind: 'valid', policy: POLICY }): CopyWorkerHandler {
  return subject.worker(policy);
}

function invoke(handler: CopyWorkerHandler, event: SQSEvent): Promise<SQSBatchResponse> {
  return handler(event, lambdaContext());
}

function matching(expected: Record<string, unknown>): unknown {
  return expect.objectContaining(expected);
}

function jsonLines(): Record<string, unknown>[] {
  return subject.output.jsonLines();
}

function outcomeLines(): Record<string, unknown>[] {
  return subject.output.outcomeLines();
}

function emfMetrics(): ReturnType<typeof emfMetricsOf> {
  return emfMetricsOf(jsonLines());
}

function dlqAttributes(index = 0): Record<string, string | undefined> {
  return dlqAttributesOf(sqs, index);
}

function visibilityTimeouts(): (number | undefined)[] {
  return sqs.commandCalls(ChangeMessageVisibilityCommand).map((call) => call.args[0].input.VisibilityTimeout);
}

describe('Function: createCopyWorker', () => {
  describe('ensuring a configuration', () => {
    it('creates the configuration the policy wants and acknowledges the record', async () => {
      // Prepare
      redshift.addNamespace('prod-sales');
      const record = sqsRecord(snapshotCopyRequested('prod-sales'));

      // Act
      const response = await invoke(worker(), sqsEvent(record));

      // Assess
      expect(response).toEqual({ batchItemFailures: [] });
      expect(inputs(redshift.mock, CreateSnapshotCopyConfigurationCommand)).toContainEqual(
        matching({
          namespaceName: 'prod-sales',
          destinationRegion: 'us-west-2',
          snapshotRetentionPeriod: 30,
        }),
      );
      expect(redshift.configurations('prod-sales')).toHaveLength(1);
      const [line] = outcomeLines();
      expect(line).toMatchObject({
        outcome: 'protected',
        namespace: 'prod-sales',
        rule: 'production',
        attempts: 1,
        correlation_id: expect.any(String),
        level: 'INFO',
      });
      expect(line?.durationMs).toEqual(expect.any(Number));
      const names = emfMetrics().map((m) => m.name);
      expect(names).toEqual(expect.arrayContaining(['Protected', 'TimeToProtection']));
    });

    it('passes the rule’s KMS key to Create', async () => {
      // Prepare
      redshift.addNamespace('secure-ledger');

      // Act
      await invoke(worker(), sqsEvent(sqsRecord(snapshotCopyRequested('secure-ledger'))));

      // Assess
      expect(inputs(redshift.mock, CreateSnapshotCopyConfigurationCommand)).toContainEqual(
        matching({
          destinationKmsKeyId: KMS_KEY,
          snapshotRetentionPeriod: 14,
        }),
      );
    });

    it('writes nothing when the namespace is already configured', async () => {
      // Prepare
      redshift.addNamespace('prod-orders');
      redshift.addConfiguration('prod-orders', { region: 'us-west-2', retentionDays: 30 });

      // Act
      const response = await invoke(worker(), sqsEvent(sqsRecord(snapshotCopyRequested('prod-orders'))));

      // Assess
      expect(response.batchItemFailures).toEqual([]);
      expect(inputs(redshift.mock, ListSnapshotCopyConfigurationsCommand).length).toBeGreaterThan(0);
      expect(inputs(redshift.mock, CreateSnapshotCopyConfigurationCommand)).toHaveLength(0);
      expect(inputs(redshift.mock, UpdateSnapshotCopyConfigurationCommand)).toHaveLength(0);
      expect(outcomeLines()[0]).toMatchObject({ outcome: 'already-configured' });
      expect(emfMetrics().map((m) => m.name)).toContain('AlreadyConfigured');
    });

    it('updates the retention when it differs and the rule says onExisting: update', async () => {
      // Prepare
      redshift.addNamespace('prod-billing');
      const id = redshift.addConfiguration('prod-billing', { region: 'us-west-2', retentionDays: 7 });

      // Act
      await invoke(worker(), sqsEvent(sqsRecord(snapshotCopyRequested('prod-billing'))));

      // Assess
      expect(inputs(redshift.mock, UpdateSnapshotCopyConfigurationCommand)).toContainEqual(
        matching({
          snapshotCopyConfigurationId: id,
          snapshotRetentionPeriod: 30,
        }),
      );
      expect(inputs(redshift.mock, CreateSnapshotCopyConfigurationCommand)).toHaveLength(0);
      expect(outcomeLines()[0]).toMatchObject({ outcome: 'retention-updated', fromDays: 7, toDays: 30 });
    });

    it('reports retention drift without writing when the rule says onExisting: report', async () => {
      // Prepare
      redshift.addNamespace('audit-logs');
      redshift.addConfiguration('audit-logs', { region: 'us-west-2', retentionDays: -1 });

      // Act
      const response = await invoke(worker(), sqsEvent(sqsRecord(snapshotCopyRequested('audit-logs'))));

      // Assess
      expect(response.batchItemFailures).toEqual([]);
      expect(inputs(redshift.mock, UpdateSnapshotCopyConfigurationCommand)).toHaveLength(0);
      expect(inputs(redshift.mock, CreateSnapshotCopyConfigurationCommand)).toHaveLength(0);
      expect(outcomeLines()[0]).toMatchObject({ outcome: 'drift', drift: 'retention', level: 'WARN' });
      expect(emfMetrics().map((m) => m.name)).toContain('Drift');
    });

    it('keeps a differing retention as configured when the rule says onExisting: keep', async () => {
      // Prepare
      redshift.addNamespace('keep-archive');
      redshift.addConfiguration('keep-archive', { region: 'us-west-2', retentionDays: 365 });

      // Act
      await invoke(worker(), sqsEvent(sqsRecord(snapshotCopyRequested('keep-archive'))));

      // Assess
      expect(inputs(redshift.mock, UpdateSnapshotCopyConfigurationCommand)).toHaveLength(0);
      expect(outcomeLines()[0]).toMatchObject({ outcome: 'already-configured', keptRetentionDays: 365 });
    });

    it('reports region drift and never replaces a configuration to another region', async () => {
      // Prepare
      redshift.addNamespace('prod-eu');
      redshift.addConfiguration('prod-eu', { region: 'eu-central-1', retentionDays: 30 });

      // Act
      await invoke(worker(), sqsEvent(sqsRecord(snapshotCopyRequested('prod-eu'))));

      // Assess
      expect(inputs(redshift.mock, CreateSnapshotCopyConfigurationCommand)).toHaveLength(0);
      expect(inputs(redshift.mock, UpdateSnapshotCopyConfigurationCommand)).toHaveLength(0);
      expect(outcomeLines()[0]).toMatchObject({
        outcome: 'drift',
        drift: 'region',
        existing: { region: 'eu-central-1' },
        desired: { region: 'us-west-2' },
      });
    });

    it.each([
      [
        'leaves a namespace alone when its rule says skip',
        'sandbox-alice',
        { outcome: 'skipped', rule: 'sandboxes-stay-local' },
        'Skipped',
      ],
      [
        'counts a namespace no rule matches and leaves it alone',
        'misc-tools',
        { outcome: 'unmatched', namespace: 'misc-tools' },
        'Unmatched',
      ],
    ])('%s', async (_case, namespace, line, metric) => {
      // Prepare
      redshift.addNamespace(namespace);

      // Act
      const response = await invoke(worker(), sqsEvent(sqsRecord(snapshotCopyRequested(namespace))));

      // Assess
      expect(response.batchItemFailures).toEqual([]);
      expect(inputs(redshift.mock, ListSnapshotCopyConfigurationsCommand)).toHaveLength(0);
      expect(outcomeLines()[0]).toMatchObject(line);
      expect(emfMetrics().map((m) => m.name)).toContain(metric);
    });

    it('judges a namespace by its live tags rather than the tags in the event', async () => {
      // Prepare: created with dr-tier gold, retagged since.
      redshift.addNamespace('prod-hr', { 'dr-tier': 'bronze' });
      const event = createNamespaceEvent('prod-hr', { tags: { 'dr-tier': 'gold' } });

      // Act
      await invoke(worker(), sqsEvent(sqsRecord(event)));

      // Assess
      expect(inputs(redshift.mock, CreateSnapshotCopyConfigurationCommand)).toContainEqual(
        matching({
          destinationRegion: 'us-west-2',
        }),
      );
    });

    it('reads no tags, and makes only List and Create, when no rule that could apply looks at tags', async () => {
      // Prepare: "secure-*" matches before the tag-based "gold" rule is reached.
      redshift.addNamespace('secure-ledger', { 'dr-tier': 'gold' });
      const event = createNamespaceEvent('secure-ledger');

      // Act
      await invoke(worker(), sqsEvent(sqsRecord(event)));

      // Assess
      expect(redshift.mock.commandCalls(ListTagsForResourceCommand)).toHaveLength(0);
      expect(redshift.mock.calls().map((call) => call.args[0].constructor.name)).toEqual([
        'ListSnapshotCopyConfigurationsCommand',
        'CreateSnapshotCopyConfigurationCommand',
      ]);
      expect(redshift.configurations('secure-ledger')).toEqual([
        expect.objectContaining({ destinationRegion: 'us-west-2', snapshotRetentionPeriod: 14 }),
      ]);
    });

    it('falls back on the event’s tags while the namespace is not visible yet', async () => {
      // Prepare: ListTagsForResource does not know the namespace yet; List and Create do.
      redshift.addNamespace('prod-new', { 'dr-tier': 'gold' });
      redshift.failNext(
        'ListTags',
        new ResourceNotFoundException({ message: 'Resource not found', $metadata: {} }),
      );
      const event = createNamespaceEvent('prod-new', { tags: { 'dr-tier': 'gold' } });

      // Act
      await invoke(worker(), sqsEvent(sqsRecord(event)));

      // Assess
      expect(inputs(redshift.mock, CreateSnapshotCopyConfigurationCommand)).toContainEqual(
        matching({
          destinationRegion: 'eu-west-1',
          snapshotRetentionPeriod: 90,
        }),
      );
    });

    it('finds the name of a namespace an event names by ARN only', async () => {
      // Prepare
      const arn = redshift.addNamespace('prod-tagged');

      // Act
      await invoke(worker(), sqsEvent(sqsRecord(tagResourceEvent(arn))));

      // Assess
      expect(inputs(redshift.mock, CreateSnapshotCopyConfigurationCommand)).toContainEqual(
        matching({
          namespaceName: 'prod-tagged',
        }),
      );
    });

    it('dead-letters a namespace named by an ARN that no longer exists', async () => {
      // Act
      const response = await invoke(worker(), sqsEvent(sqsRecord(tagResourceEvent(namespaceArn('gone-ns')))));

      // Assess
      expect(response.batchItemFailures).toEqual([]);
      expect(dlqAttributes()).toMatchObject({ Reason: 'NamespaceNotFound' });
    });

    it('acknowledges a failed CloudTrail call as ignored, without calling AWS', async () => {
      // Prepare
      const record = sqsRecord(createNamespaceEvent('prod-dup', { failed: true }));

      // Act
      const response = await invoke(worker(), sqsEvent(record));

      // Assess
      expect(response.batchItemFailures).toEqual([]);
      expect(redshift.mock.calls()).toHaveLength(0);
      expect(sqs.calls()).toHaveLength(0);
      expect(outcomeLines()[0]).toMatchObject({ outcome: 'ignored' });
    });

    it('never logs the event’s request parameters', async () => {
      // Prepare
      redshift.addNamespace('prod-secret');

      // Act
      await invoke(worker(), sqsEvent(sqsRecord(createNamespaceEvent('prod-secret'))));

      // Assess
      expect(subject.output.lines().join('\n')).not.toContain('HIDDEN_DUE_TO_SECURITY_REASONS');
      expect(subject.output.lines().join('\n')).not.toContain('requestParameters');
    });
  });

  describe('idempotency', () => {
    it('runs a duplicate delivery of the same event once', async () => {
      // Prepare: EventBridge delivered one event twice, as two SQS messages.
      redshift.addNamespace('prod-twice');
      const event = snapshotCopyRequested('prod-twice');
      const handler = worker();

      // Act
      const first = await invoke(handler, sqsEvent(sqsRecord(event, { messageId: 'm-1' })));
      const second = await invoke(handler, sqsEvent(sqsRecord(event, { messageId: 'm-2' })));

      // Assess
      expect(first.batchItemFailures).toEqual([]);
      expect(second.batchItemFailures).toEqual([]);
      expect(inputs(redshift.mock, CreateSnapshotCopyConfigurationCommand)).toHaveLength(1);
      expect(outcomeLines()[1]).toMatchObject({ outcome: 'protected', duplicate: true });
      expect(emfMetrics().filter((m) => m.name === 'Protected')).toHaveLength(1);
    });

    it('recreates a deleted configuration for a new event, but not for a replay of the old one', async () => {
      // Prepare
      redshift.addNamespace('prod-again');
      const firstEvent = snapshotCopyRequested('prod-again');
      const handler = worker();
      await invoke(handler, sqsEvent(sqsRecord(firstEvent)));
      redshift.deleteConfigurations('prod-again');

      // Act
      await invoke(handler, sqsEvent(sqsRecord(firstEvent)));
      const afterReplay = redshift.configurations('prod-again').length;
      await invoke(handler, sqsEvent(sqsRecord(snapshotCopyRequested('prod-again'))));

      // Assess
      expect(afterReplay).toBe(0);
      expect(redshift.creates).toBe(2);
      expect(redshift.configurations('prod-again')).toHaveLength(1);
    });

    it('retries a delivery that arrives while the same event is still being processed', async () => {
      // Prepare: hold the first delivery's Create open until the second has been retried.
      redshift.addNamespace('prod-parallel');
      const event = snapshotCopyRequested('prod-parallel');
      let released!: () => void;
      redshift.createGate = new Promise<void>((resolve) => {
        released = resolve;
      });
      sqs.on(ChangeMessageVisibilityCommand).callsFake(async () => {
        released();
        return {};
      });

      // Act
      const response = await invoke(
        worker(),
        sqsEvent(sqsRecord(event, { messageId: 'first' }), sqsRecord(event, { messageId: 'second' })),
      );

      // Assess
      expect(response.batchItemFailures).toHaveLength(1);
      expect(redshift.creates).toBe(1);
      expect(outcomeLines().find((l) => l.outcome === 'retry')).toMatchObject({
        errorName: 'IdempotencyAlreadyInProgressError',
      });
      expect(inputs(sqs, SendMessageCommand)).toHaveLength(0);
    });
  });

  describe('retryable errors', () => {
    const retryable: [string, () => unknown][] = [
      ['ConflictException', () => new ConflictException({ message: 'namespace busy', $metadata: {} })],
      ['InternalServerException', () => new InternalServerException({ message: 'oops', $metadata: {} })],
      ['ThrottlingException', () => new ThrottlingException({ message: 'slow down', $metadata: {} })],
      [
        'ServiceUnavailable',
        () =>
          Object.assign(new Error('Service Unavailable'), {
            name: 'ServiceUnavailable',
            $fault: 'server',
            $metadata: { httpStatusCode: 503 },
          }),
      ],
      ['ECONNRESET', () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
    ];

    it.each(retryable)('returns the record with a growing backoff on %s', async (errorName, makeError) => {
      // Prepare
      redshift.addNamespace('prod-busy');
      const event = snapshotCopyRequested('prod-busy');
      redshift.failNext('Create', makeError(), makeError(), makeError());
      const handler = worker();

      // Act
      const responses: SQSBatchResponse[] = [];
      for (const receiveCount of [1, 2, 3]) {
        responses.push(
          await invoke(handler, sqsEvent(sqsRecord(event, { messageId: 'm-busy', receiveCount }))),
        );
      }

      // Assess
      for (const response of responses)
        expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm-busy' }]);
      expect(visibilityTimeouts()).toEqual([3, 5, 10]);
      expect(inputs(sqs, ChangeMessageVisibilityCommand)).toContainEqual(
        matching({
          QueueUrl: REQUESTS_QUEUE_URL,
          ReceiptHandle: 'receipt-m-busy-3',
        }),
      );
      expect(inputs(sqs, SendMessageCommand)).toHaveLength(0);
      expect(outcomeLines()[0]).toMatchObject({
        outcome: 'retry',
        errorName,
        delaySeconds: 3,
        level: 'WARN',
      });
      expect(emfMetrics().find((m) => m.name === 'Retried')?.dimensions).toMatchObject({
        ErrorName: errorName,
      });
    });

    it('creates exactly once after a namespace was busy twice, with nothing dead-lettered', async () => {
      // Prepare
      redshift.addNamespace('prod-modifying');
      const event = snapshotCopyRequested('prod-modifying');
      const busy = () => new ConflictException({ message: 'operation running on namespace', $metadata: {} });
      redshift.failNext('List', busy(), busy());
      const handler = worker();

      // Act
      const responses: SQSBatchResponse[] = [];
      for (const receiveCount of [1, 2, 3]) {
        responses.push(
          await invoke(handler, sqsEvent(sqsRecord(event, { messageId: 'm-mod', receiveCount }))),
        );
      }

      // Assess
      expect(responses.map((r) => r.batchItemFailures.length)).toEqual([1, 1, 0]);
      expect(inputs(redshift.mock, CreateSnapshotCopyConfigurationCommand)).toHaveLength(1);
      expect(inputs(sqs, SendMessageCommand)).toHaveLength(0);
    });

    it('ends with one configuration when Create itself met Conflict twice', async () => {
      // Prepare
      redshift.addNamespace('prod-conflicted');
      const event = snapshotCopyRequested('prod-conflicted');
      const busy = () => new ConflictException({ message: 'operation running on namespace', $metadata: {} });
      redshift.failNext('Create', busy(), busy());
      const handler = worker();

      // Act
      const responses: SQSBatchResponse[] = [];
      for (const receiveCount of [1, 2, 3]) {
        responses.push(await invoke(handler, sqsEvent(sqsRecord(event, { messageId: 'm-c', receiveCount }))));
      }

      // Assess
      expect(responses.map((r) => r.batchItemFailures.length)).toEqual([1, 1, 0]);
      expect(redshift.creates).toBe(1);
      expect(redshift.configurations('prod-conflicted')).toHaveLength(1);
      expect(inputs(sqs, SendMessageCommand)).toHaveLength(0);
    });

    it('returns the record on an error nobody knows, and logs it as an error: it may be a bug', async () => {
      // Prepare
      redshift.addNamespace('prod-odd');
      redshift.failNext('Create', new TypeError('Cannot read properties of undefined'));

      // Act
      const response = await invoke(
        worker(),
        sqsEvent(sqsRecord(snapshotCopyRequested('prod-odd'), { messageId: 'm-odd' })),
      );

      // Assess
      expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm-odd' }]);
      expect(outcomeLines()[0]).toMatchObject({
        outcome: 'retry',
        errorName: 'TypeError',
        knownError: false,
        level: 'ERROR',
      });
    });

    it('still reports the failure when the visibility change fails', async () => {
      // Prepare
      redshift.addNamespace('prod-flaky');
      redshift.failNext('List', new InternalServerException({ message: 'oops', $metadata: {} }));
      sqs.on(ChangeMessageVisibilityCommand).rejects(new Error('SQS unavailable'));

      // Act
      const response = await invoke(
        worker(),
        sqsEvent(sqsRecord(snapshotCopyRequested('prod-flaky'), { messageId: 'm-f' })),
      );

      // Assess
      expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm-f' }]);
    });
  });

  describe('non-retryable errors', () => {
    const nonRetryable: [string, () => unknown][] = [
      [
        'ValidationException',
        () => new ValidationException({ message: 'KMS key not in us-west-2', $metadata: {} }),
      ],
      [
        'AccessDeniedException',
        () => new AccessDeniedException({ message: 'not authorized', $metadata: {} }),
      ],
      [
        'ServiceQuotaExceededException',
        () => new ServiceQuotaExceededException({ message: 'quota exceeded', $metadata: {} }),
      ],
      [
        'ResourceNotFoundException',
        () => new ResourceNotFoundException({ message: 'no namespace', $metadata: {} }),
      ],
    ];

    it.each(nonRetryable)(
      'dead-letters the record at once on %s and acknowledges it',
      async (errorName, makeError) => {
        // Prepare
        redshift.addNamespace('prod-refused');
        redshift.failNext('Create', makeError());
        const event = snapshotCopyRequested('prod-refused');
        const record = sqsRecord(event, { messageId: 'm-refused', receiveCount: 2 });

        // Act
        const response = await invoke(worker(), sqsEvent(record));

        // Assess
        expect(response.batchItemFailures).toEqual([]);
        expect(inputs(sqs, SendMessageCommand)).toHaveLength(1);
        expect(inputs(sqs, SendMessageCommand)).toContainEqual(
          matching({ QueueUrl: DLQ_URL, MessageBody: record.body }),
        );
        expect(dlqAttributes()).toEqual({
          ErrorName: errorName,
          ErrorMessage: expect.any(String),
          Attempts: '2',
          PolicyRule: 'production',
          Reason: 'NonRetryableError',
          EventId: event.id,
          Namespace: 'prod-refused',
          SourceMessageId: 'm-refused',
        });
        expect(inputs(sqs, ChangeMessageVisibilityCommand)).toHaveLength(0);
        expect(outcomeLines()[0]).toMatchObject({ outcome: 'dead-lettered', errorName, level: 'ERROR' });
        expect(emfMetrics().find((m) => m.name === 'DeadLettered')?.dimensions).toMatchObject({
          Reason: 'NonRetryableError',
        });
      },
    );

    it('carries the ValidationException’s reason to the DLQ while the rest of the batch succeeds', async () => {
      // Prepare
      redshift.addNamespace('prod-bad-key');
      redshift.addNamespace('prod-good-1');
      redshift.addNamespace('prod-good-2');
      redshift.mock
        .on(CreateSnapshotCopyConfigurationCommand, { namespaceName: 'prod-bad-key' })
        .rejects(new ValidationException({ message: 'The KMS key must be in us-west-2', $metadata: {} }));
      const records = [
        sqsRecord(snapshotCopyRequested('prod-good-1'), { messageId: 'good-1' }),
        sqsRecord(snapshotCopyRequested('prod-bad-key'), { messageId: 'bad' }),
        sqsRecord(snapshotCopyRequested('prod-good-2'), { messageId: 'good-2' }),
      ];

      // Act
      const response = await invoke(worker(), sqsEvent(...records));

      // Assess
      expect(response.batchItemFailures).toEqual([]);
      expect(inputs(sqs, SendMessageCommand)).toHaveLength(1);
      expect(dlqAttributes()).toMatchObject({
        ErrorName: 'ValidationException',
        ErrorMessage: 'The KMS key must be in us-west-2',
        SourceMessageId: 'bad',
      });
      expect(redshift.configurations('prod-good-1')).toHaveLength(1);
      expect(redshift.configurations('prod-good-2')).toHaveLength(1);
    });

    it('fails only the retryable record of a mixed batch', async () => {
      // Prepare
      redshift.addNamespace('prod-ok');
      redshift.addNamespace('prod-locked');
      redshift.mock
        .on(ListSnapshotCopyConfigurationsCommand, { namespaceName: 'prod-locked' })
        .rejects(new ConflictException({ message: 'busy', $metadata: {} }));
      const records = [
        sqsRecord(snapshotCopyRequested('prod-locked'), { messageId: 'locked' }),
        sqsRecord('{"not": "an event"', { messageId: 'garbage' }),
        sqsRecord(snapshotCopyRequested('prod-ok'), { messageId: 'ok' }),
      ];

      // Act
      const response = await invoke(worker(), sqsEvent(...records));

      // Assess
      expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'locked' }]);
      expect(dlqAttributes()).toMatchObject({ Reason: 'MalformedBody', SourceMessageId: 'garbage' });
      expect(redshift.configurations('prod-ok')).toHaveLength(1);
    });

    it('dead-letters an unparseable body with its reason', async () => {
      // Act
      const response = await invoke(worker(), sqsEvent(sqsRecord('not json at all', { messageId: 'm-bad' })));

      // Assess
      expect(response.batchItemFailures).toEqual([]);
      expect(inputs(sqs, SendMessageCommand)).toContainEqual(matching({ MessageBody: 'not json at all' }));
      expect(dlqAttributes()).toMatchObject({
        Reason: 'MalformedBody',
        ErrorName: 'MalformedBodyError',
        Attempts: '1',
      });
    });

    it('dead-letters an event of an unknown shape with its reason and event id', async () => {
      // Prepare
      const id = newEventId();
      const event = { ...snapshotCopyRequested('prod-x', { id }), source: 'someone-else' };

      // Act
      const response = await invoke(worker(), sqsEvent(sqsRecord(event)));

      // Assess
      expect(response.batchItemFailures).toEqual([]);
      expect(dlqAttributes()).toMatchObject({ Reason: 'UnknownEvent', EventId: id });
      expect(redshift.mock.calls()).toHaveLength(0);
    });

    it('dead-letters every request when the policy was invalid at cold start', async () => {
      // Prepare
      const policy = subject.module.loadPolicyState(
        join(process.cwd(), 'test/fixtures/policies/invalid.json'),
      );
      const records = [
        sqsRecord(snapshotCopyRequested('prod-a'), { messageId: 'a' }),
        sqsRecord(snapshotCopyRequested('prod-b'), { messageId: 'b' }),
      ];

      // Act
      const response = await invoke(worker(policy), sqsEvent(...records));

      // Assess
      expect(policy.kind).toBe('invalid');
      expect(response.batchItemFailures).toEqual([]);
      expect(inputs(sqs, SendMessageCommand)).toHaveLength(2);
      expect(dlqAttributes()).toMatchObject({ Reason: 'PolicyInvalid', ErrorName: 'PolicyValidationError' });
      expect(dlqAttributes().ErrorMessage).toContain('mars-north-1');
      expect(redshift.mock.calls()).toHaveLength(0);
    });

    it('dead-letters a request whose rule would copy to the namespace’s own region', async () => {
      // Prepare: production copies to us-west-2 without restricting sourceRegions.
      const event = snapshotCopyRequested('prod-west', { region: 'us-west-2' });
      redshift.addNamespace('prod-west');

      // Act
      await invoke(worker({ kind: 'valid', policy: TWO_REGION_POLICY }), sqsEvent(sqsRecord(event)));

      // Assess
      expect(dlqAttributes()).toMatchObject({ Reason: 'PolicyInvalid', PolicyRule: 'production' });
      expect(inputs(redshift.mock, CreateSnapshotCopyConfigurationCommand)).toHaveLength(0);
    });

    it('leaves the record on its queue when the DLQ refuses it', async () => {
      // Prepare
      sqs.on(SendMessageCommand).rejects(new Error('DLQ unavailable'));

      // Act
      const response = await invoke(worker(), sqsEvent(sqsRecord('garbage', { messageId: 'm-keep' })));

      // Assess
      expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm-keep' }]);
    });
  });
});

describe('Function: handler', () => {
  it('dead-letters records with PolicyInvalid when the bundled policy cannot be loaded', async () => {
    // Prepare: the environment useCopyWorker stubs names a policy file that does not exist.
    const record = sqsRecord(snapshotCopyRequested('prod-cold'), { messageId: 'cold' });

    // Act
    const response = await subject.module.handler(sqsEvent(record), lambdaContext());

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    expect(dlqAttributes()).toMatchObject({ Reason: 'PolicyInvalid', ErrorName: 'PolicyFileError' });
    expect(emfMetrics().map((m) => m.name)).toContain('ColdStart');
  });
});
