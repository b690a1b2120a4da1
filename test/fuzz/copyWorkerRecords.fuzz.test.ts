import {
  AccessDeniedException,
  ConflictException,
  InternalServerException,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-redshift-serverless';
import { ChangeMessageVisibilityCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validatePolicy } from '../../src/domain/policy/index.js';
import type { PolicyState } from '../../src/worker/handleCopyRequest.js';
import { createStubbedServices, stringAttributes } from '../fixtures/copyWorkerAssertions.js';
import {
  createNamespaceEvent,
  lambdaContext,
  namespaceArn,
  REQUESTS_QUEUE_ARN,
  repositoryPolicy,
  SAMPLE_EVENT_FILES,
  sampleEvent,
  snapshotCopyRequested,
  sqsRecord,
  tagResourceEvent,
} from '../fixtures/copyWorkerFixtures.js';
import { useCopyWorker } from '../fixtures/copyWorkerHarness.js';
import { chosenSeed } from '../fixtures/seed.js';
import { nearValid } from './nearValidJson.js';

/**
 * The copy worker on batches of arbitrary, near-valid and valid records, with AWS failing at
 * random: the handler never throws, and every record ends one of two ways — acknowledged with
 * exactly one outcome log line (dead letters also sent to the DLQ with their reason), or
 * reported in batchItemFailures. None vanishes.
 */

const SEED = chosenSeed('FUZZ_SEED', 20_261_127);
const POLICY = repositoryPolicy();
const SAMPLES = SAMPLE_EVENT_FILES.map((file) => sampleEvent<unknown>(file));

/** Namespaces the fake Redshift Serverless holds; the generators also name ones it does not. */
const EXISTING = {
  'prod-sales': { 'dr-tier': 'gold' },
  'prod-finance': {},
  'sandbox-lab': {},
  'ops-tools': {},
};
const NAMES = [...Object.keys(EXISTING), 'prod-missing', 'dev-missing'];

const validBody = fc.oneof(
  fc
    .tuple(fc.constantFrom(...NAMES), fc.uuid(), fc.constantFrom('us-east-1', 'us-west-2', 'eu-west-1'))
    .map(([name, id, region]) => snapshotCopyRequested(name, { id, region })),
  fc
    .tuple(fc.constantFrom(...NAMES), fc.uuid(), fc.boolean())
    .map(([name, id, failed]) => createNamespaceEvent(name, { id, failed, tags: { 'dr-tier': 'gold' } })),
  fc
    .tuple(fc.constantFrom(...NAMES), fc.uuid())
    .map(([name, id]) => tagResourceEvent(namespaceArn(name), { id })),
);

const body: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: validBody.map((event) => JSON.stringify(event)) },
  {
    weight: 3,
    arbitrary: fc
      .constantFrom(...SAMPLES)
      .chain((sample) => nearValid(sample))
      .map((e) => JSON.stringify(e)),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 1, arbitrary: fc.json({ maxDepth: 3 }) },
);

interface RecordSpec {
  readonly body: string;
  /** ApproximateReceiveCount as SQS would send it, or something it never would. */
  readonly receiveCount: string | undefined;
  readonly eventSourceArn: string;
}

const recordSpec: fc.Arbitrary<RecordSpec> = fc.record({
  body,
  receiveCount: fc.constantFrom('1', '2', '12', '0', '-3', 'abc', '1e3', undefined),
  eventSourceArn: fc.constantFrom(REQUESTS_QUEUE_ARN, REQUESTS_QUEUE_ARN, 'not-a-queue-arn'),
});

const OPERATIONS = ['List', 'Create', 'Update', 'GetNamespace', 'ListTags', 'ListNamespaces'] as const;
const ERRORS = [
  () => new ConflictException({ message: 'namespace busy', $metadata: {} }),
  () => new InternalServerException({ message: 'oops', $metadata: {} }),
  () => new ThrottlingException({ message: 'slow down', $metadata: {} }),
  () => new ValidationException({ message: 'destination region is not enabled', $metadata: {} }),
  () => new AccessDeniedException({ message: 'not authorized', $metadata: {} }),
  () => new ServiceQuotaExceededException({ message: 'too many', $metadata: {} }),
  () => new ResourceNotFoundException({ message: 'gone', $metadata: {} }),
  () => new Error('socket hang up'),
  () => new TypeError('Cannot read properties of undefined'),
  () => 'a thrown string',
];

interface Scenario {
  readonly records: readonly RecordSpec[];
  readonly faults: readonly { operation: (typeof OPERATIONS)[number]; error: number }[];
  readonly dlqRefuses: boolean;
  readonly visibilityFails: boolean;
  readonly policyInvalid: boolean;
}

const scenario: fc.Arbitrary<Scenario> = fc.record({
  records: fc.array(recordSpec, { minLength: 1, maxLength: 10 }),
  faults: fc.array(
    fc.record({ operation: fc.constantFrom(...OPERATIONS), error: fc.nat({ max: ERRORS.length - 1 }) }),
    { maxLength: 4 },
  ),
  dlqRefuses: fc.integer({ min: 0, max: 9 }).map((draw) => draw === 0),
  visibilityFails: fc.boolean(),
  policyInvalid: fc.integer({ min: 0, max: 9 }).map((draw) => draw === 0),
});

function toRecord(spec: RecordSpec, messageId: string): SQSRecord {
  const record = sqsRecord(spec.body, { messageId });
  const attributes = { ...record.attributes } as Record<string, string>;
  if (spec.receiveCount === undefined) delete attributes.ApproximateReceiveCount;
  else attributes.ApproximateReceiveCount = spec.receiveCount;
  return {
    ...record,
    attributes: attributes as unknown as SQSRecord['attributes'],
    eventSourceARN: spec.eventSourceArn,
  };
}

