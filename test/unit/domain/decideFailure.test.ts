import { describe, expect, it } from 'vitest';
import { SweepTargetDeadLetterReason } from '../../../src/domain/deadLetterReason.js';
import { decideFailure } from '../../../src/domain/decideFailure.js';
import { AccountNotManagedError } from '../../../src/domain/scope/errors.js';
import { SweepIncompleteError, TargetRefusedError } from '../../../src/domain/sweepTargetFailure.js';
import { SweepTaskParseError } from '../../../src/events/sweepTask.js';

const awsError = (name: string, message = name) => Object.assign(new Error(message), { name });
const attempt = (attempts: number) => ({
  attempts,
  maxAttempts: 5,
  backoff: { baseSeconds: 60, maxSeconds: 900 },
  random: () => 0,
});

describe('Function: decideFailure', () => {
  it.each([
    [
      'a member account whose role refuses AssumeRole, naming what refused',
      new AccountNotManagedError('222222222222', 'its member role refused AssumeRole', {
        cause: awsError('AccessDenied'),
      }),
      SweepTargetDeadLetterReason.AccountNotManaged,
      'AccessDenied',
    ],
    [
      'a target outside the policy’s scope',
      new TargetRefusedError('RegionNotManaged', 'region ap-south-2 is outside the policy’s scope'),
      SweepTargetDeadLetterReason.RegionNotManaged,
      'RegionNotManaged',
    ],
    [
      'a region the account has not enabled',
      awsError('UnrecognizedClientException'),
      SweepTargetDeadLetterReason.RegionNotReachable,
      'UnrecognizedClientException',
    ],
    [
      'a role missing a permission',
      awsError('AccessDeniedException'),
      SweepTargetDeadLetterReason.NonRetryableError,
      'AccessDeniedException',
    ],
    [
      'a task that is not one',
      new SweepTaskParseError('not JSON'),
      SweepTargetDeadLetterReason.MalformedTask,
      'SweepTaskParseError',
    ],
  ])('dead-letters at once, on the first attempt, %s', (_, error, reason, errorName) => {
    // Act
    const failure = decideFailure(error, attempt(1));

    // Assess
    expect(failure).toMatchObject({ kind: 'dead-letter', reason, errorName });
  });

  it('retries throttling with the backoff of its attempt', () => {
    // Act
    const first = decideFailure(awsError('ThrottlingException'), attempt(1));
    const third = decideFailure(awsError('ThrottlingException'), attempt(3));

    // Assess: equal jitter with random 0 is half the step
    expect(first).toEqual({
      kind: 'retry',
      errorName: 'ThrottlingException',
      message: 'ThrottlingException',
      delaySeconds: 30,
      knownError: true,
    });
    expect(third).toMatchObject({ kind: 'retry', delaySeconds: 120 });
  });

  it('dead-letters on the last attempt, with the reason the retries were for', () => {
    // Act
    const throttled = decideFailure(awsError('ThrottlingException'), attempt(5));
    const incomplete = decideFailure(new SweepIncompleteError(2, 0, 'AccessDeniedException: no'), attempt(5));

    // Assess
    expect(throttled).toMatchObject({
      kind: 'dead-letter',
      reason: SweepTargetDeadLetterReason.RetriesExhausted,
    });
    expect(incomplete).toMatchObject({
      kind: 'dead-letter',
      reason: SweepTargetDeadLetterReason.SweepIncomplete,
      errorName: 'SweepIncompleteError',
    });
  });

  it('retries an incomplete sweep before the last attempt', () => {
    // Act & Assess
    expect(decideFailure(new SweepIncompleteError(0, 3, 'InternalFailure: x'), attempt(2))).toMatchObject({
      kind: 'retry',
      errorName: 'SweepIncompleteError',
    });
  });

  it('leaves the last attempt to SQS redrive when no maxAttempts is given (the copy worker)', () => {
    // Prepare
    const { maxAttempts: _, ...redriven } = attempt(12);

    // Act & Assess
    expect(decideFailure(awsError('ConflictException'), redriven)).toMatchObject({
      kind: 'retry',
      errorName: 'ConflictException',
      knownError: true,
    });
  });
});
