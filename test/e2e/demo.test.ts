import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEMO_CASES } from '../../src/local/demo/demoScenario.js';
import { runDemo } from '../../src/local/demo/runDemo.js';

const SERVICE_DIR = fileURLToPath(new URL('../..', import.meta.url));

describe('Function: runDemo', () => {
  it('runs every path of the automation on the local cloud with the repository policy and reports all as expected', async () => {
    // Prepare
    const progress: string[] = [];

    // Act
    const report = await runDemo({ serviceDir: SERVICE_DIR, progress: (line) => progress.push(line) });

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
  }, 90_000);
});
