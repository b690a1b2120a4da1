import { describe, expect, it } from 'vitest';
import { ChaosCaseKind, type ChaosPlan, type PlannedNamespace } from '../../../chaos/chaosPlan.js';
import { type ChaosObservation, verifyChaos } from '../../../chaos/verifyChaos.js';
import { parsePolicy } from '../../../src/domain/policy/index.js';

const policy = parsePolicy(`
version: 1
rules:
  - name: sandboxes
    match: { namespace: "sandbox-*" }
    skip: true
  - name: production
    match: { namespace: "prod-*", tags: { dr-tier: gold } }
    copyTo: { region: us-west-2, retentionDays: 30 }
  - name: everything-else
    match: {}
    copyTo: { region: us-west-2, retentionDays: 7 }
`);

const planned = (name: string, kind: PlannedNamespace['kind'], tags: Record<string, string> = {}) => ({
  name,
  kind,
  tags,
  duplicateDelivery: false,
  manualRequest: false,
  crash: false,
});

const plan: ChaosPlan = {
  seed: 1,
  namespaces: [
    planned('prod-1', ChaosCaseKind.Protected, { 'dr-tier': 'gold' }),
    planned('team-2', ChaosCaseKind.Protected),
    planned('sandbox-3', ChaosCaseKind.Skipped),
    planned('kms-4', ChaosCaseKind.Rejected),
    planned('ghost-5', ChaosCaseKind.Missing),
    planned('Not_A_Name_6', ChaosCaseKind.Malformed),
  ],
  busyWindows: [],
  dynamoDbOutages: [],
  internalErrorProbability: 0,
  throttlingProbability: 0,
};

const configuration = (namespaceName: string, retention: number, region = 'us-west-2') => ({
  namespaceName,
  destinationRegion: region,
  destinationKmsKeyId: 'AWS_OWNED_KMS_KEY',
  snapshotRetentionPeriod: retention,
});

const letter = (attributes: Record<string, string>, body = '{}') => ({ body, attributes });

const goodObservation: ChaosObservation = {
  account: '000000000000',
  region: 'us-east-1',
  configurations: [configuration('prod-1', 30), configuration('team-2', 7)],
  createCounts: { 'prod-1': 1, 'team-2': 1 },
  deadLetters: [
    letter({ Reason: 'NonRetryableError', ErrorName: 'ValidationException', Namespace: 'kms-4' }),
    letter({ Reason: 'NonRetryableError', ErrorName: 'ValidationException', Namespace: 'kms-4' }),
    letter({ Reason: 'NonRetryableError', ErrorName: 'ResourceNotFoundException', Namespace: 'ghost-5' }),
    letter({ Reason: 'InvalidRequest', ErrorName: 'EventParseError', EventId: 'event-6' }),
  ],
  namespaceOfEvent: new Map([['event-6', 'Not_A_Name_6']]),
  skippedLogged: new Set(['sandbox-3']),
  requestsLeft: 0,
};

describe('Function: verifyChaos', () => {
  it('returns no violation when every namespace ended as its policy says', () => {
    // Act
    const verdict = verifyChaos(plan, policy, goodObservation);

    // Assess
    expect(verdict.violations).toEqual([]);
    expect(verdict).toMatchObject({
      protectedNamespaces: 2,
      skippedNamespaces: 1,
      deadLetteredNamespaces: 3,
      repeatedDeadLetters: 1,
      creates: 2,
    });
  });

  it('reports a namespace created twice, a wrong retention and a missing configuration', () => {
    // Prepare
    const observed: ChaosObservation = {
      ...goodObservation,
      configurations: [configuration('prod-1', 7)],
      createCounts: { 'prod-1': 2 },
    };

    // Act
    const { violations } = verifyChaos(plan, policy, observed);

    // Assess
    expect(violations).toEqual([
      'prod-1: copy configuration created 2 times',
      'prod-1: copies to us-west-2 for 7 days, rule production says us-west-2 for 30',
      'team-2: 0 copy configurations, expected exactly 1',
    ]);
  });

  it('reports an invalid namespace missing from the DLQ or dead-lettered for the wrong reason', () => {
    // Prepare
    const observed: ChaosObservation = {
      ...goodObservation,
      deadLetters: [
        letter({ Reason: 'NonRetryableError', ErrorName: 'AccessDeniedException', Namespace: 'kms-4' }),
        letter({ Reason: 'InvalidRequest', EventId: 'event-6' }),
      ],
    };

    // Act
    const { violations } = verifyChaos(plan, policy, observed);

    // Assess
    expect(violations).toEqual([
      'kms-4 (rejected): dead-lettered with AccessDeniedException, expected ValidationException',
      'ghost-5 (missing): not in the DLQ',
    ]);
  });

  it('reports a valid namespace redriven to the DLQ, a stray letter, a skipped one never handled and a busy queue', () => {
    // Prepare
    const observed: ChaosObservation = {
      ...goodObservation,
      deadLetters: [
        ...goodObservation.deadLetters,
        letter({}, JSON.stringify({ id: 'event-2' })),
        letter({ Reason: 'MalformedBody' }, 'not json'),
      ],
      namespaceOfEvent: new Map([...goodObservation.namespaceOfEvent, ['event-2', 'team-2']]),
      skippedLogged: new Set(),
      requestsLeft: 3,
    };

    // Act
    const { violations } = verifyChaos(plan, policy, observed);

    // Assess
    expect(violations).toEqual([
      'unexpected dead letter: MalformedBody',
      'team-2 (protected): dead-lettered: redriven after maxReceiveCount ({"id":"event-2"})',
      'sandbox-3 (skipped): never handled',
      '3 messages still on the requests queue (not settled)',
    ]);
  });
});
