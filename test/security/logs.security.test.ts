import { join } from 'node:path';
import {
  ConflictException,
  CreateSnapshotCopyConfigurationCommand,
  ListSnapshotCopyConfigurationsCommand,
  ValidationException,
} from '@aws-sdk/client-redshift-serverless';
import { ChangeMessageVisibilityCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse } from 'aws-lambda';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { PolicyState } from '../../src/worker/handleCopyRequest.js';
import { stringAttributes, useStubbedServices } from '../fixtures/copyWorkerAssertions.js';
import {
  lambdaContext,
  newEventId,
  REPO_ROOT,
  repositoryPolicy,
  sampleEvent,
  sqsRecord,
} from '../fixtures/copyWorkerFixtures.js';
import { useCopyWorker } from '../fixtures/copyWorkerHarness.js';
import type { FakeRedshiftServerless } from '../fixtures/fakeRedshiftServerless.js';

/**
 * The worker's output — every line on stdout and stderr, and the attributes of every message it
 * dead-letters — never carries CloudTrail's requestParameters or anything shaped like a secret,
 * on any outcome path. The events carry planted secrets where CloudTrail puts request
 * parameters. (A dead letter's body is the original event, by design: redrive needs it. The DLQ
 * is encrypted and only the worker and operators read it.)
 */

const POLICY = repositoryPolicy();
const CREATE_NAMESPACE = sampleEvent<CloudTrailEvent>('cloudtrail-create-namespace.json');

interface CloudTrailEvent {
  id: string;
  source: string;
  time?: string;
  detail: { requestParameters: Record<string, unknown>; errorCode?: string } & Record<string, unknown>;
}

/** Values a caller might pass in a CreateNamespace call (CloudTrail masks some, not all). */
const PLANTED = {
  adminUserPassword: 'Sup3r-Secret-Passw0rd!',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
};
const MASK = 'HIDDEN_DUE_TO_SECURITY_REASONS';

/** What a secret looks like when it is not one of the planted values. */
const SECRET_SHAPES: readonly [string, RegExp][] = [
  ['an access key id', /\b(AKIA|ASIA)[0-9A-Z]{16}\b/],
  ['a 40-character secret key', /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])/],
  ['a password-keyed value', /pass(word|wd)?["']?\s*[:=]\s*["']?[^\s"',}]+/i],
  ['a secret-keyed value', /secret(AccessKey|Key)?["']?\s*[:=]\s*["']?[^\s"',}]+/i],
  // Naming a field by its path (`detail.requestParameters.namespaceName`) says where an error
  // is; the object itself, as a key or a value, must never appear.
  ['requestParameters', /requestParameters(?!\.[A-Za-z])/],
];

/** Every 8-character piece of a planted value: a quoted excerpt leaks as much as the whole. */
const PLANTED_FRAGMENTS = Object.values(PLANTED).flatMap((value) =>
  Array.from({ length: value.length - 7 }, (_, index) => value.slice(index, index + 8)),
);

/** The sample CreateNamespace with the planted values beside CloudTrail's masks. */
function plantedEvent(
  id: string,
  change: (event: CloudTrailEvent) => void = () => undefined,
): CloudTrailEvent {
  const event = structuredClone(CREATE_NAMESPACE);
  event.id = id;
  event.detail.requestParameters = { ...event.detail.requestParameters, ...PLANTED };
  change(event);
  return event;
}

/** Every way the text leaks; empty when it does not. */
function leaks(text: string): string[] {
  const found: string[] = [];
  if (text.includes(MASK)) found.push(MASK);
  for (const fragment of PLANTED_FRAGMENTS) if (text.includes(fragment)) found.push(`planted "${fragment}"`);
  for (const [name, shape] of SECRET_SHAPES) {
    const match = shape.exec(text);
    if (match !== null) found.push(`${name}: ${match[0]}`);
  }
  return found;
}

const subject = useCopyWorker();
const services = useStubbedServices();
let redshift: FakeRedshiftServerless;
let sqs: AwsClientStub<SQSClient>;
let batch = 0;

beforeEach(() => {
  ({ redshift, sqs } = services);
  redshift.addNamespace('prod-sales', { 'dr-tier': 'gold' });
});

/** A fresh event id: each scenario must run, not replay an earlier one's idempotency record. */
const nextId = newEventId;

async function invoke(
  bodies: readonly string[],
  policy: PolicyState = { kind: 'valid', policy: POLICY },
): Promise<SQSBatchResponse> {
  const handler = subject.worker(policy);
  batch += 1;
  const records = bodies.map((body, index) => sqsRecord(body, { messageId: `m-${batch}-${index}` }));
  return handler({ Records: records }, lambdaContext());
}

function outcomes(): unknown[] {
  return subject.output.outcomeLines().map((line) => line.outcome);
}

/** The attribute values of every message sent to the DLQ. */
function deadLetterAttributes(): string[] {
  return sqs
    .commandCalls(SendMessageCommand)
    .flatMap((call) => Object.values(stringAttributes(call.args[0].input.MessageAttributes)))
    .map((value) => value ?? '');
}

function assessNoLeaks(): void {
  const lines = subject.output.lines();
  expect(lines.length).toBeGreaterThan(0);
  expect(lines.flatMap((line) => leaks(line))).toEqual([]);
  expect(deadLetterAttributes().flatMap((value) => leaks(value))).toEqual([]);
}

