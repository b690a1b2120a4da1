import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless';
import type { Policy } from '../../domain/policy/types.js';
import { type SweepSummary, sweepRegion } from '../../sweep/sweepRegion.js';
import { awsOptions, outputFormat } from '../awsOptions.js';
import type { Command, CommandContext } from '../command.js';
import { createProgressReporter } from '../progressBar.js';
import {
  AWS_OPTIONS_USAGE_EXCEPT_REGION,
  clientConfigIn,
  readSweepOptions,
  SWEEP_OPTIONS_USAGE,
  sweepOptions,
} from '../sweepOptions.js';

const BUS_ARN = /^arn:aws[a-z-]*:events:([a-z0-9-]+):\d{12}:event-bus\/.+$/;

/** `copy-autopilot sweep`: a Snapshot Copy Requested event for every non-compliant namespace. */
export const sweep: Command = {
  path: ['sweep'],
  summary: 'request protection for every non-compliant namespace (--dry-run: only show them)',
  usage: [
    'copy-autopilot sweep [--dry-run] [--policy FILE] [--region R …|--regions a,b] [--concurrency 8]',
    '                     [--rate 10] [--bus default] [--yes] [aws options]',
    '',
    'Lists every namespace (ListNamespaces, all pages), judges it as `status` does, and puts one',
    '"Snapshot Copy Requested" event (origin: sweep) per non-compliant namespace on the bus; the',
    'copy worker does the rest. Asks before putting anything unless --yes.',
    '',
    '  --dry-run         show what would be requested; put nothing',
    SWEEP_OPTIONS_USAGE,
    '  --bus NAME|ARN    event bus the stack listens on, in each swept region (default: default);',
    '                    an ARN names one bus for all regions',
    '  --yes             do not ask for confirmation',
    AWS_OPTIONS_USAGE_EXCEPT_REGION,
  ].join('\n'),
  notOk: 'a non-compliant namespace could not be requested, or the policy file is invalid',
  options: {
    ...awsOptions,
    ...sweepOptions,
    'dry-run': { type: 'boolean', default: false },
    bus: { type: 'string', default: 'default' },
    yes: { type: 'boolean', default: false },
  },
  run: async ({ values }, context) => {
    const { printer } = context;
    const format = outputFormat(values);
    const busName = typeof values.bus === 'string' && values.bus !== '' ? values.bus : 'default';
    const dryRun = values['dry-run'] === true;
    const options = await readSweepOptions(values, context);
    if (options === undefined) return 1;
    const { regions, policy, concurrency, ratePerSecond } = options;
    let interrupted = false;
    void context.interrupted.then(() => {
      interrupted = true;
    });

    const summaries: SweepSummary[] = [];
    for (const region of regions) {
      if (interrupted) break;
      summaries.push(
        await sweepOneRegion(region, {
          values,
          context,
          policy,
          concurrency,
          ratePerSecond,
          busName,
          dryRun,
          isInterrupted: () => interrupted,
        }),
      );
    }

    const ok = summaries.every(isFullyRequested) && !interrupted;
    if (format === 'json') {
      printer.json({ ok, dryRun, bus: busName, regions: summaries.map(summaryJson) });
      return ok ? 0 : 1;
    }
    for (const summary of summaries) printSummary(summary, context, busName);
    if (interrupted) printer.line('Interrupted: the remaining namespaces were not looked at.');
    return ok ? 0 : 1;
  },
};

interface SweepRun {
  readonly values: Readonly<Record<string, unknown>>;
  readonly context: CommandContext;
  readonly policy: Policy;
  readonly concurrency: number;
  readonly ratePerSecond: number;
  readonly busName: string;
  readonly dryRun: boolean;
  readonly isInterrupted: () => boolean;
}

