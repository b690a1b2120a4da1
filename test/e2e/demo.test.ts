import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_CASES,
  DEMO_POLICY_FILE,
  DEMO_STATUS,
  HOME_ACCOUNT,
  MEMBER_ACCOUNT,
  OUTSIDE_ACCOUNT,
  ROLELESS_ACCOUNT,
} from '../../src/demo/demoScenario.js';
import { type DemoReport, runDemo } from '../../src/demo/runDemo.js';

const SERVICE_DIR = fileURLToPath(new URL('../..', import.meta.url));

// One run serves every assertion: the demo takes seconds (a namespace stays busy on purpose).
const progress: string[] = [];
let report: DemoReport;
beforeAll(async () => {
  report = await runDemo({ serviceDir: SERVICE_DIR, progress: (line) => progress.push(line) });
}, 90_000);

/** The verdict of the case of `namespace` in `account`. */
const verdictOf = (namespace: string, account: string) =>
  report.verdicts.find((verdict) => verdict.namespace === namespace && verdict.account === account);

describe('Function: runDemo', () => {
  it('runs every path of the automation on the local cloud with the demo policy and reports all as expected', () => {
    // Assess
    expect(report.policyFile).toBe(DEMO_POLICY_FILE);
    expect(report.verdicts.filter((verdict) => !verdict.ok)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.verdicts.map(({ namespace, account }) => `${account}/${namespace}`)).toEqual(
      DEMO_CASES.map(({ namespace, account }) => `${account}/${namespace}`),
    );
    expect(report.metrics.Protected).toBeGreaterThanOrEqual(5);
    expect(report.metrics['Retried{ErrorName=ConflictException}']).toBeGreaterThanOrEqual(1);
    expect(report.metrics.Restored).toBe(1);
    expect(report.filteredFailedCalls).toBe(1);
    expect(progress[0]).toContain(`policy: ${DEMO_POLICY_FILE}`);
    expect(progress.at(-1)).toMatch(/stopped$/);
  });

  it("says which fault it injected where, splits the List calls into its own, status's and the worker's, and gives TimeToProtection per protected namespace", () => {
    // Assess
    expect(report.faults).toEqual([
      {
        namespace: 'analytics-busy',
        fault: 'namespace stays MODIFYING for 3 s: CreateSnapshotCopyConfiguration answers ConflictException',
        where: 'local Redshift Serverless, busy switch (POST /_local/redshift-serverless/busy)',
      },
      expect.objectContaining({
        namespace: 'finance-kms',
        fault:
          'CreateSnapshotCopyConfiguration answers 400 ValidationException "The KMS key is not in the destination region us-west-2."',
        where: 'local Redshift Serverless, fault rule matching namespaceName (POST /_local/faults)',
        hits: 1,
      }),
      {
        namespace: 'reports',
        fault: `role copy-autopilot-member of ${ROLELESS_ACCOUNT} declared missing: STS AssumeRole into it answers 403 AccessDenied`,
        where: 'local STS, roles declared missing (POST /_local/roles)',
      },
    ]);
    expect(
      progress.some((line) =>
        line.includes('injected for finance-kms: CreateSnapshotCopyConfiguration answers'),
      ),
    ).toBe(true);
    const calls = (operation: string) => report.calls.find((split) => split.operation === operation);
    // The demo lists each namespace once for its report, and once before it deletes a
    // configuration; status once per target it could read (4 of 6); the worker once per attempt
    // of a case that reached the List (retries and the restoration included, replays excluded).
    expect(calls('ListSnapshotCopyConfigurations')).toMatchObject({
      byDemo: DEMO_CASES.length + 1,
      byStatus: 4,
      byAutomation: expect.any(Number),
    });
    expect(calls('ListSnapshotCopyConfigurations')?.byAutomation).toBeGreaterThanOrEqual(7);
    expect(calls('ListNamespaces')).toMatchObject({ byDemo: 0, byStatus: 4, byAutomation: 0 });
    expect(calls('CreateNamespace')).toMatchObject({ byAutomation: 0, byDemo: DEMO_CASES.length + 1 });
    expect(calls('DeleteSnapshotCopyConfiguration')).toMatchObject({ byDemo: 1, byAutomation: 0 });
    for (const split of report.calls) {
      expect(split.total).toBe(split.byDemo + split.byStatus + split.byAutomation);
    }
    const protectedOnes = report.verdicts.filter((verdict) =>
      verdict.observation.outcomes.includes('protected'),
    );
    expect(protectedOnes.map(({ namespace, account }) => `${account}/${namespace}`)).toEqual([
      `${HOME_ACCOUNT}/prod-sales`,
      `${HOME_ACCOUNT}/analytics-busy`,
      `${HOME_ACCOUNT}/marketing`,
      `${MEMBER_ACCOUNT}/orders`,
      `${MEMBER_ACCOUNT}/orders-eu`,
    ]);
    for (const verdict of protectedOnes)
      expect(verdict.observation.timeToProtectionSeconds).toBeGreaterThan(0);
    expect(verdictOf('sandbox-alice', HOME_ACCOUNT)?.observation.timeToProtectionSeconds).toBeUndefined();
  });
});

