import { DEMO_POLICY_FILE } from '../demo/demoScenario.js';
import type { DemoReport } from '../demo/runDemo.js';
import { describeCopy } from './copyDescription.js';
import type { Printer } from './printer.js';

/** `local demo`'s table report: who is who, every namespace, what was done to them, and `status` at the end. */
export function printDemoReport(report: DemoReport, printer: Printer): void {
  printAccounts(report, printer);
  printNamespaces(report, printer);
  printRestores(report, printer);
  section(printer, `Faults injected (${report.faults.length})`);
  printer.table(
    report.faults.map((fault) => ({
      namespace: fault.namespace,
      fault: fault.fault,
      where: fault.where,
      'calls it answered': fault.hits,
    })),
    ['namespace', 'fault', 'where', 'calls it answered'],
  );
  section(printer, `Dead-letter queue (${report.deadLetters.length})`);
  printer.table(
    report.deadLetters.map((letter) => ({
      namespace: letter.namespace,
      account: letter.account,
      reason: letter.attributes.Reason,
      error: letter.attributes.ErrorName,
      attempts: letter.attributes.Attempts,
      message: letter.attributes.ErrorMessage,
    })),
  );
  section(printer, 'Metrics (EMF, namespace CopyAutopilot; TimeToProtection: the maximum)');
  printer.table(Object.entries(report.metrics).map(([metric, value]) => ({ metric, value })));
  printCalls(report, printer);
  printer.line(`Failed CreateNamespace calls filtered by the rule: ${report.filteredFailedCalls}`);
  printStatus(report, printer);
  const asExpected = report.verdicts.filter((verdict) => verdict.ok).length;
  printer.line(
    `${report.ok ? 'OK' : 'FAILED'}: ${asExpected}/${report.verdicts.length} namespaces as expected, ` +
      `status ${report.status.ok ? 'as expected' : 'NOT as expected'}, in ${(report.elapsedMs / 1000).toFixed(1)} s`,
  );
}

function printAccounts(report: DemoReport, printer: Printer): void {
  printer.line();
  const whose =
    report.policyFile === DEMO_POLICY_FILE
      ? "the demo's own; copy-policy.yml is not used"
      : `--policy; the expectations are written for ${DEMO_POLICY_FILE}`;
  printer.line(`Policy: ${report.policyFile} (${whose})`);
  const { account, region } = report.central;
  printer.line(`Accounts (the central stack runs in ${account}, ${region}; every other region listed has`);
  printer.line('  deploy/member-account.yml, whose rule forwards its CloudTrail events to the central bus)');
  printer.table(
    report.accounts.map((demoAccount) => ({
      account: demoAccount.account,
      regions: demoAccount.regions.join(', '),
      part: demoAccount.part,
    })),
  );
}

function printNamespaces(report: DemoReport, printer: Printer): void {
  section(printer, "Namespaces (TimeToProtection: the worker's metric, from the event to the configuration)");
  printer.table(
    report.verdicts.map(({ namespace, account, region, ok, observation }) => ({
      namespace,
      account,
      region,
      result: ok ? 'as expected' : 'UNEXPECTED',
      outcomes: [...new Set(observation.outcomes)].join(', '),
      attempts: observation.attempts,
      TimeToProtection: seconds(observation.timeToProtectionSeconds),
      // Created in its own account; another account's creates of the name count against it.
      creates: observation.creates[account],
      copies: copiesOf(observation.configurations),
    })),
  );
  for (const verdict of report.verdicts.filter((candidate) => !candidate.ok)) {
    printer.line(`  ${verdict.namespace} (${verdict.account}): ${verdict.problems.join('; ')}`);
  }
}

/** The configurations deleted by hand and how fast the worker put them back. */
function printRestores(report: DemoReport, printer: Printer): void {
  const deleted = report.verdicts.filter((verdict) => verdict.observation.outcomes.includes('restored'));
  section(
    printer,
    'Deleted by hand (DeleteSnapshotCopyConfiguration, as the account) and restored by the worker',
  );
  printer.table(
    deleted.map(({ namespace, account, region, observation }) => ({
      namespace,
      account,
      region,
      'restored after': seconds(observation.restoredAfterSeconds),
      copies: copiesOf(observation.configurations),
    })),
    ['namespace', 'account', 'region', 'restored after', 'copies'],
  );
}

/** The calls the local cloud answered, the automation's apart from the demo's and `status`'s, and why each made them. */
function printCalls(report: DemoReport, printer: Printer): void {
  section(printer, 'Redshift Serverless calls');
  printer.table(
    report.calls.map((split) => ({
      operation: split.operation,
      total: split.total,
      'by the automation': split.byAutomation,
      'by the demo': split.byDemo,
      'by status': split.byStatus,
    })),
  );
  printer.line("  the automation: the copy worker lists a namespace's copy configurations before it creates");
  printer.line(
    '    one (once per attempt, retries included) and reads tags only when a rule matches on them;',
  );
  printer.line(
    "  the demo: it creates the namespaces, deletes one configuration, and lists each namespace's once",
  );
  printer.line('    for this report (and once before the deletion);');
  printer.line(
    '  status: one ListNamespaces and one ListSnapshotCopyConfigurations per target it could read, tags',
  );
  printer.line('    only for namespaces whose rule looks at them.');
  printer.line();
}

function printStatus(report: DemoReport, printer: Printer): void {
  const { status } = report;
  printer.line(`Status over the policy scope: ${status.command}`);
  for (const line of status.lines) printer.line(line === '' ? '' : `  ${line}`);
  printer.line(
    `status exit code ${status.exitCode}${status.exitCode === status.expectedExitCode ? ', as expected' : `, expected ${status.expectedExitCode}`}: ${status.why}`,
  );
  for (const problem of status.problems) printer.line(`  ${problem}`);
  printer.line();
}

/** `us-west-2 30d`, one per configuration (as `status` shows a copy); undefined (`-`) when there is none. */
function copiesOf(configurations: readonly { region: string; retentionDays: number }[]): string | undefined {
  return configurations.map((configuration) => describeCopy(configuration)).join(', ') || undefined;
}

function seconds(value: number | undefined): string | undefined {
  return value === undefined ? undefined : `${value.toFixed(2)} s`;
}

function section(printer: Printer, title: string): void {
  printer.line();
  printer.line(title);
}