async function sweepOneRegion(region: string, run: SweepRun): Promise<SweepSummary> {
  const { context, values, busName } = run;
  const busRegion = BUS_ARN.exec(busName)?.[1] ?? region;
  const redshift = new RedshiftServerlessClient(clientConfigIn(region, values, context));
  const eventBridge = new EventBridgeClient(clientConfigIn(busRegion, values, context));
  const reporter = createProgressReporter(context.printer, `${region} `);
  try {
    const summary = await sweepRegion({
      inventory: { client: redshift, region, concurrency: run.concurrency, ratePerSecond: run.ratePerSecond },
      policy: run.policy,
      eventBridge,
      busName,
      dryRun: run.dryRun,
      onProgress: (progress) => reporter.update(progress),
      shouldStop: run.isInterrupted,
      confirm: async (nonCompliant) => {
        reporter.finish();
        if (values.yes === true) return true;
        return context.confirm(
          `Request protection for ${nonCompliant.length} non-compliant namespace${nonCompliant.length === 1 ? '' : 's'} in ${region} on bus ${busName}?`,
        );
      },
    });
    reporter.finish();
    return summary;
  } finally {
    redshift.destroy();
    eventBridge.destroy();
  }
}

/** Every non-compliant namespace was requested, and every namespace could be read. */
function isFullyRequested(summary: SweepSummary): boolean {
  return summary.unreadable.length === 0 && summary.requested.length === summary.nonCompliant.length;
}

function printSummary(summary: SweepSummary, context: CommandContext, busName: string): void {
  const { printer } = context;
  const requested = new Set(summary.requested.map((request) => request.namespaceArn));
  if (summary.nonCompliant.length > 0) {
    printer.table(
      summary.nonCompliant.map(({ namespace, compliance }) => ({
        namespace: namespace.name,
        region: namespace.region,
        verdict: compliance.verdict,
        rule: compliance.rule,
        requested: requested.has(namespace.arn) ? 'yes' : 'no',
        detail: compliance.detail,
      })),
      ['namespace', 'region', 'verdict', 'rule', 'requested', 'detail'],
    );
  }
  for (const failure of summary.failed) {
    printer.line(
      `${failure.request.namespaceName}: not requested: ${failure.errorCode}: ${failure.errorMessage}`,
    );
  }
  for (const { namespace, error } of summary.unreadable) {
    printer.line(`${namespace.name}: could not be read: ${error.name}: ${error.message}`);
  }
  const counts = `${summary.region}: ${summary.assessed} namespace${summary.assessed === 1 ? '' : 's'}, ${summary.nonCompliant.length} non-compliant`;
  const outcome = (() => {
    switch (summary.notRequested) {
      case 'dry-run':
        return 'dry run: nothing requested';
      case 'declined':
        return 'not confirmed: nothing requested (pass --yes to skip the question)';
      case 'stopped':
        return 'interrupted: nothing requested';
      case undefined:
        return `${summary.requested.length} requested on bus ${busName}${summary.failed.length > 0 ? `, ${summary.failed.length} failed` : ''}`;
    }
  })();
  printer.line(
    `${counts}, ${summary.unreadable.length > 0 ? `${summary.unreadable.length} unreadable, ` : ''}${outcome}.`,
  );
}

function summaryJson(summary: SweepSummary) {
  return {
    region: summary.region,
    assessed: summary.assessed,
    gone: summary.gone,
    notRequested: summary.notRequested,
    nonCompliant: summary.nonCompliant.map(({ namespace, compliance }) => ({
      namespace: namespace.name,
      arn: namespace.arn,
      verdict: compliance.verdict,
      rule: compliance.rule,
      detail: compliance.detail,
    })),
    requested: summary.requested.map((request) => request.namespaceName),
    failed: summary.failed.map((failure) => ({
      namespace: failure.request.namespaceName,
      errorCode: failure.errorCode,
      errorMessage: failure.errorMessage,
    })),
    unreadable: summary.unreadable.map(({ namespace, error }) => ({
      namespace: namespace.name,
      error: `${error.name}: ${error.message}`,
    })),
  };
}
