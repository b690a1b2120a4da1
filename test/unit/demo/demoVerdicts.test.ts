import { describe, expect, it } from 'vitest';
import {
  DEMO_CASES,
  type DemoCase,
  ExpectedOutcome,
  type StatusExpectation,
} from '../../../src/demo/demoScenario.js';
import { type CaseObservation, verifyCase, verifyStatus } from '../../../src/demo/demoVerdicts.js';

const HOME = '000000000000';
const MEMBER = '111111111111';

// The scenario's own member case: protected, deleted by hand, restored, in that account only.
const protectedCase = DEMO_CASES.find((demoCase) => demoCase.namespace === 'orders-eu') as DemoCase;

const refusedCase: DemoCase = {
  account: '222222222222',
  region: 'us-east-1',
  namespace: 'reports',
  story: 'member without a role',
  expected: ExpectedOutcome.DeadLettered,
  deadLetter: { reason: 'AccountNotManaged', errorName: 'AccessDenied' },
};

/** What a case that went as expected looks like; each test spoils one thing. */
function observed(demoCase: DemoCase, overrides: Partial<CaseObservation> = {}): CaseObservation {
  const protectedOne = demoCase.expected === ExpectedOutcome.Protected;
  return {
    account: demoCase.account,
    region: demoCase.region,
    namespace: demoCase.namespace,
    configurations: protectedOne
      ? [{ account: demoCase.account, region: 'eu-central-1', retentionDays: 7 }]
      : [],
    creates: demoCase.creates ?? { [demoCase.account]: protectedOne ? 1 : 0 },
    deadLetters: protectedOne
      ? []
      : [{ reason: 'AccountNotManaged', errorName: 'AccessDenied', message: 'refused' }],
    outcomes: protectedOne ? ['protected', 'restored'] : ['dead-lettered'],
    attempts: 1,
    restoredAfterSeconds: protectedOne ? 1.2 : undefined,
    ...overrides,
  };
}

describe('Function: verifyCase', () => {
  it.each([protectedCase, refusedCase])(
    'finds nothing wrong when $namespace went as expected',
    (demoCase) => {
      // Act
      const verdict = verifyCase(demoCase, observed(demoCase));

      // Assess
      expect(verdict).toEqual({
        namespace: demoCase.namespace,
        account: demoCase.account,
        region: demoCase.region,
        ok: true,
        problems: [],
      });
    },
  );

  it.each([
    {
      case: 'a configuration in another account',
      overrides: { configurations: [{ account: HOME, region: 'eu-central-1', retentionDays: 7 }] },
      problem: `its configuration is in account ${HOME}, expected ${MEMBER}`,
    },
    {
      case: 'a configuration created in the home account too',
      overrides: { creates: { [MEMBER]: 2, [HOME]: 1 } },
      problem: `created 1 times in ${HOME}, expected never`,
    },
    {
      case: 'a restoration slower than the bound',
      overrides: { restoredAfterSeconds: 16.5 },
      problem: 'restored 16.50 s after the deletion, expected within 15 s',
    },
    {
      case: 'no restoration',
      overrides: { restoredAfterSeconds: undefined },
      problem: 'its deleted configuration was not restored',
    },
    {
      case: 'another destination',
      overrides: { configurations: [{ account: MEMBER, region: 'us-west-2', retentionDays: 7 }] },
      problem: 'copies to us-west-2 for 7 days, expected eu-central-1 for 7',
    },
  ])('reports $case for a protected case', ({ overrides, problem }) => {
    // Act
    const verdict = verifyCase(protectedCase, observed(protectedCase, overrides));

    // Assess
    expect(verdict.ok).toBe(false);
    expect(verdict.problems).toEqual([problem]);
  });

  it.each([
    {
      case: 'another reason',
      overrides: { deadLetters: [{ reason: 'NonRetryableError', errorName: 'AccessDenied', message: 'no' }] },
      problem:
        'dead-lettered as NonRetryableError (AccessDenied: no), expected AccountNotManaged (AccessDenied)',
    },
    {
      case: 'no dead letter',
      overrides: { deadLetters: [] },
      problem: '0 DLQ messages, expected 1',
    },
    {
      case: 'a configuration after all',
      overrides: {
        configurations: [{ account: '222222222222', region: 'us-west-2', retentionDays: 7 }],
        creates: { '222222222222': 1 },
      },
      problem: 'has a copy configuration, expected none',
    },
  ])('reports $case for a dead-lettered case', ({ overrides, problem }) => {
    // Act
    const verdict = verifyCase(refusedCase, observed(refusedCase, overrides));

    // Assess
    expect(verdict.problems[0]).toBe(problem);
  });
});

describe('Function: verifyStatus', () => {
  const expectation: StatusExpectation = {
    exitCode: 3,
    why: 'a role is missing',
    targets: [
      { account: HOME, region: 'us-east-1', namespaces: 2, nonCompliant: 1, status: 'ok' },
      { account: '222222222222', region: 'us-east-1', status: { failedWith: 'AccessDenied' } },
    ],
  };
  const rows = [
    { account: HOME, region: 'us-east-1', namespaces: 2, 'non-compliant': 1, status: 'ok' },
    {
      account: '222222222222',
      region: 'us-east-1',
      namespaces: undefined,
      'non-compliant': undefined,
      status: 'failed: AccountNotManagedError: refused AssumeRole (AccessDenied: …)',
    },
  ];

  it('finds nothing wrong when the exit code and every target are as expected', () => {
    // Act
    const verdict = verifyStatus(expectation, { exitCode: 3, targets: rows });

    // Assess
    expect(verdict).toEqual({ ok: true, problems: [] });
  });

  it('reports another exit code, a target that is missing and a count that differs', () => {
    // Act
    const verdict = verifyStatus(expectation, {
      exitCode: 1,
      targets: [{ ...rows[0], 'non-compliant': 0 }],
    });

    // Assess
    expect(verdict.ok).toBe(false);
    expect(verdict.problems).toEqual([
      'status exited 1, expected 3 (a role is missing)',
      `status looked at ${HOME}/us-east-1, expected ${HOME}/us-east-1, 222222222222/us-east-1`,
      `${HOME}/us-east-1: 0 non-compliant, expected 1`,
    ]);
  });

  it('reports a target that failed for another reason than expected', () => {
    // Act
    const verdict = verifyStatus(expectation, {
      exitCode: 3,
      targets: [rows[0] ?? {}, { ...rows[1], status: 'failed: ThrottlingException: slow down' }],
    });

    // Assess
    expect(verdict.problems).toEqual([
      '222222222222/us-east-1: status "failed: ThrottlingException: slow down", expected {"failedWith":"AccessDenied"}',
    ]);
  });
});
