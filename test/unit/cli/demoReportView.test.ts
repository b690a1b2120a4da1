import { describe, expect, it } from 'vitest';
import { printDemoReport } from '../../../src/cli/demoReportView.js';
import { createMemoryPrinter } from '../../../src/cli/printer.js';
import { DEMO_POLICY_FILE } from '../../../src/demo/demoScenario.js';
import type { DemoReport } from '../../../src/demo/runDemo.js';

/** A report with nothing in it but the policy it deployed. */
function emptyReport(policyFile: string): DemoReport {
  return {
    policyFile,
    central: { account: '000000000000', region: 'us-east-1' },
    accounts: [],
    verdicts: [],
    faults: [],
    deadLetters: [],
    metrics: {},
    redshiftCalls: {},
    calls: [],
    filteredFailedCalls: 0,
    status: {
      command: 'copy-autopilot status',
      lines: [],
      exitCode: 3,
      targets: [],
      ok: true,
      problems: [],
      expectedExitCode: 3,
      why: 'expected',
    },
    elapsedMs: 0,
    ok: true,
  };
}

describe('Function: printDemoReport', () => {
  it('calls the demo policy its own', () => {
    // Prepare
    const printer = createMemoryPrinter();

    // Act
    printDemoReport(emptyReport(DEMO_POLICY_FILE), printer);

    // Assess
    expect(printer.out).toContain(
      `Policy: ${DEMO_POLICY_FILE} (the demo's own; copy-policy.yml is not used)`,
    );
  });

  it('says a policy given with --policy is not the one its expectations are written for', () => {
    // Prepare
    const printer = createMemoryPrinter();

    // Act
    printDemoReport(emptyReport('copy-policy.yml'), printer);

    // Assess
    expect(printer.out).toContain(
      `Policy: copy-policy.yml (--policy; the expectations are written for ${DEMO_POLICY_FILE})`,
    );
  });

  it("shows each namespace's copies as status shows a copy: region and short retention", () => {
    // Prepare
    const printer = createMemoryPrinter();
    const where = { namespace: 'orders-eu', account: '111111111111', region: 'eu-west-1' };
    const report: DemoReport = {
      ...emptyReport(DEMO_POLICY_FILE),
      verdicts: [
        {
          ...where,
          ok: true,
          problems: [],
          story: 'protected',
          observation: {
            ...where,
            configurations: [{ account: where.account, region: 'eu-central-1', retentionDays: 7 }],
            creates: { [where.account]: 1 },
            deadLetters: [],
            outcomes: ['protected'],
            attempts: 1,
          },
        },
      ],
    };

    // Act
    printDemoReport(report, printer);

    // Assess
    expect(printer.out.find((line) => line.startsWith('orders-eu'))).toMatch(/\beu-central-1 7d$/);
  });
});
