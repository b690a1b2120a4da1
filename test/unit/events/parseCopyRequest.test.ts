import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyServiceError } from '../../../src/domain/classifyServiceError.js';
import { CopyAutopilotError } from '../../../src/domain/errors.js';
import {
  EventParseError,
  InvalidRequestError,
  MAX_BODY_LENGTH,
  MalformedBodyError,
  type ParsedMessage,
  ParseFailureReason,
  parseCopyRequest,
  UnknownEventError,
} from '../../../src/events/index.js';
import { sampleEvent, sampleEventText } from '../../fixtures/copyWorkerFixtures.js';

type Json = Record<string, unknown>;

/** The sample event with `detail` (and the envelope) changed by `edit`. */
function withChanges(path: string, edit: (event: Json & { detail: Json }) => void): string {
  const event = sampleEvent<Json & { detail: Json }>(path);
  edit(event);
  return JSON.stringify(event);
}

function manualRequest(detail: unknown, envelope: Json = {}): string {
  return JSON.stringify({ ...sampleEvent('snapshot-copy-requested.json'), ...envelope, detail });
}

/** Runs `act` and returns what it threw, failing the test when it throws nothing. */
function thrownBy(act: () => unknown): unknown {
  try {
    act();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, nothing was thrown');
}

const NAMESPACE_ARN =
  'arn:aws:redshift-serverless:us-east-1:111111111111:namespace/0f6e2a52-3d1c-4a8e-9b7f-2c5d1e4a9b10';

describe('Function: parseCopyRequest', () => {
  describe('the samples in events/', () => {
    it('returns a CloudTrail request with name, ARN and tags for cloudtrail-create-namespace.json', () => {
      // Act
      const parsed = parseCopyRequest(sampleEventText('cloudtrail-create-namespace.json'));

      // Assess
      expect(parsed).toStrictEqual({
        kind: 'request',
        request: {
          eventId: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
          origin: 'cloudtrail',
          namespace: { account: '111111111111', region: 'us-east-1', name: 'prod-sales', arn: NAMESPACE_ARN },
          eventTags: { 'dr-tier': 'gold', team: 'sales' },
          requestedAt: '2026-11-25T09:15:40Z',
        },
      });
    });

    it('ignores the failed call in cloudtrail-create-namespace-failed.json, naming its error code', () => {
      // Act
      const parsed = parseCopyRequest(sampleEventText('cloudtrail-create-namespace-failed.json'));

      // Assess
      expect(parsed).toStrictEqual({
        kind: 'ignored',
        eventId: 'c2d9a1f0-5b3e-4f7a-8d21-6e4b9f0a3c57',
        reason: 'CreateNamespace failed: ConflictException',
      });
    });

    it('returns a tag-change request for a namespace known by ARN for cloudtrail-tag-resource.json', () => {
      // Act
      const parsed = parseCopyRequest(sampleEventText('cloudtrail-tag-resource.json'));

      // Assess
      expect(parsed).toStrictEqual({
        kind: 'request',
        request: {
          eventId: '9b3c2d1e-0f4a-4b5c-8d6e-7f8091a2b3c4',
          origin: 'tag-change',
          namespace: { account: '111111111111', region: 'us-east-1', arn: NAMESPACE_ARN },
          requestedAt: '2026-11-26T14:02:31Z',
        },
      });
    });

    it.each([
      [
        'cloudtrail-delete-snapshot-copy-configuration.json',
        'configuration-deleted',
        'e4b7c2a1-3d5f-4e6a-9b8c-0d1e2f3a4b5c',
      ],
      [
        'cloudtrail-update-snapshot-copy-configuration.json',
        'configuration-changed',
        'f5c8d3b2-4e6a-4f7b-8c9d-1e2f3a4b5c6d',
      ],
    ])('returns a %s request for the namespace named in the response', (sample, origin, eventId) => {
      // Act
      const parsed = parseCopyRequest(sampleEventText(sample));

      // Assess
      expect(parsed).toStrictEqual({
        kind: 'request',
        request: {
          eventId,
          origin,
          namespace: { account: '111111111111', region: 'us-east-1', name: 'prod-sales' },
          requestedAt: expect.any(String),
        },
      });
    });

    it('takes a forwarded configuration change’s account and region from the call, not the bus', () => {
      // Prepare
      const body = withChanges('cloudtrail-delete-snapshot-copy-configuration.json', (event) => {
        event.detail.recipientAccountId = '222222222222';
        event.detail.awsRegion = 'eu-west-1';
      });

      // Act
      const parsed = parseCopyRequest(body);

      // Assess
      expect(parsed).toMatchObject({
        request: { namespace: { account: '222222222222', region: 'eu-west-1', name: 'prod-sales' } },
      });
    });

    it('ignores a configuration change that failed, naming its error code', () => {
      // Prepare
      const body = withChanges('cloudtrail-delete-snapshot-copy-configuration.json', (event) => {
        event.detail.errorCode = 'AccessDenied';
        event.detail.errorMessage = 'not authorized';
        delete event.detail.responseElements;
      });

      // Act
      const parsed = parseCopyRequest(body);

      // Assess
      expect(parsed).toStrictEqual({
        kind: 'ignored',
        eventId: 'e4b7c2a1-3d5f-4e6a-9b8c-0d1e2f3a4b5c',
        reason: 'DeleteSnapshotCopyConfiguration failed: AccessDenied',
      });
    });

    it('reads no request parameter of a configuration change (the namespace is in the response only)', () => {
      // Prepare
      const body = withChanges('cloudtrail-update-snapshot-copy-configuration.json', (event) => {
        delete event.detail.requestParameters;
      });

      // Act
      const parsed = parseCopyRequest(body);

      // Assess
      expect(parsed).toMatchObject({ kind: 'request', request: { namespace: { name: 'prod-sales' } } });
    });

    it.each([
      ['responseElements', (detail: Json) => delete detail.responseElements, 'detail.responseElements'],
      [
        'the namespace name',
        (detail: Json) => {
          (
            detail.responseElements as { snapshotCopyConfiguration: Json }
          ).snapshotCopyConfiguration.namespaceName = 'Prod Sales';
        },
        'detail.responseElements.snapshotCopyConfiguration.namespaceName',
      ],
    ])('refuses a configuration change without a usable %s as InvalidRequest', (_case, edit, field) => {
      // Prepare
      const body = withChanges('cloudtrail-delete-snapshot-copy-configuration.json', (event) =>
        edit(event.detail),
      );

      // Act
      const error = thrownBy(() => parseCopyRequest(body));

      // Assess
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect(error).toMatchObject({ field, reason: ParseFailureReason.InvalidRequest });
    });

    it('returns a manual request with the envelope account and region for snapshot-copy-requested.json', () => {
      // Act
      const parsed = parseCopyRequest(sampleEventText('snapshot-copy-requested.json'));

      // Assess
      expect(parsed).toStrictEqual({
        kind: 'request',
        request: {
          eventId: '3f1e2d4c-5b6a-4978-8a9b-0c1d2e3f4a5b',
          origin: 'manual',
          namespace: { account: '111111111111', region: 'us-east-1', name: 'prod-finance' },
          requestedAt: '2026-11-27T08:00:05Z',
        },
      });
    });

    it('returns a manual request for each put-events entry, once EventBridge has wrapped it', () => {
      // Prepare
      const entries = JSON.parse(sampleEventText('put-events/snapshot-copy-requested.json')) as Json[];
      expect(entries.length).toBeGreaterThan(0);

      for (const [index, entry] of entries.entries()) {
        // Real EventBridge refuses entries whose Detail is not a JSON object string.
        expect(entry).toMatchObject({
          Source: 'copy-autopilot',
          DetailType: 'Snapshot Copy Requested',
          EventBusName: 'default',
        });
        expect(typeof entry.Detail).toBe('string');
        const delivered = {
          version: '0',
          id: `00000000-0000-4000-8000-00000000000${index}`,
          'detail-type': entry.DetailType,
          source: entry.Source,
          account: '111111111111',
          time: '2026-11-27T08:00:05Z',
          region: 'us-east-1',
          resources: [],
          detail: JSON.parse(entry.Detail as string),
        };

        // Act
        const parsed = parseCopyRequest(JSON.stringify(delivered));

        // Assess
        expect(parsed).toMatchObject({
          kind: 'request',
          request: { origin: 'manual', namespace: { name: 'prod-finance', region: 'us-east-1' } },
        });
      }
    });

    it('parses every record of sqs-batch.json, a realistic SQS event for the requests queue', () => {
      // Prepare
      const batch = JSON.parse(sampleEventText('sqs-batch.json')) as { Records: Json[] };

      // Act
      const outcomes = batch.Records.map((record) => parseCopyRequest(record.body as string));

      // Assess
      expect(outcomes.map((outcome) => outcome.kind)).toStrictEqual([
        'request',
        'request',
        'request',
        'ignored',
      ]);
      for (const record of batch.Records) {
        expect(record).toMatchObject({
          eventSource: 'aws:sqs',
          eventSourceARN: 'arn:aws:sqs:us-east-1:111111111111:copy-autopilot-dev-requests',
          awsRegion: 'us-east-1',
          attributes: { ApproximateReceiveCount: expect.stringMatching(/^[1-9]\d*$/) },
        });
        expect(record.md5OfBody).toBe(
          createHash('md5')
            .update(record.body as string)
            .digest('hex'),
        );
      }
    });
  });

  describe('CloudTrail CreateNamespace', () => {
    it('takes account and region from the call, not from the bus it was forwarded to', () => {
      // Prepare
      const body = withChanges('cloudtrail-create-namespace.json', (event) => {
        event.account = '222222222222';
        event.region = 'eu-west-1';
      });

      // Act
      const parsed = parseCopyRequest(body);

      // Assess
      expect(parsed).toMatchObject({
        request: { namespace: { account: '111111111111', region: 'us-east-1' } },
      });
    });

    it('falls back on the envelope account and region when the call does not name them', () => {
      // Prepare
      const body = withChanges('cloudtrail-create-namespace.json', (event) => {
        delete event.detail.recipientAccountId;
        delete event.detail.awsRegion;
        event.detail.responseElements = null;
      });

      // Act
      const parsed = parseCopyRequest(body);

      // Assess
      expect(parsed).toStrictEqual({
        kind: 'request',
        request: expect.objectContaining({
          namespace: { account: '111111111111', region: 'us-east-1', name: 'prod-sales' },
        }),
      });
    });

    it('never copies request parameters beyond the name and tags into the request', () => {
      // Prepare
      const body = withChanges('cloudtrail-create-namespace.json', (event) => {
        const parameters = event.detail.requestParameters as Json;
        parameters.adminUserPassword = 'pl4intext-s3cret';
        parameters.kmsKeyId = 'arn:aws:kms:us-east-1:111111111111:key/secret-key';
      });

      // Act
      const serialised = JSON.stringify(parseCopyRequest(body));

      // Assess
      expect(serialised).not.toContain('HIDDEN');
      expect(serialised).not.toContain('pl4intext-s3cret');
      expect(serialised).not.toContain('adminUser');
      expect(serialised).not.toContain('secret-key');
      expect(serialised).not.toContain('dbName');
    });

    it('keeps request parameters out of the error when the namespace name is invalid', () => {
      // Prepare
      const body = withChanges('cloudtrail-create-namespace.json', (event) => {
        const parameters = event.detail.requestParameters as Json;
        parameters.namespaceName = 'Prod_Sales';
        parameters.adminUserPassword = 'pl4intext-s3cret';
      });

      // Act
      const error = thrownBy(() => parseCopyRequest(body));

      // Assess
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect((error as Error).message).toBe(
        'Invalid request: detail.requestParameters.namespaceName must be a namespace name of 3–64 characters ' +
          'from a-z, 0-9 and "-"; got "Prod_Sales"',
      );
      expect((error as InvalidRequestError).eventId).toBe('6a7e8feb-b491-4cf7-a9f1-bf3703467718');
      expect(JSON.stringify({ ...(error as object), message: (error as Error).message })).not.toContain(
        'pl4intext',
      );
    });

    it('rejects a response ARN that points at another region than the call', () => {
      // Prepare
      const body = withChanges('cloudtrail-create-namespace.json', (event) => {
        event.detail.awsRegion = 'us-west-2';
      });

      // Act
      const error = thrownBy(() => parseCopyRequest(body));

      // Assess
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect(error).toMatchObject({
        field: 'detail.responseElements.namespace.namespaceArn',
        message: expect.stringContaining('a namespace ARN in account 111111111111, region us-west-2'),
      });
    });

    it('reads an empty tag list as no tags, and keeps a "__proto__" key an ordinary tag', () => {
      // Prepare
      const empty = withChanges('cloudtrail-create-namespace.json', (event) => {
        (event.detail.requestParameters as Json).tags = [];
      });
      const hostile = withChanges('cloudtrail-create-namespace.json', (event) => {
        (event.detail.requestParameters as Json).tags = [{ key: '__proto__', value: 'x' }];
      });

      // Act
      const emptyTags = parseCopyRequest(empty);
      const hostileTags = parseCopyRequest(hostile);

      // Assess
      expect(emptyTags).toMatchObject({ request: { eventTags: {} } });
      const tags = (hostileTags as Extract<ParsedMessage, { kind: 'request' }>).request.eventTags ?? {};
      expect(Object.getPrototypeOf(tags)).toBe(Object.prototype);
      expect(Object.keys(tags)).toStrictEqual(['__proto__']);
    });

    it.each([
      ['not a list', { key: 'a', value: 'b' }, 'detail.requestParameters.tags', 'got an object'],
      ['an item that is not an object', ['dr-tier'], 'detail.requestParameters.tags[0]', 'got "dr-tier"'],
      [
        'a tag without a value',
        [{ key: 'a', value: 'b' }, { key: 'team' }],
        'detail.requestParameters.tags[1].value',
        'is missing',
      ],
      ['an empty key', [{ key: '', value: 'b' }], 'detail.requestParameters.tags[0].key', 'got ""'],
      [
        'a numeric value',
        [{ key: 'size', value: 3 }],
        'detail.requestParameters.tags[0].value',
        'got the number 3',
      ],
      [
        'too many tags',
        Array.from({ length: 201 }, (_, index) => ({ key: `k${index}`, value: 'v' })),
        'detail.requestParameters.tags',
        'got an array of 201 items',
      ],
    ])('rejects tags that are %s, naming the field', (_case, tags, field, got) => {
      // Prepare
      const body = withChanges('cloudtrail-create-namespace.json', (event) => {
        (event.detail.requestParameters as Json).tags = tags;
      });

      // Act
      const error = thrownBy(() => parseCopyRequest(body));

      // Assess
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect(error).toMatchObject({ field, message: expect.stringContaining(got) });
    });

    it('ignores calls to other Redshift Serverless APIs', () => {
      // Prepare
      const body = withChanges('cloudtrail-create-namespace.json', (event) => {
        event.detail.eventName = 'DeleteNamespace';
      });

      // Act
      const parsed = parseCopyRequest(body);

      // Assess
      expect(parsed).toStrictEqual({
        kind: 'ignored',
        eventId: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
        reason: 'CloudTrail DeleteNamespace calls are not handled',
      });
    });

    it('rejects a CloudTrail record of another service', () => {
      // Prepare
      const body = withChanges('cloudtrail-create-namespace.json', (event) => {
        event.detail.eventSource = 'redshift.amazonaws.com';
      });

      // Act
      const error = thrownBy(() => parseCopyRequest(body));

      // Assess
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect((error as Error).message).toBe(
        'Invalid request: detail.eventSource must be "redshift-serverless.amazonaws.com"; got "redshift.amazonaws.com"',
      );
    });

    it('ignores a failed call before looking at its (null) request parameters', () => {
      // Prepare
      const body = withChanges('cloudtrail-create-namespace-failed.json', (event) => {
        event.detail.errorCode = 'AccessDenied';
        event.detail.requestParameters = null;
      });

      // Act
      const parsed = parseCopyRequest(body);

      // Assess
      expect(parsed).toMatchObject({ kind: 'ignored', reason: 'CreateNamespace failed: AccessDenied' });
    });

    it.each([
      ['a number', 42, 'got the number 42'],
      ['null', null, 'got null'],
      ['missing', undefined, 'detail.requestParameters.namespaceName is missing'],
      ['a list', ['prod-sales'], 'got an array of 1 item'],
    ])('rejects a namespace name that is %s, naming what it got', (_case, value, expected) => {
      // Prepare
      const body = withChanges('cloudtrail-create-namespace.json', (event) => {
        (event.detail.requestParameters as Json).namespaceName = value;
      });

      // Act
      const error = thrownBy(() => parseCopyRequest(body));

      // Assess
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect((error as Error).message).toContain(expected);
    });
  });

  describe('CloudTrail TagResource and UntagResource', () => {
    it('returns a tag-change request for UntagResource on a namespace', () => {
      // Prepare
      const body = withChanges('cloudtrail-tag-resource.json', (event) => {
        event.detail.eventName = 'UntagResource';
        event.detail.requestParameters = { resourceArn: NAMESPACE_ARN, tagKeys: ['dr-tier'] };
      });

      // Act
      const parsed = parseCopyRequest(body);

      // Assess
      expect(parsed).toMatchObject({
        kind: 'request',
        request: { origin: 'tag-change', namespace: { arn: NAMESPACE_ARN } },
      });
    });

    it('reads account and region from the resource ARN', () => {
      // Prepare
      const arn = 'arn:aws:redshift-serverless:eu-central-1:333333333333:namespace/abc';
      const body = withChanges('cloudtrail-tag-resource.json', (event) => {
        (event.detail.requestParameters as Json).resourceArn = arn;
      });

      // Act
      const parsed = parseCopyRequest(body);

      // Assess
      expect(parsed).toMatchObject({
        request: { namespace: { account: '333333333333', region: 'eu-central-1', arn } },
      });
    });

    it.each([
      'arn:aws:redshift-serverless:us-east-1:111111111111:workgroup/6f1c8a2e-0000-4000-8000-000000000000',
      'arn:aws:redshift-serverless:us-east-1:111111111111:snapshot/7a2b3c4d-0000-4000-8000-000000000000',
      'arn:aws:redshift:us-east-1:111111111111:namespace:abc',
    ])('ignores tag changes on a resource that is not a namespace (%s)', (resourceArn) => {
      // Prepare
      const body = withChanges('cloudtrail-tag-resource.json', (event) => {
        (event.detail.requestParameters as Json).resourceArn = resourceArn;
      });

      // Act
      const parsed = parseCopyRequest(body);

      // Assess
      expect(parsed).toStrictEqual({
        kind: 'ignored',
        eventId: '9b3c2d1e-0f4a-4b5c-8d6e-7f8091a2b3c4',
        reason: `TagResource on a resource that is not a namespace: ${resourceArn}`,
      });
    });

    it('ignores a failed tag change', () => {
      // Prepare
      const body = withChanges('cloudtrail-tag-resource.json', (event) => {
        event.detail.eventName = 'UntagResource';
        event.detail.errorCode = 'ResourceNotFoundException';
      });

      // Act
      const parsed = parseCopyRequest(body);

      // Assess
      expect(parsed).toMatchObject({
        kind: 'ignored',
        reason: 'UntagResource failed: ResourceNotFoundException',
      });
    });

    it.each([
      [undefined, 'detail.requestParameters.resourceArn is missing; expected an ARN'],
      ['namespace/abc', 'detail.requestParameters.resourceArn must be an ARN; got "namespace/abc"'],
    ])('rejects a resource ARN of %j', (resourceArn, message) => {
      // Prepare
      const body = withChanges('cloudtrail-tag-resource.json', (event) => {
        (event.detail.requestParameters as Json).resourceArn = resourceArn;
      });

      // Act
      const error = thrownBy(() => parseCopyRequest(body));

      // Assess
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect((error as Error).message).toBe(`Invalid request: ${message}`);
    });
  });

  describe('Snapshot Copy Requested', () => {
    it('takes region and account from the detail over the envelope', () => {
      // Act
      const parsed = parseCopyRequest(
        manualRequest({ namespaceName: 'prod-finance', region: 'eu-west-1', account: '444444444444' }),
      );

      // Assess
      expect(parsed).toMatchObject({
        request: { namespace: { account: '444444444444', region: 'eu-west-1', name: 'prod-finance' } },
      });
    });

    it('records the sweep as origin, with the ARN it found', () => {
      // Prepare
      const arn = 'arn:aws:redshift-serverless:us-east-1:111111111111:namespace/1234';

      // Act
      const parsed = parseCopyRequest(
        manualRequest({ namespaceName: 'prod-finance', origin: 'sweep', namespaceArn: arn }),
      );

      // Assess
      expect(parsed).toMatchObject({
        request: {
          origin: 'sweep',
          namespace: { account: '111111111111', region: 'us-east-1', name: 'prod-finance', arn },
        },
      });
    });

    it.each([
      [
        { namespaceName: 'ab' },
        'detail.namespaceName',
        'must be a namespace name of 3–64 characters from a-z, 0-9 and "-"; got "ab"',
      ],
      [{ namespaceName: 'a'.repeat(65) }, 'detail.namespaceName', `got "${'a'.repeat(65)}"`],
      [{ namespaceName: 'prod sales' }, 'detail.namespaceName', 'got "prod sales"'],
      [{}, 'detail.namespaceName', 'detail.namespaceName is missing'],
      [
        { namespaceName: 'prod-finance', account: '12345' },
        'detail.account',
        'must be a 12-digit AWS account id; got "12345"',
      ],
      [
        { namespaceName: 'prod-finance', account: 111111111111 },
        'detail.account',
        'got the number 111111111111',
      ],
      [
        { namespaceName: 'prod-finance', region: 'us-east' },
        'detail.region',
        'must be an AWS region code such as us-east-1; got "us-east"',
      ],
      [
        { namespaceName: 'prod-finance', origin: 'cloudtrail' },
        'detail.origin',
        'must be one of manual, sweep; got "cloudtrail"',
      ],
      [
        {
          namespaceName: 'prod-finance',
          namespaceArn: 'arn:aws:redshift-serverless:us-east-1:999999999999:namespace/1',
        },
        'detail.namespaceArn',
        'must be a namespace ARN in account 111111111111, region us-east-1',
      ],
    ])('rejects detail %j, naming %s', (detail, field, message) => {
      // Act
      const error = thrownBy(() => parseCopyRequest(manualRequest(detail)));

      // Assess
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect(error).toMatchObject({
        reason: ParseFailureReason.InvalidRequest,
        field,
        eventId: '3f1e2d4c-5b6a-4978-8a9b-0c1d2e3f4a5b',
        message: expect.stringContaining(message),
      });
    });

    it('rejects an envelope account it would fall back on, naming the envelope field', () => {
      // Act
      const error = thrownBy(() =>
        parseCopyRequest(manualRequest({ namespaceName: 'prod-finance' }, { account: 'me' })),
      );

      // Assess
      expect(error).toMatchObject({
        field: 'account',
        message: 'Invalid request: account must be a 12-digit AWS account id; got "me"',
      });
    });

    it('quotes at most 100 characters of a huge value', () => {
      // Prepare
      const huge = 'x'.repeat(200_000);

      // Act
      const error = thrownBy(() => parseCopyRequest(manualRequest({ namespaceName: huge })));

      // Assess
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect((error as Error).message).toContain(`got "${'x'.repeat(99)}…"`);
      expect((error as Error).message.length).toBeLessThan(250);
    });
  });

  describe('envelope errors', () => {
    it.each([
      ['not JSON', 'namespace prod-sales please', 'Malformed body: not JSON ('],
      ['empty', '', 'Malformed body: not JSON ('],
      [
        'an array',
        '[{"source":"copy-autopilot"}]',
        'Malformed body: expected a JSON object (an EventBridge event); got an array of 1 item',
      ],
      ['null', 'null', 'got null'],
      ['a string', '"prod-sales"', 'got "prod-sales"'],
      ['a number', '42', 'got the number 42'],
    ])('throws MalformedBodyError for a body that is %s', (_case, body, message) => {
      // Act
      const error = thrownBy(() => parseCopyRequest(body));

      // Assess
      expect(error).toBeInstanceOf(MalformedBodyError);
      expect(error).toMatchObject({ name: 'MalformedBodyError', reason: 'MalformedBody' });
      expect(classifyServiceError(error).disposition).toBe('dead-letter');
      expect((error as Error).message).toContain(message);
    });

    it('throws MalformedBodyError for a body longer than an SQS message', () => {
      // Prepare
      const body = JSON.stringify({ padding: 'x'.repeat(MAX_BODY_LENGTH) });

      // Act
      const error = thrownBy(() => parseCopyRequest(body));

      // Assess
      expect(error).toBeInstanceOf(MalformedBodyError);
      expect((error as Error).message).toContain(`more than the ${MAX_BODY_LENGTH}`);
    });

    it('throws MalformedBodyError for a body that is not a string at all', () => {
      // Act
      const error = thrownBy(() => parseCopyRequest(undefined as unknown as string));

      // Assess
      expect(error).toBeInstanceOf(MalformedBodyError);
      expect((error as Error).message).toBe('Malformed body: expected a string; got nothing');
    });

    it('throws UnknownEventError naming the source and detail-type it got', () => {
      // Prepare
      const body = JSON.stringify({
        id: 'e-1',
        source: 'aws.ec2',
        'detail-type': 'EC2 Instance State-change Notification',
        time: '2026-11-25T09:15:40Z',
        detail: {},
      });

      // Act
      const error = thrownBy(() => parseCopyRequest(body));

      // Assess
      expect(error).toBeInstanceOf(UnknownEventError);
      expect(error).toMatchObject({
        name: 'UnknownEventError',
        reason: 'UnknownEvent',
        source: 'aws.ec2',
        detailType: 'EC2 Instance State-change Notification',
        eventId: 'e-1',
      });
      expect((error as Error).message).toMatch(
        /^Unknown event: source "aws\.ec2" with detail-type "EC2 Instance State-change Notification" is not one/,
      );
    });

    it.each([
      [{ source: 'copy-autopilot' }, 'detail-type nothing'],
      [{ source: ['copy-autopilot'], 'detail-type': 'Snapshot Copy Requested' }, 'source an array of 1 item'],
      [{ source: 'constructor', 'detail-type': 'name' }, 'source "constructor"'],
      [{ source: 'copy-autopilot', 'detail-type': 'snapshot copy requested' }, '"snapshot copy requested"'],
    ])('throws UnknownEventError for %j', (envelope, described) => {
      // Act
      const error = thrownBy(() => parseCopyRequest(JSON.stringify({ id: 'e-2', ...envelope })));

      // Assess
      expect(error).toBeInstanceOf(UnknownEventError);
      expect((error as Error).message).toContain(described);
    });

    it.each([
      [
        { id: undefined },
        'id',
        'Invalid request: id is missing; expected an event id of 1–128 printable characters',
      ],
      [{ id: 'has space' }, 'id', 'got "has space"'],
      [{ time: undefined }, 'time', 'time is missing'],
      [
        { time: 'yesterday' },
        'time',
        'must be an ISO-8601 timestamp such as 2026-11-25T09:15:40Z; got "yesterday"',
      ],
      [{ time: '2026-13-01T00:00:00Z' }, 'time', 'got "2026-13-01T00:00:00Z"'],
      [{ detail: 'prod-finance' }, 'detail', 'Invalid request: detail must be an object; got "prod-finance"'],
      [{ detail: null }, 'detail', 'detail must be an object; got null'],
    ])('throws InvalidRequestError for an envelope with %j', (change, field, message) => {
      // Prepare
      const body = JSON.stringify({ ...sampleEvent('snapshot-copy-requested.json'), ...change });

      // Act
      const error = thrownBy(() => parseCopyRequest(body));

      // Assess
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect(error).toMatchObject({ name: 'InvalidRequestError', reason: 'InvalidRequest', field });
      expect((error as Error).message).toContain(message);
    });

    it('throws only typed parse errors, dead-letter flagged, whatever the body', () => {
      // Prepare
      const known = fc.constantFrom(
        { source: 'copy-autopilot', 'detail-type': 'Snapshot Copy Requested' },
        { source: 'aws.redshift-serverless', 'detail-type': 'AWS API Call via CloudTrail' },
      );
      const detail = fc.record(
        {
          namespaceName: fc.oneof(fc.string(), fc.jsonValue()),
          region: fc.oneof(fc.constant('us-east-1'), fc.jsonValue()),
          account: fc.oneof(fc.constant('111111111111'), fc.jsonValue()),
          origin: fc.oneof(fc.constant('sweep'), fc.jsonValue()),
          eventSource: fc.oneof(fc.constant('redshift-serverless.amazonaws.com'), fc.jsonValue()),
          eventName: fc.constantFrom('CreateNamespace', 'TagResource', 'UntagResource', 'Other'),
          errorCode: fc.oneof(fc.constant(undefined), fc.jsonValue()),
          requestParameters: fc.oneof(
            fc.jsonValue(),
            fc.record({ namespaceName: fc.jsonValue(), tags: fc.jsonValue(), resourceArn: fc.jsonValue() }),
          ),
          responseElements: fc.oneof(fc.jsonValue(), fc.record({ namespace: fc.jsonValue() })),
        },
        { requiredKeys: [] },
      );
      const events = fc.tuple(known, detail, fc.jsonValue()).map(([envelope, eventDetail, noise]) =>
        JSON.stringify({
          id: 'e-3',
          time: '2026-11-25T09:15:40Z',
          ...envelope,
          detail: eventDetail,
          noise,
        }),
      );
      const bodies = fc.oneof(events, fc.string(), fc.json());

      // Act & Assess
      fc.assert(
        fc.property(bodies, (body) => {
          try {
            const parsed = parseCopyRequest(body);
            expect(['request', 'ignored']).toContain(parsed.kind);
          } catch (error) {
            expect(error).toBeInstanceOf(EventParseError);
            expect(error).toBeInstanceOf(CopyAutopilotError);
            expect(classifyServiceError(error).disposition).toBe('dead-letter');
            expect(Object.values(ParseFailureReason)).toContain((error as EventParseError).reason);
          }
        }),
        { numRuns: 500 },
      );
    });
  });
});
