import { regionOfEventBusArn } from '../../domain/identifiers.js';
import { DEFAULT_EVENT_BUS } from '../../events/constants.js';
import { type AssessedNamespace, type NamespaceVerdict, verdictOf } from '../../sweep/assessNamespaces.js';
import {
  type FailedProtectionRequest,
  type ProtectionRequest,
  requestProtection,
} from '../../sweep/requestProtection.js';
import { toProtectionRequest } from '../../sweep/sweepTarget.js';
import { assessTargets, type TargetResult } from '../assessTargets.js';
import { awsOptions } from '../awsOptions.js';
import type { Command, CommandContext } from '../command.js';
import { csvLines } from '../csv.js';
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
import type { TargetAccess } from '../targetAccess.js';
import {
  failedTargetRecords,
  noteTargetFailures,
  targetFailed,
  targetSummaryJson,
  targetSummaryRows,
  targetsCount,
} from '../targetReport.js';

/** Why nothing was requested although some namespaces are not compliant. */
type NotRequested = 'dry-run' | 'declined' | 'stopped';

/** What the requests came to, for every non-compliant namespace. */
interface SweepOutcome {
  readonly nonCompliant: readonly AssessedNamespace[];
  readonly requested: readonly ProtectionRequest[];
  readonly failed: readonly FailedProtectionRequest[];
  readonly notRequested?: NotRequested;
}

/** `copy-autopilot sweep`: a Snapshot Copy Requested event for every non-compliant namespace. */
export const sweep: Command = {
  path: ['sweep'],
  summary: 'request protection for each non-compliant namespace; --dry-run lists them',
  usage: [
    'copy-autopilot sweep [--dry-run] [--yes] [--bus default] [--policy FILE] [--accounts A,B]',
    '                     [--regions a,b] [--role-name NAME] [--concurrency 8] [--rate 10]',
    '                     [--output table|json|csv] [aws options]',
    '',
    'Looks at every (account, region) target as `status` does (ListNamespaces and',
    'ListSnapshotCopyConfigurations once per target, tags only where the policy reads them), prints',
    'a summary per target and the non-compliant namespaces, then puts one "Snapshot Copy Requested"',
    'event (origin: sweep) per non-compliant namespace on the bus, with your own credentials; the',
    'copy worker does the rest, through the member role in other accounts. Asks once before putting',
    'anything unless --yes. --dry-run exits 0 once it has printed what it would request.',
    'A target that fails (role, region, throttling) or a request EventBridge refuses is in the',
    'report with its error, the other targets still run, and the exit code is 3.',
    '',
    '  --dry-run         show what would be requested; put nothing',
    '  --yes             do not ask for confirmation',
    '  --bus NAME|ARN    the event bus the stack listens on, in your account (default: default):',
    '                    a name is the bus of that name in your home region (AWS_REGION, else the',
    '                    first target region); an ARN (stack output CentralEventBusArn) names it',
    SWEEP_OPTIONS_USAGE,
    AWS_OPTIONS_USAGE_FOR_SWEEPS,
  ].join('\n'),
  notOk: 'non-compliant namespaces left unrequested (not confirmed, interrupted), or an invalid policy',
  options: {
    ...awsOptions,
    ...sweepOptions,
    'dry-run': { type: 'boolean', default: false },
    bus: { type: 'string', default: DEFAULT_EVENT_BUS },
    yes: { type: 'boolean', default: false },
  },
  run: async ({ values }, context) => {
    const options = await readSweepOptions(values, context);
    if (options === undefined) return ExitCode.NotOk;
    const busName = typeof values.bus === 'string' && values.bus !== '' ? values.bus : DEFAULT_EVENT_BUS;
    let interrupted = false;
    void context.interrupted.then(() => {
      interrupted = true;
    });
    const access = openTargetAccess(options, values, context);
    try {
      const results = await assessTargets(await resolveTargets(options.selection, access), {
        ...options,
        access,
        printer: context.printer,
        shouldStop: () => interrupted,
      });
      const nonCompliant = results.flatMap((result) => result.assessment?.nonCompliant ?? []);
      if (options.format === 'table') printPlan(results, nonCompliant, context);
      const outcome = await request(nonCompliant, {
        access,
        busName,
        homeRegion: options.homeRegion,
        dryRun: values['dry-run'] === true,
        stopped: interrupted,
        confirm: () => confirm(values, context, nonCompliant.length, results.length, busName),
      });
      printOutcome(results, outcome, options.format, busName, context);
      noteTargetFailures(results, values, context);
      return exitCode(results, outcome);
    } finally {
      access.destroy();
    }
  },
};

function exitCode(results: readonly TargetResult[], outcome: SweepOutcome): number {
  if (results.some(targetFailed) || outcome.failed.length > 0) return ExitCode.Failure;
  const left = outcome.notRequested === 'declined' || outcome.notRequested === 'stopped';
  return left && outcome.nonCompliant.length > 0 ? ExitCode.NotOk : ExitCode.Ok;
}

async function confirm(
  values: Readonly<Record<string, unknown>>,
  context: CommandContext,
  namespaces: number,
  targets: number,
  busName: string,
): Promise<boolean> {
  if (values.yes === true) return true;
  return context.confirm(
    `Request protection for ${namespaces} non-compliant namespace${namespaces === 1 ? '' : 's'} in ${targetsCount(targets)} on bus ${busName}?`,
  );
}

