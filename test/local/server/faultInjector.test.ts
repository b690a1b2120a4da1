import { describe, expect, it } from 'vitest';
import { InvalidFaultRuleError } from '../../../src/local/faults/errors.js';
import { FaultInjector } from '../../../src/local/faults/faultInjector.js';
import { ManualClock } from '../../../src/local/store/clock.js';

const createCall = { service: 'RedshiftServerless', operation: 'CreateSnapshotCopyConfiguration' };

describe('Class: FaultInjector', () => {
  it('fails the next N matching calls, then lets calls through', () => {
    // Prepare
    const faults = new FaultInjector({ clock: new ManualClock() });
    faults.add({ service: 'RedshiftServerless', error: 'ConflictException', count: 2 });

    // Act
    const decisions = [faults.decide(createCall), faults.decide(createCall), faults.decide(createCall)];

    // Assess
    expect(decisions.map((d) => d.error?.code)).toEqual([
      'ConflictException',
      'ConflictException',
      undefined,
    ]);
    expect(faults.list()).toEqual([]);
    expect(faults.hits()).toEqual({ 'RedshiftServerless.CreateSnapshotCopyConfiguration': 2 });
  });

  it('only matches the named operation', () => {
    // Prepare
    const faults = new FaultInjector({ clock: new ManualClock() });
    faults.add({
      service: 'RedshiftServerless',
      operation: 'GetNamespace',
      error: 'ThrottlingException',
      count: 1,
    });

    // Act
    const other = faults.decide(createCall);
    const named = faults.decide({ service: 'RedshiftServerless', operation: 'GetNamespace' });

    // Assess
    expect(other.error).toBeUndefined();
    expect(named.error).toEqual(expect.objectContaining({ code: 'ThrottlingException', statusCode: 400 }));
  });

  it('fails for a window of seconds measured on the clock', () => {
    // Prepare
    const clock = new ManualClock();
    const faults = new FaultInjector({ clock });
    faults.add({ service: 'RedshiftServerless', error: 'InternalServerException', seconds: 30 });

    // Act
    const inside = faults.decide(createCall);
    clock.advance(29_999);
    const stillInside = faults.decide(createCall);
    clock.advance(1);
    const after = faults.decide(createCall);

    // Assess
    expect(inside.error?.statusCode).toBe(500);
    expect(stillInside.error?.code).toBe('InternalServerException');
    expect(after.error).toBeUndefined();
  });
});

describe('Class: FaultInjector (matching and latency)', () => {
  it('matches on top-level input fields', () => {
    // Prepare
    const faults = new FaultInjector({ clock: new ManualClock() });
    faults.add({
      service: 'RedshiftServerless',
      error: 'ConflictException',
      matchBody: { namespaceName: 'prod-x' },
    });

    // Act
    const other = faults.decide({ ...createCall, input: { namespaceName: 'prod-y' } });
    const matching = faults.decide({ ...createCall, input: { namespaceName: 'prod-x' } });
    const unread = faults.decide(createCall);

    // Assess
    expect(other.error).toBeUndefined();
    expect(matching.error?.code).toBe('ConflictException');
    expect(unread.error).toBeUndefined();
    expect(faults.wantsInput('RedshiftServerless', 'CreateSnapshotCopyConfiguration')).toBe(true);
    expect(faults.wantsInput('AmazonSQS', 'SendMessage')).toBe(false);
  });

  it('fires probabilistic rules from the injected random source and counts only firings', () => {
    // Prepare
    const draws = [0.9, 0.1, 0.2];
    const faults = new FaultInjector({ clock: new ManualClock(), random: () => draws.shift() ?? 1 });
    faults.add({ service: 'RedshiftServerless', error: 'ThrottlingException', probability: 0.5, count: 2 });

    // Act
    const results = [1, 2, 3, 4].map(() => faults.decide(createCall).error?.code);

    // Assess
    expect(results).toEqual([undefined, 'ThrottlingException', 'ThrottlingException', undefined]);
  });

  it('adds up latency and lets a latency-only rule through', () => {
    // Prepare
    const faults = new FaultInjector({ clock: new ManualClock() });
    faults.add({ service: 'RedshiftServerless', latencyMs: 200 });
    faults.add({ service: 'RedshiftServerless', latencyMs: 50, error: 'ConflictException', count: 1 });

    // Act
    const first = faults.decide(createCall);
    const second = faults.decide(createCall);

    // Assess
    expect(first).toEqual({ latencyMs: 250, error: expect.objectContaining({ code: 'ConflictException' }) });
    expect(second).toEqual({ latencyMs: 200 });
  });

  it('does not spend a second failing rule on a call that already fails', () => {
    // Prepare
    const faults = new FaultInjector({ clock: new ManualClock() });
    faults.add({ service: 'RedshiftServerless', error: 'ConflictException', count: 1 });
    faults.add({ service: 'RedshiftServerless', error: 'ThrottlingException', count: 1 });

    // Act
    const codes = [1, 2, 3].map(() => faults.decide(createCall).error?.code);

    // Assess
    expect(codes).toEqual(['ConflictException', 'ThrottlingException', undefined]);
  });
});

describe('Class: FaultInjector (rule management)', () => {
  it('accepts a spelled-out error and service aliases', () => {
    // Prepare
    const faults = new FaultInjector({ clock: new ManualClock() });
    faults.add({ service: 'DynamoDB', error: { code: 'ResourceInUseException', statusCode: 400 } });

    // Act
    const decision = faults.decide({ service: 'DynamoDB_20120810', operation: 'PutItem' });

    // Assess
    expect(decision.error).toEqual({
      code: 'ResourceInUseException',
      message: 'Injected ResourceInUseException',
      statusCode: 400,
    });
  });

  it('removes one rule by id and keeps the others', () => {
    // Prepare
    const faults = new FaultInjector({ clock: new ManualClock() });
    const first = faults.add({ service: 'AmazonSQS', error: 'ThrottlingException' });
    faults.add({ service: 'AWSEvents', error: 'ThrottlingException' });

    // Act
    const removed = faults.remove(first.id);
    const removedAgain = faults.remove(first.id);

    // Assess
    expect([removed, removedAgain]).toEqual([true, false]);
    expect(faults.list().map((rule) => rule.service)).toEqual(['AWSEvents']);
  });

  it.each([
    [{ error: 'ConflictException' }, 'service'],
    [{ service: 'X', error: 'NoSuchError' }, 'error'],
    [{ service: 'X', error: 'ConflictException', count: 0 }, 'count'],
    [{ service: 'X', error: 'ConflictException', probability: 2 }, 'probability'],
    [{ service: 'X', error: 'ConflictException', seconds: 5, untilMs: 10 }, 'seconds'],
    [{ service: 'X' }, 'error'],
    [{ service: 'X', error: 'ConflictException', colour: 'red' }, 'colour'],
    [{ service: 'X', error: { code: 'E', statusCode: 200 } }, 'error.statusCode'],
  ])('rejects %j naming the field %s', (input, field) => {
    // Prepare
    const faults = new FaultInjector({ clock: new ManualClock() });

    // Act & Assess
    expect(() => faults.add(input as never)).toThrow(InvalidFaultRuleError);
    expect(() => faults.add(input as never)).toThrow(expect.objectContaining({ field }));
  });
});
