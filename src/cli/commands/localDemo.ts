import type { DemoReport } from '../../demo/runDemo.js';
import { runDemo } from '../../demo/runDemo.js';
import { describeRetention } from '../../domain/copyConfiguration.js';
import { outputFormat } from '../awsOptions.js';
import type { Command } from '../command.js';
import { UsageError } from '../errors.js';
import { policyIsDeployable } from '../policyFileOption.js';
import type { Printer } from '../printer.js';

/** `copy-autopilot local demo`: the whole automation, end to end, on the local cloud. */
export const localDemo: Command = {
  path: ['local', 'demo'],
  summary: 'boot the local cloud, deploy serverless.yml onto it, exercise every path, report',
  usage: [
    'copy-autopilot local demo [--policy FILE] [--port N] [--output table|json]',
    '',
    'Creates namespaces that are available at once, busy for a while, rejected by the service,',
    'skipped by the policy and requested twice; says which fault it injected where; exits 0 only',
    'if every outcome is the expected one. Reports TimeToProtection per protected namespace and',
    "the Redshift Serverless calls, the automation's apart from the demo's own.",
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
    if (output === 'json') printer.json(report);
    else printDemoReport(report, printer);
    return report.ok ? 0 : 1;
  },
};

function printDemoReport(report: DemoReport, printer: Printer): void {
  printNamespaces(report, printer);
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
  printer.line(
    `${report.ok ? 'OK' : 'FAILED'}: ${report.verdicts.filter((verdict) => verdict.ok).length}/${report.verdicts.length} namespaces as expected in ${(report.elapsedMs / 1000).toFixed(1)} s`,
  );
}

function printNamespaces(report: DemoReport, printer: Printer): void {
  printer.line();
  printer.line("Namespaces (TimeToProtection: the worker's metric, from the event to the configuration)");
  printer.table(
    report.verdicts.map(({ namespace, ok, observation }) => ({
      namespace,
      result: ok ? 'as expected' : 'UNEXPECTED',
      outcomes: [...new Set(observation.outcomes)].join(', '),
      attempts: observation.attempts,
      TimeToProtection:
        observation.timeToProtectionSeconds === undefined
          ? undefined
          : `${observation.timeToProtectionSeconds.toFixed(2)} s`,
      creates: observation.createCount,
      copies:
        observation.configurations
          .map((c) => `${c.region} ${describeRetention(c.retentionDays, 'short')}`)
          .join(', ') || undefined,
    })),
  );
  for (const verdict of report.verdicts.filter((candidate) => !candidate.ok)) {
    printer.line(`  ${verdict.namespace}: ${verdict.problems.join('; ')}`);
  }
}

/** The calls the local cloud answered, the automation's apart from the demo's own, and why each made them. */
function printCalls(report: DemoReport, printer: Printer): void {
  section(printer, 'Redshift Serverless calls');
  printer.table(
    report.calls.map((split) => ({
      operation: split.operation,
      total: split.total,
      'by the automation': split.byAutomation,
      'by the demo': split.byDemo,
    })),
  );
  printer.line("  the automation: the copy worker lists a namespace's copy configurations before it creates");
  printer.line(
    '    one (once per attempt, retries included) and reads tags only when a rule matches on them;',
  );
  printer.line(
    "  the demo: it creates the namespaces and lists each one's configurations once, for this report.",
  );
  printer.line();
}

function section(printer: Printer, title: string): void {
  printer.line();
  printer.line(title);
}
