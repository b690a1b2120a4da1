import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CASES } from '../../src/demo/demoScenario.js';
import { type DemoReport, runDemo } from '../../src/demo/runDemo.js';

const SERVICE_DIR = fileURLToPath(new URL('../..', import.meta.url));

describe('Function: runDemo', () => {
  // One run serves every assertion: the demo takes seconds (a namespace stays busy on purpose).
  const progress: string[] = [];
  let report: DemoReport;
  beforeAll(async () => {
    report = await runDemo({ serviceDir: SERVICE_DIR, progress: (line) => progress.push(line) });
  }, 90_000);

  it('runs every path of the automation on the local cloud with the repository policy and reports all as expected', () => {
    // Assess
    expect(report.verdicts.filter((verdict) => !verdict.ok)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.verdicts.map((verdict) => verdict.namespace)).toEqual(
      DEMO_CASES.map((demoCase) => demoCase.namespace),
    );
    expect(report.deadLetters).toEqual([
      {
        namespace: 'finance-kms',
        attributes: expect.objectContaining({
          ErrorName: 'ValidationException',
          ErrorMessage: 'The KMS key is not in the destination region us-west-2.',
          Reason: 'NonRetryableError',
          Namespace: 'finance-kms',
        }),
      },
    ]);
    expect(report.metrics.Protected).toBeGreaterThanOrEqual(3);
    expect(report.metrics['Retried{ErrorName=ConflictException}']).toBeGreaterThanOrEqual(1);
    expect(report.filteredFailedCalls).toBe(1);
    expect(progress.at(-1)).toMatch(/stopped$/);
  });

  it("says which fault it injected where, splits the List calls into its own and the worker's, and gives TimeToProtection per protected namespace", () => {
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
    ]);
    expect(
      progress.some((line) =>
        line.includes('injected for finance-kms: CreateSnapshotCopyConfiguration answers'),
      ),
    ).toBe(true);
    const lists = report.calls.find((split) => split.operation === 'ListSnapshotCopyConfigurations');
    // The demo lists each namespace once for its report; the worker once per attempt of a case that
    // reached the List (retries included, duplicates replayed by idempotency excluded).
    expect(lists?.byDemo).toBe(DEMO_CASES.length);
    expect(lists?.byAutomation).toBeGreaterThanOrEqual(4);
    expect(lists?.total).toBe((lists?.byDemo ?? 0) + (lists?.byAutomation ?? 0));
    expect(report.calls.find((split) => split.operation === 'CreateNamespace')).toMatchObject({
      byAutomation: 0,
      byDemo: DEMO_CASES.length + 1,
    });
    const protectedOnes = report.verdicts.filter((verdict) =>
      verdict.observation.outcomes.includes('protected'),
    );
    expect(protectedOnes.map((verdict) => verdict.namespace)).toEqual([
      'prod-sales',
      'analytics-busy',
      'marketing',
    ]);
    for (const verdict of protectedOnes)
      expect(verdict.observation.timeToProtectionSeconds).toBeGreaterThan(0);
    expect(
      report.verdicts.find((verdict) => verdict.namespace === 'sandbox-alice')?.observation
        .timeToProtectionSeconds,
    ).toBeUndefined();
  });
});
