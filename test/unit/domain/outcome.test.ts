import { describe, expect, it } from 'vitest';
import {
  asRestoration,
  logLevelFor,
  metricFor,
  type RecordOutcome,
  timeToProtectionSeconds,
} from '../../../src/domain/outcome.js';

const DESIRED = { region: 'us-west-2', retentionDays: 30 };

const PROTECTED: RecordOutcome = {
  kind: 'protected',
  configurationId: 'cfg-1',
  desired: DESIRED,
  requestedAt: '2026-11-25T09:15:40Z',
};

describe('Function: metricFor', () => {
  it('counts retries by error name and dead letters by reason', () => {
    // Act
    const retried = metricFor({
      kind: 'retry',
      errorName: 'ConflictException',
      message: 'busy',
      delaySeconds: 5,
      knownError: true,
    });
    const deadLettered = metricFor({
      kind: 'dead-lettered',
      reason: 'PolicyInvalid',
      errorName: 'X',
      message: 'm',
    });

    // Assess
    expect(retried).toEqual({ name: 'Retried', dimensions: { ErrorName: 'ConflictException' } });
    expect(deadLettered).toEqual({ name: 'DeadLettered', dimensions: { Reason: 'PolicyInvalid' } });
  });

  it('counts nothing for ignored records and replayed duplicates', () => {
    // Act & Assess
    expect(metricFor({ kind: 'ignored', reason: 'CreateNamespace failed' })).toBeUndefined();
    expect(metricFor({ ...PROTECTED, duplicate: true })).toBeUndefined();
    expect(metricFor(PROTECTED)).toEqual({ name: 'Protected' });
  });
});

describe('Function: metricFor (deleted and changed configurations)', () => {
  it('counts restorations as Restored and reported deletions as DeletionReported', () => {
    // Act & Assess
    expect(
      metricFor({
        kind: 'restored',
        configurationId: 'cfg-1',
        desired: DESIRED,
        restoredBy: 'create',
      }),
    ).toEqual({ name: 'Restored' });
    expect(
      metricFor({ kind: 'deletion-reported', desired: { region: 'us-west-2', retentionDays: 7 } }),
    ).toEqual({
      name: 'DeletionReported',
    });
    expect(
      logLevelFor({ kind: 'deletion-reported', desired: { region: 'us-west-2', retentionDays: 7 } }),
    ).toBe('warn');
  });
});

describe('Function: asRestoration', () => {
  it('calls a created or set-back configuration restored and leaves the rest as they are', () => {
    // Prepare
    const updated = {
      kind: 'retention-updated',
      configurationId: 'cfg-2',
      desired: DESIRED,
      fromDays: 7,
      toDays: 30,
    } as const;
    const already = { kind: 'already-configured', configurationId: 'cfg-3', desired: DESIRED } as const;

    // Act & Assess
    expect(asRestoration({ ...PROTECTED, duplicate: true })).toEqual({
      kind: 'restored',
      configurationId: 'cfg-1',
      desired: DESIRED,
      restoredBy: 'create',
      duplicate: true,
    });
    expect(asRestoration(updated)).toEqual({
      kind: 'restored',
      configurationId: 'cfg-2',
      desired: DESIRED,
      restoredBy: 'retention-update',
      fromDays: 7,
      toDays: 30,
    });
    expect(asRestoration(already)).toBe(already);
  });
});

describe('Function: logLevelFor', () => {
  it('warns on drift and retries and errs on dead letters', () => {
    // Act & Assess
    expect(logLevelFor({ kind: 'unmatched' })).toBe('info');
    expect(
      logLevelFor({ kind: 'retry', errorName: 'E', message: 'm', delaySeconds: 1, knownError: true }),
    ).toBe('warn');
    expect(logLevelFor({ kind: 'dead-lettered', reason: 'R', errorName: 'E', message: 'm' })).toBe('error');
  });
});

describe('Function: timeToProtectionSeconds', () => {
  it('measures from the event time for a created configuration only', () => {
    // Prepare
    const now = Date.parse('2026-11-25T09:16:10Z');

    // Act & Assess
    expect(timeToProtectionSeconds(PROTECTED, now)).toBe(30);
    expect(timeToProtectionSeconds({ ...PROTECTED, duplicate: true }, now)).toBeUndefined();
    expect(
      timeToProtectionSeconds({ kind: 'skipped', requestedAt: PROTECTED.requestedAt }, now),
    ).toBeUndefined();
  });
});
