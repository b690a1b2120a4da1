import {
  IdempotencyAlreadyInProgressError,
  IdempotencyInconsistentStateError,
  IdempotencyItemNotFoundError,
  IdempotencyPersistenceLayerError,
} from '@aws-lambda-powertools/idempotency';
import {
  AccessDeniedException,
  ConflictException,
  InternalServerException,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-redshift-serverless';
import { describe, expect, it } from 'vitest';
import {
  classifyServiceError,
  ErrorDisposition,
  isAccessDeniedError,
  MAX_CLASSIFIED_MESSAGE_LENGTH,
} from '../../../src/domain/classifyServiceError.js';
import { CopyAutopilotError } from '../../../src/domain/errors.js';
import { AccountNotManagedError } from '../../../src/domain/scope/errors.js';
import { SweepIncompleteError, TargetRefusedError } from '../../../src/domain/sweepTargetFailure.js';
import { InvalidRequestError, MalformedBodyError, UnknownEventError } from '../../../src/events/errors.js';
import { SweepTaskParseError } from '../../../src/events/sweepTask.js';

const $metadata = { httpStatusCode: 400, requestId: 'req-1', attempts: 1, totalRetryDelay: 0 };

/** A Node socket error as the SDK's HTTP handler surfaces it: a plain Error with a `code`. */
function socketError(code: string): Error {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:4566`), { code });
}

/** Stands in for the policy module's error: classified by name, whatever its constructor takes. */
class PolicyValidationError extends CopyAutopilotError {
  public constructor(message: string) {
    super(message);
    this.name = 'PolicyValidationError';
  }
}

describe('Function: classifyServiceError', () => {
  it.each([
    [
      'ConflictException',
      new ConflictException({ message: 'Operation in progress on namespace', $metadata }),
    ],
    [
      'InternalServerException',
      new InternalServerException({ message: 'Internal error', $metadata: { httpStatusCode: 500 } }),
    ],
    ['ThrottlingException', new ThrottlingException({ message: 'Rate exceeded', $metadata })],
  ])('retries the SDK’s %s', (errorName, error) => {
    // Act
    const classification = classifyServiceError(error);

    // Assess
    expect(classification).toStrictEqual({
      disposition: ErrorDisposition.Retry,
      reason: 'RetriesExhausted',
      errorName,
      message: error.message,
      knownError: true,
    });
  });

  it.each([
    ['ValidationException', new ValidationException({ message: 'Retention period is invalid', $metadata })],
    ['AccessDeniedException', new AccessDeniedException({ message: 'User is not authorized', $metadata })],
    [
      'ServiceQuotaExceededException',
      new ServiceQuotaExceededException({ message: 'Quota exceeded', $metadata }),
    ],
    [
      'ResourceNotFoundException',
      new ResourceNotFoundException({
        message: 'Namespace not found',
        resourceName: 'prod-sales',
        $metadata,
      }),
    ],
  ])('dead-letters the SDK’s %s at once', (errorName, error) => {
    // Act
    const classification = classifyServiceError(error);

    // Assess
    expect(classification).toStrictEqual({
      disposition: ErrorDisposition.DeadLetter,
      reason: 'NonRetryableError',
      errorName,
      message: error.message,
      knownError: true,
    });
  });

  it('dead-letters STS’s AccessDenied: the member account’s role refuses the worker, every time', () => {
    // Prepare: what AssumeRole answers (query protocol: the bare code) when the role is missing
    // or does not trust the worker; the Redshift Serverless client surfaces it from its credentials.
    const error = {
      name: 'AccessDenied',
      message:
        'User: arn:aws:sts::111111111111:assumed-role/worker is not authorized to perform: sts:AssumeRole',
      $fault: 'client',
      $metadata: { httpStatusCode: 403 },
    };

    // Act
    const classification = classifyServiceError(error);

    // Assess
    expect(classification).toMatchObject({
      disposition: 'dead-letter',
      reason: 'NonRetryableError',
      errorName: 'AccessDenied',
    });
  });

  it.each(['UnrecognizedClientException', 'InvalidClientTokenId'])(
    'dead-letters %s at once: the region does not know the credentials (an opt-in region not enabled)',
    (name) => {
      // Act
      const classification = classifyServiceError({
        name,
        message: 'The security token is invalid.',
        $metadata,
      });

      // Assess
      expect(classification).toMatchObject({
        disposition: 'dead-letter',
        reason: 'RegionNotReachable',
        errorName: name,
        knownError: true,
      });
    },
  );

  it.each(['TooManyRequestsException', 'RequestLimitExceeded', 'ServiceUnavailable'])(
    'retries throttling and availability errors known only by name (%s)',
    (name) => {
      // Act
      const classification = classifyServiceError({ name, message: 'slow down', $metadata });

      // Assess
      expect(classification).toMatchObject({ disposition: 'retry', errorName: name, knownError: true });
    },
  );

  it.each([
    ['a 5xx status', { name: 'BadGatewayException', $metadata: { httpStatusCode: 502 } }],
    ['a 500 with no name the table knows', { name: 'UnknownError', $metadata: { httpStatusCode: 500 } }],
    ['a server fault', { name: 'SomeServerSideException', $fault: 'server', $metadata: {} }],
  ])('retries %s', (_case, error) => {
    // Act
    const classification = classifyServiceError(error);

    // Assess
    expect(classification.disposition).toBe('retry');
    expect(classification.knownError).toBe(true);
  });

  it.each(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'])(
    'retries the network error %s, named by its code',
    (code) => {
      // Act
      const classification = classifyServiceError(socketError(code));

      // Assess
      expect(classification).toStrictEqual({
        disposition: 'retry',
        reason: 'RetriesExhausted',
        errorName: code,
        message: `connect ${code} 127.0.0.1:4566`,
        knownError: true,
      });
    },
  );

  it.each(['TimeoutError', 'AbortError'])('retries the SDK’s %s', (name) => {
    // Prepare
    const error = Object.assign(new Error('Request aborted'), { name });

    // Act
    const classification = classifyServiceError(error);

    // Assess
    expect(classification).toMatchObject({ disposition: 'retry', errorName: name, knownError: true });
  });

  it('retries IdempotencyAlreadyInProgressError: another delivery of the event is in flight', () => {
    // Prepare
    const error = new IdempotencyAlreadyInProgressError('There is already an execution in progress');

    // Act
    const classification = classifyServiceError(error);

    // Assess
    expect(classification).toMatchObject({
      disposition: 'retry',
      errorName: 'IdempotencyAlreadyInProgressError',
      knownError: true,
    });
  });

  it.each([
    ['IdempotencyItemNotFoundError', new IdempotencyItemNotFoundError()],
    ['IdempotencyInconsistentStateError', new IdempotencyInconsistentStateError('Item has expired')],
  ])(
    'retries %s: the idempotency record changed under a race the next attempt does not meet',
    (name, error) => {
      // Act
      const classification = classifyServiceError(error);

      // Assess
      expect(classification).toMatchObject({ disposition: 'retry', errorName: name, knownError: true });
    },
  );

  it('classifies an idempotency store failure by the DynamoDB error it wraps', () => {
    // Prepare
    const store = (cause: object) =>
      new IdempotencyPersistenceLayerError('Failed to save in progress record to idempotency store', {
        cause,
      });
    const throttled = { name: 'ProvisionedThroughputExceededException', message: 'Rate exceeded', $metadata };
    const serverFault = { name: 'InternalServerError', message: 'Internal error', $fault: 'server' };
    const denied = { name: 'AccessDeniedException', message: 'not authorized to perform: dynamodb:PutItem' };

    // Act
    const [onThrottling, onServerFault, onDenied] = [throttled, serverFault, denied].map((cause) =>
      classifyServiceError(store(cause)),
    );

    // Assess
    expect(onThrottling).toMatchObject({
      disposition: 'retry',
      errorName: 'ProvisionedThroughputExceededException',
      knownError: true,
    });
    expect(onServerFault).toMatchObject({
      disposition: 'retry',
      errorName: 'InternalServerError',
      knownError: true,
    });
    expect(onDenied).toMatchObject({ disposition: 'dead-letter', errorName: 'AccessDeniedException' });
  });

  it.each([
    ['MalformedBodyError', new MalformedBodyError('Malformed body: not JSON'), 'MalformedBody'],
    [
      'UnknownEventError',
      new UnknownEventError('Unknown event: source "aws.ec2"', { source: 'aws.ec2' }),
      'UnknownEvent',
    ],
    [
      'InvalidRequestError',
      new InvalidRequestError('Invalid request: detail.account …', 'detail.account'),
      'InvalidRequest',
    ],
    [
      'PolicyValidationError',
      new PolicyValidationError('Invalid policy (1 issue): rules[0].copyTo.region'),
      'NonRetryableError',
    ],
    ['SweepTaskParseError', new SweepTaskParseError('sweep task body is not JSON'), 'MalformedTask'],
  ])('dead-letters our %s at once, with its reason', (errorName, error, reason) => {
    // Act
    const classification = classifyServiceError(error);

    // Assess
    expect(classification).toStrictEqual({
      disposition: 'dead-letter',
      reason,
      errorName,
      message: error.message,
      knownError: true,
    });
  });

  it.each(['AccountNotManaged', 'RegionNotManaged'] as const)(
    'dead-letters a scope refusal as %s, named so, as the copy worker names it',
    (reason) => {
      // Prepare
      const error = new TargetRefusedError(reason, 'outside the policy’s scope');

      // Act
      const classification = classifyServiceError(error);

      // Assess
      expect(classification).toStrictEqual({
        disposition: 'dead-letter',
        reason,
        errorName: reason,
        message: 'outside the policy’s scope',
        knownError: true,
      });
    },
  );

  it('dead-letters an AccountNotManagedError as AccountNotManaged, named by what refused', () => {
    // Prepare
    const refused = new AccountNotManagedError('222222222222', 'its member role refused AssumeRole', {
      cause: { name: 'AccessDenied', message: 'not authorized to perform: sts:AssumeRole', $metadata },
    });
    const unreachable = new AccountNotManagedError('222222222222', 'no member role was given for it');

    // Act & Assess
    expect(classifyServiceError(refused)).toMatchObject({
      disposition: 'dead-letter',
      reason: 'AccountNotManaged',
      errorName: 'AccessDenied',
      message: 'its member role refused AssumeRole',
    });
    expect(classifyServiceError(unreachable)).toMatchObject({
      reason: 'AccountNotManaged',
      errorName: 'AccountNotManagedError',
    });
  });

  it('retries an incomplete sweep, giving SweepIncomplete as the reason once retries are exhausted', () => {
    // Act & Assess
    expect(classifyServiceError(new SweepIncompleteError(1, 0, 'AccessDeniedException: no'))).toMatchObject({
      disposition: 'retry',
      reason: 'SweepIncomplete',
      knownError: true,
    });
  });

  it('dead-letters an error known only by our error names, even outside our class hierarchy', () => {
    // Act
    const classification = classifyServiceError({ name: 'PolicyValidationError', message: 'bad policy' });

    // Assess
    expect(classification.disposition).toBe('dead-letter');
  });

  it('classifies one of our wrapping errors by the SDK error it wraps', () => {
    // Prepare
    const conflict = new ConflictException({ message: 'Operation in progress', $metadata });
    const denied = new AccessDeniedException({ message: 'Not authorized', $metadata });

    // Act
    const wrappedConflict = classifyServiceError(
      new CopyAutopilotError('ensure failed', { cause: conflict }),
    );
    const wrappedDenied = classifyServiceError(new CopyAutopilotError('ensure failed', { cause: denied }));

    // Assess
    expect(wrappedConflict).toStrictEqual({
      disposition: 'retry',
      reason: 'RetriesExhausted',
      errorName: 'ConflictException',
      message: 'Operation in progress',
      knownError: true,
    });
    expect(wrappedDenied).toMatchObject({ disposition: 'dead-letter', errorName: 'AccessDeniedException' });
  });

  it.each([
    ['a plain Error', new Error('boom'), 'Error', 'boom'],
    ['a TypeError', new TypeError('x is not a function'), 'TypeError', 'x is not a function'],
    [
      'a 4xx the table does not list',
      { name: 'UnsupportedOperationException', $fault: 'client' },
      'UnsupportedOperationException',
      '(no message)',
    ],
    ['a thrown string', 'something broke', 'UnknownError', 'something broke'],
    ['null', null, 'UnknownError', 'null'],
    ['undefined', undefined, 'UnknownError', 'undefined'],
    ['our base error with no cause', new CopyAutopilotError('odd'), 'CopyAutopilotError', 'odd'],
  ])(
    'retries an unknown error (%s), marked unknown: redrive dead-letters it after maxReceiveCount',
    (_case, error, errorName, message) => {
      // Act
      const classification = classifyServiceError(error);

      // Assess
      expect(classification).toStrictEqual({
        disposition: 'retry',
        reason: 'RetriesExhausted',
        errorName,
        message,
        knownError: false,
      });
    },
  );

  it('does not throw on an object whose string conversion throws', () => {
    // Prepare
    const hostile = Object.create(null) as object;

    // Act
    const classification = classifyServiceError(hostile);

    // Assess
    expect(classification).toStrictEqual({
      disposition: 'retry',
      reason: 'RetriesExhausted',
      errorName: 'UnknownError',
      message: '(no message)',
      knownError: false,
    });
  });

  it('truncates the message to 256 characters and the name to 64', () => {
    // Prepare
    const error = Object.assign(new Error('m'.repeat(10_000)), { name: `${'N'.repeat(100)}Exception` });

    // Act
    const classification = classifyServiceError(error);

    // Assess
    expect(classification.message).toHaveLength(MAX_CLASSIFIED_MESSAGE_LENGTH);
    expect(classification.message.endsWith('…')).toBe(true);
    expect(classification.errorName).toHaveLength(64);
  });
});

describe('Function: isAccessDeniedError', () => {
  it.each([
    ['STS AccessDenied', { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }, true],
    ['a service AccessDeniedException', { name: 'AccessDeniedException' }, true],
    ['ValidationException', { name: 'ValidationException' }, false],
    ['a plain Error', new Error('AccessDenied'), false],
    ['a string', 'AccessDenied', false],
  ])('says %s is %s', (_case, error, expected) => {
    // Act & Assess
    expect(isAccessDeniedError(error)).toBe(expected);
  });
});
