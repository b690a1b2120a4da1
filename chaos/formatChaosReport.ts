import type { ChaosReport } from './runChaos.js';

/** Violations shown in full; the rest are counted. */
const SHOWN_VIOLATIONS = 25;

/** The counts of a chaos run as lines for a terminal or a Markdown code block. Pure. */
export function formatChaosReport(report: ChaosReport): string[] {
  const { verdict, faults, settings } = report;
  const total = report.events + report.duplicateEnvelopes + report.manualRequests;
  const duplicates = report.duplicateEnvelopes + report.manualRequests;
  const percent = (part: number, whole: number) => (whole === 0 ? '0' : ((100 * part) / whole).toFixed(1));
  const list = (counts: Readonly<Record<string, number>>) =>
    Object.entries(counts)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, count]) => `${name} ${count}`)
      .join(', ') || 'none';
  const { layout, handDeletions } = report;
  const refused = Object.values(verdict.refusedInDlq).reduce((sum, count) => sum + count, 0);
  const lines = [
    `chaos run, seed ${report.seed}`,
    `scope               ${layout.managedAccounts.length} accounts × ${layout.regions.length} regions (${layout.managedAccounts.length * layout.regions.length} targets: ${layout.regions.join(', ')}) + ${layout.roleMissingAccounts.length} account in scope whose member role is missing; outside: ${layout.unmanagedAccounts.length} account, ${layout.outOfScopeRegions.join(', ')}`,
    `namespaces          ${Object.values(report.namespaces).reduce((sum, count) => sum + count, 0)} (${list(report.namespaces)})`,
    `events              ${report.events} first deliveries + ${duplicates} duplicates = ${total} deliveries (${percent(duplicates, report.events)}% duplicates: ${report.duplicateEnvelopes} same envelope again, ${report.manualRequests} new operator requests)`,
    `faults injected     InternalServerException ${faults.internalServerErrors}, ThrottlingException ${faults.throttling}, ValidationException ${faults.validationRejections}, DynamoDB InternalServerError ${faults.dynamoDbErrors}`,
    `conflict windows    ${faults.conflictWindows} namespaces made MODIFYING; ${faults.conflictRetries} records retried on ConflictException`,
    `deleted by hand     ${handDeletions.deleted} copy configurations deleted during the run (${handDeletions.planned} planned, ${handDeletions.notDone} never found to delete); ${verdict.restored} back as the policy says (outcome restored ${report.outcomes.restored ?? 0})`,
    `crashes             ${report.crashes} batches killed after a Create, before acknowledging (${report.plannedCrashes} planned); ${report.crashRedeliveries} of their records handled again`,
    `retries             ${Object.values(report.retries).reduce((sum, count) => sum + count, 0)} (${list(report.retries)})`,
    `outcomes            ${list(report.outcomes)}; ${report.idempotentReplays} answered from the idempotency store`,
    `creates             ${verdict.creates} copy configurations created, ${report.createCalls} CreateSnapshotCopyConfiguration calls, ${verdict.configurations} configurations at the end`,
    `protected           ${verdict.protectedNamespaces} namespaces with exactly the configuration their rule says; ${verdict.skippedNamespaces} skipped by policy`,
    `dead letters        ${report.deadLetters} letters for ${verdict.deadLetteredNamespaces} invalid or refused namespaces (${verdict.repeatedDeadLetters} repeats from duplicate deliveries and crashes)`,
    `refused             ${refused} records outside what the stack manages, each in the DLQ with its reason: ${list(verdict.refusedInDlq)}`,
    `lost                ${verdict.lost}`,
    `created twice       ${verdict.createdTwice} (a configuration deleted by hand may be created a second time, no more)`,
    `wrong account       ${verdict.wrongPlace} (configurations and creates per account and region, copy-configuration writes at the edge, worker outcomes)`,
    `settings            visibility timeout ${settings.visibilityTimeoutSeconds} s, backoff ${settings.backoff.baseSeconds}–${settings.backoff.maxSeconds} s, worker timeout ${settings.functionTimeoutSeconds} s (chaos overrides)`,
    `settled             ${report.settled ? 'yes' : 'NO'}`,
    `violations          ${verdict.violations.length}`,
    ...verdict.violations.slice(0, SHOWN_VIOLATIONS).map((violation) => `  - ${violation}`),
    ...(verdict.violations.length > SHOWN_VIOLATIONS
      ? [`  … and ${verdict.violations.length - SHOWN_VIOLATIONS} more`]
      : []),
    `wall time           ${(report.wallMs / 1000).toFixed(1)} s`,
  ];
  return lines;
}
