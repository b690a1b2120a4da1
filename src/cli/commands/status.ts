import { RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless';
import type { ListedNamespace } from '../../aws/namespaceInventory.js';
import { ComplianceVerdict, isCompliant } from '../../domain/compliance/evaluateCompliance.js';
import { type AssessedNamespace, assessNamespaces } from '../../sweep/assessNamespaces.js';
import { advanceProgress, INITIAL_PROGRESS } from '../../sweep/sweepProgress.js';
import { awsOptions, outputFormat } from '../awsOptions.js';
import type { Command } from '../command.js';
import { describeCopy } from '../copyDescription.js';
import { createProgressReporter } from '../progressBar.js';
import {
  AWS_OPTIONS_USAGE_EXCEPT_REGION,
  clientConfigIn,
  readSweepOptions,
  SWEEP_OPTIONS_USAGE,
  sweepOptions,
} from '../sweepOptions.js';

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

/** `copy-autopilot status`: every namespace, what it has, what the policy wants, a verdict. */
export const status: Command = {
  path: ['status'],
  summary: 'every namespace, its copy configuration, what the policy wants; exit 1 if any is not compliant',
  usage: [
    'copy-autopilot status [--policy FILE] [--region R …|--regions a,b] [--concurrency N] [--rate N] [aws options]',
    '',
    'Verdicts: protected, skipped (policy says skip), unmatched (no rule) are compliant;',
    'missing, drift, invalid (the rule cannot apply) and unreadable are not.',
    '',
    SWEEP_OPTIONS_USAGE,
    AWS_OPTIONS_USAGE_EXCEPT_REGION,
  ].join('\n'),
  notOk: 'a namespace is not compliant or could not be read, or the policy file is invalid',
  options: {
    ...awsOptions,
    ...sweepOptions,
  },
  run: async ({ values }, context) => {
    const { printer } = context;
    const format = outputFormat(values);
    const options = await readSweepOptions(values, context);
    if (options === undefined) return 1;
    const { regions, policy, concurrency, ratePerSecond } = options;

    const rows: StatusRow[] = [];
    for (const region of regions) {
      const client = new RedshiftServerlessClient(clientConfigIn(region, values, context));
      try {
        let progress = INITIAL_PROGRESS;
        const reporter = createProgressReporter(printer, `${region} `);
        for await (const event of assessNamespaces({ client, region, concurrency, ratePerSecond }, policy)) {
          progress = advanceProgress(progress, event);
          reporter.update(progress);
          if (event.kind === 'assessed') rows.push(assessedRow(event));
          if (event.kind === 'failed') rows.push(unreadableRow(event.namespace, event.error));
        }
        reporter.finish();
      } finally {
        client.destroy();
      }
    }
    rows.sort((a, b) => a.region.localeCompare(b.region) || a.namespace.localeCompare(b.namespace));
    const failing = rows.filter((row) => row.verdict === 'unreadable' || !isCompliant(row.verdict));

    if (format === 'json') {
      printer.json({ compliant: failing.length === 0, regions, namespaces: rows });
      return failing.length === 0 ? 0 : 1;
    }
    printer.table(
      rows.map((row) => ({
        namespace: row.namespace,
        region: row.region,
        verdict: row.verdict,
        rule: row.rule,
        'current copy': row.current,
        'wanted copy': row.wanted,
      })),
      ['namespace', 'region', 'verdict', 'rule', 'current copy', 'wanted copy'],
    );
    if (failing.length > 0) {
      printer.line();
      for (const row of failing)
        printer.line(`${row.namespace} (${row.region}): ${row.verdict}: ${row.detail}`);
    }
    printer.line();
    printer.line(summaryLine(rows, regions, failing.length));
    return failing.length === 0 ? 0 : 1;
  },
};

function assessedRow({ namespace, compliance }: AssessedNamespace): StatusRow {
  return {
    namespace: namespace.name,
    account: namespace.account,
    region: namespace.region,
    arn: namespace.arn,
    verdict: compliance.verdict,
    ...(compliance.rule === undefined ? {} : { rule: compliance.rule }),
    ...optional('current', describeCopy(compliance.existing)),
    ...optional('wanted', describeCopy(compliance.desired)),
    detail: compliance.detail,
  };
}

function unreadableRow(namespace: ListedNamespace, error: Error): StatusRow {
  return {
    namespace: namespace.name,
    account: '',
    region: namespace.region,
    arn: namespace.arn ?? '',
    verdict: 'unreadable',
    detail: `${error.name}: ${error.message}`,
  };
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

function summaryLine(rows: readonly StatusRow[], regions: readonly string[], failing: number): string {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.verdict, (counts.get(row.verdict) ?? 0) + 1);
  const order: string[] = [...Object.values(ComplianceVerdict), 'unreadable'];
  const parts = order
    .filter((verdict) => counts.has(verdict))
    .map((verdict) => `${counts.get(verdict)} ${verdict}`);
  const where = regions.join(', ');
  const head = `${rows.length} namespace${rows.length === 1 ? '' : 's'} in ${where}`;
  const tally = parts.length === 0 ? '' : `: ${parts.join(', ')}`;
  return failing === 0 ? `${head}${tally}. All compliant.` : `${head}${tally}. ${failing} not compliant.`;
}