interface RequestOptions {
  readonly access: TargetAccess;
  readonly busName: string;
  /** Where a bus named by its name is: AWS_REGION, else the first target region. */
  readonly homeRegion: string;
  readonly dryRun: boolean;
  readonly stopped: boolean;
  readonly confirm: () => Promise<boolean>;
}

/**
 * Puts the requests on the stack's bus, in your account: the bus an ARN names, or the bus of
 * that name in your home region (AWS_REGION), where the central stack listens for every
 * account and region of its scope.
 */
async function request(
  nonCompliant: readonly AssessedNamespace[],
  options: RequestOptions,
): Promise<SweepOutcome> {
  const none = { nonCompliant, requested: [], failed: [] };
  if (nonCompliant.length === 0) return none;
  if (options.stopped) return { ...none, notRequested: 'stopped' };
  if (options.dryRun) return { ...none, notRequested: 'dry-run' };
  if (!(await options.confirm())) return { ...none, notRequested: 'declined' };
  const busRegion = regionOfEventBusArn(options.busName) ?? options.homeRegion;
  const result = await requestProtection(nonCompliant.map(toProtectionRequest), {
    client: options.access.eventBridge(busRegion),
    busName: options.busName,
  });
  return { nonCompliant, ...result };
}

/** Before anything is put: the summary per target and what would be requested. */
function printPlan(
  results: readonly TargetResult[],
  nonCompliant: readonly AssessedNamespace[],
  context: CommandContext,
): void {
  const { printer } = context;
  printer.table(targetSummaryRows(results), ['account', 'region', 'namespaces', 'non-compliant', 'status']);
  if (nonCompliant.length === 0) return;
  printer.line();
  printer.table(
    nonCompliant.map((assessed) => ({ ...verdictOf(assessed) })),
    ['namespace', 'account', 'region', 'verdict', 'rule', 'detail'],
  );
}

function printOutcome(
  results: readonly TargetResult[],
  outcome: SweepOutcome,
  format: ReportFormat,
  busName: string,
  context: CommandContext,
): void {
  const { printer } = context;
  const rows = namespaceRows(outcome);
  if (format === 'json') {
    printer.json({
      ok: exitCode(results, outcome) === ExitCode.Ok,
      dryRun: outcome.notRequested === 'dry-run',
      notRequested: outcome.notRequested,
      bus: busName,
      targets: results.map(targetSummaryJson),
      nonCompliant: rows,
    });
    return;
  }
  if (format === 'csv') {
    const records = [
      ...failedTargetRecords(results).map((record) => ({ ...record, requested: 'no' })),
      ...rows,
    ];
    for (const line of csvLines(CSV_HEADERS, records)) printer.line(line);
    return;
  }
  for (const failure of outcome.failed) {
    printer.line(
      `${failure.request.namespaceName} (${failure.request.account}, ${failure.request.region}): not requested: ${failure.errorCode}: ${failure.errorMessage}`,
    );
  }
  printer.line();
  printer.line(finalLine(results, outcome, busName));
}

/** One row per non-compliant namespace (and per target that failed), for an audit. */
const CSV_HEADERS = [
  'account',
  'region',
  'namespace',
  'verdict',
  'rule',
  'requested',
  'detail',
  'error',
  'arn',
];

interface SweepRow extends NamespaceVerdict {
  /** yes, no, or dry-run. */
  readonly requested: string;
  readonly error?: string;
}

function namespaceRows(outcome: SweepOutcome): SweepRow[] {
  const requested = new Set(outcome.requested.map((entry) => entry.namespaceArn));
  const failures = new Map(outcome.failed.map((failure) => [failure.request.namespaceArn, failure]));
  return outcome.nonCompliant.map((assessed) => {
    const row = verdictOf(assessed);
    const failure = failures.get(row.arn);
    return {
      ...row,
      requested: requested.has(row.arn) ? 'yes' : outcome.notRequested === 'dry-run' ? 'dry-run' : 'no',
      error: failure === undefined ? undefined : `${failure.errorCode}: ${failure.errorMessage}`,
    };
  });
}

function finalLine(results: readonly TargetResult[], outcome: SweepOutcome, busName: string): string {
  const assessed = results.reduce((sum, result) => sum + (result.assessment?.assessed ?? 0), 0);
  const counts = `${assessed} namespace${assessed === 1 ? '' : 's'} in ${targetsCount(results.length)}, ${outcome.nonCompliant.length} non-compliant`;
  const what = (() => {
    switch (outcome.notRequested) {
      case 'dry-run':
        return 'dry run: nothing requested';
      case 'declined':
        return 'not confirmed: nothing requested (pass --yes to skip the question)';
      case 'stopped':
        return 'interrupted: nothing requested';
      case undefined:
        return `${outcome.requested.length} requested on bus ${busName}${outcome.failed.length > 0 ? `, ${outcome.failed.length} failed` : ''}`;
    }
  })();
  const failed = results.filter(targetFailed).length;
  return `${counts}, ${what}.${failed === 0 ? '' : ` ${targetsCount(failed)} could not be swept fully (see the summary).`}`;
}
