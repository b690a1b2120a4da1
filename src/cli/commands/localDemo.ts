import { runDemo } from '../../local/demo/runDemo.js';
import { outputFormat } from '../awsOptions.js';
import type { Command } from '../command.js';
import { UsageError } from '../errors.js';
import { policyIsDeployable } from '../policyFileOption.js';

/** `copy-autopilot local demo`: the whole automation, end to end, on the local cloud. */
export const localDemo: Command = {
  path: ['local', 'demo'],
  summary: 'boot the local cloud, deploy serverless.yml onto it, exercise every path, report',
  usage: [
    'copy-autopilot local demo [--policy FILE] [--port N] [--output table|json]',
    '',
    'Creates namespaces that are available at once, busy for a while, rejected by the service,',
    'skipped by the policy and requested twice; exits 0 only if every outcome is the expected one.',
  ].join('\n'),
  notOk: 'a namespace did not end as the demo expects, or the policy file is invalid',
  options: {
    policy: { type: 'string' },
    port: { type: 'string' },
    output: { type: 'string', default: 'table' },
  },
  run: async ({ values }, { printer, cwd }) => {
    const output = outputFormat(values);
    const port = values.port ? Number(values.port) : 0;
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new UsageError(`--port must be a port number, got ${String(values.port)}`);
    }
    const policyFile = typeof values.policy === 'string' ? values.policy : undefined;
    if (!(await policyIsDeployable(policyFile, cwd, printer, output))) return 1;
    const report = await runDemo({
      serviceDir: cwd,
      policyFile,
      port,
      progress: (line) => printer.note(line),
    });
    if (output === 'json') {
      printer.json(report);
      return report.ok ? 0 : 1;
    }
    printer.line();
    printer.line('Namespaces');
    printer.table(
      report.verdicts.map((verdict) => ({
        namespace: verdict.namespace,
        result: verdict.ok ? 'as expected' : 'UNEXPECTED',
        outcomes: [...new Set(verdict.observation.outcomes)].join(', '),
        attempts: verdict.observation.attempts,
        'time to protection': verdict.observation.timeToProtectionMs
          ? `${(verdict.observation.timeToProtectionMs / 1000).toFixed(1)} s`
          : undefined,
        creates: verdict.observation.createCount,
        copies:
          verdict.observation.configurations.map((c) => `${c.region} ${c.retentionDays}d`).join(', ') ||
          undefined,
      })),
    );
    for (const verdict of report.verdicts.filter((candidate) => !candidate.ok)) {
      printer.line(`  ${verdict.namespace}: ${verdict.problems.join('; ')}`);
    }
    printer.line();
    printer.line(`Dead-letter queue (${report.deadLetters.length})`);
    printer.table(
      report.deadLetters.map((letter) => ({
        namespace: letter.namespace,
        reason: letter.attributes.Reason,
        error: letter.attributes.ErrorName,
        attempts: letter.attributes.Attempts,
        message: letter.attributes.ErrorMessage,
      })),
    );
    printer.line();
    printer.line('Metrics (EMF, namespace CopyAutopilot)');
    printer.table(Object.entries(report.metrics).map(([metric, value]) => ({ metric, value })));
    printer.line();
    printer.line(
      `Redshift Serverless calls: ${Object.entries(report.redshiftCalls)
        .map(([operation, count]) => `${operation} ${count}`)
        .join(', ')}`,
    );
    printer.line(`Failed CreateNamespace calls filtered by the rule: ${report.filteredFailedCalls}`);
    printer.line(
      `${report.ok ? 'OK' : 'FAILED'}: ${report.verdicts.filter((verdict) => verdict.ok).length}/${report.verdicts.length} namespaces as expected in ${(report.elapsedMs / 1000).toFixed(1)} s`,
    );
    return report.ok ? 0 : 1;
  },
};