describe('Security: the copy worker’s logs and dead-letter attributes', () => {
  it('recognises every planted value and the mask (the check itself can fail)', () => {
    // Act
    const found = [JSON.stringify(plantedEvent(nextId())), ...Object.values(PLANTED)].map(leaks);

    // Assess
    for (const leaked of found) expect(leaked.length).toBeGreaterThan(0);
    expect(leaks('{"adminUserPassword":"x1"}')).not.toEqual([]);
    expect(leaks('Invalid request: detail.requestParameters.namespaceName is missing')).toEqual([]);
  });

  it('leaks nothing when it protects a namespace', async () => {
    // Act
    const response = await invoke([JSON.stringify(plantedEvent(nextId()))]);

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    expect(outcomes()).toEqual(['protected']);
    assessNoLeaks();
  });

  it('leaks nothing when it retries (and when the visibility change fails)', async () => {
    // Prepare
    redshift.failNext('List', new ConflictException({ message: 'namespace busy', $metadata: {} }));
    redshift.failNext('List', new ConflictException({ message: 'namespace busy', $metadata: {} }));
    sqs.on(ChangeMessageVisibilityCommand).rejectsOnce(new Error('visibility refused')).resolves({});

    // Act
    const response = await invoke([
      JSON.stringify(plantedEvent(nextId())),
      JSON.stringify(plantedEvent(nextId())),
    ]);

    // Assess
    expect(response.batchItemFailures).toHaveLength(2);
    expect(outcomes()).toEqual(['retry', 'retry']);
    expect(redshift.mock.commandCalls(ListSnapshotCopyConfigurationsCommand)).toHaveLength(2);
    assessNoLeaks();
  });

  it('leaks nothing when AWS refuses the request and it dead-letters', async () => {
    // Prepare
    redshift.failNext(
      'Create',
      new ValidationException({ message: 'destination region is not enabled', $metadata: {} }),
    );

    // Act
    const response = await invoke([JSON.stringify(plantedEvent(nextId()))]);

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    expect(outcomes()).toEqual(['dead-lettered']);
    expect(redshift.mock.commandCalls(CreateSnapshotCopyConfigurationCommand)).toHaveLength(1);
    expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(1);
    assessNoLeaks();
  });

  it('leaks nothing when the policy is invalid and every request is dead-lettered', async () => {
    // Prepare
    const invalid = subject.module.loadPolicyState(join(REPO_ROOT, 'test/fixtures/policies/invalid.json'));

    // Act
    await invoke([JSON.stringify(plantedEvent(nextId()))], invalid);

    // Assess
    expect(outcomes()).toEqual(['dead-lettered']);
    assessNoLeaks();
  });

  it('leaks nothing when the DLQ refuses a dead letter and the record stays on its queue', async () => {
    // Prepare
    sqs.on(SendMessageCommand).rejects(new Error('DLQ unavailable'));
    redshift.failNext('Create', new ValidationException({ message: 'no', $metadata: {} }));

    // Act
    const response = await invoke([JSON.stringify(plantedEvent(nextId()))]);

    // Assess
    expect(response.batchItemFailures).toHaveLength(1);
    assessNoLeaks();
  });

  it('leaks nothing for a failed CloudTrail call it ignores', async () => {
    // Act
    await invoke([
      JSON.stringify(plantedEvent(nextId(), (event) => Object.assign(event.detail, { errorCode: 'X' }))),
    ]);

    // Assess
    expect(outcomes()).toEqual(['ignored']);
    assessNoLeaks();
  });

  it('leaks nothing on parse errors: invalid field, unknown event, malformed body', async () => {
    // Prepare: the malformed bodies break right at a secret, where JSON.parse quotes the text.
    const text = JSON.stringify(plantedEvent(nextId()));
    const bodies = [
      JSON.stringify(plantedEvent(nextId(), (event) => delete event.time)),
      JSON.stringify(
        plantedEvent(nextId(), (event) =>
          Object.assign(event.detail.requestParameters, { namespaceName: 'Bad_Name' }),
        ),
      ),
      JSON.stringify(plantedEvent(nextId(), (event) => Object.assign(event, { source: 'someone.else' }))),
      text.replace(`"${PLANTED.adminUserPassword}"`, PLANTED.adminUserPassword),
      text.replace(`"${PLANTED.secretAccessKey}"`, PLANTED.secretAccessKey),
      text.replace(`"${PLANTED.accessKeyId}"`, PLANTED.accessKeyId),
      text.slice(0, text.indexOf(PLANTED.secretAccessKey) + 20),
    ];

    // Act
    const response = await invoke(bodies);

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    expect(outcomes()).toEqual(bodies.map(() => 'dead-lettered'));
    // Records run in parallel: read the reasons in batch order.
    const reasons = subject.output
      .outcomeLines()
      .sort((a, b) => String(a.messageId).localeCompare(String(b.messageId), 'en', { numeric: true }))
      .map((line) => line.reason);
    expect(reasons).toEqual([
      'InvalidRequest',
      'InvalidRequest',
      'UnknownEvent',
      'MalformedBody',
      'MalformedBody',
      'MalformedBody',
      'MalformedBody',
    ]);
    assessNoLeaks();
  });
});