function invalidPolicy(): PolicyState {
  try {
    validatePolicy({
      version: 1,
      rules: [{ name: 'broken', match: {}, copyTo: { region: 'mars-north-1' } }],
    });
  } catch (error) {
    return { kind: 'invalid', error: error as Error };
  }
  throw new Error('the invalid policy validated');
}

const subject = useCopyWorker();

/** Runs one scenario and returns what a broken contract looked like, if anything. */
async function runScenario(run: Scenario, runIndex: number): Promise<string[]> {
  subject.output.clear();
  const { redshift, sqs, restore } = createStubbedServices();
  try {
    for (const [name, tags] of Object.entries(EXISTING)) redshift.addNamespace(name, tags);
    for (const fault of run.faults) redshift.failNext(fault.operation, ERRORS[fault.error]?.());
    if (run.dlqRefuses) sqs.on(SendMessageCommand).rejects(new Error('DLQ unavailable'));
    if (run.visibilityFails) sqs.on(ChangeMessageVisibilityCommand).rejects(new Error('visibility refused'));

    const records = run.records.map((spec, index) => toRecord(spec, `run${runIndex}-msg${index}`));
    const policy: PolicyState = run.policyInvalid ? invalidPolicy() : { kind: 'valid', policy: POLICY };
    const handler = subject.worker(policy);

    // Act
    let response: Awaited<ReturnType<typeof handler>>;
    try {
      response = await handler({ Records: records }, lambdaContext());
    } catch (error) {
      return [`the handler threw ${String(error)}`];
    }

    // Assess
    const problems: string[] = [];
    const ids = records.map((record) => record.messageId);
    const failed = response.batchItemFailures.map((failure) => failure.itemIdentifier);
    if (new Set(failed).size !== failed.length) problems.push(`a failure reported twice: ${failed}`);
    for (const id of failed) if (!ids.includes(id)) problems.push(`unknown failure ${id}`);

    const lines = subject.output.outcomeLines();
    const strays = lines.filter((line) => !ids.includes(String(line.messageId)));
    if (strays.length > 0) problems.push(`outcome lines for no record: ${JSON.stringify(strays)}`);

    const sends = sqs.commandCalls(SendMessageCommand).map((call) => call.args[0].input);
    const attributesOf = (input: (typeof sends)[number]) => stringAttributes(input.MessageAttributes);

    let acknowledged = 0;
    for (const record of records) {
      const own = lines.filter((line) => line.messageId === record.messageId);
      const [line] = own;
      if (own.length !== 1 || line === undefined) {
        problems.push(`${record.messageId}: ${own.length} outcome lines`);
        continue;
      }
      const letters = sends.filter((input) => attributesOf(input).SourceMessageId === record.messageId);
      if (failed.includes(record.messageId)) {
        const dlqRefused = line.outcome === 'dead-lettered' && run.dlqRefuses && 'dlqError' in line;
        if (line.outcome !== 'retry' && !dlqRefused) {
          problems.push(`${record.messageId}: failed with outcome ${String(line.outcome)}`);
        }
        continue;
      }
      acknowledged += 1;
      if (line.outcome === 'retry') problems.push(`${record.messageId}: retry outcome but acknowledged`);
      if (line.outcome !== 'dead-lettered') {
        if (letters.length > 0)
          problems.push(`${record.messageId}: sent to the DLQ as ${String(line.outcome)}`);
        continue;
      }
      const [letter, ...extra] = letters;
      if (letter === undefined || extra.length > 0) {
        problems.push(`${record.messageId}: dead-lettered with ${letters.length} DLQ messages`);
        continue;
      }
      const attributes = attributesOf(letter);
      if (letter.MessageBody !== record.body) problems.push(`${record.messageId}: DLQ body differs`);
      for (const name of ['Reason', 'ErrorName', 'ErrorMessage']) {
        if ((attributes[name] ?? '').trim() === '') problems.push(`${record.messageId}: empty ${name}`);
      }
    }
    if (acknowledged + failed.length !== records.length) {
      problems.push(`${acknowledged} acknowledged + ${failed.length} failed ≠ ${records.length} records`);
    }
    return problems;
  } finally {
    restore();
  }
}

describe('Function: createCopyWorker (fuzzed batches)', () => {
  it('acknowledges each record with one outcome line or reports it as a failure, never losing one', async () => {
    // Prepare: tally outcomes, so a generator that only ever made garbage fails the test.
    const outcomes = new Map<string, number>();
    let runIndex = 0;

    // Act
    await fc.assert(
      fc.asyncProperty(scenario, async (run) => {
        runIndex += 1;
        const problems = await runScenario(run, runIndex);
        for (const line of subject.output.outcomeLines()) {
          const outcome = String(line.outcome);
          outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        }
        expect(problems).toEqual([]);
      }),
      { seed: SEED, numRuns: 80 },
    );

    // Assess
    for (const outcome of ['protected', 'skipped', 'ignored', 'retry', 'dead-lettered']) {
      expect(outcomes.get(outcome) ?? 0, outcome).toBeGreaterThan(0);
    }
  });

  it('keeps every record on its queue when the DLQ refuses dead letters', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(recordSpec, { minLength: 1, maxLength: 10 }), async (records) => {
        const problems = await runScenario(
          { records, faults: [], dlqRefuses: true, visibilityFails: false, policyInvalid: true },
          1_000,
        );
        expect(problems).toEqual([]);
      }),
      { seed: SEED, numRuns: 10 },
    );
  });
});
