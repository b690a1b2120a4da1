import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyServiceError } from '../../src/domain/classifyServiceError.js';
import {
  EventParseError,
  InvalidRequestError,
  MalformedBodyError,
  type ParsedMessage,
  ParseFailureReason,
  parseCopyRequest,
  UnknownEventError,
} from '../../src/events/index.js';
import { SAMPLE_EVENT_FILES, sampleEvent } from '../fixtures/copyWorkerFixtures.js';
import { chosenSeed } from '../fixtures/seed.js';
import { nearValid, nearValidJsonText, PROTOTYPE_KEYS } from './nearValidJson.js';

/**
 * parseCopyRequest on arbitrary and near-valid bodies: it returns a ParsedMessage or throws an
 * EventParseError whose reason is set and whose message says what was wrong — never a
 * TypeError, a RangeError or a silent request built from garbage.
 */

const SEED = chosenSeed('FUZZ_SEED', 20_261_125);
const SAMPLES = SAMPLE_EVENT_FILES.map((file) => ({ file, event: sampleEvent<unknown>(file) }));

/** Values that break the domain rules rather than the types: near misses of each field. */
const INTERESTING = [
  '111111111111',
  '11111111111',
  '1111111111111',
  'us-east-1',
  'us-west-2',
  'US-EAST-1',
  'mars-north-1',
  'prod-sales',
  'Prod-Sales',
  'ab',
  'a'.repeat(65),
  'prod_sales',
  'prod-sales\n',
  '2026-13-25T09:15:40Z',
  '2026-11-25 09:15:40',
  'Nov 25, 2026 9:15:38 AM',
  'arn:aws:redshift-serverless:us-west-2:111111111111:namespace/0f6e2a52',
  'arn:aws:redshift-serverless:us-east-1:222222222222:namespace/0f6e2a52',
  'arn:aws:redshift-serverless:us-east-1:111111111111:workgroup/0f6e2a52',
  'arn:aws:redshift:us-east-1:111111111111:namespace:0f6e2a52',
  'CreateNamespace',
  'TagResource',
  'UntagResource',
  'DeleteNamespace',
  'aws.redshift-serverless',
  'copy-autopilot',
  'Snapshot Copy Requested',
  'AWS API Call via CloudTrail',
  'sweep',
  'manual',
  { key: 'dr-tier', value: 'gold' },
  Array.from({ length: 201 }, (_, index) => ({ key: `k${index}`, value: 'v' })),
];

const REASONS: readonly string[] = Object.values(ParseFailureReason);

/** The longest error message a body may produce: a log line and a DLQ attribute, not a dump. */
const MAX_MESSAGE_LENGTH = 600;

type Result = { readonly parsed: ParsedMessage } | { readonly error: unknown };

function parse(body: string): Result {
  try {
    return { parsed: parseCopyRequest(body) };
  } catch (error) {
    return { error };
  }
}

/** Asserts the contract for one body and returns what it was classified as. */
function checkContract(body: string): string {
  const result = parse(body);
  if ('parsed' in result) {
    checkParsed(result.parsed);
    return result.parsed.kind;
  }
  const { error } = result;
  expect(error).toBeInstanceOf(EventParseError);
  const failure = error as EventParseError;
  expect(REASONS).toContain(failure.reason);
  expect(classifyServiceError(failure).disposition).toBe('dead-letter');
  expect(failure.message.length).toBeGreaterThan(0);
  expect(failure.message.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
  if (failure instanceof InvalidRequestError) {
    expect(failure.field).not.toBe('');
    expect(failure.message).toContain(failure.field);
  } else if (failure instanceof UnknownEventError) {
    expect(failure.message).toMatch(/source .* with detail-type /);
  } else {
    expect(failure).toBeInstanceOf(MalformedBodyError);
    expect(failure.message).toMatch(/^Malformed body: /);
  }
  return failure.reason;
}

/** A request built from a body holds only values that pass the identifier rules. */
function checkParsed(parsed: ParsedMessage): void {
  if (parsed.kind === 'ignored') {
    expect(parsed.eventId).toMatch(/^[\x21-\x7e]{1,128}$/);
    expect(parsed.reason).not.toBe('');
    return;
  }
  const { request } = parsed;
  expect(request.eventId).toMatch(/^[\x21-\x7e]{1,128}$/);
  expect(request.namespace.account).toMatch(/^\d{12}$/);
  expect(request.namespace.region).toMatch(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/);
  if ('name' in request.namespace) expect(request.namespace.name).toMatch(/^[a-z0-9-]{3,64}$/);
  if (request.namespace.arn !== undefined) {
    expect(request.namespace.arn).toContain(`:${request.namespace.region}:${request.namespace.account}:`);
  }
  for (const [key, value] of Object.entries(request.eventTags ?? {})) {
    expect(typeof key).toBe('string');
    expect(typeof value).toBe('string');
  }
  expect(Number.isNaN(Date.parse(request.requestedAt))).toBe(false);
}

describe('Function: parseCopyRequest (fuzzed)', () => {
  it('parses every sample in events/ (the seeds of the near-valid inputs)', () => {
    for (const { file, event } of SAMPLES) {
      expect(['request', 'ignored'], file).toContain(checkContract(JSON.stringify(event)));
    }
  });

  it('returns a message or throws a typed error for any string', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' })),
        (body) => {
          checkContract(body);
        },
      ),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('returns a message or throws a typed error for any JSON value', () => {
    fc.assert(
      fc.property(fc.json({ maxDepth: 4 }), (body) => {
        checkContract(body);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('rejects envelopes whose source or detail-type is a prototype member', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SAMPLES.map(({ event }) => event as Record<string, unknown>)),
        fc.constantFrom('source', 'detail-type'),
        fc.constantFrom(...PROTOTYPE_KEYS),
        (event, field, key) => {
          expect(checkContract(JSON.stringify({ ...event, [field]: key }))).toBe(
            ParseFailureReason.UnknownEvent,
          );
        },
      ),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('returns a message or throws a typed error naming the field for near-valid events', () => {
    // Prepare: count what the inputs turned into, so a generator that never got past the
    // first check would fail this test instead of passing it vacuously.
    const seen = new Map<string, number>();

    // Act
    fc.assert(
      fc.property(
        fc.constantFrom(...SAMPLES).chain(({ event }) => nearValid(event, INTERESTING)),
        (event) => {
          const kind = checkContract(JSON.stringify(event));
          seen.set(kind, (seen.get(kind) ?? 0) + 1);
        },
      ),
      { seed: SEED, numRuns: 1500 },
    );

    // Assess: the root stays an object, so MalformedBody is the text test's to reach.
    for (const kind of [
      'request',
      'ignored',
      ParseFailureReason.UnknownEvent,
      ParseFailureReason.InvalidRequest,
    ]) {
      expect(seen.get(kind) ?? 0, kind).toBeGreaterThan(0);
    }
  });

  it('throws MalformedBody for near-valid JSON text that is not an event object', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SAMPLES).chain(({ event }) => nearValidJsonText(event)),
        (body) => {
          // A cut that lands after the closing brace leaves the sample intact.
          const kind = checkContract(body);
          if (!['request', 'ignored'].includes(kind)) expect(kind).toBe(ParseFailureReason.MalformedBody);
        },
      ),
      { seed: SEED, numRuns: 500 },
    );
  });
});