describe('Function: runDemo across accounts and regions', () => {
  it('puts every configuration in the account of its namespace, member ones through the member role only', () => {
    // Assess
    const placed = report.verdicts
      .filter((verdict) => verdict.observation.configurations.length > 0)
      .map(({ namespace, account, region, observation }) => ({
        case: `${account}/${region}/${namespace}`,
        accounts: observation.configurations.map((configuration) => configuration.account),
      }));
    expect(placed).toEqual([
      { case: `${HOME_ACCOUNT}/us-east-1/prod-sales`, accounts: [HOME_ACCOUNT] },
      { case: `${HOME_ACCOUNT}/us-east-1/analytics-busy`, accounts: [HOME_ACCOUNT] },
      { case: `${HOME_ACCOUNT}/us-east-1/marketing`, accounts: [HOME_ACCOUNT] },
      { case: `${MEMBER_ACCOUNT}/us-east-1/orders`, accounts: [MEMBER_ACCOUNT] },
      { case: `${MEMBER_ACCOUNT}/eu-west-1/orders-eu`, accounts: [MEMBER_ACCOUNT] },
    ]);
    expect(verdictOf('orders', MEMBER_ACCOUNT)?.observation.creates).toMatchObject({
      [MEMBER_ACCOUNT]: 1,
      [HOME_ACCOUNT]: 0,
    });
    expect(verdictOf('orders-eu', MEMBER_ACCOUNT)?.observation.configurations).toEqual([
      { account: MEMBER_ACCOUNT, region: 'eu-central-1', retentionDays: 7 },
    ]);
  });

  it('dead-letters the member without a role (AccessDenied) and the account outside the scope as AccountNotManaged, leaving the home twin untouched', () => {
    // Assess
    const letters = report.deadLetters.map(({ account, namespace, attributes }) => ({
      account,
      namespace,
      reason: attributes.Reason,
      error: attributes.ErrorName,
    }));
    expect(letters).toHaveLength(3);
    expect(letters).toEqual(
      expect.arrayContaining([
        {
          account: HOME_ACCOUNT,
          namespace: 'finance-kms',
          reason: 'NonRetryableError',
          error: 'ValidationException',
        },
        {
          account: ROLELESS_ACCOUNT,
          namespace: 'reports',
          reason: 'AccountNotManaged',
          error: 'AccessDenied',
        },
        {
          account: OUTSIDE_ACCOUNT,
          namespace: 'prod-sales',
          reason: 'AccountNotManaged',
          error: 'AccountNotManaged',
        },
      ]),
    );
    const homeTwin = verdictOf('prod-sales', HOME_ACCOUNT)?.observation;
    expect(homeTwin?.configurations).toEqual([
      { account: HOME_ACCOUNT, region: 'us-west-2', retentionDays: 30 },
    ]);
    expect(homeTwin?.creates).toMatchObject({ [HOME_ACCOUNT]: 1, [OUTSIDE_ACCOUNT]: 0 });
    expect(verdictOf('prod-sales', OUTSIDE_ACCOUNT)?.observation.configurations).toEqual([]);
  });

  it('restores the configuration deleted by hand in the member account within seconds', () => {
    // Assess: a generous bound (the demo's own expectation); the figure itself is in the report
    const restored = verdictOf('orders-eu', MEMBER_ACCOUNT)?.observation;
    expect(restored?.outcomes).toContain('restored');
    expect(restored?.restoredAfterSeconds).toBeGreaterThan(0);
    expect(restored?.restoredAfterSeconds).toBeLessThanOrEqual(30);
    expect(restored?.creates[MEMBER_ACCOUNT]).toBe(2);
  });

  it('runs status over the whole scope: six targets, the role-less ones failed, exit code 3', () => {
    // Assess
    expect(report.status.ok).toBe(true);
    expect(report.status.exitCode).toBe(DEMO_STATUS.exitCode);
    expect(report.status.exitCode).toBe(3);
    expect(
      report.status.targets.map((row) => [row.account, row.region, row.namespaces, row['non-compliant']]),
    ).toEqual([
      [HOME_ACCOUNT, 'eu-west-1', 0, 0],
      [HOME_ACCOUNT, 'us-east-1', 5, 1],
      [MEMBER_ACCOUNT, 'eu-west-1', 1, 0],
      [MEMBER_ACCOUNT, 'us-east-1', 1, 0],
      [ROLELESS_ACCOUNT, 'eu-west-1', undefined, undefined],
      [ROLELESS_ACCOUNT, 'us-east-1', undefined, undefined],
    ]);
    expect(report.status.targets.at(-1)?.status).toMatch(/^failed: .*AccessDenied/);
    expect(report.status.command).toContain(`status --policy ${DEMO_POLICY_FILE}`);
    expect(report.status.lines.at(-1)).toBe(
      '7 namespaces in 6 targets: 5 protected, 1 missing, 1 skipped. 1 not compliant. 2 targets could not be read.',
    );
  });
});
