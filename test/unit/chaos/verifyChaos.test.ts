import { describe, expect, it } from 'vitest';
import { CI_LAYOUT } from '../../../chaos/chaosLayout.js';
import { ChaosCaseKind, type ChaosPlan, type PlannedNamespace } from '../../../chaos/chaosPlan.js';
import { type ChaosObservation, verifyChaos } from '../../../chaos/verifyChaos.js';
import { parsePolicy } from '../../../src/policyFiles/parsePolicy.js';

const policy = parsePolicy(`
version: 1
scope:
  accounts: ["111111111111", "101010101010"]
  regions: [us-east-1, eu-west-1]
  memberRoleName: copy-autopilot-member
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

const HOME = '000000000000';
const MEMBER = '111111111111';

const planned = (
  name: string,
  kind: PlannedNamespace['kind'],
  where: Partial<PlannedNamespace> = {},
): PlannedNamespace => ({
  name,
  kind,
  account: HOME,
  region: 'us-east-1',
  created: true,
  tags: {},
  duplicateDelivery: false,
  manualRequest: false,
  crash: false,
  ...where,
});

const plan: ChaosPlan = {
  seed: 1,
  layout: CI_LAYOUT,
  namespaces: [
    planned('prod-1', ChaosCaseKind.Protected, { tags: { 'dr-tier': 'gold' } }),
    planned('team-2', ChaosCaseKind.Protected, {
      account: MEMBER,
      region: 'eu-west-1',
      deleteByHandAtMs: 10,
    }),
    planned('sandbox-3', ChaosCaseKind.Skipped),
    planned('kms-4', ChaosCaseKind.Rejected, { account: MEMBER }),
    planned('ghost-5', ChaosCaseKind.Missing, { created: false }),
    planned('Not_A_Name_6', ChaosCaseKind.Malformed, { created: false }),
    planned('prod-1', ChaosCaseKind.UnmanagedAccount, { account: '121212121212' }),
    planned('faraway-8', ChaosCaseKind.UnmanagedRegion, { account: MEMBER, region: 'ap-southeast-2' }),
    planned('roleless-9', ChaosCaseKind.RoleMissing, { account: '101010101010', created: false }),
  ],
  busyWindows: [],
  dynamoDbOutages: [],
  internalErrorProbability: 0,
  throttlingProbability: 0,
};

const configuration = (
  namespaceName: string,
  retention: number,
  account = HOME,
  sourceRegion = 'us-east-1',
) => ({
  account,
  namespaceName,
  sourceRegion,
  destinationRegion: 'us-west-2',
  destinationKmsKeyId: 'AWS_OWNED_KMS_KEY',
  snapshotRetentionPeriod: retention,
});

/** A letter whose event (its EventId) the traffic recorded. */
const letter = (eventId: string, attributes: Record<string, string>) => ({
  body: JSON.stringify({ id: eventId }),
  attributes: { EventId: eventId, ...attributes },
});

const goodObservation: ChaosObservation = {
  configurations: [configuration('prod-1', 30), configuration('team-2', 7, MEMBER, 'eu-west-1')],
  createCounts: { [HOME]: { 'prod-1': 1 }, [MEMBER]: { 'team-2': 2 } },
  writesByPlace: { [`${HOME}/us-east-1`]: 1, [`${MEMBER}/eu-west-1`]: 2 },
  outcomesByPlace: { [`${HOME}/us-east-1`]: 2, [`${MEMBER}/eu-west-1`]: 2 },
  deadLetters: [
    letter('event-4', { Reason: 'NonRetryableError', ErrorName: 'ValidationException' }),
    letter('event-4b', { Reason: 'NonRetryableError', ErrorName: 'ValidationException' }),
    letter('event-5', { Reason: 'NonRetryableError', ErrorName: 'ResourceNotFoundException' }),
    letter('event-6', { Reason: 'InvalidRequest', ErrorName: 'EventParseError' }),
    letter('event-7', { Reason: 'AccountNotManaged', ErrorName: 'AccountNotManaged' }),
    letter('event-8', { Reason: 'RegionNotManaged', ErrorName: 'RegionNotManaged' }),
    letter('event-9', { Reason: 'AccountNotManaged', ErrorName: 'AccessDenied' }),
  ],
  namespaceOfEvent: new Map([
    ['event-4', `${MEMBER}/us-east-1/kms-4`],
    ['event-4b', `${MEMBER}/us-east-1/kms-4`],
    ['event-5', `${HOME}/us-east-1/ghost-5`],
    ['event-6', `${HOME}/us-east-1/Not_A_Name_6`],
    ['event-7', '121212121212/us-east-1/prod-1'],
    ['event-8', `${MEMBER}/ap-southeast-2/faraway-8`],
    ['event-9', '101010101010/us-east-1/roleless-9'],
  ]),
  skippedLogged: new Set([`${HOME}/us-east-1/sandbox-3`]),
  requestsLeft: 0,
  deletedByHand: new Set([`${MEMBER}/eu-west-1/team-2`]),
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
      deadLetteredNamespaces: 6,
      repeatedDeadLetters: 1,
      creates: 3,
      lost: 0,
      createdTwice: 0,
      wrongPlace: 0,
      restored: 1,
      refusedInDlq: {
        'AccountNotManaged/AccountNotManaged': 1,
        'AccountNotManaged/AccessDenied': 1,
        'RegionNotManaged/RegionNotManaged': 1,
      },
    });
  });

  it('reports a namespace created twice, a wrong retention and a configuration deleted by hand and never restored', () => {
    // Prepare
    const observed: ChaosObservation = {
      ...goodObservation,
      configurations: [configuration('prod-1', 7)],
      createCounts: { [HOME]: { 'prod-1': 2 }, [MEMBER]: { 'team-2': 1 } },
    };

    // Act
    const verdict = verifyChaos(plan, policy, observed);

    // Assess
    expect(verdict.violations).toEqual([
      `${HOME}/us-east-1/prod-1: copy configuration created 2 times`,
      `${HOME}/us-east-1/prod-1: copies to us-west-2 for 7 days, rule production says us-west-2 for 30`,
      `${MEMBER}/eu-west-1/team-2: 0 copy configurations, expected exactly 1 (its configuration was deleted by hand: not restored)`,
    ]);
    expect(verdict).toMatchObject({ lost: 2, createdTwice: 1, restored: 0 });
  });

  it('reports a valid namespace redriven to the DLQ, a stray letter, a skipped one never handled and a busy queue', () => {
    // Prepare
    const observed: ChaosObservation = {
      ...goodObservation,
      deadLetters: [
        ...goodObservation.deadLetters,
        { body: JSON.stringify({ id: 'event-2' }), attributes: {} },
        { body: 'not json', attributes: { Reason: 'MalformedBody' } },
      ],
      namespaceOfEvent: new Map([
        ...goodObservation.namespaceOfEvent,
        ['event-2', `${MEMBER}/eu-west-1/team-2`],
      ]),
      skippedLogged: new Set(),
      requestsLeft: 3,
    };

    // Act
    const { violations } = verifyChaos(plan, policy, observed);

    // Assess
    expect(violations).toEqual([
      'unexpected dead letter: MalformedBody',
      `${MEMBER}/eu-west-1/team-2 (protected): dead-lettered: redriven after maxReceiveCount ({"id":"event-2"})`,
      `${HOME}/us-east-1/sandbox-3 (skipped): never handled`,
      '3 messages still on the requests queue (not settled)',
    ]);
  });
});

describe('Function: verifyChaos, refusals and wrong accounts', () => {
  it('reports an invalid or refused namespace missing from the DLQ or dead-lettered for the wrong reason', () => {
    // Prepare
    const observed: ChaosObservation = {
      ...goodObservation,
      deadLetters: [
        letter('event-4', { Reason: 'NonRetryableError', ErrorName: 'AccessDeniedException' }),
        letter('event-6', { Reason: 'InvalidRequest' }),
        letter('event-7', { Reason: 'NonRetryableError', ErrorName: 'ResourceNotFoundException' }),
        letter('event-8', { Reason: 'RegionNotManaged', ErrorName: 'RegionNotManaged' }),
        letter('event-9', { Reason: 'AccountNotManaged', ErrorName: 'AccessDenied' }),
      ],
    };

    // Act
    const verdict = verifyChaos(plan, policy, observed);

    // Assess
    expect(verdict.violations).toEqual([
      `${MEMBER}/us-east-1/kms-4 (rejected): dead-lettered with AccessDeniedException, expected ValidationException`,
      `${HOME}/us-east-1/ghost-5 (missing): not in the DLQ`,
      '121212121212/us-east-1/prod-1 (unmanaged-account): dead-lettered with reason NonRetryableError, expected AccountNotManaged',
    ]);
    expect(verdict.refusedInDlq).toEqual({
      'AccountNotManaged/AccessDenied': 1,
      'RegionNotManaged/RegionNotManaged': 1,
    });
  });

  it('reports what was done in an unmanaged account, a role-less one or a region outside the scope', () => {
    // Prepare: the unmanaged account's twin of prod-1 got the home one's configuration
    const observed: ChaosObservation = {
      ...goodObservation,
      configurations: [...goodObservation.configurations, configuration('prod-1', 30, '121212121212')],
      createCounts: { ...goodObservation.createCounts, '121212121212': { 'prod-1': 1 } },
      writesByPlace: {
        ...goodObservation.writesByPlace,
        '121212121212/us-east-1': 1,
        [`${MEMBER}/ap-southeast-2`]: 1,
      },
      outcomesByPlace: { ...goodObservation.outcomesByPlace, '101010101010/us-east-1': 1 },
    };

    // Act
    const verdict = verifyChaos(plan, policy, observed);

    // Assess
    expect(verdict.violations).toEqual([
      '121212121212/us-east-1/prod-1 (unmanaged-account): has a copy configuration',
      '121212121212/us-east-1/prod-1: a copy configuration where the plan protects no such namespace',
      '121212121212/prod-1: 1 copy configuration(s) created in an account the plan protects it in nowhere',
      '121212121212/us-east-1: 1 copy-configuration writes outside the managed accounts and regions',
      `${MEMBER}/ap-southeast-2: 1 copy-configuration writes outside the managed accounts and regions`,
      '101010101010/us-east-1: the worker judged or acted on 1 records it must refuse',
    ]);
    expect(verdict.wrongPlace).toBe(5);
  });
});
