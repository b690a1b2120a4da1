import { ComplianceVerdict, isCompliant } from '../../domain/compliance/evaluateCompliance.js';
import { type AssessedNamespace, verdictOf } from '../../sweep/assessNamespaces.js';
import { assessTargets, type TargetResult } from '../assessTargets.js';
import { awsOptions } from '../awsOptions.js';
import type { Command } from '../command.js';
import { describeCopy } from '../copyDescription.js';
import { csvLines } from '../csv.js';
import type { Printer } from '../printer.js';
import { resolveTargets } from '../resolveTargets.js';
import { ExitCode } from '../run.js';
import {
  AWS_OPTIONS_USAGE_FOR_SWEEPS,
  openTargetAccess,
  type ReportFormat,
  readSweepOptions,
  SWEEP_OPTIONS_USAGE,
  sweepOptions,
} from '../sweepOptions.js';
import {
  describeError,
  failedTargetRecords,
  noteTargetFailures,
  targetFailed,
  targetSummaryJson,
  targetSummaryRows,
  targetsCount,
} from '../targetReport.js';

/** One namespace as `status` reports it. */
export interface StatusRow {
  readonly namespace: string;
  readonly account: string;
  readonly region: string;
  readonly arn: string;
  readonly verdict: ComplianceVerdict | 'unreadable';
  readonly rule?: string;
  readonly current?: string;
  readonly wanted?: string;
  readonly detail: string;
}

/** `copy-autopilot status`: every namespace of every target, what it has, what the policy wants. */
export const status: Command = {
  path: ['status'],
  summary: 'every namespace in every account and region, its copy and its verdict',
  usage: [
    'copy-autopilot status [--policy FILE] [--accounts A,B] [--regions a,b] [--role-name NAME]',
    '                      [--concurrency N] [--rate N] [--output table|json|csv] [aws options]',
    '',
    'Looks at every (account, region) target, four at a time, with one progress bar on stderr, and',
    'prints a summary per target, then the namespaces that are not compliant (json and csv list',
    'every namespace).',
    'Verdicts: protected, skipped (policy says skip), unmatched (no rule) are compliant;',
    'missing, drift, invalid (the rule cannot apply) and unreadable are not.',
    'A target (or a namespace) that cannot be read is in the summary with its error, the other',
    'targets are still reported, and the exit code is 3 (not 1: nothing can be said about it).',
    '',
    SWEEP_OPTIONS_USAGE,
    AWS_OPTIONS_USAGE_FOR_SWEEPS,
  ].join('\n'),
  notOk: 'a namespace is not compliant, or the policy file is invalid',
  options: {
    ...awsOptions,
    ...sweepOptions,
  },
  run: async ({ values }, context) => {
    const options = await readSweepOptions(values, context);
    if (options === undefined) return ExitCode.NotOk;
    const { selection } = options;
    const access = openTargetAccess(options, values, context);
    try {
      const rows: StatusRow[] = [];
      const results = await assessTargets(await resolveTargets(selection, access), {
        ...options,
        access,
        printer: context.printer,
        onAssessed: (namespace) => rows.push(assessedRow(namespace)),
      });
      for (const result of results) rows.push(...unreadableRows(result));
      rows.sort(byPlace);
      printStatus(results, rows, options.format, context.printer);
      noteTargetFailures(results, values, context);
      return exitCode(results, rows);
    } finally {
      access.destroy();
    }
  },
};

function exitCode(results: readonly TargetResult[], rows: readonly StatusRow[]): number {
  if (results.some(targetFailed)) return ExitCode.Failure;
  return rows.some(isFailing) ? ExitCode.NotOk : ExitCode.Ok;
}

function isFailing(row: StatusRow): boolean {
  return row.verdict === 'unreadable' || !isCompliant(row.verdict);
}

function printStatus(
  results: readonly TargetResult[],
  rows: readonly StatusRow[],
  format: ReportFormat,
  printer: Printer,
): void {
  const failing = rows.filter(isFailing);
  switch (format) {
    case 'json':
      printer.json({
        compliant: failing.length === 0 && !results.some(targetFailed),
        targets: results.map(targetSummaryJson),
        namespaces: rows,
      });
      return;
    case 'csv':
      printStatusCsv(results, rows, printer);
      return;
    case 'table':
      printStatusTable(results, rows, failing, printer);
  }
}

/** What an auditor asks for: one row per namespace, and one per target that could not be read. */
const CSV_HEADERS = [
  'account',
  'region',
  'namespace',
  'verdict',
  'rule',
  'current_copy',
  'wanted_copy',
  'detail',
  'arn',
];

function printStatusCsv(
  results: readonly TargetResult[],
  rows: readonly StatusRow[],
  printer: Printer,
): void {
  const records = rows.map((row) => ({ ...row, current_copy: row.current, wanted_copy: row.wanted }));
  for (const line of csvLines(CSV_HEADERS, [...failedTargetRecords(results), ...records])) printer.line(line);
}

function printStatusTable(
  results: readonly TargetResult[],
  rows: readonly StatusRow[],
  failing: readonly StatusRow[],
  printer: Printer,
): void {
  printer.table(targetSummaryRows(results), ['account', 'region', 'namespaces', 'non-compliant', 'status']);
  if (failing.length > 0) {
    printer.line();
    printer.table(
      failing.map((row) => ({
        namespace: row.namespace,
        account: row.account,
        region: row.region,
        verdict: row.verdict,
        rule: row.rule,
        'current copy': row.current,
        'wanted copy': row.wanted,
      })),
      ['namespace', 'account', 'region', 'verdict', 'rule', 'current copy', 'wanted copy'],
    );
    printer.line();
    for (const row of failing) {
      printer.line(`${row.namespace} (${row.account}, ${row.region}): ${row.verdict}: ${row.detail}`);
    }
  }
  printer.line();
  printer.line(summaryLine(results, rows, failing.length));
}

function assessedRow(assessed: AssessedNamespace): StatusRow {
  return {
    ...verdictOf(assessed),
    current: describeCopy(assessed.compliance.existing),
    wanted: describeCopy(assessed.compliance.desired),
  };
}

function unreadableRows(result: TargetResult): StatusRow[] {
  return (result.assessment?.unreadable ?? []).map(({ namespace, error }) => ({
    namespace: namespace.name,
    account: result.account,
    region: namespace.region,
    arn: namespace.arn ?? '',
    verdict: 'unreadable',
    detail: describeError(error),
  }));
}

function byPlace(a: StatusRow, b: StatusRow): number {
  return (
    a.account.localeCompare(b.account) ||
    a.region.localeCompare(b.region) ||
    a.namespace.localeCompare(b.namespace)
  );
}

function summaryLine(results: readonly TargetResult[], rows: readonly StatusRow[], failing: number): string {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.verdict, (counts.get(row.verdict) ?? 0) + 1);
  const order: string[] = [...Object.values(ComplianceVerdict), 'unreadable'];
  const parts = order
    .filter((verdict) => counts.has(verdict))
    .map((verdict) => `${counts.get(verdict)} ${verdict}`);
  const head = `${rows.length} namespace${rows.length === 1 ? '' : 's'} in ${targetsCount(results.length)}`;
  const tally = parts.length === 0 ? '' : `: ${parts.join(', ')}`;
  const unread = results.filter((result) => result.error !== undefined).length;
  const verdict =
    failing > 0 ? `${failing} not compliant.` : unread > 0 ? 'Compliant where read.' : 'All compliant.';
  const failed = unread === 0 ? '' : ` ${targetsCount(unread)} could not be read.`;
  return `${head}${tally}. ${verdict}${failed}`;
}
